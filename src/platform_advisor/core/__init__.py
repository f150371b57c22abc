"""The pure core: plain functions over models; no files, no printing, no YAML or Jinja."""
