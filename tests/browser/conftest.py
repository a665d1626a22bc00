import os
import shutil
from types import SimpleNamespace

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.test.testcases import _StaticFilesHandler
from pytest_django.live_server_helper import LiveServer

from tests.browser.sessions import staff_context

# Playwright's sync API runs an event loop in the test thread; the live server
# and the database run in ordinary threads, so Django's async guard is not needed.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(collected_static_files):
    # Serve the collected static files under their hashed names, as in production;
    # pytest-django's default handler only knows the unhashed source files.
    server = LiveServer(os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"), start=False)
    server.thread.static_handler = _StaticFilesHandler
    server.start()
    yield server
    server.stop()


def system_chromium():
    # Where scripts/chromium.sh looks for `make test`; Playwright never downloads a browser here.
    for name in [os.environ.get("CHROMIUM_PATH"), "chromium", "chromium-browser", "google-chrome"]:
        if name and (path := shutil.which(name)):
            return path
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = system_chromium()
    if not executable:
        pytest.fail(
            "No Chromium found: run `make test` once (it installs one), install Chromium"
            " ('sudo apt-get install chromium') or set CHROMIUM_PATH."
        )
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": [*browser_type_launch_args.get("args", []), "--disable-gpu", "--disable-quic"],
    }


@pytest.fixture
def axe_violations():
    """Run axe-core in the page; evaluate() is not blocked by the page's CSP."""

    def run(page):
        page.evaluate(AXE_SCRIPT)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            AXE_TAGS,
        )
        return [
            f"{violation['id']}: {violation['help']} at "
            + ", ".join(str(node["target"]) for node in violation["nodes"])
            for violation in result["violations"]
        ]

    return run


@pytest.fixture
def new_article_form(live_server, browser, editor):
    """The admin's form of a new article, open in the browser of a signed-in editor: `page`, its
    Body editor `body`, and `console`, what the page has logged."""
    context = staff_context(browser, live_server, editor)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"{live_server.url}/admin/news/article/add/")
    yield SimpleNamespace(
        page=page, body=page.get_by_role("textbox", name="Body").first, console=console
    )
    context.close()
