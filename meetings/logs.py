"""Logs never carry a private link: the secret in /register/… and /calendar/… is redacted."""
from __future__ import annotations

import logging
import re

PRIVATE_PATH = re.compile(r"(/(?:register|calendar)/)[^/\s?#\"'<>]+")
LOGGERS = ("meetings", "werkzeug", "gunicorn.access", "gunicorn.error", "flask.app")


def redact(text: str) -> str:
    """`/register/<secret>/confirmation` → `/register/[redacted]/confirmation`."""
    return PRIVATE_PATH.sub(r"\1[redacted]", text)


class RedactPrivateLinks(logging.Filter):
    """Rewrites a record's message and traceback before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if PRIVATE_PATH.search(message):
            record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def install() -> None:
    """On the loggers that write request paths (Flask's errors, the servers' access logs) and on
    the root's handlers, so a record from any library passes through it."""
    shield = RedactPrivateLinks()
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactPrivateLinks) for f in logger.filters):
            logger.addFilter(shield)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactPrivateLinks) for f in handler.filters):
            handler.addFilter(shield)
