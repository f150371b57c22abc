"""User templates can only render: no escape, no runaway, no injection through data.

Every case runs the CLI with ``--template`` and ``--output`` over a file that already
holds a report, and checks the exit code, the message (with the template's line), an
empty stdout and the old report left as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest

from platform_advisor.rendering import sandbox
from tests.conftest import MINI_CATALOG, MINI_CRITERIA, SHOP_PROFILE, Run, mini_args, run_cli

OLD_REPORT = "the report of last week\n"


def render_broken(tmp_path: Path, text: str, name: str = "t.j2") -> tuple[Run, Path]:
    """Run the user's template `text`; assert that it failed cleanly and wrote nothing."""
    template = tmp_path / name
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text(text, encoding="utf-8")
    target = tmp_path / "report.md"
    target.write_text(OLD_REPORT, encoding="utf-8")
    result = run_cli(*mini_args(), "--template", template, "--output", target)
    assert (result.exit_code, result.stdout) == (1, ""), result
    assert "Traceback" not in result.stderr, result
    assert target.read_text(encoding="utf-8") == OLD_REPORT
    return result, template


def assert_refused(tmp_path: Path, text: str, message: str, name: str = "t.j2") -> None:
    result, template = render_broken(tmp_path, text, name)
    assert result.stderr.startswith(f"error: {template}{message}"), result


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 10,000-character budget, so that runaway cases stay small and quick."""
    monkeypatch.setattr(sandbox, "MAX_OUTPUT_CHARS", 10_000)


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A clock that moves one second each time it is read: the 10-second limit is then
    reached after a dozen checks, whatever the speed of the machine."""
    seconds = count()
    monkeypatch.setattr(sandbox, "clock", lambda: float(next(seconds)))
    yield


# Escapes: the sandbox refuses every way out ------------------------------------------------

UNSAFE = ":1: template error: access to attribute"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ ''.__class__ }}", f"{UNSAFE} '__class__' of 'str' object is unsafe."),
        (
            "{{ ''.__class__.__mro__[1].__subclasses__() }}",
            f"{UNSAFE} '__class__' of 'str' object is unsafe.",
        ),
        ("{{ [].__class__.__base__ }}", f"{UNSAFE} '__class__' of 'list' object is unsafe."),
        ("{{ dict.mro() }}", f"{UNSAFE} 'mro' of 'type' object is unsafe."),
        ("{{ dict.__subclasses__() }}", f"{UNSAFE} '__subclasses__' of 'type' object is unsafe."),
        ("{{ lipsum.__globals__ }}", f"{UNSAFE} '__globals__' of 'function' object is unsafe."),
        ("{{ lipsum|attr('__globals__') }}", f"{UNSAFE} '__globals__' of 'function' object"),
        ("{{ cycler.__init__.__globals__.os }}", f"{UNSAFE} '__init__' of 'type' object"),
        ("{{ joiner.__init__.__globals__ }}", f"{UNSAFE} '__init__' of 'type' object"),
        ("{{ namespace.__init__ }}", f"{UNSAFE} '__init__' of 'type' object"),
        ("{{ cycler(1, 2).__class__ }}", f"{UNSAFE} '__class__' of 'Cycler' object"),
        ("{{ self.__init__.__globals__ }}", f"{UNSAFE} '__init__' of 'TemplateReference' object"),
        ("{{ self._TemplateReference__context }}", f"{UNSAFE} '_TemplateReference__context'"),
        ("{{ range.__module__ }}", f"{UNSAFE} '__module__' of 'function' object is unsafe."),
        ("{{ range(3).__iter__ }}", f"{UNSAFE} '__iter__' of 'range' object is unsafe."),
        ("{{ strategy.items.__self__ }}", f"{UNSAFE} '__self__' of 'builtin_function_or_method'"),
        ("{{ '{0.__class__}'.format('') }}", f"{UNSAFE} '__class__' of 'str' object is unsafe."),
        (
            "{{ '{x.__class__.__base__}'.format_map({'x': 1}) }}",
            f"{UNSAFE} '__class__' of 'int' object is unsafe.",
        ),
        ("{{ ''|attr('__class__') }}", f"{UNSAFE} '__class__' of 'str' object is unsafe."),
        ("{{ os.popen('id').read() }}", ":1: template error: 'os' is undefined"),
        ("{{ open('/etc/passwd').read() }}", ":1: template error: 'open' is undefined"),
        ("{{ __import__('os') }}", ":1: template error: '__import__' is undefined"),
        # the data is plain and immutable: a template cannot change what it is given
        ("{{ strategy.clear() }}", f"{UNSAFE} 'clear' of 'dict' object is unsafe."),
        ("{{ strategy.stack.append(1) }}", f"{UNSAFE} 'append' of 'list' object is unsafe."),
        ("{{ strategy.pop('business') }}", f"{UNSAFE} 'pop' of 'dict' object is unsafe."),
    ],
)
def test_escape_payloads_are_refused(tmp_path: Path, text: str, message: str) -> None:
    assert_refused(tmp_path, text, message)


