"""WTForms' widgets for the delegation form, writing the same HTML with less work.

WTForms builds each attribute with `Markup.format` (a string.Formatter per attribute) and asks
`inspect.signature` which way to call `render_option` for every <select>; a page of delegates
draws a few hundred attributes. These widgets write the very same bytes (same order, the same
escaping: the value escaped, a double quote of a Markup value as &quot;) with plain string
operations. tests/test_registration_speed.py compares them with WTForms' own.
"""
from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape
from wtforms import widgets
from wtforms.widgets.core import clean_key


def attributes(**kwargs: Any) -> str:
    """wtforms.widgets.html_params, the same output."""
    params = []
    for key, value in sorted(kwargs.items()):
        name = clean_key(key)
        if value is True:
            params.append(name)
        elif value is not False:
            params.append(f'{escape(name)}="{str(escape(value)).replace(chr(34), "&quot;")}"')
    return " ".join(params)


class TextInput(widgets.TextInput):
    html_params = staticmethod(attributes)


class EmailInput(widgets.EmailInput):
    html_params = staticmethod(attributes)


class TelInput(widgets.TelInput):
    html_params = staticmethod(attributes)


class HiddenInput(widgets.HiddenInput):
    html_params = staticmethod(attributes)


class CheckboxInput(widgets.CheckboxInput):
    html_params = staticmethod(attributes)


class Select(widgets.Select):
    """A select without option groups drawn directly; with groups, as WTForms draws it."""

    def __call__(self, field: Any, **kwargs: Any) -> Markup:
        if field.has_groups():
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        if self.multiple:
            kwargs["multiple"] = True
        flags = getattr(field, "flags", {})
        for k in dir(flags):
            if k in self.validation_attrs and k not in kwargs:
                kwargs[k] = getattr(flags, k)
        html = [f"<select {attributes(name=field.name, **kwargs)}>"]
        html.extend(self.render_option(choice) for choice in field._iter_choices_normalized())
        html.append("</select>")
        return Markup("".join(html))  # noqa: S704  (every value above is escaped)

    @classmethod
    def render_option(cls, choice: Any, **kwargs: Any) -> Markup:
        value = choice.value
        if isinstance(value, bool):
            value = str(value)
        label = escape(choice.label or choice.value)
        if not kwargs and not choice.render_kw:  # the usual option: what attributes() writes
            shown = str(escape(value)).replace('"', "&quot;")
            selected = "selected " if choice.selected else ""  # sorted: before "value"
            return Markup(f'<option {selected}value="{shown}">{label}</option>')  # noqa: S704
        options = {"value": value, **(choice.render_kw or {}), **kwargs}
        if choice.selected:
            options["selected"] = True
        return Markup(f"<option {attributes(**options)}>{label}</option>")  # noqa: S704
