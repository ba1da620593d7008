"""The one clock the service reads; tests set FIXED_NOW to move it around a deadline."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from flask import current_app


def now(config: Mapping[str, Any] | None = None) -> datetime:
    """`config` for a caller outside an app context (the stored answers, before Flask)."""
    fixed = (current_app.config if config is None else config).get("FIXED_NOW")
    return fixed if fixed is not None else datetime.now(timezone.utc)


def minute(instant: datetime) -> str:
    """What a stored page's fingerprint adds: it is built again when the minute moves."""
    return instant.strftime("@%Y-%m-%dT%H:%M")
