"""Requests per second for a meeting calendar: python -m tests.benchmarks.calendars [requests].

Serves the demo on a loopback port (threaded werkzeug server, SQLite) and fetches the UNODC
expert meeting's calendar over HTTP, first plainly, then with If-None-Match (answered 304).
"""
from __future__ import annotations

import http.client
import os
import sys
import tempfile
import threading
import time


def measure(port: int, path: str, count: int, headers: dict[str, str]) -> tuple[float, int]:
    statuses = set()
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for _ in range(count):
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        statuses.add(response.status)
        if response.getheader("Connection", "").lower() == "close" or response.version == 10:
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.close()
    elapsed = time.perf_counter() - started
    return count / elapsed, statuses.pop() if len(statuses) == 1 else -1


def main(count: int = 500) -> None:
    os.environ["MEETINGS_INSTANCE_PATH"] = tempfile.mkdtemp()
    from flask_migrate import upgrade
    from werkzeug.serving import make_server

    from meetings import create_app
    from meetings.extensions import db

    app = create_app({"SECRET_KEY": "bench", "OUTBOX_WORKER": False})
    with app.app_context():
        upgrade()
        from meetings.services.demo import SLUGS, load_demo

        load_demo()
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    path = f"/meetings/{SLUGS['uncac_expert_meeting']}/calendar.ics"
    connection = http.client.HTTPConnection("127.0.0.1", server.server_port)
    connection.request("GET", path)
    first = connection.getresponse()
    size, etag = len(first.read()), first.getheader("ETag")
    print(f"{path} ({size} bytes), {count} sequential requests over loopback:")
    rate, status = measure(server.server_port, path, count, {})
    print(f"  without If-None-Match: {rate:7.0f} requests/s (status {status})")
    rate, status = measure(server.server_port, path, count, {"If-None-Match": etag})
    print(f"  with If-None-Match:    {rate:7.0f} requests/s (status {status})")
    server.shutdown()
    with app.app_context():
        import sqlalchemy as sa

        from meetings.ical import meeting_calendar
        from meetings.models import Meeting
        from meetings.services.meetings import linked_group

        meeting = db.session.scalar(sa.select(Meeting).where(
            Meeting.slug == SLUGS["uncac_expert_meeting"]))
        group = linked_group(meeting)
        started = time.perf_counter()
        for _ in range(100):
            meeting_calendar(meeting, "http://127.0.0.1/", group).to_ical()
        print(f"  a rebuild after a change: {(time.perf_counter() - started) * 10:.1f} ms "
              "(done once per change, not per poll)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
