"""Shared fixtures: the project root, the seed article, a running dashboard, Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "2025-07-18-reuters-kremlin-trump-sanctions-threat.txt"
CHROMIUM = "/usr/bin/chromium"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False,
                     help="run the tests marked slow too (10,000 property-test examples per entry point)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` run only with ``--slow`` (as spaCy's conftest does); CI passes it."""
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with pytest --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_app(db_url: str, log: Path, port: int | None = None, args: tuple[str, ...] = (),
              env: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``streamlit run app.py`` on 127.0.0.1 with its own database (and more ``args`` and
    ``env``: a secrets file, ``TIMELINE_HOSTED``); wait until healthy."""
    port = port or _free_port()
    env = {**os.environ, "TIMELINE_DB": db_url, **(env or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", *args],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"streamlit did not start; its log: {log.read_text()[-2000:]}")


def stop_app(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server started by ``start_app``: SIGTERM, and SIGKILL if it has not exited in 10 s
    (Streamlit's shutdown sometimes hangs on an open session)."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("app")
    proc, url = start_app(f"sqlite:///{folder / 'app.db'}", folder / "streamlit.log")
    yield url
    stop_app(proc)


def _require_chromium() -> None:
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        message = f"Chromium not found at {CHROMIUM}: apt-get install -y chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright launches Debian's Chromium (``playwright install`` cannot download here)."""
    _require_chromium()
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def apps() -> Any:
    """The helpers that start and stop a dashboard (for tests that need their own, with their own
    database, secrets or environment): ``apps.start(db_url, log, ...)``, ``apps.stop(proc)``."""
    return SimpleNamespace(start=start_app, stop=stop_app, seed=SEED, chromium=CHROMIUM)
