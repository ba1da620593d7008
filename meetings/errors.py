"""The domain's errors, in one place: services raise them, views turn them into answers."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Problems = dict[str, str]


class RuleBroken(ValueError):
    """Raised by a service when data breaks a rule; carries one message per field."""

    def __init__(self, problems: Problems):
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


@dataclass
class Conflict(Exception):
    """Someone saved the delegation after this form was opened."""

    theirs: dict[str, Any] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    version: int = 0


class TooManyAttempts(Exception):
    """Too many wrong private links from one client address: it must wait."""


class SignInThrottled(Exception):
    """Too many wrong passwords for this account or from this address: sign-in waits."""

    def __init__(self, seconds: int):
        super().__init__(f"try again in {seconds} s")
        self.seconds = seconds
