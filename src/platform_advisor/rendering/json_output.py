"""The JSON result: the Strategy model as it is, versioned by its schema_version."""

from __future__ import annotations

from platform_advisor.models.result import Strategy


def render_json(strategy: Strategy) -> str:
    return strategy.model_dump_json(indent=2) + "\n"
