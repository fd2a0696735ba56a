"""The page of `symdiff serve` in a real browser: Debian's Chromium driven by Playwright (the system
browser, no download). Type an expression, see the steps (collapsible) and the highlighted result,
switch to Korean, follow a shared link, copy as Markdown; and no math wider than the window."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed: pip install 'symdiff[web]'")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (the test extra)")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.web import free_port, start_server  # noqa: E402

# Generous: how long the page may take to show an answer on a busy machine (not a speed requirement).
WAIT_MS = 60_000


@pytest.fixture(scope="module")
def server():
    port = free_port()
    process = start_server(port, timeout=30.0)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        try:
            launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        except Exception as exc:  # noqa: BLE001 - a browser that cannot start here is a skip, with why
            pytest.skip(f"Chromium could not be started by Playwright: {exc}")
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 900, "height": 900})
    outside = []
    # anything the page asks of another origin is recorded, and refused
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server)
                  else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    page.outside = outside
    yield page
    assert not outside, f"the page asked for {outside}"
    context.close()


def no_overflow(page) -> None:
    """No math box reaches past the right edge of its scrolling container or the window."""
    wider = page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        return document.documentElement.scrollWidth > width ? [document.documentElement.scrollWidth, width] : null;
    }""")
    assert wider is None, f"the page is wider than the window: {wider}"


def test_typing_shows_the_steps_and_the_result(page, server, tmp_path):
    page.goto(server + "/")
    page.fill("#expr", "x*sin(x)")
    page.fill("#var", "x")
    page.wait_for_selector("#derivation .result math", timeout=WAIT_MS)
    assert page.locator("#derivation details").count() >= 1  # a step with substeps folds
    assert "Product rule" in page.inner_text("#derivation")
    assert page.locator("#read math").count() == 1  # the preview, as MathML
    # the URL holds the query
    assert "expr=x*sin%28x%29" in page.url.replace("%2A", "*") and "var=x" in page.url
    # a step folds away
    summary = page.locator("#derivation details > summary").first
    summary.click()
    assert page.locator("#derivation details").first.get_attribute("open") is None
    page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    no_overflow(page)


def test_a_parse_error_marks_its_column(page, server):
    page.goto(server + "/?command=partial&expr=3*x**&var=x")
    page.wait_for_selector("#derivation .error", timeout=WAIT_MS)
    assert page.locator("#derivation .error").get_attribute("data-type") == "syntax"
    assert page.inner_text("#derivation .parse-error mark").strip() == ""  # the column after '**'
    page.wait_for_selector("#read .parse-error", timeout=WAIT_MS)
    assert "operand" in page.inner_text("#read .parse-message")


def test_korean_and_a_shared_link(page, server):
    page.goto(server + "/?command=grad&expr=x**2*y&at=x%3D1%2Cy%3D2")
    page.wait_for_selector("#derivation .result", timeout=WAIT_MS)
    assert page.input_value("#expr") == "x**2*y" and page.input_value("#command") == "grad"
    page.select_option("#lang", "ko")
    page.wait_for_function("() => document.documentElement.lang === 'ko' && location.search.includes('lang=ko')")
    page.wait_for_function("() => /[가-힣]/.test(document.querySelector('#derivation').innerText)", timeout=WAIT_MS)
    assert page.inner_text("#copy-markdown").startswith("Markdown")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Sans CJK KR" in family
    shared = page.url
    other = page.context.new_page()
    other.goto(shared)  # the teacher's link: the same derivation, in Korean
    other.wait_for_function("() => /[가-힣]/.test(document.querySelector('#derivation').innerText)", timeout=WAIT_MS)
    assert other.input_value("#lang") == "ko" and other.input_value("#at") == "x=1,y=2"
    no_overflow(other)
    other.close()


def test_copy_as_markdown_and_latex(page, server):
    page.goto(server + "/?command=partial&expr=x**2&var=x")
    page.wait_for_selector("#derivation .result", timeout=WAIT_MS)
    page.click("#copy-markdown")
    page.wait_for_function("() => document.body.dataset.copied", timeout=WAIT_MS)
    markdown = page.evaluate("document.body.dataset.copied")
    assert "> **Result.**" in markdown and "$$" in markdown
    page.click("#copy-latex")
    page.wait_for_function("() => document.body.dataset.copied.includes('\\\\frac')", timeout=WAIT_MS)


def test_a_wide_result_scrolls_inside_the_page(page, server, tmp_path):
    wide = " + ".join(f"x**{k}*sin({k}*x)" for k in range(2, 16))
    page.goto(server + "/")
    page.fill("#expr", wide)
    page.fill("#var", "x")
    page.wait_for_selector("#derivation .result math", timeout=WAIT_MS)
    page.screenshot(path=str(tmp_path / "wide.png"), full_page=True)
    no_overflow(page)
