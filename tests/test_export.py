"""The exports as a spreadsheet or a timeline reader opens them."""

from __future__ import annotations

import io
import json
from datetime import date

import pandas as pd
import pytest

from timeline.export import to_csv, to_ics, to_json, to_timelinejs, upcoming


def _row(event_id: str, day: str | None, event_type: str = "04 Consult", label: str = "Talks", derived: bool = False
         ) -> dict[str, object]:
    return {"event_id": event_id, "date_start": day, "date_end": day, "precision": "day" if day else "undated",
            "label": label, "excerpt": "x", "date_reason": "r", "event_type": event_type, "actors": "Kremlin",
            "article_title": "T", "published": "2025-07-18", "derived": derived}


def test_csv_starts_with_a_byte_order_mark_so_excel_reads_utf8() -> None:
    data = to_csv(pd.DataFrame([_row("a", "2025-07-14", label="Vučić → Moscow")]))
    assert data.startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")["label"].tolist() == ["Vučić → Moscow"]


def test_unclassified_exports_readably_not_as_a_guarded_formula() -> None:
    table = pd.DataFrame([_row("a", "2025-07-14", event_type="-- Unclassified")])
    assert pd.read_csv(io.BytesIO(to_csv(table)), encoding="utf-8-sig")["event_type"].tolist() == ["Unclassified"]
    assert json.loads(to_json(table))[0]["event_type"] == "Unclassified"
    assert table["event_type"].tolist() == ["-- Unclassified"]  # the view itself is left alone


@pytest.mark.parametrize("cell, guarded", [
    ("=HYPERLINK(\"http://x\")", True), ("+7 (495) 606-36-02", True), ("- 3 killed", True), ("@SUM(A1)", True),
    ("\tx", True), ("-5", False), ("+3.25", False), ("-1e3", False), ("Vučić - Putin", False), ("50%", False),
])
def test_the_formula_guard_marks_only_what_a_spreadsheet_would_run(cell: str, guarded: bool) -> None:
    out = pd.read_csv(io.BytesIO(to_csv(pd.DataFrame({"label": [cell]}))), encoding="utf-8-sig", dtype=str,
                      keep_default_na=False)["label"][0]
    assert out == ("'" + cell if guarded else cell)


def test_timelinejs_says_how_many_undated_events_it_left_out() -> None:
    table = pd.DataFrame([_row("a", "2025-07-14"), _row("b", None), _row("c", None)])
    document = json.loads(to_timelinejs(table))
    assert [e["unique_id"] for e in document["events"]] == ["a"]
    assert document["title"]["text"]["text"] == "1 event; 2 undated events left out: TimelineJS places every slide on a date"


def test_no_upcoming_deadline_means_no_calendar_to_offer() -> None:
    table = pd.DataFrame([_row("a", "2025-07-14", derived=True), _row("b", "2025-09-02", derived=True)])
    assert len(upcoming(table, date(2025, 8, 1))) == 1 and upcoming(table, date(2026, 1, 1)).empty
    assert b"BEGIN:VEVENT" not in to_ics(table, date(2026, 1, 1))
