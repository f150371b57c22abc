"""``advisor weights``: judgements asked, read from a file or from flags, written as criteria."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from platform_advisor.loading.criteria_files import load_criteria
from platform_advisor.loading.sources import load_model
from platform_advisor.models.criteria import CriteriaFile
from tests.conftest import EXAMPLES, WriteYaml, run_cli

BAKERY = EXAMPLES / "bakery.yaml"
CONSISTENT_PAIRS = [
    "--pair",
    "cost_fit,skill_fit,3",
    "--pair",
    "goal_fit,cost_fit,2",
    "--pair",
    "goal_fit,skill_fit,6",
]
# Cost of ownership, skill fit and goal fit, asked in that order: b over a means the second.
THREE = "cost_fit, skill_fit, goal_fit\n"
CONSISTENT_ANSWERS = THREE + "a 3\nb 2\nb 6\n"


def weights_of(path: Path) -> dict[str, float]:
    criteria, _ = load_criteria(path)
    return {c.id: c.weight for c in criteria.criteria}


def header(text: str) -> str:
    """The file's opening comment as one line of words."""
    comments = [line.removeprefix("#").strip() for line in text.splitlines() if line[:1] == "#"]
    return " ".join(comments)


def scores_with(path: Path) -> None:
    """The written file is a criteria file the advisor scores with."""
    result = run_cli("score", BAKERY, "--criteria", path, "--as-of", "2026-11-23")
    assert result.exit_code == 0, result
    assert f"Criteria: {path.stem} " in result.stdout


# Interactive


def test_questions_write_a_file_that_scores_a_profile(tmp_path: Path) -> None:
    target = tmp_path / "cheap.yaml"
    result = run_cli("weights", target, "-i", input=CONSISTENT_ANSWERS)
    assert result.exit_code == 0, result
    assert "1/3 Which matters more, (a) Cost of ownership or (b) Skill fit, and by how much" in (
        result.stderr
    )
    assert "Saaty's scale: 1 equally important, 3 moderately more" in result.stderr
    assert "Consistency ratio 0.00 (acceptable)" in result.stderr
    weights = weights_of(target)
    assert (weights["goal_fit"], weights["cost_fit"], weights["skill_fit"]) == pytest.approx(
        (31.2, 15.6, 5.2)
    )
    content, _ = load_model(CriteriaFile, target)
    assert content.extends == "balanced"
    assert content.pairwise == (
        ("cost_fit", "skill_fit", 3.0),
        ("goal_fit", "cost_fit", 2.0),
        ("goal_fit", "skill_fit", 6.0),
    )
    scores_with(target)


def test_the_file_explains_itself(tmp_path: Path) -> None:
    target = tmp_path / "cheap.yaml"
    assert run_cli("weights", target, "-i", input=CONSISTENT_ANSWERS).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "  - [cost_fit, skill_fit, 3]" in text
    assert "# Cost of ownership 3× as important as Skill fit" in text
    assert "keep the 52 points of weight they have in balanced" in header(text)
    assert "#   goal_fit               18 -> 31.2\n" in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_the_five_selection_factors_are_compared_by_default(tmp_path: Path) -> None:
    answers = "\n" + "1\n" * 10  # Enter takes the default criteria; all equally important
    result = run_cli("weights", tmp_path / "even.yaml", "-i", input=answers)
    assert result.exit_code == 0, result
    assert "10 comparisons" in result.stderr
    weights = weights_of(tmp_path / "even.yaml")
    factors = ["goal_fit", "audience_fit", "skill_fit", "cost_fit", "risk_fit"]
    # 18 + 12 + 12 + 14 + 10 = 66 points, shared equally.
    assert [weights[factor] for factor in factors] == pytest.approx([14.8] * 5)


def test_an_unclear_answer_is_asked_again(tmp_path: Path) -> None:
    answers = THREE + "3\n?\nbudget\na 3\nb 2\nb 6\n"
    result = run_cli("weights", tmp_path / "cheap.yaml", "-i", input=answers)
    assert result.exit_code == 0, result
    assert "say which matters more: 'a 3' or 'b ...'" in result.stderr
    assert result.stderr.count("Answer 'a 3' if the first matters 3 times as much") == 3
    assert result.stderr.count("Error: ") == 2  # '?' asks for the scale: not an error
    assert weights_of(tmp_path / "cheap.yaml")["skill_fit"] == pytest.approx(5.2)


