"""Load on `symdiff serve` over loopback: N requests from C concurrent clients, a share of them
hostile (tests/test_hostile.py's corpus), with requests/second and p95 latency.

    python -m bench.web                      (starts a server on a free loopback port, 200 requests, 20 clients)
    python -m bench.web --url http://127.0.0.1:8000 --requests 400

Every request is bounded (a client timeout), the loop stops by itself, and nothing is sent anywhere
but the loopback address it is given."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

# (expression, variable, derivative as --format json writes it)
BENIGN = [("x**2", "x", "2*x"), ("sin(x)", "x", "cos(x)"), ("exp(2*x)", "x", "2*exp(2*x)"),
          ("x**3*y", "x", "3*x**2*y"), ("log(x)", "x", "1/x"), ("x*y", "x", "y"), ("cos(x)", "x", "-sin(x)"),
          ("sqrt(x)", "x", "1/(2*sqrt(x))"), ("1/x", "x", "-1/x**2"), ("x*exp(x)", "x", "x*exp(x) + exp(x)")]
ERROR_TYPES = {"syntax", "unknown_function", "unsupported", "limit", "timeout", "domain", "internal"}


def hostile_corpus() -> list[str]:
    tests = Path(__file__).resolve().parent.parent / "tests"
    sys.path.insert(0, str(tests))
    try:
        from test_hostile import INJECTION, MALFORMED, RESOURCE, UNICODE
    finally:
        sys.path.remove(str(tests))
    return RESOURCE + INJECTION + MALFORMED + UNICODE


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)  # benign requests not answered correctly
    hostile: dict[str, int] = field(default_factory=dict)  # status or error type -> count
    seconds: float = 0.0

    def p95(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else 0.0

    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def load(url: str, requests: int = 200, clients: int = 20, hostile_every: int = 10,
         client_timeout: float = 120.0) -> Outcome:
    """Sends `requests` requests with `clients` at once; every `hostile_every`-th is hostile."""
    import httpx

    corpus = hostile_corpus()
    outcome = Outcome()
    jobs = []
    for i in range(requests):
        if i % hostile_every == hostile_every - 1:
            jobs.append(("hostile", corpus[(i // hostile_every) % len(corpus)], "x", None))
        else:
            jobs.append(("benign", *BENIGN[i % len(BENIGN)]))

    def one(job):
        kind, expr, var, expected = job
        start = time.perf_counter()
        with httpx.Client(timeout=client_timeout) as client:
            # a long hostile expression goes as a body, as the query string has its limit
            response = client.post(f"{url}/api/partial", json={"expr": expr, "var": var, "steps": "false"})
        took = time.perf_counter() - start
        return kind, expr, expected, response, took

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for kind, expr, expected, response, took in pool.map(one, jobs):
            outcome.latencies.append(took)
            record = response.json()
            if kind == "benign":
                if response.status_code != 200 or record.get("result") != expected:
                    outcome.wrong.append(f"{expr}: {response.status_code} {str(record)[:200]}")
            else:
                key = record.get("error", {}).get("type", str(response.status_code)) if isinstance(record, dict) else "?"
                outcome.hostile[key] = outcome.hostile.get(key, 0) + 1
    outcome.seconds = time.perf_counter() - start
    return outcome


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, timeout: float = 5.0, jobs: int = 0, memory: int = 1024) -> subprocess.Popen:
    """`symdiff serve` on 127.0.0.1:port, started and answering (or an error after a minute)."""
    import httpx

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server = subprocess.Popen([sys.executable, "-m", "symdiff", "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--timeout", str(timeout), "--jobs", str(jobs), "--memory", str(memory)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server ended: {server.stderr.read().decode()[-2000:]}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not answer within a minute")


def rss_mb(pid: int) -> float:
    """The resident memory of a process, in MiB (Linux)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for row in status:
            if row.startswith("VmRSS:"):
                return int(row.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server on loopback (default: start one)")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    server = None
    url = args.url
    if url is None:
        port = free_port()
        server = start_server(port)
        url = f"http://127.0.0.1:{port}"
    try:
        before = rss_mb(server.pid) if server else None
        outcome = load(url, args.requests, args.clients)
        after = rss_mb(server.pid) if server else None
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    print(f"{len(outcome.latencies)} requests, {args.clients} clients, {outcome.seconds:.1f} s: "
          f"{outcome.rate():.1f} requests/s, p95 {outcome.p95() * 1000:.0f} ms")
    print(f"benign answered wrongly: {len(outcome.wrong)}; hostile: {outcome.hostile}")
    if before is not None:
        print(f"server memory: {before:.0f} MiB before, {after:.0f} MiB after")


if __name__ == "__main__":
    main()
