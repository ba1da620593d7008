"""CPU per delegation submission and per registration page, in process (no server, no network).

    python -m tests.benchmarks.profile_registration prepare DATABASE_URL FOLDER
    python -m tests.benchmarks.profile_registration run DATABASE_URL FOLDER [-n 40] [--profile]

`prepare` loads the demo and the deadline-day data set of `make bench` into an empty database
(an SQLite URL or a PostgreSQL one) and writes FOLDER/data.json. `run` then submits, as the
benchmark's clients do (open the page for the CSRF token, the version and the delegates' keys,
then POST five delegates with a scanned note), through the WSGI app with the test client, and
prints the median time.process_time() per POST and per page view, and the SQL statements each
runs. `--profile pyinstrument|cprofile --what post|get|open` profiles one kind of request into FOLDER
(pyinstrument's reports need `pip install pyinstrument`; cProfile counts CPU time).
A run changes the data (new versions): copy the SQLite file, or createdb -T, to start again.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.submitters import PDF, _multipart, submission_fields

SECRET = "benchmark-secret-key-not-for-production"


def _app(url: str, folder: Path):
    os.environ.update({"SECRET_KEY": SECRET, "MEETINGS_INSTANCE_PATH": str(folder),
                       "OUTBOX_WORKER": "0", "MAIL_PORT": "1",
                       "PUBLIC_BASE_URL": "http://127.0.0.1", "DATABASE_URL": url})
    logging.disable(logging.INFO)
    from meetings import create_app

    return create_app()


def prepare(url: str, folder: Path) -> None:
    from dataclasses import asdict
    from datetime import date

    from flask_migrate import upgrade

    from meetings.extensions import db

    app = _app(url, folder)
    with app.app_context():
        upgrade()
        from meetings.services.demo import load_demo

        load_demo()
        db.session.commit()
        from tests.benchmarks.dataset import load

        data = load(date.today())
        db.session.commit()
        (folder / "data.json").write_text(json.dumps(asdict(data)))


class Counter:
    def __init__(self, engine: Any):
        from sqlalchemy import event

        self.statements: list[str] = []
        event.listen(engine, "before_cursor_execute",
                     lambda *args: self.statements.append(args[2]))

    def take(self) -> list[str]:
        taken, self.statements = self.statements, []
        return taken


def run(url: str, folder: Path, n: int, profile: str | None, what: str,
        show_sql: bool) -> dict[str, Any]:
    from meetings.extensions import db

    data = json.loads((folder / "data.json").read_text())
    app = _app(url, folder)
    profiler: Any = None
    if profile == "cprofile":
        import cProfile

        profiler = cProfile.Profile(time.process_time)
        profiler.start = profiler.enable
        profiler.stop = profiler.disable
    elif profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
    with app.app_context():
        counter = Counter(db.engine)
    client = app.test_client()
    links = data["submitted_links"][:20]
    open_link = data["open_links"][0]
    posts: list[float] = []
    gets: list[float] = []
    open_gets: list[float] = []
    post_sql: list[int] = []
    get_sql: list[int] = []
    open_sql: list[int] = []
    last_sql: dict[str, list[str]] = {}
    for warm in range(3):  # imports, compiled templates, the pool's connections
        response = client.get(f"/register/{links[warm]}")
        client.post(f"/register/{links[warm]}", data=_multipart(
            submission_fields(response.get_data(as_text=True), warm), PDF)[0],
            content_type=_multipart([], PDF)[1])
        client.get(f"/register/{open_link}")
    counter.take()
    for i in range(n):
        link = links[i % len(links)]
        started = time.process_time()
        if profiler and what == "get":
            profiler.start()
        response = client.get(f"/register/{link}")
        if profiler and what == "get":
            profiler.stop()
        gets.append(time.process_time() - started)
        last_sql["get"] = counter.take()
        get_sql.append(len(last_sql["get"]))
        assert response.status_code == 200, response.status_code
        body, content_type = _multipart(submission_fields(response.get_data(as_text=True), i), PDF)
        if profiler and what == "post":
            profiler.start()
        started = time.process_time()
        response = client.post(f"/register/{link}", data=body, content_type=content_type)
        posts.append(time.process_time() - started)
        if profiler and what == "post":
            profiler.stop()
        last_sql["post"] = counter.take()
        post_sql.append(len(last_sql["post"]))
        assert response.status_code == 302, (response.status_code,
                                             response.get_data(as_text=True)[:3000])
        if profiler and what == "open":
            profiler.start()
        started = time.process_time()
        response = client.get(f"/register/{open_link}")
        open_gets.append(time.process_time() - started)
        if profiler and what == "open":
            profiler.stop()
        last_sql["open"] = counter.take()
        open_sql.append(len(last_sql["open"]))
        assert response.status_code == 200
    if profile == "cprofile":
        profiler.dump_stats(str(folder / f"{what}.pstats"))
    elif profiler:
        (folder / f"{what}.html").write_text(profiler.output_html())
        (folder / f"{what}.txt").write_text(profiler.output_text(unicode=True, show_all=False))
    if show_sql:
        for name, statements in last_sql.items():
            print(f"--- {name}: {len(statements)} statements")
            for statement in statements:
                print("   ", " ".join(statement.split())[:300])

    def ms(values: list[float]) -> float:
        return round(statistics.median(values) * 1000, 2)

    return {"database": url.split(":", 1)[0], "n": n,
            "post_cpu_ms": ms(posts), "post_statements": statistics.median(post_sql),
            "resubmitter_page_cpu_ms": ms(gets),
            "open_page_cpu_ms": ms(open_gets), "open_page_statements": statistics.median(open_sql)}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("mode", choices=["prepare", "run"])
    parser.add_argument("url")
    parser.add_argument("folder", type=Path)
    parser.add_argument("-n", type=int, default=40)
    parser.add_argument("--profile", choices=["pyinstrument", "cprofile"],
                        help="profile one kind of request (--what) into FOLDER")
    parser.add_argument("--what", choices=["post", "get", "open"], default="post")
    parser.add_argument("--sql", action="store_true", help="print the last request's statements")
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    if args.mode == "prepare":
        prepare(args.url, args.folder)
    else:
        print(json.dumps(run(args.url, args.folder, args.n, args.profile, args.what, args.sql)))


if __name__ == "__main__":
    main(sys.argv[1:])
