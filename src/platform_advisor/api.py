"""The library's file-level entry points: what the CLI does, callable from Python."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from platform_advisor.algorithms import MethodName
from platform_advisor.algorithms.sampling import DEFAULT_ROBUSTNESS, RobustnessRequest
from platform_advisor.errors import UnknownChoiceError
from platform_advisor.loading.catalog_files import catalog_sets
from platform_advisor.loading.text_files import display_name, max_bytes
from platform_advisor.models.result import Strategy
from platform_advisor.storage.cache import (
    ModelCodec,
    cached,
    code_fingerprint,
    recall_run,
    remember,
    remember_run,
)

if TYPE_CHECKING:
    from platform_advisor.models.comparison import Comparison
from platform_advisor.resources import criteria_preset, criteria_presets
from platform_advisor.storage.inputs import note_path
from platform_advisor.tracing import timed

#: The subpackages whose code decides the advice: an edit to any of them is new advice.
ADVICE_CODE = ("core", "algorithms")


def criteria_file(name_or_path: str) -> Path:
    """A criteria preset's file, or the path itself when it names a file."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists() or "/" in name_or_path:
        return path
    presets = criteria_presets()
    if name_or_path not in presets:
        from platform_advisor.core.inputs.lookup import did_you_mean

        hint = did_you_mean(name_or_path, presets)
        raise UnknownChoiceError(
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
    day = today or date.today()
    criteria_path = criteria_file(criteria)
    # A run with the same options over files whose bytes have not changed gives the same
    # advice: it is read back without loading, validating and cross-checking the files.
    options = [
        str(Path.cwd()), str(profile), str(criteria_path), *map(str, catalog_paths),
        str(include_default_catalog), day.isoformat(), method, repr(robustness),
        code_fingerprint(*ADVICE_CODE), str(max_bytes()),
    ]  # fmt: skip
    default, user = catalog_sets(catalog_paths, include_default=include_default_catalog)
    record = recall_run(options, [*default, *user])
    if record is not None and (strategy := cached(ModelCodec(Strategy), record.advice)):
        for name, _ in record.files:  # read, so never written over
            note_path(Path(name), display_name(Path(name)))
        return strategy, record.notices
    from platform_advisor.loading.inputs import load_inputs

    with timed("read and checked the files"):
        inputs = load_inputs(
            profile,
            catalog_paths=catalog_paths,
            include_default_catalog=include_default_catalog,
            criteria_path=criteria_path,
        )
    # Same files, day and options give the same advice (to the byte): a repeated run, say
    # for another format, reads it back instead of sampling thousands of weightings again.
    key = [*inputs.texts, day.isoformat(), method, repr(robustness), code_fingerprint(*ADVICE_CODE)]
    strategy = cached(ModelCodec(Strategy), key)
    if strategy is None:
        from platform_advisor.core.advise import advise  # only when the cache has no answer

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
    remember_run(options, inputs.paths, [*default, *user], key, inputs.notices)
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
    from platform_advisor.loading.inputs import load_inputs

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
