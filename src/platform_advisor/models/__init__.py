"""Validated input models and the result model."""
