"""Governments submitting their delegations over HTTP, as a load generator in its own process.

`python -m tests.benchmarks.submitters PORT SECONDS LINKS_FILE [--once] [--clients N]`
Each client takes its own government's private link, opens the page (for the CSRF token, the
version and the delegates' keys) and submits a delegation of five with a scanned note; only the
submission (the POST) is timed. Prints one JSON line: latencies and every unexpected answer.
"""
from __future__ import annotations

import http.client
import json
import re
import statistics
import sys
import threading
import time
import uuid

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FIELD = re.compile(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"')
GROUP_METER = re.compile(r'name="delegates-0-meetings"[^>]*value="(\d+)"')


def _multipart(fields: list[tuple[str, str]], upload: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="note"; '
                 f'filename="note.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                 + upload + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def submission_fields(page: str, number: int) -> list[tuple[str, str]]:
    """What a government types for five delegates, with the page's token, version and keys."""
    hidden = dict(FIELD.findall(page))
    meetings = sorted(set(GROUP_METER.findall(page)))
    fields = [("csrf_token", hidden.get("csrf_token", "")), ("version", hidden.get("version", "")),
              ("action", "submit"), ("rows", "5"),
              ("focal_point_name", f"Focal Point {number}"),
              ("focal_point_position", "First Secretary"),
              ("focal_point_email", f"focal{number}@example.org")]
    for i in range(5):
        fields += [(f"delegates-{i}-key", hidden.get(f"delegates-{i}-key", "")),
                   (f"delegates-{i}-honorific", "Ms."),
                   (f"delegates-{i}-given_name", f"Person{i}"),
                   (f"delegates-{i}-family_name", f"Submitter{number}"),
                   (f"delegates-{i}-job_title", f"Counsellor {time.time():.3f}"),
                   (f"delegates-{i}-function", "head" if i == 0 else "expert"),
                   (f"delegates-{i}-email", f"p{i}.s{number}@example.org")]
        fields += [(f"delegates-{i}-meetings", m) for m in meetings]
    return fields


def _request(port: int, method: str, path: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text
    finally:
        connection.close()


def submit_once(port: int, link: str, number: int) -> tuple[float, int]:
    """Open the page, then submit five delegates; the POST's seconds and status."""
    status, headers, page = _request(port, "GET", f"/register/{link}")
    if status != 200:
        return 0.0, status
    cookie = headers.get("set-cookie", "").split(";", 1)[0]
    fields = submission_fields(page, number)
    body, content_type = _multipart(fields, PDF)
    started = time.perf_counter()
    status, _, _ = _request(port, "POST", f"/register/{link}", body,
                            {"Content-Type": content_type, "Cookie": cookie})
    return time.perf_counter() - started, status


def run(port: int, seconds: float, links: list[str], once: bool) -> dict:
    timings: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    start = threading.Barrier(len(links))
    stop_at = time.monotonic() + seconds

    def client(number: int, link: str) -> None:
        start.wait()
        while True:
            took, status = submit_once(port, link, number)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status == 302:
                    timings.append(took)
            if once or time.monotonic() >= stop_at:
                return

    threads = [threading.Thread(target=client, args=(n, link)) for n, link in enumerate(links)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    timings.sort()

    def pct(p: float) -> float:
        if not timings:
            return 0.0
        return timings[min(len(timings) - 1, int(round(p / 100 * (len(timings) - 1))))] * 1000

    return {"submissions": len(timings), "statuses": statuses,
            "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99),
            "mean_ms": statistics.fmean(timings) * 1000 if timings else 0.0}


def main(argv: list[str]) -> None:
    port, seconds, links_file = int(argv[0]), float(argv[1]), argv[2]
    clients = int(argv[argv.index("--clients") + 1]) if "--clients" in argv else 20
    with open(links_file, encoding="utf-8") as handle:
        links = json.load(handle)[:clients]
    print(json.dumps(run(port, seconds, links, once="--once" in argv)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
