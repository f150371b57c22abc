"""Many profiles at once: one report each, written side by side, on every core.

Each profile is advised in a worker process of its own; a profile that fails is reported
with its message and the others carry on. An index page links the reports.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from platform_advisor.contracts import Format
from platform_advisor.core.wording import MoneyStyle, money
from platform_advisor.errors import AdvisorError, InputFileError

SUFFIXES = {"markdown": ".md", "html": ".html", "json": ".json", "terminal": ".txt"}
PROFILE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Advice:
    """What every profile of a batch is advised with."""

    criteria: str
    today: date
    catalogs: tuple[Path, ...] = ()
    include_default_catalog: bool = True


@dataclass(frozen=True)
class Job:
    """One profile to report on, and where."""

    profile: Path
    report: Path
    fmt: Format
    advice: Advice


@dataclass(frozen=True)
class Outcome:
    """What became of one profile: its report, or why there is none."""

    profile: Path
    report: Path | None
    business: str
    stack: str
    monthly: str  # the stack's fixed cost a month, in the profile's currency
    error: str

    @property
    def ok(self) -> bool:
        return self.report is not None


def profiles_in(paths: Sequence[Path]) -> tuple[list[Path], list[Outcome]]:
    """The profile files named, folders expanded in sorted order; and an outcome for each
    path that cannot be read (a missing file, an unreadable or empty folder)."""
    found: list[Path] = []
    failed: list[Outcome] = []
    for path in paths:
        try:
            found.extend(_profiles_at(path))
        except AdvisorError as error:
            failed.append(Outcome(path, None, "", "", "", _message(error)))
        except OSError as error:
            reason = (error.strerror or type(error).__name__).lower()
            failed.append(Outcome(path, None, "", "", "", f"{path}: {reason}"))
    return list(dict.fromkeys(found)), failed


def _profiles_at(path: Path) -> list[Path]:
    if not path.is_dir():
        if not path.exists():
            raise InputFileError(f"{path}: no such file or folder")
        return [path]
    listed = sorted(p for p in path.iterdir() if p.suffix in PROFILE_SUFFIXES and p.is_file())
    if not listed:
        raise InputFileError(f"{path}: no profile (.yaml) in this folder")
    return listed


def jobs_for(profiles: Sequence[Path], folder: Path, fmt: Format, advice: Advice) -> list[Job]:
    """A report name per profile, made unique when two profiles share a file name."""
    jobs, taken = [], set()
    for profile in profiles:
        stem, number = profile.stem, 1
        while stem in taken:
            number += 1
            stem = f"{profile.stem}-{number}"
        taken.add(stem)
        jobs.append(Job(profile, folder / f"{stem}{SUFFIXES[fmt]}", fmt, advice))
    return jobs


def run(jobs: Sequence[Job], workers: int | None, done: Callable[[Outcome], None]) -> list[Outcome]:
    """Every job, on `workers` processes (every core by default); `done` hears of each."""
    outcomes = []
    count = workers or os.cpu_count() or 1
    workers_used = min(count, max(1, len(jobs)))
    with ProcessPoolExecutor(max_workers=workers_used, initializer=_one_thread_each) as pool:
        futures = [pool.submit(report_on, job) for job in jobs]
        for future in as_completed(futures):
            outcome = future.result()
            outcomes.append(outcome)
            done(outcome)
    order = {job.profile: index for index, job in enumerate(jobs)}
    return sorted(outcomes, key=lambda outcome: order[outcome.profile])


def _one_thread_each() -> None:
    """The workers share the cores between them, so numpy's maths library in each gets
    one thread: with its own pool of threads per worker, the cores were oversubscribed
    and two workers ran slower than one."""
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")


def report_on(job: Job) -> Outcome:
    """Advise one profile and write its report; never raises for bad input (worker side)."""
    from platform_advisor.api import advise_files
    from platform_advisor.rendering import render
    from platform_advisor.storage.atomic import write_atomic

    try:
        strategy, _ = advise_files(
            job.profile,
            catalog_paths=job.advice.catalogs,
            include_default_catalog=job.advice.include_default_catalog,
            criteria=job.advice.criteria,
            today=job.advice.today,
        )
        write_atomic(job.report, render(strategy, job.fmt), str(job.report))
    except (AdvisorError, OSError, RecursionError) as error:
        return Outcome(job.profile, None, "", "", "", _message(error))
    stack = ", ".join(dict.fromkeys(item.name for item in strategy.stack))
    style = MoneyStyle.of(strategy.money_format.model_dump())
    monthly = money(strategy.cost.monthly_fixed, style, cents=False)
    return Outcome(job.profile, job.report, strategy.business.name, stack, monthly, "")


def _message(error: BaseException) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def index_text(outcomes: Sequence[Outcome], folder: Path) -> str:
    """A Markdown index of the reports, failures included with their first line."""
    lines = [
        "# Platform reports",
        "",
        "| Profile | Business | Stack | Fixed cost a month |",
        "| --- | --- | --- | ---: |",
    ]
    lines += list(_index_rows(outcomes, folder))
    failed = sum(not outcome.ok for outcome in outcomes)
    lines += ["", f"{len(outcomes) - failed} reports, {failed} failed."]
    return "\n".join(lines) + "\n"


def _index_rows(outcomes: Sequence[Outcome], folder: Path) -> Iterator[str]:
    from platform_advisor.rendering.templates import escape_markdown

    for outcome in outcomes:
        if outcome.report is None:
            profile, error = escape_markdown(outcome.profile.name), escape_markdown(outcome.error)
            yield f"| {profile} | failed | {error} | |"
            continue
        link = quote(outcome.report.relative_to(folder).as_posix())
        name = escape_markdown(outcome.business)
        yield (
            f"| [{escape_markdown(outcome.profile.name)}]({link}) | {name} | "
            f"{escape_markdown(outcome.stack)} | {escape_markdown(outcome.monthly)} |"
        )
