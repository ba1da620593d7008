"""The registration page's own words, by the key the templates use (`t.title`); the texts
themselves live in the message catalogs (meetings/translations), in the page's language."""
from __future__ import annotations

from typing import Any

from babel.messages.pofile import read_po
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from meetings import i18n, languages


def N_(text: str) -> str:
    """Marks a text for `pybabel extract`; it is translated where it is shown."""
    return text


# The English source of each text: the msgid the catalogs translate.
SOURCE: dict[str, str] = {
    "title": N_("Registration of the delegation"),
    "end_of_day": N_("until the end of the day, venue time"),
    "deadline": N_("Deadline"),
    "time_left": N_("Time left"),
    "closed": N_("Registration is closed."),
    "late_mark": N_("late"),
    "late": N_("The deadline has passed: what you submit now is accepted and marked late."),
    "contact": N_("Please contact the secretariat"),
    "status": N_("State of the delegation"),
    "draft": N_("draft, not yet submitted"),
    "submitted": N_("submitted to the secretariat"),
    "returned": N_("returned by the secretariat for correction"),
    "confirmed": N_("confirmed by the secretariat"),
    "focal_point": N_("Focal point"),
    "name": N_("Name"),
    "position": N_("Position"),
    "email": N_("E-mail"),
    "phone": N_("Telephone"),
    "delegates": N_("Delegates"),
    "delegate": N_("Delegate"),
    "honorific": N_("Honorific"),
    "given_name": N_("Given name(s)"),
    "family_name": N_("Family name"),
    "job_title": N_("Position / title"),
    "function": N_("Function"),
    "gender": N_("Gender (optional)"),
    "attends": N_("Attends"),
    "head": N_("Head of delegation"),
    "alternate": N_("Alternate"),
    "adviser": N_("Adviser"),
    "expert": N_("Expert"),
    "female": N_("Female"),
    "male": N_("Male"),
    "other": N_("Other"),
    "add": N_("Add a delegate"),
    "remove": N_("Remove"),
    "up": N_("Move up"),
    "down": N_("Move down"),
    "note": N_("Scanned note verbale (PDF, JPEG or PNG)"),
    "note_kept": N_("Note verbale on file"),
    "save": N_("Save draft"),
    "submit": N_("Submit the delegation"),
    "fix": N_("Please correct what is marked; nothing you typed has been lost."),
    "error": N_("Error"),
    "required": N_("required"),
    "not_yet": N_("Registration opens on"),
    "venue_time": N_("venue time"),
    "conflict": N_("Someone else saved this delegation after you opened the page. Their changes are listed below; your own entries are kept in the form. Check them and save again."),
    "saved": N_("Draft saved."),
    "thanks": N_("Thank you: the delegation has been submitted."),
    "calendar": N_("Calendar"),
    "my_calendar": N_("personal calendar link"),
    "deadline_calendar": N_("Add the deadline to my calendar"),
    "comment": N_("Comment from the secretariat"),
    "edit": N_("Change the delegation"),
    "no_draft": N_("This delegation has already been submitted to the secretariat: a draft cannot replace it. Submit your changes instead, so that the secretariat sees them."),
    "meetings": N_("Meetings"),
    "decline_link": N_("The Government will not be represented"),
    "decline_explain": N_("Please confirm that the Government will not be represented at this meeting. The secretariat is informed and sends no further reminders. This can be taken back until the deadline."),
    "decline_confirm": N_("Confirm: the Government will not be represented"),
    "declined": N_("The Government has indicated that it will not be represented."),
    "undo_decline": N_("The Government will be represented after all"),
    "back": N_("Back"),
    "decline": N_("A delegation has already been submitted: please write to the secretariat."),
    "undo": N_("The deadline has passed: please write to the secretariat."),
}
# Shown only when the page fell back to English, so it is never translated.
FALLBACK = ("This page is not available in your working language; it is shown in English.")
RTL = languages.RTL


class Texts:
    """`t.key` and `t[key]` in templates: the catalog's text in the language the request speaks."""

    def __init__(self, fell_back: bool = False):
        self.fell_back = fell_back

    def __getitem__(self, key: str) -> Any:
        if key == "none":
            return "—"
        if key == "fallback":
            return FALLBACK if self.fell_back else ""
        return _l(SOURCE[key])

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __contains__(self, key: object) -> bool:
        return key in SOURCE or key in ("none", "fallback")

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default


class Said(LazyString):
    """A text already in the page's language, which behaves in every way as Flask-Babel's lazy
    text does (in a template, shown unescaped; joined with `~`, escaped), without asking the
    catalog again each time it is shown."""

    def __init__(self, text: str):  # LazyString's function and arguments are not needed
        self._text = text

    def __str__(self) -> str:
        return self._text


class SpokenTexts(Texts):
    """The same texts for one rendering of a page: each looked up in the catalog of the language
    spoken now once, not every time the template shows it (a page of delegates shows
    `t.required` and the like hundreds of times, each a Flask-Babel lookup)."""

    def __init__(self, fell_back: bool = False):
        super().__init__(fell_back)
        self._said: dict[str, Any] = {}
        self._gettext = i18n.catalog_gettext()

    def __getitem__(self, key: str) -> Any:
        try:
            return self._said[key]
        except KeyError:
            pass
        if key in ("none", "fallback"):
            return super().__getitem__(key)
        said = self._said[key] = Said(self._gettext(SOURCE[key]))
        return said


def translated_languages() -> set[str]:
    """The languages whose catalog has every text of the page (English is the source)."""
    found = {languages.BASE}
    for po in i18n.TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        with po.open("rb") as source:
            catalog = read_po(source)
        strings = {m.id: m.string for m in catalog if m.id and not m.fuzzy}
        if all(strings.get(text) for text in SOURCE.values()):
            found.add(po.parent.parent.name)
    return found


def texts_for(language: str) -> tuple[Texts, str, bool]:
    """(texts, language shown, whether it fell back to English); the request speaks it from now."""
    shown, fell_back = i18n.shown(language)
    i18n.use(shown)
    return Texts(fell_back), shown, fell_back
