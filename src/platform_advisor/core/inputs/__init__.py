"""Questions about the inputs that loading, editing and the CLI ask the core: references
between files, the maintainer's catalog checks, criteria presets, intake hints for
`advisor init`, and finding platforms by name."""
