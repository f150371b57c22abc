"""Bad input, second round (issue 19): the cases an adversarial review found past the first
table, one or more for each root cause, and the promise checked the same way.

Each case runs in a temporary folder holding the same valid profile, criteria and small
catalog as `test_bad_input.py`, with the case's files written over them and, where a case
needs one, a special file made by `prepare` (a FIFO, a device node, a socket, a link). It
checks the exit code, the message, stdout (empty unless the case expects output), no
traceback, and that every file, link and special file in the folder is as it was, save
the ones the case creates.

Most cases run in this process. Some need a real one (`child`): an encoding set by the
environment, `/dev/stdout` into a pipe, a shell's process substitution, or anything that
would hang if its guard broke, which a watchdog then stops. Sandbox cases run in a
forked child under a memory ulimit (`memory_mb`), so that a guard that fails shows as a
failed case, not as a machine out of memory. Permission cases run as the user nobody,
as the first table's do.
"""

from __future__ import annotations

import functools
import json
import os
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from platform_advisor.batch import Job, Outcome, report_on
from tests.conftest import IS_ROOT, Run, as_nobody, run_cli
from tests.test_bad_input import (
    ADD,
    BASE_FILES,
    BOX_DRAWING,
    COMPARE,
    CRITERIA,
    NEW_PLATFORM,
    PLATFORMS,
    PROFILE,
    VALIDATE,
    edited,
    platforms_with,
    profile_with,
    score,
    score_with_criteria,
)

#: Longest a child process may run before the watchdog calls the case hung.
WATCHDOG_SECONDS = 60
#: How much more address space a sandbox case may take than the process had before it.
SANDBOX_MEMORY_MB = 1024
#: Variables whose value names a place in the case's folder.
FOLDER_VARIABLES = frozenset({"ADVISOR_CACHE_DIR", "HOME"})

Prepare = Callable[[Path], Callable[[], None] | None]
Patch = Callable[[pytest.MonkeyPatch, Path], None]


@dataclass(frozen=True)
class Case:
    """One hostile input: the command, what it finds, and what it must answer."""

    id: str
    args: tuple[str, ...]
    message: str  # in stderr (whitespace-normalised for usage errors)
    exit_code: int = 1
    files: Mapping[str, str | bytes] = field(default_factory=dict)
    also: tuple[str, ...] = ()  # more fragments stderr must hold
    absent: tuple[str, ...] = ()  # fragments neither stdout nor stderr may hold
    stdout: str = ""  # "": stdout must be empty; else a fragment it must hold
    env: Mapping[str, str | None] = field(default_factory=dict)  # None unsets
    folders: tuple[str, ...] = ()
    prepare: Prepare | None = None  # special files; may return what to do after the run
    patch: Patch | None = None  # monkeypatching, in this process only
    child: bool = False  # run `python -m platform_advisor` in a process of its own
    shell: str = ""  # a bash command line instead of args ({advisor} is the command)
    stdin: str | None = None
    memory_mb: int | None = None  # run in a forked child under this address-space margin
    unreadable: tuple[str, ...] = ()  # chmod 000 while the command runs, as nobody
    root_only: bool = False  # device nodes and other users' files need root
    creates: Mapping[str, str] = field(default_factory=dict)  # new file: text it holds
    changes: tuple[str, ...] = ()  # files the command may change (checked by `after`)
    after: Callable[[Path], None] | None = None  # further checks on the folder
    ignored: tuple[str, ...] = ("cache",)  # top-level names left out of "untouched"

    @property
    def as_nobody(self) -> bool:
        return bool(self.unreadable) and IS_ROOT

    @property
    def shared(self) -> bool:
        """Run in the folder nobody may enter, whose copy of the package's data it reads."""
        return bool(self.unreadable)


# Special files ------------------------------------------------------------------------


def fifo(name: str) -> Prepare:
    def make(folder: Path) -> None:
        os.mkfifo(folder / name)

    return make


def device(name: str, major: int, minor: int) -> Prepare:
    """A character device node of our own, never the machine's: /dev/null replaced by a
    regular file would break every program after the test."""

    def make(folder: Path) -> None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        os.mknod(folder / name, stat.S_IFCHR | 0o666, os.makedev(major, minor))

    return make


def unix_socket(name: str) -> Prepare:
    def make(folder: Path) -> None:
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(folder / name))
        listener.close()

    return make


def link(name: str, target: str, *, hard: bool = False) -> Prepare:
    def make(folder: Path) -> None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        if hard:
            os.link(folder / target, folder / name)
        else:
            (folder / name).symlink_to(target)

    return make


def fifo_being_read(name: str, into: str) -> Prepare:
    """A FIFO with a reader already waiting; what comes through is kept in `into`."""

    def make(folder: Path) -> Callable[[], None]:
        os.mkfifo(folder / name)
        reader = os.open(folder / name, os.O_RDONLY | os.O_NONBLOCK)

        def collect() -> None:
            chunks = []
            while True:
                try:
                    chunk = os.read(reader, 65536)
                except BlockingIOError:
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            os.close(reader)
            (folder / into).write_bytes(b"".join(chunks))

        return collect

    return make


def both(*steps: Prepare) -> Prepare:
    def make(folder: Path) -> Callable[[], None] | None:
        finishers = [finish for step in steps if (finish := step(folder)) is not None]
        if not finishers:
            return None

        def finish_all() -> None:
            for finish in finishers:
                finish()

        return finish_all

    return make


# Inputs -------------------------------------------------------------------------------

