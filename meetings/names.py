"""A person's name as its own script writes it, with the honorific in the reader's language.

Chinese, Japanese and Korean names typed in their scripts put the family name first (Han and
kana without a space, Hangul with one); others keep given name, family name. In a Chinese text
the honorific follows the name (王伟先生); elsewhere it precedes it. In HTML every part is
isolated (<bdi>), so a Latin-script name or honorific keeps its order inside Arabic text.
"""
from __future__ import annotations

import unicodedata
from typing import Any

from markupsafe import Markup, escape

from meetings.languages import RTL
from meetings.services.delegations import HONORIFIC_LABELS


def script_of(text: str) -> str:
    """'han' (Chinese, Japanese), 'hangul' or 'other', by the first letter that tells."""
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith(("CJK UNIFIED", "CJK COMPATIBILITY", "HIRAGANA", "KATAKANA")):
            return "han"
        if name.startswith("HANGUL"):
            return "hangul"
        return "other"
    return "other"


def parts(honorific: str | None, given: str | None, family: str | None,
          language: str) -> list[str]:
    """The name's parts in reading order; the honorific translated when it is one of ours."""
    given, family = (given or "").strip(), (family or "").strip()
    script = script_of(family + given)
    if script == "han":
        name = [family + given] if family and given else [family or given]
    elif script == "hangul":
        name = [p for p in (family, given) if p]
    else:
        name = [p for p in (given, family) if p]
    title = str(HONORIFIC_LABELS[honorific]) if honorific in HONORIFIC_LABELS else honorific
    if not title:
        return name
    return [*name, title] if language == "zh" else [title, *name]


def _isolated(part: str) -> str:
    """A part in another script isolated (FSI … PDI) inside right-to-left plain text, so that
    "Amb. John Smith" keeps its order in an Arabic e-mail or calendar."""
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in part):
        return part
    return f"\u2068{part}\u2069"


def display_name(delegate: Any, language: str) -> str:
    """Plain text, for e-mails and calendars."""
    found = parts(delegate.honorific, delegate.given_name, delegate.family_name, language)
    if language == "zh" and delegate.honorific and script_of(found[0]) == "han":
        return "".join(found)  # 王伟先生
    if language in RTL:
        found = [_isolated(p) for p in found]
    return " ".join(found)


def display_name_html(delegate: Any, language: str) -> Markup:
    """For pages: each part in its own <bdi>."""
    found = parts(delegate.honorific, delegate.given_name, delegate.family_name, language)
    return Markup(" ").join(Markup("<bdi>%s</bdi>") % escape(p) for p in found)
