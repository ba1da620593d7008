"""The outbox sender inside the running service, for the embedded (single-instance) default.

With PostgreSQL and several instances, run `flask --app wsgi outbox send` from a timer instead
(or as well: each message is claimed with FOR UPDATE SKIP LOCKED, so it has one sender).
"""
from __future__ import annotations

import logging
import threading

from flask import Flask

log = logging.getLogger("meetings.outbox")


def start_outbox_worker(app: Flask, interval: float = 30.0) -> threading.Thread:
    stop = threading.Event()

    def loop() -> None:
        from meetings.extensions import db
        from meetings.services.outbox import deliver

        while not stop.wait(interval):
            with app.app_context():
                try:
                    counts = deliver()
                    if any(counts.values()):
                        log.info("outbox: %s", counts)
                except Exception:
                    log.exception("outbox round failed")  # e.g. the database is restarting
                    db.session.rollback()

    thread = threading.Thread(target=loop, name="outbox", daemon=True)
    thread.stop = stop  # type: ignore[attr-defined]
    thread.start()
    return thread


def install(app: Flask) -> None:
    """Start the sender with the first request, so CLI commands never start one."""
    if not app.config.get("OUTBOX_WORKER"):
        return
    started: list[threading.Thread] = []
    lock = threading.Lock()

    @app.before_request
    def _start_once() -> None:
        if not started:
            with lock:
                if not started:
                    started.append(start_outbox_worker(app, app.config["OUTBOX_INTERVAL"]))
