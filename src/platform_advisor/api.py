"""The library's file-level entry points: what the CLI does, callable from Python."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from platform_advisor.algorithms import MethodName
from platform_advisor.algorithms.sampling import RobustnessRequest
from platform_advisor.core.advise import DEFAULT_ROBUSTNESS, advise
from platform_advisor.core.inputs.lookup import did_you_mean
from platform_advisor.errors import InputFileError
from platform_advisor.loading.inputs import load_inputs
from platform_advisor.models.result import Strategy
from platform_advisor.storage.cache import ModelCodec, cached, code_fingerprint, remember

if TYPE_CHECKING:
    from platform_advisor.models.comparison import Comparison
from platform_advisor.resources import criteria_preset, criteria_presets
from platform_advisor.tracing import timed


def criteria_file(name_or_path: str) -> Path:
    """A criteria preset's file, or the path itself when it names a file."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists() or "/" in name_or_path:
        return path
    presets = criteria_presets()
    if name_or_path not in presets:
        hint = did_you_mean(name_or_path, presets)
        raise InputFileError(
            f"no criteria preset named {name_or_path!r}"
            + (f" ({hint})" if hint else "")
            + f"; presets: {', '.join(presets)}; or give a YAML file"
        )
    return criteria_preset(name_or_path)


def advise_files(
    profile: Path,
    *,
    catalog_paths: Sequence[Path] = (),
    include_default_catalog: bool = True,
    criteria: str = "balanced",
    today: date | None = None,
    method: MethodName = "weighted_sum",
    robustness: RobustnessRequest | None = DEFAULT_ROBUSTNESS,
) -> tuple[Strategy, tuple[str, ...]]:
    """Load the files, check them against each other and advise; also return notices."""
    with timed("read and checked the files"):
        inputs = load_inputs(
            profile,
            catalog_paths=catalog_paths,
            include_default_catalog=include_default_catalog,
            criteria_path=criteria_file(criteria),
        )
    day = today or date.today()
    # Same files, day and options give the same advice (to the byte): a repeated run, say
    # for another format, reads it back instead of sampling thousands of weightings again.
    key = [*inputs.texts, day.isoformat(), method, repr(robustness), code_fingerprint("core")]
    strategy = cached(ModelCodec(Strategy), key)
    if strategy is None:
        with timed("advised"):
            strategy = advise(
                inputs.profile,
                inputs.catalog,
                inputs.criteria,
                today=day,
                method=method,
                robustness=robustness,
            )
        remember(ModelCodec(Strategy), key, strategy)
    return strategy, inputs.notices


def compare_files(
    profile: Path,
    names: Sequence[str],
    *,
    catalog_paths: Sequence[Path] = (),
    include_default_catalog: bool = True,
    criteria: str = "balanced",
    function: str | None = None,
    today: date | None = None,
    method: MethodName = "weighted_sum",
) -> tuple[Comparison, tuple[str, ...]]:
    """Load the files and put the named finalists side by side; also return notices."""
    from platform_advisor.core.compare import compare

    inputs = load_inputs(
        profile,
        catalog_paths=catalog_paths,
        include_default_catalog=include_default_catalog,
        criteria_path=criteria_file(criteria),
    )
    comparison = compare(
        inputs.profile,
        inputs.catalog,
        inputs.criteria,
        names,
        function=function,
        today=today or date.today(),
        method=method,
    )
    return comparison, inputs.notices