BIG_NUMBER = "9" * 5000
BIG_NUMBER_MESSAGE = "a number of 5,000 digits is too long (at most 4,300 digits)"
DEAD_WORKER = "doomed.yaml"
LONG_ARGUMENT = "x" * 100_000
THIRTY_FUNCTIONS = (
    "social_media, social_scheduling, advertising, email_marketing, website, ecommerce, "
    "marketplace, b2b_commerce, crm, live_chat, helpdesk, local_listings, surveys_feedback, "
    "web_analytics, cloud_hosting, office_suite, communication, project_management, erp, "
    "inventory, booking, ipaas, bi_dashboards, e_signature, payments, pos, accounting, "
    "payroll, food_delivery, travel_marketplace"
)
THIRTY_NEEDS = f"""\
business: {{name: Big Shop, sector: retail, employees: 30, country: GB}}
goals: [increase_sales]
audience: {{channels: [instagram, web]}}
technical_capability: intermediate
budget: {{monthly_usd: 20000}}
risk_tolerance: medium
needs: [{THIRTY_FUNCTIONS}]
"""
QUIET_SCORE = (*score(), "-f", "json")
TEMPLATE = ("--template", "t.j2", "-o", "report.md")
# Past the cut a constraint that leaves ShopWise out: a cut that went unnoticed would
# recommend it.
PADDED_PROFILE = (
    PROFILE + "# " + "padding " * 2000 + "\n" + "constraints: {exclude_platforms: [shopwise]}\n"
)
SELF_LINKED = platforms_with("native: [ledgerly, picgram]", "native: [ledgerly, shopwise]")
LOOK_ALIKE = platforms_with("name: OpenCart X", "name: ShopW\u0456se")  # Cyrillic і
CRLF = PLATFORMS.replace("\n", "\r\n")
# ShopWise's twin, fifty cents a month cheaper: swapping one for the other moves the stack's
# cost by less than a dollar, which the comparison wrote "-$0/month".
TWIN = (
    PLATFORMS.split("  - id: opencart-x")[0]
    .removeprefix("platforms:\n")
    .replace("id: shopwise", "id: shopwise-twin")
    .replace("name: ShopWise", "name: ShopWise Twin")
    .replace("vendor: ShopWise Ltd", "vendor: Twin Ltd")
    .replace("monthly_usd: 30,", "monthly_usd: 29.5,")
    .replace("monthly_usd: 80,", "monthly_usd: 79.5,")
    .replace("native: [ledgerly, picgram]", "native: []")
)


def template(text: str) -> dict[str, str | bytes]:
    return {"t.j2": text}


def result_of(profile_text: str) -> str:
    """What `advisor score --format json` writes for a profile (run in this process)."""
    folder = Path.cwd()
    (folder / ".run.yaml").write_text(profile_text, encoding="utf-8")
    run = run_cli(*score(".run.yaml", "-f", "json"))
    (folder / ".run.yaml").unlink()
    assert run.exit_code == 0, run
    return run.stdout


def results(**texts: Callable[[dict[str, object]], None] | None) -> Prepare:
    """Result files (old.json, new.json...) of the shop profile, each edited by a function."""

    def make(folder: Path) -> None:
        base = result_of(PROFILE)
        for name, edit in texts.items():
            data = json.loads(base)
            if edit is not None:
                edit(data)
            (folder / f"{name}.json").write_text(json.dumps(data, indent=2), encoding="utf-8")

    return make


def stack_function_not_needed(data: dict[str, object]) -> None:
    stack = data["stack"]
    assert isinstance(stack, list)
    stack[0]["function"] = "crm"


def budget_of_minus_zero(data: dict[str, object]) -> None:
    business = data["business"]
    assert isinstance(business, dict)
    business["monthly_budget"] = -0.0


def cache_planted(*, open_to_all: bool = False, owner: int | None = None) -> Prepare:
    """The case's cache folder filled by a first run, every entry then replaced by a
    pickle that would create the file PWNED when loaded (each compiled template's after
    Jinja's header, which it checks before unpickling)."""

    def make(folder: Path) -> None:
        cache = folder / "cache"
        cache.mkdir(mode=0o700)
        first = run_cli(*score(), "--template", "t.j2", env={"ADVISOR_CACHE_DIR": str(cache)})
        assert first.exit_code == 0, first
        payload = Pwned(str(folder / "PWNED"))
        import pickle

        from jinja2.bccache import bc_magic

        entries = [path for path in cache.rglob("*") if path.is_file()]
        assert entries, "the first run cached nothing"
        for entry in entries:
            header = bc_magic if entry.suffix == ".cache" else b""
            entry.write_bytes(header + pickle.dumps(payload))
        if open_to_all:
            for path in [cache, *cache.rglob("*")]:
                path.chmod(0o777 if path.is_dir() else 0o666)
        if owner is not None:
            for path in [cache, *cache.rglob("*")]:
                os.chown(path, owner, owner)

    return make


class Pwned:
    """Unpickled, it creates a file: proof that a cache entry ran code."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Callable[[str], int], tuple[str]]:
        return (os.system, (f"touch {self.path}",))


def cache_with_a_fifo(folder: Path) -> None:
    cache = folder / "cache"
    cache.mkdir(mode=0o700)
    first = run_cli(*QUIET_SCORE, env={"ADVISOR_CACHE_DIR": str(cache)})
    assert first.exit_code == 0, first
    for entry in [path for path in cache.rglob("*") if path.is_file()]:
        entry.unlink()
        os.mkfifo(entry)


def vanishing(name: str) -> Patch:
    """Remove folder `name` just as the catalog's reader is about to list it."""

    def patch(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        real = os.scandir
        target = folder / name

        def scandir(path: str | int = ".") -> object:
            if not isinstance(path, int) and Path(path).absolute() == target and target.is_dir():
                shutil.rmtree(target)
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)

    return patch


def killing_the_worker_of(profile: str) -> Patch:
    """The batch worker given `profile` dies as if killed (the workers are forks of this
    process, so they run the patched function)."""

    def patch(monkeypatch: pytest.MonkeyPatch, _folder: Path) -> None:
        monkeypatch.setattr(
            "platform_advisor.batch.report_on", functools.partial(_dies_on, profile)
        )

    return patch


