"""The words of a stack that cannot be formed: over budget, the cheapest stack named
platform by platform (one filling several functions listed once); with no candidate for
a function, said so.

Written from the survivors of mutation testing (docs/mutation-testing.md)."""

from __future__ import annotations

import pytest

from platform_advisor.core.report.stack import choose_stack
from platform_advisor.errors import AdviceError
from platform_advisor.models.criteria import StackTerms
from tests import factories as f
from tests.conftest import EXAMPLES, WriteYaml, run_cli


def test_the_cheapest_stack_lists_a_platform_once_with_every_function_it_fills(
    write_yaml: WriteYaml,
) -> None:
    text = (EXAMPLES / "retailer.yaml").read_text(encoding="utf-8")
    needs = "needs: [ecommerce, payments, social_media, crm, email_marketing, accounting]"
    assert needs in text and "monthly_usd: 450" in text
    text = text.replace(needs, "needs: [payroll, pos, payments]")
    poor = write_yaml("poor.yaml", text.replace("monthly_usd: 450", "monthly_usd: 1"))
    result = run_cli("score", poor)
    assert (result.exit_code, result.stdout) == (1, ""), result.stderr
    assert (
        "No complete stack fits the budget of $1/month: the cheapest stack that fills every "
        "need costs $32/month (Rippling for payroll; Square for point of sale, payment "
        "processing). Raise budget.monthly_usd, or drop a function from 'needs'."
    ) in " ".join(result.stderr.split())


def test_a_function_without_candidates_has_no_stack() -> None:
    acme = f.platform()
    with pytest.raises(AdviceError) as raised:
        choose_stack({"crm": ()}, f.catalog(acme), f.profile(), StackTerms())
    assert str(raised.value) == "No complete stack can be formed from the candidates."
