"""The languages the service speaks: one list that forms, notes, dates and pages all read."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


def N_(text: str) -> str:
    """Marks a name for the catalogs (`make messages`); the workspace translates it when shown."""
    return text


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as stored on invitations, meetings and names
    name: str  # in English, as the secretariat's pages show it
    own_name: str  # in the language itself, as a government's page offers it
    rtl: bool = False
    un_official: bool = False  # one of the six official languages of the United Nations
    note_template: bool = False  # a default note verbale ships in meetings/drafting/defaults/
    ui_texts: bool = False  # the registration page speaks it (its catalog in meetings/translations)
    workspace: bool = False  # the secretariat's workspace speaks it (its catalog is complete)


# In the order the secretariat's forms list them.
LANGUAGES: tuple[Language, ...] = (
    Language("en", N_("English"), "English", un_official=True, note_template=True, ui_texts=True,
             workspace=True),
    Language("fr", N_("French"), "Français", un_official=True, note_template=True, ui_texts=True,
             workspace=True),
    Language("es", N_("Spanish"), "Español", un_official=True, note_template=True, ui_texts=True),
    Language("ru", N_("Russian"), "Русский", un_official=True, note_template=True, ui_texts=True),
    Language("ar", N_("Arabic"), "العربية", rtl=True, un_official=True, note_template=True,
             ui_texts=True),
    Language("zh", N_("Chinese"), "中文", un_official=True, note_template=True, ui_texts=True),
    Language("kk", N_("Kazakh"), "Қазақ тілі", note_template=True, ui_texts=True),
)

BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
CODES: tuple[str, ...] = tuple(BY_CODE)
BASE = "en"  # the language of the model's own columns; others live in `localized`
# The UN's own order (English alphabetical): Arabic, Chinese, English, French, Russian, Spanish.
UN_OFFICIAL: tuple[str, ...] = tuple(
    sorted((lang.code for lang in LANGUAGES if lang.un_official), key=lambda c: BY_CODE[c].name))
RTL: frozenset[str] = frozenset(lang.code for lang in LANGUAGES if lang.rtl)
NOTE_LANGUAGES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES if lang.note_template)
UI_LANGUAGES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES if lang.ui_texts)
WORKSPACE_LANGUAGES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES if lang.workspace)
NAMES: dict[str, str] = {lang.code: lang.name for lang in LANGUAGES}
CHOICES: list[tuple[str, str]] = [(lang.code, lang.name) for lang in LANGUAGES]


def name(code: str) -> str:
    """The English name of a language, or its code when the service does not know it."""
    return NAMES.get(code, code)


def asked(args: Mapping[str, str]) -> str:
    """`?lang=fr` on a public page or calendar: one of the service's languages, English otherwise."""
    code = args.get("lang", "")
    return code if code in CODES else BASE


def direction(code: str) -> str:
    """'rtl' or 'ltr', for HTML's dir attribute and Word's paragraph direction."""
    return "rtl" if code in RTL else "ltr"
