"""Private links: 256-bit secrets, shown once, stored only as their SHA-256."""
from __future__ import annotations

import hashlib
import re
import secrets

SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_secret() -> tuple[str, str]:
    """(secret for the link, hash to store)."""
    secret = secrets.token_urlsafe(32)
    return secret, digest(secret)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def well_formed(secret: str) -> bool:
    return bool(SECRET_PATTERN.match(secret or ""))