@pytest.mark.parametrize(
    "text",
    [
        "{% include '../secret.txt' %}",
        "{% import '../macros.j2' as m %}{{ m.leak() }}",
        "{% from '../macros.j2' import leak %}{{ leak() }}",
        "{% extends '../macros.j2' %}",
        "{% include 'SECRET_PATH' %}",
    ],
)
def test_no_file_outside_the_templates_folder_can_be_read(tmp_path: Path, text: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    (tmp_path / "macros.j2").write_text("{% macro leak() %}SECRET{% endmacro %}\n")
    text = text.replace("SECRET_PATH", str(secret))
    result, template = render_broken(tmp_path, text, "in/t.j2")
    assert result.stderr.startswith(f"error: {template}:1: template error: "), result
    assert "SECRET" not in result.stderr


@pytest.mark.parametrize("hidden", [".env", ".ssh/id_rsa", "in/../.env", "./.env"])
def test_hidden_files_beside_the_template_cannot_be_included(tmp_path: Path, hidden: str) -> None:
    (tmp_path / ".ssh").mkdir()
    for name in (".env", ".ssh/id_rsa"):
        (tmp_path / name).write_text("SECRET", encoding="utf-8")
    (tmp_path / "in").mkdir()
    template = tmp_path / "main.j2"
    template.write_text(f"{{% include '{hidden}' %}}\n")
    result = run_cli(*mini_args(), "--template", template)
    assert (result.exit_code, result.stdout) == (1, ""), result
    assert "hidden files and folders are not read" in result.stderr
    assert "SECRET" not in result.stderr


@pytest.mark.usefixtures("small_limits")
def test_a_template_may_include_its_neighbours_and_they_are_guarded_too(tmp_path: Path) -> None:
    (tmp_path / "part.j2").write_text("{{ strategy.business.name }}{{ 'x' * n }}\n")
    template = tmp_path / "main.j2"
    template.write_text("{% set n = 3 %}{% include 'part.j2' %}")
    assert run_cli(*mini_args(), "--template", template).stdout == "Test Shopxxx\n"
    template.write_text("{% set n = 20000 %}{% include 'part.j2' %}")
    result = run_cli(*mini_args(), "--template", template)
    assert (result.exit_code, result.stdout) == (1, ""), result
    assert "a repeated value would be 20,000 characters or more" in result.stderr


# Undefined names: an error naming the name and the line -----------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ nothing }}", ":1: template error: 'nothing' is undefined"),
        (
            "{% for item in strategy.stack %}\n{{ item.function }}\n{{ platfrom }}\n{% endfor %}",
            ":3: template error: 'platfrom' is undefined",
        ),
        ("ok\n{% for x in rankngs %}{% endfor %}", ":2: template error: 'rankngs' is undefined"),
        (
            "{% macro row(x) %}\n{{ x.name }} {{ scroe }}\n{% endmacro %}\n{{ row({'name': 1}) }}",
            ":2: template error: 'scroe' is undefined",
        ),
        ("a\nb\n{{ strategy.busines }}", ":3: template error: 'dict object' has no attribute"),
        ("{{ strategy.stack[99] }}", ":1: template error: list object has no element 99"),
        ("{% if top > limit %}{% endif %}", ":1: template error: 'limit' is undefined"),
    ],
)
def test_an_undefined_name_is_an_error_at_its_line(tmp_path: Path, text: str, message: str) -> None:
    assert_refused(tmp_path, text, message)