def _dies_on(profile: str, job: Job) -> Outcome:
    if job.profile.name == profile:
        os.kill(os.getpid(), signal.SIGKILL)
    return report_on(job)


def only_crlf(name: str) -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        data = (folder / name).read_bytes()
        assert b"payroll-x" in data, "the entry was not added"
        assert data.count(b"\n") == data.count(b"\r\n"), "a line ends with LF alone"

    return check


def appended_to(name: str, kept: str, added: str) -> Callable[[Path], None]:
    """The file still begins with what it held, and now holds what was appended."""

    def check(folder: Path) -> None:
        text = (folder / name).read_text(encoding="utf-8")
        assert text.startswith(kept) and added in text, text[:200]

    return check


def still_a_device(name: str) -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        assert stat.S_ISCHR((folder / name).lstat().st_mode), f"{name} is no longer a device"

    return check


def no_pwned(folder: Path) -> None:
    assert not (folder / "PWNED").exists(), "a cache entry ran code"


# The cases ------------------------------------------------------------------------------

# Outputs that destroyed an input, a device node or a file behind a link.
OUTPUT_CASES = [
    Case(
        "score-output-onto-its-profile",
        score("shop.yaml", "-f", "markdown", "-o", "shop.yaml"),
        "error: shop.yaml: is one of this command's inputs; write the result to another file",
    ),
    Case(
        "score-output-onto-a-catalog-file",
        score("shop.yaml", "-f", "json", "-o", "mini/platforms.yaml"),
        "error: mini/platforms.yaml: is one of this command's inputs;",
    ),
    Case(
        "score-output-onto-its-criteria",
        score("shop.yaml", "-f", "json", "-o", "criteria.yaml"),
        "error: criteria.yaml: is one of this command's inputs;",
    ),
    Case(
        "score-output-onto-its-template",
        score("shop.yaml", "--template", "t.j2", "-o", "t.j2"),
        "error: t.j2: is one of this command's inputs;",
        files=template("{{ strategy.business.name }}\n"),
    ),
    Case(
        "score-output-onto-a-hard-link-of-its-profile",
        score("shop.yaml", "-f", "json", "-o", "copy.yaml"),
        "error: copy.yaml: is the same file as shop.yaml, one of this command's inputs;",
        prepare=link("copy.yaml", "shop.yaml", hard=True),
    ),
    Case(
        "score-output-through-a-link-to-its-profile",
        score("shop.yaml", "-f", "json", "-o", "alias.yaml"),
        "error: alias.yaml: is the same file as shop.yaml, one of this command's inputs;",
        prepare=link("alias.yaml", "shop.yaml"),
    ),
    Case(
        "compare-output-onto-its-profile",
        (*COMPARE, "-p", "shop.yaml", "shopwise", "opencart-x", "-f", "json", "-o", "shop.yaml"),
        "error: shop.yaml: is one of this command's inputs;",
    ),
    Case(
        "diff-output-onto-its-input",
        ("diff", "old.json", "new.json", "-f", "markdown", "-o", "old.json"),
        "error: old.json: is one of this command's inputs;",
        prepare=results(old=None, new=None),
    ),
    Case(
        "batch-report-onto-its-criteria",
        (
            "batch",
            "shop.yaml",
            "-o",
            "out",
            "--no-default-catalog",
            "--catalog",
            "mini",
            "--criteria",
            "out/shop.md",
        ),
        "error: out/shop.md: is one of this command's inputs;",
        files={"out/shop.md": CRITERIA},
        stdout="0 reports, 1 failed",
        creates={"out/index.md": "0 reports, 1 failed."},
    ),
    Case(
        "init-output-onto-its-answers",
        ("init", "answers.yaml", "--answers", "answers.yaml", "--non-interactive", "--force"),
        "error: answers.yaml: is one of this command's inputs;",
        files={
            "answers.yaml": "name: Shop\nsector: retail\ncountry: GB\nbudget: 100\n"
            "employees: 3\ngoals: [increase_sales]\n"
        },
    ),
    Case(
        "weights-output-onto-its-judgements",
        ("weights", "pairs.yaml", "--from", "pairs.yaml", "--force"),
        "error: pairs.yaml: is one of this command's inputs;",
        files={"pairs.yaml": "pairwise:\n  - [goal_fit, skill_fit, 3]\n"},
    ),
    Case(
        "weights-output-onto-what-it-extends",
        (
            "weights",
            "mine.yaml",
            "--extends",
            "mine.yaml",
            "--pair",
            "goal_fit,skill_fit,3",
            "--force",
        ),
        "error: mine.yaml: is one of this command's inputs;",
        files={"mine.yaml": "name: mine\nextends: balanced\n"},
    ),
    Case(
        "catalog-add-into-its-entry-file",
        (*ADD[:3], "entry.yaml", *ADD[4:], "--from", "entry.yaml"),
        "error: entry.yaml: is one of this command's inputs;",
        files={"entry.yaml": "platforms: []\n"},
    ),
    Case(
        "output-to-a-null-device",
        (*QUIET_SCORE, "-o", "dev/null"),
        "wrote dev/null",
        exit_code=0,
        prepare=device("dev/null", 1, 3),
        root_only=True,
        after=still_a_device("dev/null"),
    ),
    Case(
        "output-to-a-full-device",
        (*QUIET_SCORE, "-o", "dev/full"),
        "error: dev/full: cannot write (no space left on the device)",
        prepare=device("dev/full", 1, 7),
        root_only=True,
        after=still_a_device("dev/full"),
    ),
    Case(
        "schema-to-a-full-device",
        ("schema", "profile", "-o", "dev/full"),
        "error: dev/full: cannot write (no space left on the device)",
        prepare=device("dev/full", 1, 7),
        root_only=True,
        after=still_a_device("dev/full"),
    ),
    Case(
        "output-to-a-fifo-nobody-reads",
        (*QUIET_SCORE, "-o", "pipe"),
        "error: pipe: cannot write (nothing is reading from this pipe)",
        prepare=fifo("pipe"),
    ),
    Case(
        "output-to-a-fifo-being-read",
        (*QUIET_SCORE, "-o", "pipe"),
        "wrote pipe",
        exit_code=0,
        prepare=fifo_being_read("pipe", "got.json"),
        creates={"got.json": '"name": "Test Shop"'},
    ),
    Case(
        "output-to-a-socket",
        (*QUIET_SCORE, "-o", "sock"),
        "error: sock: is a socket, not a file; give a file name",
        prepare=unix_socket("sock"),
    ),
    Case(
        "output-to-dev-stdout-into-a-pipe",
        (*QUIET_SCORE, "-o", "/dev/stdout"),
        "",
        exit_code=0,
        child=True,
        stdout='"schema_version"',
    ),
    Case(
        "output-to-dev-stdout-appended-to-a-file",
        (),
        "",
        exit_code=0,
        files={"log.txt": "kept\n"},
        shell="{advisor} " + " ".join(QUIET_SCORE) + " -o /dev/stdout >> log.txt",
        child=True,
        changes=("log.txt",),
        after=appended_to("log.txt", "kept\n", '"schema_version"'),
    ),
    Case(
        "batch-report-through-a-planted-link",
        (
            "batch",
            "shop.yaml",
            "-o",
            "out",
            "--no-default-catalog",
            "--catalog",
            "mini",
            "--criteria",
            "criteria.yaml",
        ),
        "error: out/shop.md: is a symbolic link; batch writes no report through a link",
        files={"victim.txt": "kept\n"},
        prepare=link("out/shop.md", "../victim.txt"),
        stdout="0 reports, 1 failed",
        creates={"out/index.md": "0 reports, 1 failed."},
    ),
    Case(
        "batch-index-through-a-planted-link",
        (
            "batch",
            "shop.yaml",
            "-o",
            "out",
            "--no-default-catalog",
            "--catalog",
            "mini",
            "--criteria",
            "criteria.yaml",
        ),
        "error: out/index.md: is a symbolic link; batch writes no report through a link",
        files={"victim.txt": "kept\n"},
        prepare=link("out/index.md", "../victim.txt"),
    ),
    Case(
        "batch-profile-named-like-the-index",
        (
            "batch",
            "team",
            "-o",
            "out",
            "--no-default-catalog",
            "--catalog",
            "mini",
            "--criteria",
            "criteria.yaml",
        ),
        "",
        exit_code=0,
        files={"team/index.yaml": PROFILE, "team/shop.yaml": PROFILE},
        stdout="2 reports, 0 failed",
        creates={
            "out/index.md": "[index.yaml](index-2.md)",
            "out/index-2.md": "# Platform strategy for Test Shop",
            "out/shop.md": "# Platform strategy for Test Shop",
        },
    ),
    Case(
        "init-name-with-a-line-break",
        (
            "init",
            "new.yaml",
            "--non-interactive",
            "--name",
            "Shop\nseats: 999\n#",
            "--sector",
            "retail",
            "--employees",
            "3",
            "--country",
            "GB",
            "--budget",
            "100",
            "--goals",
            "increase_sales",
        ),
        "--name: must be one line of text (it holds a line break)",
        exit_code=2,
    ),
    Case(
        "init-answer-with-a-line-break",
        ("init", "new.yaml", "--answers", "answers.yaml", "--non-interactive"),
        "error: answers.yaml: name: must be one line of text (it holds a line break)",
        files={
            "answers.yaml": 'name: "Shop\\nseats: 999\\n#"\nsector: retail\ncountry: GB\n'
            "budget: 100\ngoals: [increase_sales]\n"
        },
    ),
]

