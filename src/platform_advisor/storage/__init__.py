"""Files on disk: atomic writes, locks, the content cache and the collector pause that
speeds up building large data."""