# Runaway loops and recursion: stopped by the clock ----------------------------------------

TOO_LONG = "template error: rendering took longer than 10 seconds, the limit for a template"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # four million passes without a call or any output: only the loop itself can stop
        ("{% for i in range(2000) %}{% for j in range(2000) %}{% endfor %}{% endfor %}", 1),
        (
            "{% set xs = range(2000)|list %}\n{% for i in xs %}{% for j in xs %}"
            "{% if i == j %}{% endif %}{% endfor %}{% endfor %}",
            2,
        ),
        # fan-out recursion: a million calls, never deeper than twenty
        (
            "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}\n"
            "{{ m(20) }}",
            1,
        ),
        (
            "{% for x in [[1, 2]] * 20 recursive %}{% if x is iterable %}"
            "{{ loop(x) }}{% endif %}{% endfor %}",
            1,
        ),
    ],
)
@pytest.mark.usefixtures("fake_clock")
def test_a_runaway_rendering_is_stopped(tmp_path: Path, text: str, line: int) -> None:
    assert_refused(tmp_path, text, f":{line}: {TOO_LONG}")


def test_a_normal_template_is_not_stopped_by_the_clock(tmp_path: Path) -> None:
    template = tmp_path / "t.j2"
    template.write_text("{% for i in range(3) %}{% for j in range(3) %}.{% endfor %}{% endfor %}")
    result = run_cli(*mini_args(), "--template", template)
    assert (result.exit_code, result.stdout) == (0, "........."), result


# Huge outputs: refused before they are built ------------------------------------------------


def test_string_repetition_is_refused_before_it_allocates(tmp_path: Path) -> None:
    """With the real limit: a gigabyte is refused at once, not built and then measured."""
    assert_refused(
        tmp_path,
        "{{ 'a' * 10**9 }}",
        ":1: template error: a repeated value would be 1,000,000,000 characters or more, "
        "past the limit of 16,000,000 for a template",
    )


def too_long(what: str, size: str) -> str:
    return f"template error: {what} would be {size} characters or more, past the limit of 10,000"


