"""Reading a data file: missing, folders, size, encoding and control characters."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from platform_advisor.errors import DataFileError, InputFileError
from platform_advisor.loading.text_files import read_text


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"^p\.yaml: no such file$"):
        read_text(tmp_path / "p.yaml", "p.yaml")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"^p: is a folder, not a file$"):
        read_text(tmp_path, "p")


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 1000)
    with pytest.raises(
        InputFileError, match=r"big\.yaml: the file is 4\.9 KB, above the 100 bytes limit"
    ):
        read_text(path, "big.yaml", limit=100)


def test_size_limit_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * 2_000_000)
    monkeypatch.setenv("ADVISOR_MAX_FILE_MB", "1")
    with pytest.raises(
        InputFileError, match=r"above the 1 MB limit \(raise it with ADVISOR_MAX_FILE_MB\)"
    ):
        read_text(path, "big.yaml")


def test_a_bad_size_limit_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_MAX_FILE_MB", "lots")
    with pytest.raises(InputFileError, match="ADVISOR_MAX_FILE_MB must be a number of megabytes"):
        read_text(tmp_path / "x.yaml", "x.yaml")


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: Caf\xc3\xa9\n")
    assert read_text(path, "bom.yaml") == "name: Café\n"


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"name: ok\nvendor: Caf\xe9\n")
    with pytest.raises(DataFileError) as caught:
        read_text(path, "latin1.yaml")
    assert str(caught.value) == (
        "latin1.yaml:2:12: not valid UTF-8 (byte 0xe9) (save the file as UTF-8)"
    )


def test_control_characters_are_located(tmp_path: Path) -> None:
    path = tmp_path / "ctl.yaml"
    path.write_text("name: ok\nnotes: bell\x07 here\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        read_text(path, "ctl.yaml")
    assert str(caught.value) == (
        "ctl.yaml:2:12: control character U+0007 is not allowed"
        " (delete it; it is often left by copying from another program)"
    )


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    real = os.open

    def refuse(name: str | Path, *args: Any, **kwargs: Any) -> int:
        if Path(name) == path:
            raise PermissionError(13, "Permission denied")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(InputFileError, match=r"^locked\.yaml: permission denied$"):
        read_text(path, "locked.yaml")
