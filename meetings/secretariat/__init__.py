"""The secretariat's workspace: one blueprint, its views split by noun."""
from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Each view module declares its routes on the one blueprint, so all are named here, once."""
    from meetings.secretariat import (  # noqa: F401
        dashboard,
        data_io,
        delegations,
        history,
        invitations,
        notes,
        outbox,
        participants,
        registry,
        reminders,
        settings,
        staff,
        translations,
        views,
    )
    from meetings.secretariat.blueprint import bp

    app.register_blueprint(bp, url_prefix="/secretariat")
