"""Public pages and calendar feeds: what anyone may read."""
from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Each view module declares its routes on the one blueprint, so all are named here, once."""
    from meetings.public import feed_views, views  # noqa: F401
    from meetings.public.blueprint import bp

    app.register_blueprint(bp)
