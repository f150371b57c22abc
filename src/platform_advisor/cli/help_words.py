"""How options and arguments read in ``--help``: a word for every value, never a Python
type in angle brackets (`<bool>`, `<str>`), and choices listed in the help text, where
the terminal wraps them at whole words rather than mid-word in a narrow column."""

from __future__ import annotations

from typing import Any

#: The word for a value whose option names none, by the type Typer shows.
VALUE_WORDS = {"str": "TEXT", "int": "N", "float": "NUMBER", "path": "PATH", "file": "FILE"}


def dress_tree(command: Any, ctx: Any) -> None:
    """Every parameter of ``command`` and of the commands under it, --help included,
    dressed for help (``ctx`` names the help options)."""
    for param in command.get_params(ctx):
        dress_param(param)
    for sub in getattr(command, "commands", {}).values():
        dress_tree(sub, ctx)


def dress_param(param: Any) -> None:
    """A flag shows no value; an option or argument shows a word, its choices in its help."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None:  # a plain click parameter: it shows no Python type
        return
    choices = [str(getattr(c, "value", c)) for c in descriptor.choices or ()]
    if choices and param.help and "One of:" not in param.help:
        param.help = f"{param.help.rstrip()} One of: {', '.join(choices)}."
    if param.param_type_name == "argument":
        # Its name column shows its metavar already; the type column shows nothing.
        object.__setattr__(param, "display_type_rich", _no_type)
        return
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        param.metavar = ""
    elif param.metavar is None:
        param.metavar = _value_word(param, descriptor, bool(choices))


def _no_type(ctx: Any) -> None:
    """What an argument shows in the type column: nothing."""
    del ctx


def _value_word(param: Any, descriptor: Any, choice: bool) -> str:
    """FORMAT for --format's choices; TEXT, N, NUMBER or PATH by the value's type."""
    if choice:
        longest: str = max(param.opts, key=len)
        return longest.lstrip("-").replace("-", "_").upper()
    if descriptor.is_datetime and descriptor.parameter_info.formats:
        return "|".join(map(str, descriptor.parameter_info.formats))
    shown = str(param.display_type(None)).strip("<>")
    kind = shown.removesuffix(" range")
    return VALUE_WORDS.get(kind, kind.upper())
