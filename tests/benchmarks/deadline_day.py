"""Deadline-day speed (`make bench`): the service as deployed, against a bare Flask endpoint.

For each database (SQLite, then PostgreSQL when it answers on DATABASE_ADMIN_URL) it loads the
deadline-day data set through the services, starts gunicorn with 2 sync workers on 127.0.0.1
and measures every request with wrk (one thread, 10 connections, a bounded time, several rounds)
and the submissions with a client process of its own; a bare Flask endpoint served the same way
in the same run is the ceiling every figure is given as a share of. Last, 200 governments submit
at once and every delegation must be stored exactly once.

    python -m tests.benchmarks.deadline_day [--seconds 5] [--rounds 3] [--only sqlite|postgresql]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent
ADMIN_URL = os.environ.get("DATABASE_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
SECRET = "benchmark-secret-key-not-for-production"
TARGETS = {  # request -> the share of the bare endpoint it should reach (issue 15)
    "calendar 304": 0.70, "calendar full": 0.45, "secretariat calendar": 0.30,
    "public meeting page": 0.25, "registration page": 0.12,
}
P95_TARGETS_MS = {"invitation list": 100, "meeting dashboard": 100}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, path: str = "/", seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answers on port {port}")


THREADS = 1  # threads per worker (--threads): 1 is gunicorn's sync worker


def gunicorn(app: str, port: int, env: dict[str, str]) -> subprocess.Popen:
    threads = ["--threads", str(THREADS)] if THREADS > 1 else []
    return subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "2", *threads, "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "--timeout", "120", app],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def wrk(url: str, seconds: float, connections: int = 10, headers: dict[str, str] | None = None,
        expect: int = 200) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s",
               "-s", str(HERE / "report.lua")]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True,
                            env={**os.environ, "WRK_EXPECT": str(expect)}).stdout
    line = next(x for x in output.splitlines() if x.startswith("{"))
    result = json.loads(line)
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def sign_in(port: int) -> str:
    """The demo officer's session cookie, signed in through the form as a browser would."""
    import http.client

    def call(method: str, path: str, body: str | None = None, cookie: str = "") -> tuple:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": cookie}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        page = response.read().decode()
        cookies = [v.split(";", 1)[0] for k, v in response.getheaders() if k.lower() == "set-cookie"]
        connection.close()
        return response.status, page, cookies

    _, page, cookies = call("GET", "/secretariat/login")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token, "no CSRF token on the sign-in page"
    from urllib.parse import urlencode

    body = urlencode({"csrf_token": token.group(1), "email": "demo@example.org",
                      "password": "demo-secretariat"})
    status, _, signed = call("POST", "/secretariat/login", body, "; ".join(cookies))
    assert status == 302, f"sign-in answered {status}"
    return "; ".join(c for c in signed if c.startswith("session="))


def load(env: dict[str, str], folder: Path) -> dict:
    """Schema, demo and data set in a process of their own (the server must not share memory)."""
    script = (
        "import json, sys, logging\n"
        "logging.disable(logging.INFO)\n"
        "from dataclasses import asdict\n"
        "from datetime import date\n"
        "from flask_migrate import upgrade\n"
        "from meetings import create_app\n"
        "from meetings.extensions import db\n"
        "app = create_app()\n"
        "with app.app_context():\n"
        "    upgrade()\n"
        "    from meetings.services.demo import load_demo\n"
        "    load_demo(); db.session.commit()\n"
        "    from tests.benchmarks.dataset import load\n"
        "    data = load(date.today()); db.session.commit()\n"
        "    json.dump(asdict(data), open(sys.argv[1], 'w'))\n"
    )
    out = folder / "data.json"
    subprocess.run([sys.executable, "-c", script, str(out)], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())


def verify_crowd(env: dict[str, str], meeting_id: int) -> dict:
    script = (
        "import json, sys, logging\n"
        "logging.disable(logging.INFO)\n"
        "import sqlalchemy as sa\n"
        "from meetings import create_app\n"
        "from meetings.extensions import db\n"
        "from meetings.models import Delegation, DelegationVersion, Delegate, Invitation\n"
        "app = create_app()\n"
        "with app.app_context():\n"
        "    mid = int(sys.argv[1])\n"
        "    ids = sa.select(Invitation.id).where(Invitation.meeting_id == mid)\n"
        "    rows = db.session.execute(sa.select(Delegation.invitation_id, sa.func.count())"
        ".where(Delegation.invitation_id.in_(ids)).group_by(Delegation.invitation_id)).all()\n"
        "    dids = sa.select(Delegation.id).where(Delegation.invitation_id.in_(ids))\n"
        "    versions = db.session.scalar(sa.select(sa.func.count()).select_from(DelegationVersion)"
        ".where(DelegationVersion.delegation_id.in_(dids)))\n"
        "    people = db.session.scalar(sa.select(sa.func.count()).select_from(Delegate)"
        ".where(Delegate.delegation_id.in_(dids)))\n"
        "    print(json.dumps({'delegations': len(rows), 'duplicates': sum(c - 1 for _, c in rows),"
        " 'versions': versions, 'delegates': people}))\n"
    )
    output = subprocess.run([sys.executable, "-c", script, str(meeting_id)], cwd=ROOT, env=env,
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def submitters(port: int, seconds: float, links: list[str], folder: Path, *, once: bool = False,
               clients: int = 20) -> subprocess.Popen:
    path = folder / f"links-{len(links)}-{clients}.json"
    path.write_text(json.dumps(links))
    command = [sys.executable, "-m", "tests.benchmarks.submitters", str(port), str(seconds),
               str(path), "--clients", str(clients)] + (["--once"] if once else [])
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)


