"""A coverage-guided fuzz target for the advisor's file loading (atheris, libFuzzer).

Every input is written to a file and read the way the commands read it, as each kind of
file in turn:

- a catalog, on its own (``--no-default-catalog``, then ``catalog lint``) and beside the
  built-in catalog (duplicate ids and references across files);
- a criteria file, with the presets it extends, checked against the built-in catalog;
- a profile, checked against the built-in catalog and the balanced criteria.

RELIABILITY.md promises that bad input gets a clear answer and never a traceback, so the
only acceptable outcomes are success or one of our own errors whose every problem names
its file, with a line and column that exist in it, on one line of the message. Anything
else (another exception, a problem without a place or outside the file, a message that
spills over several lines) is a finding: libFuzzer stops and keeps the input.

Usage (docs/fuzzing.md has more):

    python fuzz/loader.py                     fuzz for 10 minutes from the seed corpus
    python fuzz/loader.py -max_total_time=60  any libFuzzer option, defaults kept
    python fuzz/loader.py --check FILE...     replay inputs without atheris, with tracebacks
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
SEEDS = ("fuzz/corpus", "catalogs", "criteria", "examples", "tests/fixtures")
WORK_CORPUS = "fuzz/work"  # where libFuzzer keeps the inputs it found interesting
CRASHES = "fuzz/crashes"
DEFAULT_OPTIONS = {
    "-max_total_time": "600",
    "-timeout": "10",  # seconds for one input: longer is a hang
    "-max_len": "16384",
    "-dict": str(REPOSITORY / "fuzz" / "loader.dict"),
    "-rss_limit_mb": "2048",
    "-artifact_prefix": str(REPOSITORY / CRASHES) + os.sep,
    "-print_final_stats": "1",
}
FUZZED_NAME = "fuzzed.yaml"
# NEL (U+0085) is refused as a control character, at the line an editor shows it on: it
# ends no line here.
LINE_BREAK = re.compile("\r\n|[\r\n\u2028\u2029]")
TODAY = date(2026, 1, 1)  # fixed, so a replay behaves as the run did


def prepare_check() -> Callable[[bytes], None]:
    """Load the built-in catalog and criteria once; return the per-input check."""
    from platform_advisor.loading.catalogs import load_catalog
    from platform_advisor.loading.criteria_files import load_criteria
    from platform_advisor.resources import criteria_preset

    default = load_catalog()
    criteria, _ = load_criteria(criteria_preset("balanced"), catalog=default.catalog)
    folder = Path(tempfile.mkdtemp(prefix="advisor-fuzz-"))
    path = folder / FUZZED_NAME

    def check(data: bytes) -> None:
        path.write_bytes(data)
        for load in _loaders(default, criteria):
            _expect_success_or_located_error(load, path, data)

    return check


def _loaders(default: object, criteria: object) -> list[Callable[[Path], object]]:
    """Each way a command reads a file, as a function of its path."""
    from platform_advisor.core.inputs.references import check_catalog_files, check_profile
    from platform_advisor.loading.catalogs import LoadedCatalog, lint, load_catalog
    from platform_advisor.loading.criteria_files import load_criteria_chain
    from platform_advisor.loading.sources import load_model, raise_located, read_source, validated
    from platform_advisor.models.catalog import CatalogFile
    from platform_advisor.models.criteria import Criteria
    from platform_advisor.models.profile import Profile

    assert isinstance(default, LoadedCatalog) and isinstance(criteria, Criteria)

    def catalog_alone(path: Path) -> object:
        loaded = load_catalog([path], include_default=False)
        return lint(loaded, today=TODAY, stale_after_months=12)

    def catalog_beside_default(path: Path) -> object:
        source = read_source(path)
        files = [*default.files, (source.display, validated(CatalogFile, source))]
        findings = check_catalog_files(files, default.built_in)
        raise_located(findings, {**default.sources, source.display: source})
        return files

    def criteria_file(path: Path) -> object:
        return load_criteria_chain(path, catalog=default.catalog)

    def profile(path: Path) -> object:
        value, source = load_model(Profile, path)
        findings = check_profile(value, default.catalog, criteria, source.display)
        raise_located(findings, {source.display: source})
        return value

    return [catalog_alone, catalog_beside_default, criteria_file, profile]


def _expect_success_or_located_error(
    load: Callable[[Path], object], path: Path, data: bytes
) -> None:
    from platform_advisor.errors import AdvisorError, DataFileError
    from platform_advisor.loading.text_files import display_name

    display = display_name(path)
    try:
        load(path)
    except DataFileError as error:
        lines = _lines(data)
        for problem in error.problems:
            _check_problem(problem, display, lines, load.__name__)
    except AdvisorError as error:
        if not str(error).startswith(f"{display}: "):
            raise AssertionError(f"{load.__name__}: message without the file: {error}") from None


def _check_problem(problem: object, display: str, lines: list[str], how: str) -> None:
    """A problem names a file, sits inside it when it is the fuzzed one, fits on one line."""
    from platform_advisor.errors import Problem

    assert isinstance(problem, Problem)
    text = str(problem)
    if "\n" in text or "\r" in text:
        raise AssertionError(f"{how}: a problem spans several lines: {text!r}")
    location = problem.location
    if location is None or not location.file:
        raise AssertionError(f"{how}: a problem without a file: {text!r}")
    if location.file != display or location.line is None:
        return
    if not 1 <= location.line <= len(lines) + 1:
        raise AssertionError(f"{how}: line {location.line} of {len(lines)}: {text!r}")
    if location.column is not None and location.line <= len(lines):
        width = len(lines[location.line - 1])
        if not 1 <= location.column <= width + 1:
            raise AssertionError(f"{how}: column {location.column} of {width}: {text!r}")


def _lines(data: bytes) -> list[str]:
    """The input's lines as the loader counts them (CR, LF, CRLF, LS and PS each end one)."""
    text = data.decode("utf-8-sig", errors="replace")
    return LINE_BREAK.split(text)


