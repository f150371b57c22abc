"""platform-advisor: which platforms a small or medium business should build on, and why.

The library behind the ``advisor`` command::

    from platform_advisor import advise_files, render
    strategy, notices = advise_files(Path("examples/bakery.yaml"))
    print(render(strategy, "markdown"))

Names are imported on first use, so importing the package stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from platform_advisor._version import __version__

_EXPORTS = {
    "advise": "platform_advisor.core.advise",
    "advise_files": "platform_advisor.api",
    "compare_files": "platform_advisor.api",
    "criteria_file": "platform_advisor.api",
    "load_catalog": "platform_advisor.loading.catalogs",
    "load_inputs": "platform_advisor.loading.inputs",
    "load_model": "platform_advisor.loading.sources",
    "render": "platform_advisor.rendering",
    "render_template": "platform_advisor.rendering",
    "write_atomic": "platform_advisor.storage.atomic",
    "AdvisorError": "platform_advisor.errors",
    "Catalog": "platform_advisor.models.catalog",
    "CatalogFile": "platform_advisor.models.catalog",
    "Platform": "platform_advisor.models.catalog",
    "Criteria": "platform_advisor.models.criteria",
    "Profile": "platform_advisor.models.profile",
    "Strategy": "platform_advisor.models.result",
    "Comparison": "platform_advisor.models.comparison",
}
__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:
    from platform_advisor.api import advise_files, compare_files, criteria_file
    from platform_advisor.core.advise import advise
    from platform_advisor.errors import AdvisorError
    from platform_advisor.loading.catalogs import load_catalog
    from platform_advisor.loading.inputs import load_inputs
    from platform_advisor.loading.sources import load_model
    from platform_advisor.models.catalog import Catalog, CatalogFile, Platform
    from platform_advisor.models.comparison import Comparison
    from platform_advisor.models.criteria import Criteria
    from platform_advisor.models.profile import Profile
    from platform_advisor.models.result import Strategy
    from platform_advisor.rendering import render, render_template
    from platform_advisor.storage.atomic import write_atomic


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'platform_advisor' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
