"""The one clock the service reads; tests set FIXED_NOW to move it around a deadline."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import current_app


def now() -> datetime:
    fixed = current_app.config.get("FIXED_NOW")
    return fixed if fixed is not None else datetime.now(timezone.utc)
