"""Load on a real `symdiff serve` over loopback: 200 requests from 20 concurrent clients, a tenth of
them hostile (test_hostile.py's corpus). Every benign request is answered correctly, every hostile
one gets a result or its typed error, the server is alive after, and its memory stays flat. No
speed is asserted: the bounds are generous guards against a hang (bench/web.py prints the rate)."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed: pip install 'symdiff[web]'")
pytest.importorskip("uvicorn", reason="the web extra is not installed: pip install 'symdiff[web]'")
httpx = pytest.importorskip("httpx", reason="httpx is not installed (the test extra)")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.web import ERROR_TYPES, free_port, load, rss_mb, start_server  # noqa: E402

# The server's memory may grow by this much over the run (caches filling), not with each request.
MEMORY_GROWTH_MB = 150


@pytest.mark.timeout(900)
def test_200_requests_from_20_clients_a_tenth_hostile():
    from symdiff.app.workers import few_malloc_arenas

    # the 20 client threads would each keep a 64 MiB malloc arena in this process, whose address space
    # every later test's workers start with (a 1024 MiB --memory limit then refused them all)
    few_malloc_arenas()
    port = free_port()
    # a generous per-expression limit: a benign request waiting behind hostile ones on a busy
    # machine must not time out (its timer starts only when a worker takes it)
    server = start_server(port, timeout=30.0, jobs=2)
    url = f"http://127.0.0.1:{port}"
    try:
        load(url, requests=20, clients=20, hostile_every=10**9)  # warm up: imports, caches
        before = rss_mb(server.pid)
        outcome = load(url, requests=200, clients=20, hostile_every=10)
        after = rss_mb(server.pid)
        assert outcome.wrong == []
        assert sum(outcome.hostile.values()) == 20
        assert set(outcome.hostile) <= ERROR_TYPES | {"200"}, outcome.hostile
        assert server.poll() is None
        assert httpx.get(f"{url}/api/partial", params={"expr": "x**2", "var": "x"}, timeout=60).json()["result"] == "2*x"
        assert after - before < MEMORY_GROWTH_MB, (before, after)
        # requests in both languages at once each keep their own (the language is per request)
        asks = [{"expr": f"x**{k}*y", "var": "x", "format": "markdown", "lang": lang}
                for k in range(2, 6) for lang in ("en", "ko")]
        alone = [httpx.get(f"{url}/api/partial", params=a, timeout=120).text for a in asks]
        with ThreadPoolExecutor(len(asks)) as pool:
            together = list(pool.map(lambda a: httpx.get(f"{url}/api/partial", params=a, timeout=120).text, asks))
        assert together == alone
        # over the query limit: the app's JSON error, not the HTTP parser's bare refusal
        response = httpx.get(f"{url}/api/partial", params={"expr": "x+" * 10_000 + "x", "var": "x"}, timeout=60)
        assert response.status_code == 413 and response.json()["error"]["type"] == "limit"
        print(f"\n{outcome.rate():.1f} requests/s, p95 {outcome.p95() * 1000:.0f} ms, "
              f"memory {before:.0f} → {after:.0f} MiB, hostile {outcome.hostile}")
    finally:
        server.terminate()
        server.wait(timeout=30)
