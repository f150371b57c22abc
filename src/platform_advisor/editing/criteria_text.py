"""A criteria file of pairwise judgements, as `advisor weights` writes it: a header that
explains the derivation and the weights it gave, then the judgements, each with its words."""

from __future__ import annotations

import json
import re
import textwrap

from platform_advisor.algorithms.ahp import SCALE_HELP, judged_words
from platform_advisor.editing.yaml_text import reads_as_itself
from platform_advisor.models.criteria import (
    Criteria,
    CriteriaFile,
    WeightDerivation,
    consistency_text,
)


def criteria_text(content: CriteriaFile, derivation: WeightDerivation, base: Criteria) -> str:
    """The criteria file: a header explaining the derivation, then the judgements."""
    labels = {criterion.id: criterion.label for criterion in base.criteria}
    lines = [*_header(derivation, base), ""]
    lines += [f"{field}: {_scalar(getattr(content, field))}" for field in _TEXT_FIELDS]
    lines.append("pairwise:")
    for first, second, ratio in content.pairwise:
        item = f"  - [{_scalar(first)}, {_scalar(second)}, {ratio:g}]"
        lines.append(f"{item:<44} # {judged_words(labels[first], labels[second], ratio)}")
    return "\n".join(lines) + "\n"


_TEXT_FIELDS = ("name", "description", "extends")
_PLAIN = r"[a-z0-9][a-z0-9_./-]*"


def _scalar(text: str | None) -> str:
    """A value as YAML: plain where no reader can misread it, else double-quoted (JSON is
    YAML)."""
    plain = text is not None and re.fullmatch(_PLAIN, text) and reads_as_itself(text)
    return str(text) if plain else json.dumps(text, ensure_ascii=False)


def _header(derivation: WeightDerivation, base: Criteria) -> list[str]:
    ratio = consistency_text(derivation.consistency_ratio)
    warning = (
        ""
        if derivation.acceptable
        else ": the judgements contradict each other, and the advisor names the worst when it"
        " loads this file"
    )
    paragraphs = [
        "Criteria weighed from pairwise judgements, written by advisor weights.",
        "Each judgement under 'pairwise' reads [more important, less important, how many"
        f" times]. {SCALE_HELP}",
        "Each time the advisor loads this file it derives the weights of the criteria"
        " compared from these judgements (AHP: the principal eigenvector). Together they"
        f" keep the {derivation.total_weight:g} points of weight they have in {base.name},"
        " shared as below, and every other criterion keeps its weight there. Change a"
        " judgement to change the weights; docs/criteria-presets.md explains the method.",
        f"When written, the consistency ratio was {ratio} (up to 0.10 is acceptable)"
        f"{warning}. The weights were:",
    ]
    header: list[str] = []
    for paragraph in paragraphs:
        header += textwrap.wrap(paragraph, 86, initial_indent="# ", subsequent_indent="# ")
        header.append("#")
    for criterion_id, weight in zip(derivation.criteria, derivation.weights, strict=True):
        before = base.criterion(criterion_id).weight
        header.append(f"#   {criterion_id:<18} {before:>6g} -> {weight:g}")
    return header