# Caches that ran code, and a template folder left through a link.
CODE_CASES = [
    Case(
        "cache-entries-are-never-unpickled",
        (*score(), "--template", "t.j2"),
        "",
        exit_code=0,
        files=template("{{ strategy.business.name }}\n"),
        env={"ADVISOR_CACHE_DIR": "cache"},
        prepare=cache_planted(),
        stdout="Test Shop",
        after=no_pwned,
    ),
    Case(
        "cache-folder-writable-by-others-is-not-used",
        (*score(), "--template", "t.j2", "--verbose"),
        "is writable by others; not using it",
        exit_code=0,
        files=template("{{ strategy.business.name }}\n"),
        env={"ADVISOR_CACHE_DIR": "cache"},
        prepare=cache_planted(open_to_all=True),
        stdout="Test Shop",
        after=no_pwned,
        ignored=(),
    ),
    Case(
        "cache-folder-of-another-user-is-not-used",
        (*score(), "--template", "t.j2", "--verbose"),
        "belongs to another user; not using it",
        exit_code=0,
        files=template("{{ strategy.business.name }}\n"),
        env={"ADVISOR_CACHE_DIR": "cache"},
        prepare=cache_planted(owner=65534),
        root_only=True,
        stdout="Test Shop",
        after=no_pwned,
        ignored=(),
    ),
    Case(
        "template-include-through-a-link-out-of-its-folder",
        score("shop.yaml", "--template", "t/main.j2"),
        "error: t/main.j2:1: template error: link.j2 (it leads outside the template's folder)",
        files={"t/main.j2": "{% include 'link.j2' %}\n", "secret.txt": "SECRET\n"},
        prepare=link("t/link.j2", "../secret.txt"),
        absent=("SECRET",),
    ),
    Case(
        "template-include-of-a-fifo",
        score("shop.yaml", "--template", "t/main.j2"),
        "error: t/main.j2:1: template error: pipe.j2 (not a file)",
        files={"t/main.j2": "{% include 'pipe.j2' %}\n"},
        prepare=fifo("t/pipe.j2"),
        child=True,
    ),
]

