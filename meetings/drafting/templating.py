"""Note templates: a sandboxed Jinja dialect the secretariat can edit without reaching the app.

Templates see only plain data (strings, numbers, lists and dicts) built for them, never a model.
A placeholder that does not exist is an error naming its line, found before anything is rendered.

A template is typed by an officer, so it is also bounded: numbers, repetitions, ranges, texts and
the output have sizes they cannot pass, and a render stops after RENDER_SECONDS. The time limit is
checked as each loop takes its next item (it works in any thread, unlike a signal); the size
limits keep any single operation short, so the check gets its turn.
"""
from __future__ import annotations

import re
import string
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, meta, nodes, pass_context
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from meetings import grammar

# Characters a value must not bring into the note's own markup; restored after parsing.
BOLD, BLOCK = "\ue000", "\ue001"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def neutral(value: object) -> str:
    """A value as inert text: it can neither open bold nor start a block of the note."""
    if value is None:
        return ""
    text = _CONTROL.sub("", str(value)).replace("*", BOLD).replace("[", BLOCK)
    return re.sub(r"\n\s*\n+", "\n", text)


class TemplateProblem(ValueError):
    def __init__(self, line: int | None, message: str):
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line
        self.message = message


MAX_SOURCE = 50_000  # characters of template: a note is two pages
MAX_TEXT = 100_000  # characters of any string a template builds, and of its output
MAX_ITEMS = 10_000  # items of any list a template builds
MAX_RANGE = 1_000  # items of range(); a note lists at most a few hundred things
MAX_BITS = 1_024  # size of any whole number a template computes
MAX_WIDTH = 1_000  # a width or count passed to a filter or a string method
RENDER_SECONDS = 2.0


class TemplateLimit(SecurityError):
    """A template asked for more than a note can need; the message says which limit."""


