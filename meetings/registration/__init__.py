"""A government's private registration link: its delegation, and nobody else's."""
from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Each view module declares its routes on the one blueprint, so all are named here, once."""
    from meetings.registration import views  # noqa: F401
    from meetings.registration.blueprint import bp

    app.register_blueprint(bp)