# Templates that grew past the sandbox's cap or its clock.
SANDBOX = ":1: template error: "
SANDBOX_CASES = [
    Case(
        "template-translate-past-the-cap",
        (*score(), *TEMPLATE),
        f"error: t.j2{SANDBOX}a translated text would be 1,000,000,000 characters or more",
        files=template('{% set s = "x" * 1000000 %}{{ s.translate({120: "y" * 1000})|length }}'),
        memory_mb=SANDBOX_MEMORY_MB,
    ),
    Case(
        "template-map-then-join-past-the-cap",
        (*score(), *TEMPLATE),
        f"error: t.j2{SANDBOX}a joined text would be 17,000,000 characters or more",
        files=template('{{ ("x" * 20000)|list|map("center", 1000000)|join|length }}'),
        memory_mb=SANDBOX_MEMORY_MB,
    ),
    Case(
        "template-split-past-the-cap",
        (*score(), *TEMPLATE),
        f"error: t.j2{SANDBOX}a list would have 8,000,001 items, past the limit of "
        "1,000,000 for a template",
        files=template('{{ ("x " * 8000000).split()|length }}'),
        memory_mb=SANDBOX_MEMORY_MB,
    ),
    Case(
        "template-format-repeating-a-field-past-the-cap",
        (*score(), *TEMPLATE),
        f"error: t.j2{SANDBOX}a formatted text would be 100,00",
        files=template('{{ ("{0}" * 1000).format("x" * 100000)|length }}'),
        memory_mb=SANDBOX_MEMORY_MB,
    ),
    Case(
        "template-printf-repeating-a-key-past-the-cap",
        (*score(), *TEMPLATE),
        f"error: t.j2{SANDBOX}a formatted text would be 100,00",
        files=template('{{ ("%(a)s" * 1000) % {"a": "x" * 100000} }}'),
        memory_mb=SANDBOX_MEMORY_MB,
    ),
    Case(
        "template-replace-in-a-list-past-the-cap",
        (*score(), *TEMPLATE),
        f"error: t.j2{SANDBOX}a replaced text would be",
        files=template('{{ (["x" * 1000] * 1000)|replace("x", "y" * 1000)|length }}'),
        memory_mb=SANDBOX_MEMORY_MB,
    ),
    Case(
        "template-encode-past-the-cap",
        (*score(), *TEMPLATE),
        f"error: t.j2{SANDBOX}an encoded text would be 64,000,004 characters or more",
        files=template('{{ ("x" * 16000000).encode("utf-32")|length }}'),
        memory_mb=SANDBOX_MEMORY_MB,
    ),
    Case(
        "template-escape-past-the-cap",
        (*score(), *TEMPLATE),
        f"error: t.j2{SANDBOX}a value as text would be",
        files=template('{{ ("&" * 15000000)|escape|length }}'),
        memory_mb=SANDBOX_MEMORY_MB,
    ),
    Case(
        "template-sort-of-a-huge-list",
        (*score(), *TEMPLATE),
        f"error: t.j2{SANDBOX}a list would have 16,000,000 items, past the limit of 1,000,000",
        files=template('{{ ("x" * 16000000)|list|sort|length }}'),
        memory_mb=SANDBOX_MEMORY_MB,
    ),
    Case(
        "template-values-piling-up-in-a-recursion",
        (*score(), *TEMPLATE),
        f"error: t.j2{SANDBOX}the values built would be",
        files=template(
            '{% macro m(n, s) %}{% if n %}{{ m(n - 1, s ~ "") }}{% endif %}{% endmacro %}'
            '{{ m(200, "x" * 15000000) }}'
        ),
        memory_mb=SANDBOX_MEMORY_MB,
    ),
    Case(
        "template-sort-keeps-the-clock",
        (*score(), *TEMPLATE),
        f"error: t.j2{SANDBOX}rendering took longer than 10 seconds",
        files=template("{{ range(5000)|sort(attribute='real')|list|length }}"),
        patch=lambda monkeypatch, _folder: _fake_clock(monkeypatch),
    ),
]