def _libfuzzer_arguments(arguments: list[str]) -> list[str]:
    """The user's arguments, with our corpus folders and default options where not given."""
    given = {argument.split("=", 1)[0] for argument in arguments if argument.startswith("-")}
    options = [f"{key}={value}" for key, value in DEFAULT_OPTIONS.items() if key not in given]
    folders = [argument for argument in arguments if not argument.startswith("-")]
    if not folders:
        (REPOSITORY / WORK_CORPUS).mkdir(parents=True, exist_ok=True)
        folders = [str(REPOSITORY / WORK_CORPUS), *(str(REPOSITORY / seed) for seed in SEEDS)]
    (REPOSITORY / CRASHES).mkdir(parents=True, exist_ok=True)
    return [sys.argv[0], *options, *[a for a in arguments if a.startswith("-")], *folders]


def replay(paths: list[str]) -> int:
    """Run saved inputs through the same checks, without atheris; the first failure raises."""
    check = prepare_check()
    for name in paths:
        check(Path(name).read_bytes())
        print(f"{name}: ok")
    return 0


def fuzz(arguments: list[str]) -> None:
    """Start libFuzzer over the instrumented loader; it exits when done or on a finding."""
    import atheris  # type: ignore[import-untyped, import-not-found, unused-ignore]

    with atheris.instrument_imports(include=["platform_advisor", "yaml"]):
        check = prepare_check()
    atheris.Setup(_libfuzzer_arguments(arguments), check)
    atheris.Fuzz()


if __name__ == "__main__":
    # A fuzzed file must be validated every time, and never fill the user's cache.
    os.environ["ADVISOR_NO_CACHE"] = "1"
    if sys.argv[1:2] == ["--check"]:
        sys.exit(replay(sys.argv[2:]))
    fuzz(sys.argv[1:])