def test_an_inconsistent_judgement_can_be_revisited(tmp_path: Path) -> None:
    # Skill fit 6× goal fit contradicts the other two answers; the revisit sets it right.
    answers = THREE + "a 3\nb 2\na 6\ny\nb 6\n"
    target = tmp_path / "cheap.yaml"
    result = run_cli("weights", target, "-i", input=answers)
    assert result.exit_code == 0, result
    assert "above 0.10: the answers contradict" in result.stderr
    assert (
        "you judged Skill fit 6× as important as Goal fit, but your other answers imply the"
        " reverse: Goal fit about 6× as important as Skill fit" in result.stderr
    )
    assert "Again: Your other answers imply Goal fit 6× as important as Skill fit." in (
        result.stderr
    )
    assert result.stderr.rstrip().endswith(
        f"use it with: advisor score PROFILE --criteria {target}"
    )
    content, _ = load_model(CriteriaFile, target)
    assert content.pairwise[2] == ("goal_fit", "skill_fit", 6.0)


def test_declining_to_revisit_writes_the_judgements_as_given(tmp_path: Path) -> None:
    answers = THREE + "a 3\nb 2\na 6\nn\n"
    target = tmp_path / "shaky.yaml"
    result = run_cli("weights", target, "-i", input=answers)
    assert result.exit_code == 0, result
    assert "the judgements contradict each other" in header(target.read_text(encoding="utf-8"))
    criteria, _ = load_criteria(target)
    assert len(criteria.notices) == 4  # the warning and the three judgements


def test_running_out_of_answers_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "cheap.yaml"
    result = run_cli("weights", target, "-i", input=THREE + "a 3\n")
    assert result.exit_code == 130, result
    assert "pairwise:" not in result.stdout  # only the answers, echoed by the test runner
    assert result.stderr.endswith("interrupted\n")
    assert not target.exists()


