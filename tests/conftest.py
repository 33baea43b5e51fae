"""Shared fixtures: the project root, the seed article, a store on SQLite and on PostgreSQL, a
running dashboard, Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "2025-07-18-reuters-kremlin-trump-sanctions-threat.txt"
CHROMIUM = "/usr/bin/chromium"
POSTGRES = "TIMELINE_TEST_POSTGRES"  # a SQLAlchemy URL of a PostgreSQL database whose role may CREATE DATABASE


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False,
                     help="the full run: the tests marked slow (10,000 property-test examples per entry point), "
                          "browser (Chromium against running apps), postgres and cluster (Dask) too")


# What the fast default run leaves out: each needs a server or a browser, or minutes
_FULL_RUN_ONLY = ("slow", "browser", "postgres", "cluster")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``slow``, ``browser``, ``postgres`` or ``cluster`` run only with ``--slow`` (as spaCy's
    conftest does); CI passes it."""
    if config.getoption("--slow"):
        return
    for item in items:
        marks = [m for m in _FULL_RUN_ONLY if m in item.keywords]
        if marks:
            item.add_marker(pytest.mark.skip(reason=f"{marks[0]}: run with pytest --slow (the full run)"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


def _require_postgres() -> str:
    url = os.environ.get(POSTGRES, "")
    if not url:
        message = (f"{POSTGRES} is not set: start a server with `.ci/postgres` (as root) and export "
                   f"{POSTGRES}=postgresql+psycopg://USER:PASSWORD@127.0.0.1:PORT/DB")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Engine]:
    """The PostgreSQL server of ``TIMELINE_TEST_POSTGRES``, connected outside transactions (to make
    and drop databases). Set but unreachable is a failure, under CI or not."""
    engine = create_engine(_require_postgres(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except SQLAlchemyError as exc:
        pytest.fail(f"cannot reach the PostgreSQL server of {POSTGRES}: {exc}")
    yield engine
    engine.dispose()


@pytest.fixture()
def postgres_url(postgres_server: Engine) -> Iterator[str]:
    """A fresh PostgreSQL database of its own, dropped (whoever is still connected) after the test."""
    server = postgres_server
    name = f"timeline_test_{uuid.uuid4().hex[:16]}"
    with server.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server.url).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store's URL on each backend: a fresh SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("postgres_url"))


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