def _fake_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock that moves a second each time it is read."""
    from itertools import count

    from platform_advisor.rendering import sandbox

    seconds = count()
    monkeypatch.setattr(sandbox, "clock", lambda: float(next(seconds)))


# Work without bounds: the stack's robustness, pipes and devices read as files.
BOUNDED_CASES = [
    Case(
        "robustness-full-at-thirty-functions",
        ("score", "big.yaml", "--robustness", "full", "-f", "json", "-o", "report.json"),
        "wrote report.json",
        exit_code=0,
        files={"big.yaml": THIRTY_NEEDS},
        child=True,
        creates={"report.json": '"unsettled"'},
    ),
    Case(
        "profile-is-a-fifo-with-no-writer",
        score("pipe.yaml"),
        "error: pipe.yaml: nothing came through within 1 second (is anything writing to it?)",
        env={"ADVISOR_READ_SECONDS": "1"},
        prepare=fifo("pipe.yaml"),
        child=True,
    ),
    Case(
        "cache-holds-fifos",
        QUIET_SCORE,
        "",
        exit_code=0,
        env={"ADVISOR_CACHE_DIR": "cache"},
        prepare=cache_with_a_fifo,
        child=True,
        stdout='"name": "Test Shop"',
    ),
    Case(
        "profile-from-a-pipe-cut-at-the-limit",
        score("/dev/stdin"),
        "error: /dev/stdin: more than the 10.2 KB limit came through (raise it with "
        "ADVISOR_MAX_FILE_MB)",
        env={"ADVISOR_MAX_FILE_MB": "0.01"},
        stdin=PADDED_PROFILE,
        child=True,
    ),
    Case(
        "profile-is-an-endless-device",
        score("dev/zero"),
        "error: dev/zero: more than the 1 MB limit came through (raise it with "
        "ADVISOR_MAX_FILE_MB)",
        env={"ADVISOR_MAX_FILE_MB": "1"},
        prepare=device("dev/zero", 1, 5),
        root_only=True,
    ),
    Case(
        "profile-is-a-null-device",
        score("dev/null"),
        "error: dev/null: the file is empty",
        prepare=device("dev/null", 1, 3),
        root_only=True,
        after=still_a_device("dev/null"),
    ),
    Case(
        "profile-is-a-socket",
        score("sock.yaml"),
        "error: sock.yaml: is a socket, not a file",
        prepare=unix_socket("sock.yaml"),
    ),
    Case(
        "template-from-a-pipe",
        (),
        "",
        exit_code=0,
        files=template("Report for {{ strategy.business.name }}\n"),
        shell="{advisor} " + " ".join(score()) + " --template <(cat t.j2)",
        child=True,
        stdout="Report for Test Shop",
    ),
    Case(
        "escape-sequences-and-bidi-controls-in-names",
        score(),
        "",
        exit_code=0,
        files=platforms_with("name: ShopWise", 'name: "Shop\\e[2J\\u202eWise"'),
        stdout="Shop[2JWise",
        absent=("\x1b", "\u202e"),
    ),
    Case(
        "look-alike-names",
        (*VALIDATE, "mini"),
        "error: mini/platforms.yaml:23:11: platforms[1].name: 'ShopW\u0456se' (platform "
        "'opencart-x') looks like 'ShopWise' (platform 'shopwise'): U+0456 in place of 'i'",
        files=LOOK_ALIKE,
    ),
]

# Tracebacks, each now answered in our words.
TRACEBACK_CASES = [
    Case(
        "profile-integer-over-4300-digits",
        score("bad.yaml"),
        f"error: bad.yaml:4:14: {BIG_NUMBER_MESSAGE}",
        files=profile_with("employees: 3", f"employees: {BIG_NUMBER}"),
    ),
    Case(
        "catalog-integer-over-4300-digits",
        (*VALIDATE, "mini"),
        f"error: mini/platforms.yaml:12:38: {BIG_NUMBER_MESSAGE}",
        files=platforms_with("monthly_usd: 30,", f"monthly_usd: {BIG_NUMBER},"),
    ),
    Case(
        "criteria-integer-over-4300-digits",
        score_with_criteria("bad-criteria.yaml"),
        f"error: bad-criteria.yaml:3:66: {BIG_NUMBER_MESSAGE}",
        files={"bad-criteria.yaml": edited(CRITERIA, "weight: 20}", f"weight: {BIG_NUMBER}}}")},
    ),
    Case(
        "batch-integer-over-4300-digits",
        (
            "batch",
            "team",
            "-o",
            "out",
            "--no-default-catalog",
            "--catalog",
            "mini",
            "--criteria",
            "criteria.yaml",
        ),
        f"error: team/big.yaml:4:14: {BIG_NUMBER_MESSAGE}",
        files={
            "team/big.yaml": edited(PROFILE, "employees: 3", f"employees: {BIG_NUMBER}"),
            "team/shop.yaml": PROFILE,
        },
        stdout="1 reports, 1 failed",
        creates={"out/index.md": "1 reports, 1 failed.", "out/shop.md": "Test Shop"},
    ),
    Case(
        "diff-integer-over-4300-digits",
        ("diff", "old.json", "new.json"),
        f"error: new.json:1:7: {BIG_NUMBER_MESSAGE}",
        prepare=results(old=None),
        files={"new.json": f'{{"x": {BIG_NUMBER}}}'},
    ),
    Case(
        "batch-worker-killed",
        (
            "batch",
            "team",
            "-o",
            "out",
            "--no-default-catalog",
            "--catalog",
            "mini",
            "--criteria",
            "criteria.yaml",
            "--workers",
            "2",
        ),
        f"error: team/{DEAD_WORKER}: the process advising it died (killed, or out of memory); "
        "no report was written",
        files={f"team/{DEAD_WORKER}": PROFILE, "team/shop.yaml": PROFILE},
        patch=killing_the_worker_of(DEAD_WORKER),
        stdout="1 reports, 1 failed",
        creates={"out/index.md": "1 reports, 1 failed.", "out/shop.md": "Test Shop"},
    ),
    Case(
        "diff-input-nested-too-deep",
        ("diff", "old.json", "deep.json"),
        "error: deep.json:1:65: nested deeper than 64 levels",
        prepare=results(old=None),
        files={"deep.json": "[" * 100_000 + "]" * 100_000},
    ),
    Case(
        "diff-input-edited-by-hand",
        ("diff", "old.json", "new.json"),
        "error: new.json:",
        also=(
            "stack[0].function: 'crm' is not among the needs this result records (was the file "
            "edited by hand? score the profile again)",
        ),
        prepare=results(old=None, new=stack_function_not_needed),
    ),
    Case(
        "init-answer-with-a-nul",
        ("init", "new.yaml", "--answers", "answers.yaml", "--non-interactive"),
        "error: answers.yaml: name: must not hold control characters (it holds U+0000)",
        files={
            "answers.yaml": 'name: "Shop\\0x"\nsector: retail\ncountry: GB\nbudget: 100\n'
            "goals: [increase_sales]\n"
        },
    ),
    Case(
        "init-name-with-a-control-character",
        (
            "init",
            "new.yaml",
            "--non-interactive",
            "--name",
            "Shop\x07",
            "--sector",
            "retail",
            "--employees",
            "3",
            "--country",
            "GB",
            "--budget",
            "100",
            "--goals",
            "increase_sales",
        ),
        "--name: must not hold control characters (it holds U+0007)",
        exit_code=2,
    ),
    Case(
        "init-name-not-utf8",
        (
            "init",
            "new.yaml",
            "--non-interactive",
            "--name",
            "Caf\udce9",
            "--sector",
            "retail",
            "--employees",
            "3",
            "--country",
            "GB",
            "--budget",
            "100",
            "--goals",
            "increase_sales",
        ),
        "--name: is not valid UTF-8 (byte 0xe9)",
        exit_code=2,
    ),
    Case(
        "criteria-extends-with-a-nul",
        score_with_criteria("bad-criteria.yaml"),
        "error: bad-criteria.yaml:2:10: extends: the name holds a NUL character (U+0000) "
        "(no file name can hold one)",
        files={"bad-criteria.yaml": 'name: mine\nextends: "bal\\0anced.yaml"\n'},
    ),
    Case(
        "catalog-folder-changes-while-read",
        (*VALIDATE, "mini"),
        "error: mini/sub: removed while the catalog was being read; run the command again",
        files={"mini/sub/more.yaml": "platforms: []\n"},
        patch=vanishing("mini/sub"),
        changes=("mini/sub", "mini/sub/more.yaml"),
    ),
    Case(
        "output-encoding-is-ascii",
        score(),
        "",
        exit_code=0,
        env={"PYTHONIOENCODING": "ascii"},
        child=True,
        stdout="Platform advice for Test Shop",
    ),
    Case(
        "package-data-unreadable",
        (
            "score",
            "shop.yaml",
            "--no-default-catalog",
            "--catalog",
            "mini",
            *("--robustness", "off"),
        ),
        "error: .package/_data/criteria: the advisor's own criteria presets cannot be read "
        "(permission denied); reinstall it, or make the folder readable",
        unreadable=(".package/_data/criteria",),
    ),
]

# Wrong or missing messages, and the smaller cases.
MESSAGE_CASES = [
    Case(
        "columns-zero",
        score(),
        "warning: COLUMNS=0 is not a width; ignoring it",
        exit_code=0,
        env={"COLUMNS": "0"},
        stdout="Platform advice for Test Shop",
    ),
    Case(
        "empty-entry-in-advisor-catalog",
        (
            "score",
            "--no-default-catalog",
            "--criteria",
            "criteria.yaml",
            *("--robustness", "off"),
            "shop.yaml",
        ),
        "ADVISOR_CATALOG has an empty entry",
        exit_code=2,
        env={"ADVISOR_CATALOG": "mini:"},
    ),
    Case(
        "unreadable-catalog-subfolder",
        (*VALIDATE, "mini"),
        "error: mini/private: permission denied (a catalog folder must be readable)",
        files={"mini/private/more.yaml": "platforms: []\n"},
        unreadable=("mini/private",),
    ),
    Case(
        "home-that-does-not-exist",
        QUIET_SCORE,
        "",
        exit_code=0,
        env={"HOME": "nohome", "XDG_CACHE_HOME": None, "ADVISOR_CACHE_DIR": None},
        stdout='"name": "Test Shop"',
    ),
    Case(
        "argument-of-100000-characters",
        (*COMPARE, "-p", "shop.yaml", "shopwise", LONG_ARGUMENT),
        "an argument of 100,000 characters is too long (at most 4,096)",
        exit_code=2,
        absent=("x" * 200,),
    ),
    Case(
        "option-value-of-100000-characters",
        ("schema", LONG_ARGUMENT),
        "an argument of 100,000 characters is too long (at most 4,096)",
        exit_code=2,
        absent=("x" * 200,),
    ),
    Case(
        "diff-of-a-budget-of-minus-zero",
        ("diff", "old.json", "new.json"),
        "",
        exit_code=0,
        prepare=results(
            old=budget_of_minus_zero,
            new=None,
        ),
        stdout="monthly budget: 0 → 200",
        absent=("budget: -0",),
    ),
    Case(
        "compare-stack-cost-under-a-dollar",
        (*COMPARE, "-p", "shop.yaml", "shopwise", "shopwise-twin"),
        "",
        exit_code=0,
        files={"mini/platforms.yaml": PLATFORMS + TWIN},
        stdout="stack cost -US$0.50/month",
        absent=("US$0/month",),
    ),
    Case(
        "catalog-add-into-a-crlf-file",
        (*ADD, *NEW_PLATFORM),
        "",
        exit_code=0,
        files={"mini/platforms.yaml": CRLF.encode("utf-8")},
        stdout="",
        changes=("mini/platforms.yaml",),
        after=only_crlf("mini/platforms.yaml"),
    ),
    Case(
        "profile-key-too-long",
        score("bad.yaml"),
        "error: bad.yaml:12:1: invalid YAML: could not find expected ':'",
        also=("a key can be at most 1,024 characters long",),
        files={"bad.yaml": PROFILE.replace("sales:", "k" * 2000 + ": 1\nsales:")},
        absent=("k" * 200,),
    ),
    Case(
        "profile-budget-of-400-digits",
        score("bad.yaml"),
        "error: bad.yaml:10:23: budget.monthly_usd: must be at most 100000000000 (got a "
        "number of 400 digits)",
        files=profile_with("monthly_usd: 200", "monthly_usd: " + "9" * 400),
        absent=("9" * 100,),
    ),
    Case(
        "profile-with-a-next-line-character",
        score("bad.yaml"),
        "error: bad.yaml:2:14: control character U+0085 is not allowed",
        files=profile_with("name: Test Shop", 'name: "Test\x85Shop"'),
    ),
    Case(
        "catalog-platform-linked-to-itself",
        (*VALIDATE, "mini"),
        "error: mini/platforms.yaml:18:42: platforms[0].integrates_with.native[1]: "
        "integrates_with lists the platform itself ('shopwise')",
        files=SELF_LINKED,
    ),
]

CASES = [
    *OUTPUT_CASES,
    *CODE_CASES,
    *SANDBOX_CASES,
    *BOUNDED_CASES,
    *TRACEBACK_CASES,
    *MESSAGE_CASES,
]


# Running a case ---------------------------------------------------------------------------


def lay_out(folder: Path, case: Case) -> Callable[[], None] | None:
    for name, content in {**BASE_FILES, **case.files}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    for name in case.folders:
        (folder / name).mkdir(parents=True)
    return case.prepare(folder) if case.prepare else None


Entry = tuple[object, ...]


def snapshot(folder: Path, ignored: tuple[str, ...]) -> dict[str, Entry]:
    """Every file's bytes, every folder, link and special file, by path (special files are
    never opened: a FIFO would block)."""
    state: dict[str, Entry] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if name.split("/")[0] in ignored:
            continue
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            state[name] = ("link", str(path.readlink()))
        elif stat.S_ISDIR(mode):
            state[name] = ("folder",)
        elif stat.S_ISREG(mode):
            state[name] = ("file", path.read_bytes())
        else:
            state[name] = ("special", stat.S_IFMT(mode), path.lstat().st_rdev)
    return state


def in_a_child(case: Case, folder: Path) -> Run:
    """The command in a process of its own, stopped by the watchdog if it hangs."""
    environment = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    for key, value in case.env.items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = str(folder / value) if key in FOLDER_VARIABLES else value
    advisor = f"{sys.executable} -m platform_advisor"
    command = (
        ["bash", "-c", case.shell.format(advisor=advisor)]
        if case.shell
        else [sys.executable, "-m", "platform_advisor", *case.args]
    )
    try:
        done = subprocess.run(
            command,
            cwd=folder,
            env=environment,
            input=case.stdin,
            capture_output=True,
            text=True,
            timeout=WATCHDOG_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Run(-1, "", f"hung: stopped by the watchdog after {WATCHDOG_SECONDS} s")
    return Run(done.returncode, done.stdout, done.stderr)


def under_memory_limit(action: Callable[[], Run], margin_mb: int) -> Run:
    """What `action` returns in a forked child whose address space may grow by no more
    than `margin_mb`: a cap that fails shows as a failed case, not as a machine out of
    memory. The answer comes back as JSON."""
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        try:
            size = _address_space()
            resource.setrlimit(
                resource.RLIMIT_AS, (size + margin_mb * 2**20, resource.RLIM_INFINITY)
            )
            run = action()
            answer = [run.exit_code, run.stdout, run.stderr]
        except BaseException as error:
            answer = [-1, "", f"{type(error).__name__}: {error}"]
        os.write(writing, json.dumps(answer).encode("utf-8"))
        os._exit(0)
    os.close(writing)
    with os.fdopen(reading, "rb") as stream:
        exit_code, stdout, stderr = json.loads(stream.read() or b'[-1, "", "the child died"]')
    os.waitpid(child, 0)
    return Run(exit_code, stdout, stderr)


def _address_space() -> int:
    """This process's virtual memory size in bytes, from /proc."""
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmSize in /proc/self/status")