def test_ctrl_c_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C at the second judgement: exit 130, and no file."""
    answers = iter([["cost_fit", "skill_fit", "goal_fit"], 3.0])

    def prompt(*_: object, **__: object) -> object:
        answer = next(answers, None)
        if answer is None:
            raise KeyboardInterrupt
        return answer

    monkeypatch.setattr(typer, "prompt", prompt)
    target = tmp_path / "cheap.yaml"
    result = run_cli("weights", target, "-i")
    assert (result.exit_code, result.stdout) == (130, ""), result
    assert result.stderr.endswith("interrupted\n")
    assert not target.exists()


# Non-interactive


def test_flags_print_the_file_on_stdout() -> None:
    result = run_cli("weights", "-", *CONSISTENT_PAIRS, "--name", "cheap")
    assert result.exit_code == 0, result
    assert "name: cheap\n" in result.stdout
    assert "extends: balanced\n" in result.stdout
    assert "pairwise:\n  - [cost_fit, skill_fit, 3]" in result.stdout
    assert "Derived weights" in result.stderr and "Derived" not in result.stdout


def test_judgements_from_a_file(write_yaml: WriteYaml, tmp_path: Path) -> None:
    source = write_yaml(
        "judged.yaml",
        """\
        pairwise:
          - [cost_fit, skill_fit, 3]
          - [goal_fit, cost_fit, 2]
          - [goal_fit, skill_fit, 6]
        notes: other fields are not read
        """,
    )
    target = tmp_path / "cheap.yaml"
    result = run_cli("weights", target, "--from", source)
    assert result.exit_code == 0, result
    assert weights_of(target)["goal_fit"] == pytest.approx(31.2)
    scores_with(target)


def test_a_written_file_can_be_read_back_with_from(tmp_path: Path) -> None:
    first, second = tmp_path / "one.yaml", tmp_path / "two.yaml"
    assert run_cli("weights", first, *CONSISTENT_PAIRS).exit_code == 0
    result = run_cli("weights", second, "--from", first)
    assert result.exit_code == 0, result
    assert weights_of(second) == weights_of(first)


def test_a_bad_judgement_file_is_reported_at_its_lines(
    write_yaml: WriteYaml, tmp_path: Path
) -> None:
    source = write_yaml(
        "judged.yaml",
        """\
        pairwise:
          - [cost_fit, skil_fit, 3]
          - [goal_fit, goal_fit, 2]
          - [goal_fit, cost_fit, 10]
        """,
    )
    target = tmp_path / "out.yaml"
    result = run_cli("weights", target, "--from", source)
    assert (result.exit_code, result.stdout) == (1, ""), result
    shown = result.stderr.replace(f"{tmp_path}/", "").removeprefix("error: ")
    assert shown.splitlines() == [
        "judged.yaml:4:26: pairwise[2][2]: must be from 1 to 9 on Saaty's scale, or 1/9 (0.11)"
        " to 1 for the reverse (got 10)"
    ]
    source.write_text(source.read_text("utf-8").replace("10]", "3]"), encoding="utf-8")
    result = run_cli("weights", target, "--from", source)
    shown = result.stderr.replace(f"{tmp_path}/", "").removeprefix("error: ")
    assert shown.splitlines() == [
        "judged.yaml:2:16: pairwise[0][1]: unknown criterion 'skil_fit' (did you mean"
        " 'skill_fit'?)",
        "judged.yaml:3:5: pairwise[1]: compares 'goal_fit' with itself (name two different"
        " criteria)",
    ]
    assert not target.exists()


def test_missing_pairs_are_named_without_a_terminal() -> None:
    result = run_cli("weights", "--pair", "cost_fit,skill_fit,3", "--criterion", "goal_fit")
    assert (result.exit_code, result.stdout) == (2, ""), result
    assert "missing: goal_fit and cost_fit; goal_fit and skill_fit" in " ".join(
        result.stderr.split()
    ).replace("│ ", "")


def test_no_judgements_without_a_terminal_is_a_usage_error() -> None:
    result = run_cli("weights")
    assert result.exit_code == 2, result
    assert "no judgements: give --from FILE or --pair A,B,K" in result.stderr


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ("cost_fit,skil_fit,3", "unknown criterion 'skil_fit' (did you mean 'skill_fit'?)"),
        ("cost_fit,skill_fit", "write A,B,K"),
        ("cost_fit,skill_fit,lots", "'lots' is not a number"),
        ("cost_fit,skill_fit,12", "compare two different criteria, by 1 to 9"),
    ],
)
def test_a_bad_pair_flag_is_a_usage_error(pair: str, message: str) -> None:
    result = run_cli("weights", "--pair", pair)
    assert result.exit_code == 2, result
    assert message in " ".join(result.stderr.replace("│", " ").split())


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("precious\n", encoding="utf-8")
    result = run_cli("weights", target, *CONSISTENT_PAIRS)
    assert result.exit_code == 1, result
    assert result.stderr == f"error: {target}: already exists; use --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert run_cli("weights", target, *CONSISTENT_PAIRS, "--force").exit_code == 0
    assert weights_of(target)["skill_fit"] == pytest.approx(5.2)


def test_a_file_base_is_named_relative_to_the_new_file(
    write_yaml: WriteYaml, tmp_path: Path
) -> None:
    base = write_yaml("presets/base.yaml", "name: base\nextends: lean-budget\n")
    target = tmp_path / "out" / "mine.yaml"
    target.parent.mkdir()
    result = run_cli("weights", target, "--extends", base, *CONSISTENT_PAIRS)
    assert result.exit_code == 0, result
    content, _ = load_model(CriteriaFile, target)
    assert content.extends == "../presets/base.yaml"
    # lean-budget gives budget fit 24: the three now share 18 + 24 + 12 = 54 points.
    assert weights_of(target)["goal_fit"] == pytest.approx(39.6)
    scores_with(target)


@pytest.mark.parametrize(
    ("where", "message"),
    [(".", "is a folder; give a file name"), ("missing/out.yaml", "does not exist")],
)
def test_an_output_that_cannot_be_written_is_refused_before_any_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("weights", where, "-i", input=CONSISTENT_ANSWERS)
    assert result.exit_code == 1, result
    assert message in result.stderr
    assert "Which matters more" not in result.stderr
    assert list(tmp_path.iterdir()) == []
