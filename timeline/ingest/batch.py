"""JSONL and CSV batches of articles -> records.

Columns (JSONL keys or CSV header), all optional but one of ``text`` and ``url``:
``text`` the article text; ``url`` its address (fetched when there is no text); ``title``;
``published`` (YYYY-MM-DD or an ISO timestamp); ``source`` or ``publisher`` (who published it);
``id`` (kept in the record's name). The Kremlin press releases (``url, title, published,
location, summary, text``) and Timeline17 (``id, published, text``) load as they are.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime

from timeline.errors import InvalidDate, UnreadableInput


@dataclass(frozen=True, slots=True)
class Record:
    """One article as a batch or feed gives it, before it is read."""

    source: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    updated: date | None = None
    published_source: str = "batch column"
    publisher: str | None = None
    error: str | None = None  # set when the row itself is unusable


def parse_day(value: object, where: str) -> date | None:
    """A batch's date cell: empty, YYYY-MM-DD or an ISO timestamp.

    Raises:
        InvalidDate: naming the row and the value.
    """
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date() if "T" in text else date.fromisoformat(text)
    except ValueError:
        raise InvalidDate(f"{where}: published {text!r} is not a date; write it as YYYY-MM-DD") from None


_TEXT_COLUMNS = ("text", "url")  # must be strings
_LABEL_COLUMNS = ("title", "publisher", "source", "id")  # strings, or numbers read as strings


def _misfit(row: dict[str, object], name: str) -> str | None:
    """Why a row's cell cannot be read as text (a list or an object where a string belongs), or None."""
    for column in (*_TEXT_COLUMNS, *_LABEL_COLUMNS):
        value = row.get(column)
        allowed = (str,) if column in _TEXT_COLUMNS else (str, int, float)
        if value is not None and (not isinstance(value, allowed) or isinstance(value, bool)):
            kind = {list: "a list", dict: "an object", bool: "true/false"}.get(type(value), type(value).__name__)
            return f"{name}: '{column}' must be a string, not {kind}"
    return None


def _record(row: dict[str, object], where: str) -> Record:
    if misfit := _misfit(row, where):
        return Record(where, "", error=misfit)
    text = str(row.get("text") or "").strip()
    url = str(row.get("url") or "").strip() or None
    name = f"{where} ({row['id']})" if row.get("id") else where
    try:
        published = parse_day(row.get("published"), name)
    except InvalidDate as exc:
        return Record(name, "", error=str(exc))
    if not text and not url:
        return Record(name, "", error=f"{name}: the row has neither text nor url")
    return Record(name, text, str(row.get("title") or "").strip() or None, url, published,
                  publisher=str(row.get("publisher") or row.get("source") or "").strip() or None)


def read_jsonl(text: str, source: str) -> list[Record]:
    """Records from JSON lines; a bad line becomes a failed record, the rest carry on."""
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            records.append(Record(where, "", error=f"{where}: not valid JSON ({exc.msg})"))
            continue
        if not isinstance(row, dict):
            records.append(Record(where, "", error=f"{where}: expected a JSON object"))
            continue
        records.append(_record(row, where))
    return records


def read_csv(text: str, source: str) -> list[Record]:
    """Records from a CSV with a header row.

    Raises:
        UnreadableInput: the header has neither a ``text`` nor a ``url`` column.
    """
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower() for c in reader.fieldnames or []}
    if not {"text", "url"} & columns:
        raise UnreadableInput(f"{source}: the CSV has no 'text' (or 'url') column; its columns are "
                              f"{', '.join(sorted(columns)) or 'none'}")
    return [_record({k.strip().lower(): v for k, v in row.items() if k}, f"{source}:{number}")
            for number, row in enumerate(reader, start=2)]
