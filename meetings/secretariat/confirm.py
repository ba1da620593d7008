"""The confirmation step every destructive action goes through: a page, no JavaScript needed.

The list's button opens the action's own address (GET), which asks; the page's form posts to
the same address with its CSRF token, which acts.
"""
from __future__ import annotations

from flask import flash, render_template


def ask(question: str, explanation: list[str], *, action: str, button: str, cancel: str,
        hidden: dict[str, str] | None = None):
    return render_template("secretariat/confirm.html", question=question,
                           explanation=explanation, action=action, button=button, cancel=cancel,
                           hidden=hidden or {})


def flash_undo(text: str, undo_url: str, back: str) -> None:
    """A flash message with an Undo button: base.html shows a mapping as the text and a form.

    Flask's session keeps the mapping as it is (tagged JSON), though flash() is typed for text.
    """
    flash({"text": text, "undo": undo_url, "back": back}, "success")  # type: ignore[arg-type]