def _sized(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


def _check_size(value: Any) -> Any:
    size = _sized(value)
    if size is not None:
        limit = MAX_TEXT if isinstance(value, str) else MAX_ITEMS
        if size > limit:
            raise TemplateLimit(f"the result would have {size} characters or items; "
                                f"a template may build at most {limit}")
    return value


def _check_number(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_BITS:
        raise TemplateLimit("this number is too large for a note")


def _check_width(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WIDTH:
        raise TemplateLimit(f"a width or count above {MAX_WIDTH} is not accepted")


def _bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit(f"range() may give at most {MAX_RANGE} numbers, not {len(numbers)}")
    return numbers


def _check_format(text: str) -> None:
    """A format string may not pad to a huge width: "{:>999999999}" would fill the memory."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError as error:
        raise TemplateLimit(f"the format string is not valid: {error}") from error
    for _, _, spec, _ in fields:
        if spec and "{" in spec:
            raise TemplateLimit("a format specification cannot itself contain a field")
        for digits in re.findall(r"\d+", spec or ""):
            _check_width(int(digits))


def _check_percent(text: str) -> None:
    for digits in re.findall(r"%[-#0 +]*(\d+|\*)?(?:\.(\d+|\*))?", text):
        for number in digits:
            if number == "*":
                raise TemplateLimit("a width given as * is not accepted")
            if number:
                _check_width(int(number))


def _too_long(size: int) -> None:
    if size > MAX_TEXT:
        raise TemplateLimit(f"the text would have {size} characters; "
                            f"a template may build at most {MAX_TEXT}")


GROWING_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs"}


def _string_call_problem(method: Any, args: tuple, kwargs: dict) -> None:
    """Methods of a string that could build a huge one from small arguments."""
    owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
    if not isinstance(owner, str):
        return
    if name in GROWING_METHODS:
        for value in (*args, *kwargs.values()):
            _check_width(value)
        if name == "expandtabs" and args and isinstance(args[0], int):
            _too_long(len(owner) + owner.count("\t") * args[0])
    elif name == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        _replace_check(owner, args[0], args[1])
    elif name == "join" and args and isinstance(args[0], (list, tuple)):
        _too_long(sum(len(str(item)) for item in args[0]) + len(owner) * len(args[0]))


def _bounded_filter(original: Any, check: Any = None) -> Any:
    """A filter whose numeric arguments are bounded, checked first by `check` if given."""
    passed = getattr(original, "jinja_pass_arg", None)  # context, eval context or environment

    def bounded(*args: Any, **kwargs: Any) -> Any:
        leading, (value, *rest) = args[:1] if passed else (), args[1:] if passed else args
        if check is None:
            for arg in (*rest, *kwargs.values()):
                _check_width(arg)
        else:
            check(value, *rest, **kwargs)
        return _check_size(original(*leading, value, *rest, **kwargs))

    bounded.__name__ = getattr(original, "__name__", "filter")
    if passed is not None:
        bounded.jinja_pass_arg = passed  # type: ignore[attr-defined]
    return bounded


def _replace_check(value: Any, old: Any = "", new: Any = "", count: Any = None) -> None:
    text, old, new = str(value), str(old), str(new)
    _too_long(len(text) + (text.count(old) if old else len(text) + 1) * len(new))


def _format_check(value: Any, *args: Any, **kwargs: Any) -> None:
    _check_percent(str(value))


def _indent_check(value: Any, width: Any = 4, *args: Any, **kwargs: Any) -> None:
    _check_width(width)
    size = width if isinstance(width, int) else len(str(width))
    _too_long(len(str(value)) + size * (str(value).count("\n") + 1))


def _wordwrap_check(value: Any, width: Any = 79, *args: Any, wrapstring: Any = None,
                    **kwargs: Any) -> None:
    _check_width(width)
    separator = wrapstring if wrapstring is not None else (args[1] if len(args) > 1 else "\n")
    _too_long(len(str(value)) * (1 + len(str(separator))))


class TemplateTimeout(TemplateLimit):
    """Rendering took longer than RENDER_SECONDS."""


CLOCKED = "clocked_loop"
_render_ends: ContextVar[float | None] = ContextVar("render_ends", default=None)


def _clocked(items: Any) -> Iterator[Any]:
    """A loop's items, stopped once the render's time is up: loops are where a template spends
    time (every single operation is bounded), and this works in any thread, unlike a signal."""
    ends = _render_ends.get()
    for count, item in enumerate(items):
        if ends is not None and count % 16 == 0 and time.monotonic() > ends:
            raise TemplateTimeout(f"the template took longer than {RENDER_SECONDS:g} seconds;"
                                  " look for a loop that runs too often")
        yield item


@pass_context
def _to(context: Any, phrase: object) -> str:
    """`{{ addressee|to }}`: « au Secrétariat », « à la Mission », «al Ministerio», "to the …"."""
    return grammar.to(str(phrase), context.get("language", "en"))


@pass_context
def _of(context: Any, phrase: object) -> str:
    """`{{ meeting.in_text|of }}`: « du Groupe », « de l'Organisation », «del período», "of …"."""
    return grammar.of(str(phrase), context.get("language", "en"))


class _Generator(CodeGenerator):
    """Compiles the ~ operator through the environment too, so joined texts are bounded."""

    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:
        self.write("environment.concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class NoteSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with every size-growing operation checked before it runs."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def __init__(self, **options: Any):
        super().__init__(**options)
        self.globals["range"] = _bounded_range
        self.globals[CLOCKED] = _clocked
        self.filters["to"] = _to
        self.filters["of"] = _of
        for name in ("center", "batch", "slice", "tojson", "join"):
            self.filters[name] = _bounded_filter(self.filters[name])
        for name, check in (("replace", _replace_check), ("format", _format_check),
                            ("indent", _indent_check), ("wordwrap", _wordwrap_check)):
            self.filters[name] = _bounded_filter(self.filters[name], check)

    def concat(self, parts: Iterable[str]) -> str:
        texts = [str(part) for part in parts]
        _too_long(sum(map(len, texts)))
        return "".join(texts)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, (int, float)) and abs(right) > MAX_BITS:
                raise TemplateLimit(f"an exponent above {MAX_BITS} is not accepted")
            if isinstance(left, int) and isinstance(right, int) and right > 0 \
                    and left.bit_length() * right > MAX_BITS:
                raise TemplateLimit("this number is too large for a note")
        elif operator == "*":
            for seq, times in ((left, right), (right, left)):
                size = _sized(seq)
                if size is not None and isinstance(times, int):
                    if size * max(times, 0) > (MAX_TEXT if isinstance(seq, str)
                                                      else MAX_ITEMS):
                        raise TemplateLimit("this repetition is too long for a note")
            if isinstance(left, int) and isinstance(right, int) \
                    and left.bit_length() + right.bit_length() > MAX_BITS:
                raise TemplateLimit("this number is too large for a note")
        elif operator == "+":
            left_size, right_size = _sized(left), _sized(right)
            if left_size is not None and right_size is not None:
                limit = MAX_TEXT if isinstance(left, str) else MAX_ITEMS
                if left_size + right_size > limit:
                    raise TemplateLimit("the joined text is too long for a note")
        elif operator == "%" and isinstance(left, str):
            _check_percent(left)
        result = super().call_binop(context, operator, left, right)
        _check_number(result)
        return result

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _string_call_problem(__obj, args, kwargs)
        return _check_size(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Any:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            _check_format(text)
            return _check_size(wrapped(*args, **kwargs))

        return checked


ENVIRONMENT = NoteSandbox(
    undefined=StrictUndefined, autoescape=False, finalize=neutral, keep_trailing_newline=True,
    trim_blocks=False, lstrip_blocks=True,
)


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


def source_problem(source: str) -> TemplateProblem | None:
    """A template too long to be a note, or with a character that has no place in one."""
    if len(source) > MAX_SOURCE:
        return TemplateProblem(None, f"A template may have at most {MAX_SOURCE} characters; "
                                     f"this one has {len(source)}.")
    found = _CONTROL.search(source)
    if found:
        line = source.count("\n", 0, found.start()) + 1
        return TemplateProblem(line, f"an invisible control character (U+{ord(found.group()):04X})"
                                     " has no place in a note; remove it")
    return None


@lru_cache(maxsize=128)
def analyse(source: str) -> Analysis:
    problem = source_problem(source)
    if problem is not None:
        raise problem
    try:
        tree = ENVIRONMENT.parse(source)
    except TemplateSyntaxError as error:
        raise TemplateProblem(error.lineno, error.message or "syntax error") from error
    except RecursionError as error:
        raise TemplateProblem(None, "the template nests too deeply") from error
    stored = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    stored |= {"loop", "caller", "varargs", "kwargs"}  # names Jinja itself provides
    stored |= {n.name for n in tree.find_all(nodes.Macro)}
    return Analysis(
        names=tuple((n.lineno, n.name) for n in tree.find_all(nodes.Name) if n.ctx == "load"),
        attributes=tuple((n.lineno, n.node.name, n.attr) for n in tree.find_all(nodes.Getattr)
                         if isinstance(n.node, nodes.Name)),
        stored=frozenset(stored),
        undeclared=frozenset(meta.find_undeclared_variables(tree)),
    )


@lru_cache(maxsize=128)
def _compiled(source: str):
    """The template with every loop's items passed through the render's clock."""
    tree = ENVIRONMENT.parse(source)
    for loop in tree.find_all(nodes.For):
        loop.iter = nodes.Call(nodes.Name(CLOCKED, "load"), [loop.iter], [], None, None,
                               lineno=loop.lineno)
    return ENVIRONMENT.from_string(tree)


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
    """Render a checked template in the sandbox, within its limits; any failure of the template
    (a division by zero, a limit reached, a wrong value) comes back as TemplateProblem."""
    check(source, context)
    try:
        template = _compiled(source)
    except (TemplateSyntaxError, RecursionError, MemoryError, SyntaxError) as error:
        raise TemplateProblem(getattr(error, "lineno", None),
                              "the template is too complex to be read") from error
    written, size = [], 0
    try:
        with _deadline(RENDER_SECONDS):
            for chunk in template.generate(context):
                size += len(chunk)
                _too_long(size)
                written.append(chunk)
    except TemplateTimeout as error:
        raise TemplateProblem(_line_of(error), str(error)) from error
    except RecursionError as error:
        raise TemplateProblem(_line_of(error), "the template calls itself without end") from error
    except ZeroDivisionError as error:
        raise TemplateProblem(_line_of(error), "division by zero") from error
    except Exception as error:
        raise TemplateProblem(_line_of(error), str(error) or type(error).__name__) from error
    return "".join(written)


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    token = _render_ends.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _render_ends.reset(token)


def _line_of(error: Exception) -> int | None:
    tb = error.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
