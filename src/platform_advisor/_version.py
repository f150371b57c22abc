"""The version of platform-advisor, read by the build backend and the cache."""

__version__ = "0.1.0"