LONG = "{% set x = 'x' * 1000 %}"
ELEVEN = "[" + ", ".join(["x"] * 11) + "]"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ 'ab' * 6000 }}", f":1: {too_long('a repeated value', '12,000')}"),
        ("{{ 6000 * ('a' ~ 'b') }}", f":1: {too_long('a repeated value', '12,000')}"),
        ("{{ (['ab'] * 6000)|length }}", ":1: template error: a repeated value would be"),
        (
            "{% set ns = namespace(s='ab') %}\n{% for i in range(20) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            f":2: {too_long('a joined text', '16,384')}",
        ),
        (
            "{% set ns = namespace(s='ab') %}{% for i in range(20) %}"
            "{% set ns.s = ns.s + ns.s %}{% endfor %}",
            f":1: {too_long('a joined value', '16,384')}",
        ),
        (LONG + "{{ " + ELEVEN + "|join }}", f":1: {too_long('a joined text', '11,000')}"),
        (LONG + "{{ ''.join(" + ELEVEN + ") }}", f":1: {too_long('a joined text', '11,000')}"),
        (LONG + "{{ " + ELEVEN + " }}", ":1: template error: a value would be 10,"),
        (LONG + "{{ " + ELEVEN + "|tojson }}", ":1: template error: the JSON text would be"),
        (LONG + "{{ " + ELEVEN + "|string }}", ":1: template error: a value as text would be"),
        (  # every block is joined again by the one above it: what is built adds up
            "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% else %}x{% endif %}"
            "{% endmacro %}{{ m(20) }}",
            ":1: template error: the values built would be 40,",
        ),
        (
            "{% macro m() %}{% for i in range(5000) %}abc{% endfor %}{% endmacro %}\n{{ m() }}",
            f":1: {too_long('a block' + chr(39) + 's text', '15,000')}",
        ),
        ("a\n{% for i in range(5000) %}abc{% endfor %}", f":2: {too_long('the output', '10,001')}"),
        ("{{ '%20000d' % 1 }}", f":1: {too_long('a padded field', '20,000')}"),
        ("{{ '%*d' % (20000, 1) }}", f":1: {too_long('a padded field', '20,000')}"),
        ("{{ '%20000d'|format(1) }}", f":1: {too_long('a padded field', '20,000')}"),
        ("{{ '{:>20000}'.format('x') }}", f":1: {too_long('a padded field', '20,000')}"),
        ("{{ '{:>{w}}'.format('x', w=20000) }}", f":1: {too_long('a padded field', '20,000')}"),
        ("{{ '{:.20000f}'.format(1.5) }}", f":1: {too_long('a padded field', '20,000')}"),
        ("{{ 'x'.ljust(20000) }}", f":1: {too_long('a padded text', '20,000')}"),
        ("{{ 'x'|center(20000) }}", f":1: {too_long('a centred text', '20,000')}"),
        ("{{ 'x\\ny'|indent(6000) }}", f":1: {too_long('an indented text', '12,003')}"),
        ("{{ 'aaa'|replace('a', 'b' * 5000) }}", f":1: {too_long('a replaced text', '15,000')}"),
        ("{{ 'aaa'.replace('a', 'b' * 5000) }}", f":1: {too_long('a replaced text', '15,000')}"),
        ("{{ 'a\\tb'.expandtabs(20000) }}", f":1: {too_long('an expanded text', '20,003')}"),
        ("{{ lipsum(100) }}", f":1: {too_long('the placeholder text', '120,000')}"),
        ("{{ (1).to_bytes(20000, 'big') }}", f":1: {too_long('a byte string', '20,000')}"),
        ("{{ range(3)|batch(20000, 0)|list }}", ":1: template error: a list would have 20,000"),
        ("{{ range(3)|slice(20000)|list }}", ":1: template error: a list would have 20,000"),
        ("{{ 2 ** (10 ** 6) }}", ":1: template error: the number would have about 2,000,000"),
        (
            "{% set ns = namespace(n=2 ** 1000) %}{% for i in range(20) %}"
            "{% set ns.n = ns.n * ns.n %}{% endfor %}",
            ":1: template error: the number would have about 128,",
        ),
        ("{{ [[1], [2]]|sum(start=[]) }}", ":1: template error: sum adds numbers only"),
    ],
)
@pytest.mark.usefixtures("small_limits")
def test_a_huge_output_is_refused(tmp_path: Path, text: str, message: str) -> None:
    assert_refused(tmp_path, text, message)


@pytest.mark.usefixtures("small_limits")
def test_values_within_the_limits_render(tmp_path: Path) -> None:
    template = tmp_path / "t.j2"
    template.write_text(
        "{{ 'ab' * 3 }} {{ 'a' ~ 'b' }} {{ [1, 2]|join('+') }} {{ '%5.1f' % 2 }} "
        "{{ '{:>4}'.format('x') }} {{ 'x'|center(5) }} {{ 2 ** 10 }} {{ [1, 2]|sum }} "
        "{{ 'aa'|replace('a', 'bc') }} {{ range(5)|batch(2)|list|length }}\n"
    )
    result = run_cli(*mini_args(), "--template", template)
    # the Markdown finalizer folds runs of spaces, as it does for any value
    assert result.stdout == "ababab ab 1+2 2.0 x x 1024 3 bcbc 3\n", result


