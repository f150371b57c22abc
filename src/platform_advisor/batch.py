"""Many profiles at once: one report each, written side by side, on every core.

Each profile is advised in a worker process of its own; a profile that fails is reported
with its message and the others carry on, even when its worker dies. An index page links
the reports. No report is written through a link in the output folder, over one of the
inputs, or over the index.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from platform_advisor.contracts import Format
from platform_advisor.core.wording import MoneyStyle, money
from platform_advisor.errors import AdvisorError, InputFileError

SUFFIXES = {"markdown": ".md", "html": ".html", "json": ".json", "terminal": ".txt"}
PROFILE_SUFFIXES = (".yaml", ".yml")
#: The index page's name, less its suffix: no report may take it.
INDEX_STEM = "index"
DIED = "the process advising it died (killed, or out of memory); no report was written"
LINKED = (
    "is a symbolic link; batch writes no report through a link (remove it, or choose "
    "another --output-dir)"
)


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


def index_path(folder: Path, fmt: Format) -> Path:
    return folder / f"{INDEX_STEM}{'.html' if fmt == 'html' else '.md'}"


def jobs_for(profiles: Sequence[Path], folder: Path, fmt: Format, advice: Advice) -> list[Job]:
    """A report name per profile, made unique when two profiles share a file name (or a
    profile has the index's name)."""
    jobs, taken = [], {INDEX_STEM}
    for profile in profiles:
        stem, number = profile.stem, 1
        while stem in taken:
            number += 1
            stem = f"{profile.stem}-{number}"
        taken.add(stem)
        jobs.append(Job(profile, folder / f"{stem}{SUFFIXES[fmt]}", fmt, advice))
    return jobs


@dataclass(frozen=True)
class Plan:
    """What a batch will do: the jobs to run, the profiles already failed (unreadable, or
    whose report may not be written), and the index page."""

    jobs: tuple[Job, ...]
    failed: tuple[Outcome, ...]
    index: Path
    profiles: tuple[Path, ...]

    def ordered(self, outcomes: Sequence[Outcome]) -> list[Outcome]:
        """Outcomes in the order the profiles were named (unreadable paths first)."""
        order = {profile: n for n, profile in enumerate(self.profiles)}
        return sorted(outcomes, key=lambda outcome: order.get(outcome.profile, -1))


def plan(paths: Sequence[Path], folder: Path, fmt: Format, advice: Advice) -> Plan:
    """The batch's jobs; OutputError when its index may not be written (a link, an input)."""
    from platform_advisor.errors import OutputError
    from platform_advisor.storage.inputs import refuse_input

    found, unreadable = profiles_in(paths)
    watch_inputs(found, advice)
    index = index_path(folder, fmt)
    if index.is_symlink():
        raise OutputError(f"{index}: {LINKED}")
    refuse_input(index, str(index))
    jobs = jobs_for(found, folder, fmt, advice)
    refusals = {job.profile: refusal for job in jobs if (refusal := refused(job)) is not None}
    return Plan(
        tuple(job for job in jobs if job.profile not in refusals),
        (*unreadable, *refusals.values()),
        index,
        tuple(found),
    )


def watch_inputs(profiles: Sequence[Path], advice: Advice) -> None:
    """Note the files every job reads, so that no report replaces one (workers started
    after this inherit the note)."""
    from platform_advisor.api import criteria_file
    from platform_advisor.loading.catalog_files import catalog_files
    from platform_advisor.loading.text_files import display_name
    from platform_advisor.storage.inputs import note_path

    named: list[Path] = [*profiles]
    try:
        named += catalog_files(advice.catalogs)
        named.append(criteria_file(advice.criteria))
    except AdvisorError:
        pass  # each job reports it
    for path in named:
        note_path(path, display_name(path))


def refused(job: Job) -> Outcome | None:
    """The outcome of a job whose report may not be written: a link, or an input."""
    from platform_advisor.storage.inputs import input_problem

    if job.report.is_symlink():
        return Outcome(job.profile, None, "", "", "", f"{job.report}: {LINKED}")
    problem = input_problem(job.report, str(job.report))
    return None if problem is None else Outcome(job.profile, None, "", "", "", problem)


def run(jobs: Sequence[Job], workers: int | None, done: Callable[[Outcome], None]) -> list[Outcome]:
    """Every job, on `workers` processes (every core by default); `done` hears of each.

    When a worker dies (killed, out of memory), its pool breaks and the jobs it had not
    finished are run again one by one, each in a fresh process, so that only the job
    that kills its worker fails."""
    count = workers or os.cpu_count() or 1
    outcomes, unfinished = _in_pool(jobs, min(count, max(1, len(jobs))), done)
    for job in unfinished:
        alone, _ = _in_pool([job], 1, done)
        if not alone:
            outcome = Outcome(job.profile, None, "", "", "", f"{job.profile}: {DIED}")
            done(outcome)
            alone = [outcome]
        outcomes += alone
    order = {job.profile: index for index, job in enumerate(jobs)}
    return sorted(outcomes, key=lambda outcome: order[outcome.profile])


def _in_pool(
    jobs: Sequence[Job], workers: int, done: Callable[[Outcome], None]
) -> tuple[list[Outcome], list[Job]]:
    """The outcomes of the jobs finished, and the jobs left when a worker died."""
    outcomes: list[Outcome] = []
    unfinished: list[Job] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_one_thread_each) as pool:
        futures: dict[Future[Outcome], Job] = {pool.submit(report_on, job): job for job in jobs}
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except BrokenProcessPool:
                unfinished.append(futures[future])
                continue
            outcomes.append(outcome)
            done(outcome)
    return outcomes, unfinished


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

    refusal = refused(job)
    if refusal is not None:
        return refusal
    try:
        strategy, _ = advise_files(
            job.profile,
            catalog_paths=job.advice.catalogs,
            include_default_catalog=job.advice.include_default_catalog,
            criteria=job.advice.criteria,
            today=job.advice.today,
        )
        report = render(strategy, job.fmt)
        write_atomic(job.report, report, str(job.report), follow_links=False)
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
