"""The words a government or a delegate reads, from the Flask-Babel catalogs under
meetings/translations/<lang>/LC_MESSAGES/messages.po (README, "Translating the service").

A request speaks one language, chosen by the page (the invitation's language on a government's
page, the officer's workspace language on the secretariat's: see workspace_language()), and every
`_()`/`lazy_gettext()` text follows it.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from babel import support
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, g, has_app_context, request
from flask_babel import force_locale, get_locale, get_translations, gettext, refresh
from wtforms.i18n import messages_path

from meetings import languages

TRANSLATIONS = Path(__file__).parent / "translations"


def select_locale() -> str:
    """The language the current request chose with use(); English until it chooses."""
    return g.get("ui_language") or languages.BASE


def shown(language: str | None) -> tuple[str, bool]:
    """(the language a government's page is shown in, whether it fell back to English)."""
    if language in languages.UI_LANGUAGES:
        return str(language), False
    return languages.BASE, True


def workspace_language(user: object | None) -> str:
    """The officer's own choice, else the browser's Accept-Language among the workspace's
    languages, else English: a French-speaking officer reads French before choosing anything."""
    chosen = getattr(user, "workspace_language", None)
    if chosen in languages.WORKSPACE_LANGUAGES:
        return str(chosen)
    best = request.accept_languages.best_match(languages.WORKSPACE_LANGUAGES)
    return best or languages.BASE


def page_language() -> str:
    """The language of the request under way; English outside one (a command, a test's setup)."""
    return select_locale() if has_app_context() else languages.BASE


def language_name(code: str) -> str:
    """A language's name as the page's language writes it ("French", « français »)."""
    return gettext(languages.name(code))


def use(language: str) -> None:
    """From now on this request speaks `language` (texts evaluated later follow it too)."""
    g.ui_language = language
    refresh()


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """For a while, in another language: an e-mail in the invitation's language, say."""
    with force_locale(language):
        yield


def catalog_gettext() -> Callable[..., str]:
    """gettext() for many texts in a row in the language spoken now: the catalog is looked up
    once (Flask-Babel's gettext looks up the request's context, language and catalog on every
    call). Use it only while that language holds: within one function or speaking() block."""
    translations = get_translations()

    def translated(string: str, **variables: Any) -> str:
        text = translations.ugettext(string)
        return text % variables if variables else text

    return translated


@cache
def _wtforms_catalog(locale: str) -> support.NullTranslations:
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class WTFormsMessages:
    """WTForms' own words (a field's default label, its built-in messages) in the request's
    language, as Flask-WTF gives them, but each language's catalog read from disk once per
    process instead of once per request (the files are part of the installed package)."""

    def gettext(self, string: str) -> str:
        return _wtforms_catalog(str(get_locale())).ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _wtforms_catalog(str(get_locale())).ungettext(singular, plural, n)


WTFORMS_MESSAGES = WTFormsMessages()


def compile_catalogs(app: Flask) -> None:
    """Compile each .po whose .mo is missing or older, so a fresh clone needs no extra step.

    `make install` compiles them too; here the .mo is written beside its .po when the package
    is writable, else under the instance folder, which Flask-Babel is then told to read.
    """
    target = TRANSLATIONS
    if not os.access(TRANSLATIONS, os.W_OK):
        target = Path(app.instance_path) / "translations"
        directories = app.config.get("BABEL_TRANSLATION_DIRECTORIES", "translations")
        app.config["BABEL_TRANSLATION_DIRECTORIES"] = f"{target};{directories}"
    for po in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        mo = target / po.relative_to(TRANSLATIONS).with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        compile_one(po, mo)


def compile_one(po: Path, mo: Path) -> None:
    """Write the .mo atomically: several workers starting at once never read half a file."""
    with po.open("rb") as source:
        catalog = read_po(source, locale=po.parent.parent.name)
    mo.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=mo.parent, suffix=".mo.tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            write_mo(out, catalog, use_fuzzy=False)
        os.replace(temporary, mo)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
