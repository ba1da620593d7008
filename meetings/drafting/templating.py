"""Note templates: a sandboxed Jinja dialect the secretariat can edit without reaching the app.

Templates see only plain data (strings, numbers, lists and dicts) built for them, never a model.
A placeholder that does not exist is an error naming its line, found before anything is rendered.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from jinja2 import StrictUndefined, TemplateSyntaxError, meta, nodes
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

# Characters a value must not bring into the note's own markup; restored after parsing.
BOLD, BLOCK = "\ue000", "\ue001"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def neutral(value: object) -> str:
    """A value as inert text: it can neither open bold nor start a block of the note."""
    if value is None:
        return ""
    text = _CONTROL.sub("", str(value)).replace("*", BOLD).replace("[", BLOCK)
    return re.sub(r"\n\s*\n+", "\n", text)


ENVIRONMENT = ImmutableSandboxedEnvironment(
    undefined=StrictUndefined, autoescape=False, finalize=neutral, keep_trailing_newline=True,
    trim_blocks=False, lstrip_blocks=True,
)


class TemplateProblem(ValueError):
    def __init__(self, line: int | None, message: str):
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class ShippedTemplate:
    language: str
    body: str
    reviewed: bool
    source: str


def _header(text: str) -> tuple[dict[str, str], str]:
    if not text.startswith("---\n"):
        return {}, text
    head, body = text[4:].split("\n---\n", 1)
    meta = dict(line.split(":", 1) for line in head.splitlines() if ":" in line)
    return {k.strip(): v.strip() for k, v in meta.items()}, body


def shipped(language: str) -> ShippedTemplate | None:
    """The default invitation note shipped for a language, or None when there is none."""
    path = resources.files("meetings.drafting").joinpath("defaults", f"{language}.txt")
    if not path.is_file():
        return None
    meta, body = _header(path.read_text(encoding="utf-8"))
    return ShippedTemplate(language, body, meta.get("review") == "reviewed", meta.get("source", ""))


@dataclass(frozen=True)
class Analysis:
    """What a template refers to, found once per template text and reused for every note."""

    names: tuple[tuple[int, str], ...]  # (line, name) of each name read
    attributes: tuple[tuple[int, str, str], ...]  # (line, name, attribute) of each name.attr
    stored: frozenset[str]
    undeclared: frozenset[str]


@lru_cache(maxsize=128)
def analyse(source: str) -> Analysis:
    try:
        tree = ENVIRONMENT.parse(source)
    except TemplateSyntaxError as error:
        raise TemplateProblem(error.lineno, error.message or "syntax error") from error
    stored = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    stored |= {"loop", "caller", "varargs", "kwargs"}  # names Jinja itself provides
    return Analysis(
        names=tuple((n.lineno, n.name) for n in tree.find_all(nodes.Name) if n.ctx == "load"),
        attributes=tuple((n.lineno, n.node.name, n.attr) for n in tree.find_all(nodes.Getattr)
                         if isinstance(n.node, nodes.Name)),
        stored=frozenset(stored),
        undeclared=frozenset(meta.find_undeclared_variables(tree)),
    )


@lru_cache(maxsize=128)
def _compiled(source: str):
    return ENVIRONMENT.from_string(source)


def placeholders_used(source: str) -> set[str]:
    try:
        return set(analyse(source).undeclared)
    except TemplateProblem:
        return set()


def check(source: str, context: dict) -> None:
    """Raise TemplateProblem for a syntax error or a placeholder the context does not have."""
    analysis = analyse(source)
    found: list[tuple[int, str]] = [
        (line, f"there is no placeholder “{name}”") for line, name in analysis.names
        if name not in context and name not in analysis.stored
        and name not in ENVIRONMENT.globals
    ]
    found += [
        (line, f"“{name}” has no “{attr}”; it has " + ", ".join(sorted(context[name])))
        for line, name, attr in analysis.attributes
        if isinstance(context.get(name), dict) and attr not in context[name]
    ]
    if found:
        raise TemplateProblem(*min(found))


def render(source: str, context: dict) -> str:
    """Render a checked template in the sandbox; errors come back as TemplateProblem."""
    check(source, context)
    try:
        return _compiled(source).render(context)
    except (UndefinedError, SecurityError, TypeError) as error:
        line = _line_of(error)
        raise TemplateProblem(line, str(error)) from error


def _line_of(error: Exception) -> int | None:
    tb = error.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
