"""What fuzzing the loader found (docs/fuzzing.md), each kept as a regression test, and
the fuzz target's own checks run over its seed corpus so the target cannot rot."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from platform_advisor.errors import DataFileError
from platform_advisor.loading.text_files import read_text
from platform_advisor.loading.yaml_reader import parse_yaml
from tests.conftest import REPOSITORY

FUZZ_TARGET = REPOSITORY / "fuzz" / "loader.py"
HOSTILE_SEEDS = sorted((REPOSITORY / "fuzz" / "corpus").glob("*.yaml"))


def _message(tmp_path: Path, content: bytes) -> str:
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    with pytest.raises(DataFileError) as caught:
        read_text(path, "f.yaml")
    return str(caught.value)


def test_invalid_utf8_after_a_byte_order_mark_names_the_right_byte_and_column(
    tmp_path: Path,
) -> None:
    # "utf-8-sig" counted the offset from after the mark: it named 0xbf and column 3.
    message = _message(tmp_path, b"\xef\xbb\xbfname: Caf\xe9\n")
    assert message == "f.yaml:1:10: not valid UTF-8 (byte 0xe9) (save the file as UTF-8)"


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (b"name: ok\rvendor: Caf\xe9\r", "f.yaml:2:12"),  # classic Mac line ends
        (b"name: ok\r\nvendor: Caf\xe9\r\n", "f.yaml:2:12"),  # CRLF counts once
        (b"a: 1\r\n\rb: \xe9", "f.yaml:3:4"),
        # LS ends a line; NEL does not (it is refused, at the line an editor shows)
        ("a: 1\u2028b: x\x85c: ".encode() + b"\xe9", "f.yaml:2:9"),
    ],
)
def test_invalid_utf8_is_located_with_yamls_line_breaks(
    tmp_path: Path, content: bytes, where: str
) -> None:
    # Only LF used to end a line, so a CR-only file put every problem on line 1.
    assert _message(tmp_path, content).startswith(f"{where}: not valid UTF-8")


def test_a_control_character_and_a_yaml_error_agree_on_the_line(tmp_path: Path) -> None:
    text = "name: ok\rnotes: [\rvendor: x\x07\r"
    control = _message(tmp_path, text.encode())
    with pytest.raises(DataFileError) as caught:
        parse_yaml(text.replace("\x07", ""), "f.yaml")
    assert control.startswith("f.yaml:3:10: control character U+0007")
    assert str(caught.value).startswith("f.yaml:4:1: invalid YAML")


def _fuzz_target() -> Any:
    spec = importlib.util.spec_from_file_location("fuzz_loader", FUZZ_TARGET)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fuzz_check() -> Callable[[bytes], None]:
    check: Callable[[bytes], None] = _fuzz_target().prepare_check()
    return check


@pytest.mark.parametrize("seed", HOSTILE_SEEDS, ids=lambda path: path.name)
def test_every_hostile_seed_gets_a_located_answer(
    fuzz_check: Callable[[bytes], None], seed: Path
) -> None:
    fuzz_check(seed.read_bytes())


def test_the_fuzz_target_fails_on_a_problem_outside_the_file(
    fuzz_check: Callable[[bytes], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    import platform_advisor.loading.text_files as text_files

    monkeypatch.setattr(text_files, "_position", lambda _text, _offset: (99, 1))
    with pytest.raises(AssertionError, match="line 99 of 3"):
        fuzz_check(b"name: x\n\x07\n")