def run_case(case: Case, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    env = {
        key: (str(folder / value) if key in FOLDER_VARIABLES and value else value)
        for key, value in case.env.items()
    }
    if case.child:
        return in_a_child(case, folder)
    if case.patch is not None:
        case.patch(monkeypatch, folder)
    action = functools.partial(run_cli, *case.args, env=env)  # type: ignore[arg-type]
    if case.memory_mb is not None:
        return under_memory_limit(action, case.memory_mb)
    if case.as_nobody:
        return as_nobody(action)
    return action()


def shown(run: Run, case: Case) -> str:
    """stderr as the user reads it; usage errors lose Click's box and line wrapping."""
    if case.exit_code != 2:
        return run.stderr
    return " ".join(run.stderr.translate(BOX_DRAWING).split())


def said(fragment: str, case: Case) -> str:
    return " ".join(fragment.split()) if case.exit_code == 2 else fragment


OPENINGS = {1: "error: ", 2: "Usage: advisor "}


def test_every_case_has_a_name_of_its_own() -> None:
    ids = [case.id for case in CASES]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in CASES])
def test_hostile_input_gets_a_clear_answer_and_destroys_nothing(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_tmp: Path
) -> None:
    if case.root_only and not IS_ROOT:
        pytest.skip("device nodes and other users' files need root")
    folder = shared_tmp if case.shared else tmp_path
    monkeypatch.chdir(folder)
    if case.as_nobody:  # nobody may not enter the test's private cache and data folders
        monkeypatch.setenv("ADVISOR_NO_CACHE", "1")
        monkeypatch.setenv("XDG_DATA_HOME", str(folder / ".no-data"))
    finish = lay_out(folder, case)
    if case.as_nobody:
        run_cli(*case.args)  # loads the modules the command needs, while root may read them
    before = snapshot(folder, case.ignored)
    modes = [(folder / name, (folder / name).stat().st_mode) for name in case.unreadable]
    for path, _ in modes:
        path.chmod(0o000)
    try:
        result = run_case(case, folder, monkeypatch)
    finally:
        for path, mode in modes:
            path.chmod(mode)
        if finish is not None:
            finish()

    assert result.exit_code == case.exit_code, result
    if case.stdout:
        assert case.stdout in result.stdout, result
    else:
        assert result.stdout == "", result
    assert "Traceback" not in result.stdout + result.stderr, result
    for fragment in (case.message, *case.also):
        assert said(fragment, case) in shown(result, case), result
    for fragment in case.absent:
        assert fragment not in result.stdout + result.stderr, result
    if case.exit_code in OPENINGS:
        assert result.stderr.startswith(OPENINGS[case.exit_code]), result
    after = snapshot(folder, case.ignored)
    for name, text in case.creates.items():
        created = after.pop(name, None)
        assert created is not None and created[0] == "file", f"{name} was not written"
        content = created[1]
        assert isinstance(content, bytes) and text in content.decode("utf-8"), name
    for name in case.changes:
        before.pop(name, None)
        after.pop(name, None)
    for name in set(after) - set(before):  # folders the command made for a file it wrote
        if after[name] == ("folder",) and any(c.startswith(f"{name}/") for c in case.creates):
            after.pop(name)
    assert after == before
    if case.after is not None:
        case.after(folder)
