"""The address the public reaches the service at, for links in notes, e-mails and calendars."""
from __future__ import annotations

from flask import current_app, request


def public_base_url() -> str:
    """PUBLIC_BASE_URL when set (behind a proxy), else the address of the current request."""
    return current_app.config.get("PUBLIC_BASE_URL") or request.host_url