def test_every_method_of_text_is_weighed() -> None:
    """A method Python adds to str or bytes must be weighed before templates may call it."""
    public = {name for kind in (str, bytes) for name in dir(kind) if not name.startswith("_")}
    assert public <= set(sandbox.TEXT_METHODS)


def test_every_filter_is_weighed_or_known_not_to_grow() -> None:
    from platform_advisor.rendering.templates import guarded_environment

    env = guarded_environment(Path("t.j2"), "")
    weighed = {*sandbox.FILTER_CHECKS, *sandbox.GATHERING_FILTERS, *sandbox.SAME_SIZE_FILTERS}
    assert set(env.filters) <= weighed


@pytest.mark.usefixtures("small_limits")
def test_a_filter_no_one_has_weighed_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox, "SAME_SIZE_FILTERS", sandbox.SAME_SIZE_FILTERS - {"abs"})
    assert_refused(tmp_path, "{{ -1|abs }}", ":1: template error: the filter 'abs' is not allowed")


# Markup in catalog data is escaped in every format ----------------------------------------

HOSTILE_NAME = "# Shop|Wise <script>alert(1)</script> [x](https://evil.example)"
HOSTILE_VENDOR = "- ShopWise **Ltd**"


@pytest.fixture
def hostile_args(tmp_path: Path) -> list[str | Path]:
    """The fixture catalog with markup in one platform's name and vendor."""
    text = (MINI_CATALOG / "platforms.yaml").read_text(encoding="utf-8")
    text = text.replace("name: ShopWise", f"name: '{HOSTILE_NAME}'")
    text = text.replace("vendor: ShopWise Ltd", f"vendor: '{HOSTILE_VENDOR}'")
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "platforms.yaml").write_text(text, encoding="utf-8")
    (folder / "taxonomy.yaml").write_text(
        (MINI_CATALOG / "taxonomy.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return ["score", SHOP_PROFILE, "--no-default-catalog", "--catalog", folder]


ESCAPED_NAME = r"\# Shop\|Wise \<script\>alert(1)\</script\> \[x\](https://evil.example)"


def test_markup_in_data_is_escaped_in_markdown(hostile_args: list[str | Path]) -> None:
    result = run_cli(*hostile_args, "--criteria", MINI_CRITERIA, "-f", "markdown")
    assert result.exit_code == 0, result
    assert "<script>" not in result.stdout
    assert "](https://evil.example)" not in result.stdout.replace(r"\](", "")
    assert ESCAPED_NAME in result.stdout
    assert r"\- ShopWise \*\*Ltd\*\*" in result.stdout
    assert not any(line.startswith(("# Shop", "- ShopWise")) for line in result.stdout.splitlines())


def test_markup_in_data_is_escaped_in_html(hostile_args: list[str | Path]) -> None:
    result = run_cli(*hostile_args, "--criteria", MINI_CRITERIA, "-f", "html")
    assert result.exit_code == 0, result
    assert "<script>" not in result.stdout
    assert 'evil.example"' not in result.stdout  # no link was made of it
    assert "<strong>Ltd</strong>" not in result.stdout
    assert "# Shop|Wise &lt;script&gt;alert(1)&lt;/script&gt; [x](https://evil.example)" in (
        result.stdout
    )


def test_markup_in_data_is_shown_as_typed_in_the_terminal(hostile_args: list[str | Path]) -> None:
    result = run_cli(*hostile_args, "--criteria", MINI_CRITERIA)
    assert result.exit_code == 0, result
    assert HOSTILE_NAME in result.stdout


def test_markup_in_data_is_escaped_in_a_users_template(
    hostile_args: list[str | Path], tmp_path: Path
) -> None:
    template = tmp_path / "names.j2"
    template.write_text("{% for item in strategy.stack %}| {{ item.name }} |\n{% endfor %}")
    result = run_cli(*hostile_args, "--criteria", MINI_CRITERIA, "--template", template)
    assert result.exit_code == 0, result
    assert f"| {ESCAPED_NAME} |" in result.stdout.splitlines()
    assert "<script>" not in result.stdout
