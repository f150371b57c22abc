"""Atomic writes: the old file or the new one, never a mix, never a stray temp file.

Every test runs twice: with Linux's unnamed temporary files (O_TMPFILE) and with the
portable named ones the writer falls back to elsewhere.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from platform_advisor.errors import OutputError
from platform_advisor.storage import atomic
from platform_advisor.storage.atomic import write_atomic
from tests.conftest import IS_ROOT, as_nobody


def has_unnamed_files() -> bool:
    handle = atomic._unnamed_file(Path(tempfile.gettempdir()))
    if handle is None:
        return False
    os.close(handle)
    return True


UNNAMED = has_unnamed_files()


@pytest.fixture(autouse=True, params=["unnamed", "named"])
def temporary_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    kind: str = request.param
    if kind == "unnamed" and not UNNAMED:
        pytest.skip("this system has no unnamed temporary files")
    if kind == "named":
        monkeypatch.setattr(atomic, "_unnamed_file", lambda _folder: None)
    return kind


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_atomic(target, "hello\n")
    assert target.read_text(encoding="utf-8") == "hello\n"
    assert leftovers(tmp_path) == []


def test_new_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "r.md", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.md").stat().st_mode) == 0o644


def test_keeps_the_mode_of_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == "new"


def test_writes_through_a_symlink_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def test_a_link_not_to_be_followed_is_replaced_itself(tmp_path: Path) -> None:
    """What batch asks in a folder others may have planted links in."""
    target = tmp_path / "elsewhere.md"
    target.write_text("kept", encoding="utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    write_atomic(link, "new", follow_links=False)
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8") == "new"
    assert target.read_text(encoding="utf-8") == "kept"


def test_a_full_disk_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, "new", "report.md")
    assert (
        str(caught.value)
        == "report.md: cannot write (no space left on the device); nothing was changed"
    )
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


@pytest.fixture
def tiny_disk(shared_tmp: Path) -> Iterator[Path]:
    """A real 64 KB file system (tmpfs), where the operating system allows mounting one."""
    folder = shared_tmp / "tiny"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root and CAP_SYS_ADMIN)")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_keeps_the_old_file_and_leaves_no_temporary_file(tiny_disk: Path) -> None:
    target = tiny_disk / "report.md"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        write_atomic(target, "x" * 1_000_000, "report.md")
    assert (
        str(caught.value)
        == "report.md: cannot write (no space left on the device); nothing was changed"
    )
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tiny_disk) == []
    write_atomic(target, "new", "report.md")  # the space the failed write took is free again
    assert target.read_text(encoding="utf-8") == "new"


def test_an_interruption_before_the_rename_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


@pytest.fixture
def read_only_folder(tmp_path: Path, shared_tmp: Path) -> Iterator[Path]:
    """A folder the writer may read but not write: for root, one owned by root that the
    test writes to as nobody; for anyone else, their own folder made read-only."""
    if IS_ROOT:
        yield shared_tmp
        return
    tmp_path.chmod(0o500)
    yield tmp_path
    tmp_path.chmod(0o700)


def test_a_read_only_folder_is_reported_and_the_old_file_kept(read_only_folder: Path) -> None:
    target = read_only_folder / "report.md"
    if IS_ROOT:
        target.write_text("old", encoding="utf-8")

    def write() -> str:
        try:
            write_atomic(target, "new", "report.md")
        except OutputError as error:
            return str(error)
        return "written"

    answer = as_nobody(write) if IS_ROOT else write()
    assert answer == "report.md: cannot write (permission denied); nothing was changed"
    if IS_ROOT:
        assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(read_only_folder) == []


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    monkeypatch.setattr(atomic, "_name", refuse)
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "r.md", "x", "r.md")
    assert str(caught.value) == "r.md: cannot write (permission denied); nothing was changed"


def test_a_leftover_of_a_killed_writer_is_removed_once_stale(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    stale = tmp_path / ".report.md.123.abcd.tmp"
    fresh = tmp_path / ".report.md.456.ef01.tmp"
    other = tmp_path / ".other.md.789.2345.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_text("partial", encoding="utf-8")
    an_hour_ago = time.time() - atomic.STALE_TEMPORARY_SECONDS - 60
    os.utime(stale, (an_hour_ago, an_hour_ago))
    os.utime(other, (an_hour_ago, an_hour_ago))
    write_atomic(target, "new")
    assert leftovers(tmp_path) == sorted([fresh.name, other.name])


WRITER = """
import sys
from pathlib import Path
from platform_advisor.storage.atomic import write_atomic
target = Path(sys.argv[1])
print("ready", flush=True)
while True:
    write_atomic(target, "n" * 30_000_000)
"""


@pytest.mark.skipif(not UNNAMED, reason="a kill can leave a named temporary file behind")
def test_a_writer_killed_at_any_moment_leaves_the_old_or_new_file_and_nothing_else(
    tmp_path: Path, temporary_kind: str
) -> None:
    if temporary_kind == "named":
        pytest.skip("named temporary files are cleaned up later, not at once")
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")
    for delay in (0.01, 0.05, 0.1, 0.2, 0.3):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        assert target.read_text(encoding="utf-8") in ("old", "n" * 30_000_000)
        assert leftovers(tmp_path) == []