def collected(process: subprocess.Popen) -> dict:
    out, _ = process.communicate(timeout=600)
    return json.loads(out.strip().splitlines()[-1])


# What Outlook, Google, Apple and Thunderbird send with every calendar request.
GZIP = {"Accept-Encoding": "gzip"}


def etag_of(port: int, path: str) -> str:
    """The validator a calendar client holds: that of the compressed file it was sent."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=GZIP)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.headers["ETag"]


def bench_database(label: str, database_url: str | None, args: argparse.Namespace) -> dict:
    folder = Path(tempfile.mkdtemp(prefix=f"bench-{label}-"))
    env = {**os.environ, "SECRET_KEY": SECRET, "MEETINGS_INSTANCE_PATH": str(folder),
           "OUTBOX_WORKER": "0", "PYTHONPATH": str(ROOT), "MAIL_PORT": "1",
           "PUBLIC_BASE_URL": "http://127.0.0.1"}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    started = time.perf_counter()
    data = load(env, folder)
    print(f"  data set loaded in {time.perf_counter() - started:.0f} s "
          f"({data['invitations']} invitations)", flush=True)
    port, bare_port = free_port(), free_port()
    server = gunicorn("wsgi:app", port, env)
    bare = gunicorn("tests.benchmarks.bare:app", bare_port, env)
    results: dict[str, list[dict]] = {}
    try:
        wait_for(port, "/")
        wait_for(bare_port, "/")
        cookie = sign_in(port)
        slug, sec = data["meeting_slug"], data["secretariat_slug"]
        calendar = f"/meetings/{slug}/calendar.ics"
        plain = {
            "bare Flask endpoint": (bare_port, "/", {}, 200),
            "calendar 304": (port, calendar, {**GZIP, "If-None-Match": etag_of(port, calendar)},
                             304),
            "calendar full": (port, calendar, GZIP, 200),
            "secretariat calendar": (port, f"/secretariats/{sec}/calendar.ics", GZIP, 200),
            "secretariat calendar, uncompressed": (port, f"/secretariats/{sec}/calendar.ics",
                                                   {}, 200),
            "public meeting page": (port, f"/meetings/{slug}", {}, 200),
            "registration page": (port, f"/register/{data['open_links'][0]}", {}, 200),
            "invitation list": (port, f"/secretariat/meetings/{slug}/invitations",
                                {"Cookie": cookie}, 200),
        }
        for name, path in (("meeting dashboard", f"/secretariat/meetings/{slug}/dashboard"),
                           ("list of participants", f"/secretariat/meetings/{slug}/participants"),
                           ("outbox", "/secretariat/outbox")):
            try:
                with urllib.request.urlopen(urllib.request.Request(
                        f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie}), timeout=30):
                    plain[name] = (port, path, {"Cookie": cookie}, 200)
            except urllib.error.HTTPError:
                print(f"  ({name}: {path} does not exist yet; not measured)")
        chosen = set(args.requests.split(",")) if args.requests else None
        if chosen is not None:
            plain = {k: v for k, v in plain.items() if k in chosen or k == "bare Flask endpoint"}
        for p, path, headers, _expect in plain.values():  # warm: stored copies built
            try:
                with urllib.request.urlopen(urllib.request.Request(
                        f"http://127.0.0.1:{p}{path}", headers=headers), timeout=120) as answer:
                    answer.read()
            except urllib.error.HTTPError:  # 304
                pass
        for round_number in range(args.rounds):
            for name, (p, path, headers, expect) in plain.items():
                result = wrk(f"http://127.0.0.1:{p}{path}", args.seconds, headers=headers,
                             expect=expect)
                results.setdefault(name, []).append(result)
            print(f"  round {round_number + 1} of {args.rounds} done", flush=True)
        if chosen is not None and not any("submi" in name for name in chosen):
            return results
        # Submissions: 20 governments that already submitted submit again, for a bounded time.
        results["submission, 20 clients"] = [collected(submitters(
            port, args.seconds * 2, data["submitted_links"], folder))]
        # A first submission with its scan: governments that have not submitted yet.
        results["first submission with a scan"] = [collected(submitters(
            port, 0, data["open_links"][1:21], folder, once=True))]
        # Mixed: 20 submitting while 50 calendar clients poll.
        polling = subprocess.Popen(
            ["wrk", "-t1", "-c50", f"-d{args.seconds * 2:g}s", "--timeout", "10s", "-s",
             str(HERE / "report.lua"), "-H", f"If-None-Match: {etag_of(port, calendar)}",
             "-H", "Accept-Encoding: gzip",
             f"http://127.0.0.1:{port}{calendar}"],
            stdout=subprocess.PIPE, text=True, env={**os.environ, "WRK_EXPECT": "304"})
        mixed = collected(submitters(port, args.seconds * 2, data["submitted_links"][20:40],
                                     folder))
        poll_out = json.loads(polling.communicate()[0].strip().splitlines()[-1])
        poll_out["rps"] = poll_out["requests"] / (poll_out["duration_us"] / 1e6)
        results["mixed: submission, 20 clients"] = [mixed]
        results["mixed: calendar polls, 50 clients"] = [poll_out]
        crowd = collected(submitters(port, 0, data["crowd_links"], folder, once=True,
                                     clients=len(data["crowd_links"])))
        integrity = verify_crowd(env, data["crowd_meeting_id"])
        results["integrity: 200 at once"] = [{**crowd, **integrity,
                                              "governments": len(data["crowd_links"])}]
    finally:
        for process in (server, bare):
            process.terminate()
            process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    return results


def summarise(label: str, results: dict[str, list[dict]]) -> list[str]:
    bare = statistics.median(r["rps"] for r in results["bare Flask endpoint"])
    lines = [f"### {label}", "", "| request | req/s | share of bare Flask | p50 ms | p95 ms | "
             "p99 ms | errors | target |", "|---|---|---|---|---|---|---|---|"]
    for name, runs in results.items():
        if "rps" in runs[0]:
            rps = statistics.median(r["rps"] for r in runs)
            p50, p95, p99 = (statistics.median(r[k] for r in runs) / 1000
                             for k in ("p50_us", "p95_us", "p99_us"))
            errors = sum(r["errors"] + r["unexpected"] for r in runs)
            share = rps / bare
            if name in TARGETS:
                target = f"≥{TARGETS[name]:.0%}: {'met' if share >= TARGETS[name] else 'MISSED'}"
            elif name in P95_TARGETS_MS:
                limit = P95_TARGETS_MS[name]
                target = f"p95 <{limit} ms: {'met' if p95 < limit else 'MISSED'}"
            else:
                target = ""
            lines.append(f"| {name} | {rps:,.0f} | {share:.1%} | {p50:.1f} | {p95:.1f} | "
                         f"{p99:.1f} | {errors} | {target} |")
        else:
            run = runs[0]
            bad = {k: v for k, v in run["statuses"].items() if str(k) != "302"}
            target = ""
            if name.endswith("20 clients") and "postgres" in label.lower():
                target = f"p95 <150 ms: {'met' if run['p95_ms'] < 150 else 'MISSED'}"
            if name.startswith("integrity"):
                ok = (run["delegations"] == run["governments"] == run["submissions"]
                      == run["versions"] and run["duplicates"] == 0 and not bad)
                target = f"{run['delegations']} stored, {run['duplicates']} twice, " \
                         f"{run['versions']} versions: {'met' if ok else 'MISSED'}"
            lines.append(f"| {name} | {run['submissions']} submitted | | {run['p50_ms']:.1f} | "
                         f"{run['p95_ms']:.1f} | {run['p99_ms']:.1f} | {sum(bad.values())} | "
                         f"{target} |")
    return lines


def postgres_database() -> tuple[str, str] | None:
    try:
        import psycopg
    except ImportError:
        return None
    name = f"meetings_bench_{os.getpid()}"
    try:
        with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        print(f"PostgreSQL is not available ({error}); only SQLite is measured.")
        return None
    base = ADMIN_URL.rsplit("/", 1)[0]
    return name, f"{base}/{name}"


def drop_postgres(name: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--threads", type=int, default=1,
                        help="threads per gunicorn worker, for the service and the bare endpoint "
                        "alike (1: sync workers)")
    parser.add_argument("--requests", help="measure only these requests (comma-separated names "
                        "as in the table, e.g. 'calendar 304,public meeting page'; the bare "
                        "endpoint is always measured) and no submissions unless named")
    parser.add_argument("-o", "--output", help="also write the tables to this Markdown file")
    args = parser.parse_args()
    global THREADS
    THREADS = args.threads
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk (Debian's package)")
    header = (f"`make bench` on {dt.date.today().isoformat()}, {os.cpu_count()} cores, "
              f"gunicorn 2 {'sync workers' if THREADS == 1 else f'workers of {THREADS} threads'}, wrk -t1 -c10 -d{args.seconds:g}s, "
              f"medians of {args.rounds} rounds")
    print(header, flush=True)
    tables = [header, ""]
    if args.only in (None, "sqlite"):
        print("SQLite:", flush=True)
        tables += summarise("SQLite", bench_database("sqlite", None, args)) + [""]
    if args.only in (None, "postgresql"):
        created = postgres_database()
        if created:
            name, url = created
            try:
                print("PostgreSQL:", flush=True)
                tables += summarise("PostgreSQL", bench_database("postgresql", url, args))
            finally:
                drop_postgres(name)
    text = "\n".join(tables)
    print()
    print(text)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
