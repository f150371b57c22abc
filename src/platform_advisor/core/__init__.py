"""The pure core: plain functions over models; no files, no printing, no YAML or Jinja.

The three jobs sit at the top (`advise`, `compare`, `diff`); below them, `scoring/` (what
each criterion measures, weights, needs, constraints, costs and the scores),
`report/` (the sections around the rankings: stack, cost of ownership, dependency,
integration, playbook, freshness, robustness) and `inputs/` (questions about the input
files: references, presets, catalog checks, intake hints, finding platforms by name).
`wording.py` holds the words every layer writes with.
"""
