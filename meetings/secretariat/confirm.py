"""The confirmation step every destructive action goes through: a page, no JavaScript needed.

The list's button opens the action's own address (GET), which asks; the page's form posts to
the same address with its CSRF token, which acts.
"""
from __future__ import annotations

from flask import render_template


def ask(question: str, explanation: list[str], *, action: str, button: str, cancel: str,
        hidden: dict[str, str] | None = None):
    return render_template("secretariat/confirm.html", question=question,
                           explanation=explanation, action=action, button=button, cancel=cancel,
                           hidden=hidden or {})


def undo_offer(text: str, undo_url: str, back: str) -> dict[str, str]:
    """A flash message with an Undo button (base.html shows it as a small form)."""
    return {"text": text, "undo": undo_url, "back": back}
