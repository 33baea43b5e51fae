"""The dashboard on the database a hosted app's secrets name: SQLite or PostgreSQL alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from timeline.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("how", ["connection", "TIMELINE_DB"])
def test_the_dashboard_opens_the_database_its_secrets_name(store_url: str, how: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIMELINE_DB", raising=False)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if how == "connection":  # [connections.timeline] url = "…", as st.connection("timeline", type="sql") reads it
        at.secrets["connections"] = {"timeline": {"url": store_url}}
    else:
        at.secrets["TIMELINE_DB"] = store_url
    at.run()
    assert not at.exception
    assert "6 events from 1 article(s)." in at.caption[0].value.replace("\\", "")
    assert Store(store_url).count_articles() == 1  # the first start filled that database, not data/timeline.db
