"""Corrections by people: an audit trail of edits, laid over the machine's event table.

Every change is one row of the ``edits`` table (which event, which field, before, after, who, when,
an optional note): nothing is overwritten, so an event's history is its edits in order. The table
a page, the CLI or an export shows is the machine's with each event's latest edit of each field
laid over it (``corrected``); re-extraction writes only the machine's rows, so it never undoes a
person's correction. An edit names its event by id and by where it is told (article and excerpt
offsets), so it finds its event again when re-extraction gives the event a new id.

>>> check("date", "2025-07-14")
'2025-07-14..2025-07-14|day'
>>> check("type", "04")
'04'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from timeline.errors import CorrectionError
from timeline.events.text import quad_class
from timeline.events.vocabulary import CAMEO_ROOTS, plover
from timeline.model import PRECISIONS, Event

if TYPE_CHECKING:
    from timeline.store import Store

# What a person can change, and the table columns each field sets.
FIELDS = ("date", "type", "source", "target", "label", "location", "hidden", "merged_into", "split")
EDITABLE = ("date", "type", "source", "target", "label", "location")
MAX_TEXT = 300
_CODE = re.compile(r"\d{2,4}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Edit:
    """One change a person made to one event."""

    id: int
    event_id: str
    version: int  # the event's edits so far, this one included: what a second editor must have seen
    article_id: str  # where the event is told, to find it again under a new id
    excerpt_start: int
    excerpt_end: int
    field: str
    before: str
    after: str
    who: str
    at: str
    note: str = ""

    def __str__(self) -> str:
        note = f" ({self.note})" if self.note else ""
        after = self.after.split(" ")[0] if self.field == "merged_into" else self.after  # the event merged into
        return f"{self.at[:16].replace('T', ' ')} {self.who}: {self.field} {self.before or '-'} → {after or '-'}{note}"


def check(field: str, value: str, precision: str | None = None) -> str:
    """``value`` for ``field`` as stored, or CorrectionError saying what to type instead.

    A date is "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD" with a precision (by default "day" for one
    day, "uncertain" for a span); a type a CAMEO code ("04", "043"); source and target actor names
    separated by ";"; label and location one line of text.
    """
    if field not in EDITABLE:
        raise CorrectionError(f"cannot edit {field!r}: one of {', '.join(EDITABLE)}")
    text = " ".join(str(value).split())
    if field == "date":
        return _date(text, precision)
    if field == "type":
        code = text.split(" ", 1)[0]
        if not _CODE.fullmatch(code) or code[:2] not in CAMEO_ROOTS or len(code) == 3 and not plover(code)[0] \
                and code[:2] not in ("01", "02"):
            roots = ", ".join(f"{k} {v}" for k, v in list(CAMEO_ROOTS.items())[:4])
            raise CorrectionError(f"{value!r} is no CAMEO code: type a root or sub-code such as {roots}, …")
        return code
    if field in ("source", "target"):
        names = [n.strip() for n in text.split(";") if n.strip()]
        if not names:
            raise CorrectionError(f"an empty {field}: type one or more actor names separated by ';' (\"Russia; Iran\")")
        if any(len(n) > MAX_TEXT for n in names):
            raise CorrectionError(f"an actor name longer than {MAX_TEXT} characters: type a name")
        return "; ".join(dict.fromkeys(names))
    if field == "label" and not text:
        raise CorrectionError("an empty label: type what happened, e.g. \"Russia expels three diplomats\"")
    if len(text) > MAX_TEXT:
        raise CorrectionError(f"a {field} longer than {MAX_TEXT} characters: shorten it")
    return text


def _date(text: str, precision: str | None) -> str:
    first, _, last = text.partition("..")
    last = last or first
    try:
        if not (_DAY.fullmatch(first) and _DAY.fullmatch(last)):
            raise ValueError
        start, end = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        raise CorrectionError(f"{text!r} is not a date: type YYYY-MM-DD (2025-07-14) or a span "
                              "YYYY-MM-DD..YYYY-MM-DD (2025-07-01..2025-07-31)") from None
    if end < start:
        raise CorrectionError(f"{text!r} ends before it starts: type the earlier date first")
    precision = precision or ("day" if start == end else "uncertain")
    if precision not in PRECISIONS or precision == "undated":
        raise CorrectionError(f"{precision!r} is no precision: one of {', '.join(p for p in PRECISIONS if p != 'undated')}")
    return f"{start.isoformat()}..{end.isoformat()}|{precision}"


def event_type(code: str) -> str:
    """The table's event type of a CAMEO code: "043" -> "04 Consult"."""
    return f"{code[:2]} {CAMEO_ROOTS[code[:2]]}"


def locate(frame: pd.DataFrame, edits: list[Edit]) -> dict[int, str]:
    """The row (event id) each edit applies to now: its own id, else the one event told at the same
    place of the same article (re-extraction gave it a new id); edits whose event is gone are left out."""
    ids = set(frame["event_id"])
    places: dict[tuple[str, int, int], list[str]] = {}
    for event_id, article_id, start, end in zip(frame["event_id"], frame["article_id"], frame["excerpt_start"],
                                                frame["excerpt_end"]):
        places.setdefault((str(article_id), int(start), int(end)), []).append(str(event_id))
    found: dict[int, str] = {}
    for e in edits:
        if e.event_id in ids:
            found[e.id] = e.event_id
        elif len(there := places.get((e.article_id, e.excerpt_start, e.excerpt_end), [])) == 1:
            found[e.id] = there[0]
    return found


def corrected(frame: pd.DataFrame, edits: list[Edit]) -> pd.DataFrame:
    """The event table with each event's latest edit of each field laid over it, hidden events left
    out, and a ``corrected`` column naming the fields a person set (merges and splits are the
    store's grouping of mentions, see ``structure``)."""
    frame = frame.copy()
    frame["corrected"] = ""
    if not edits or frame.empty:
        return frame
    where = locate(frame, edits)
    latest: dict[tuple[str, str], Edit] = {}
    for e in sorted(edits, key=lambda e: e.id):
        if e.id in where and e.field in EDITABLE + ("hidden",):
            latest[(where[e.id], e.field)] = e
    index = {event_id: i for i, event_id in zip(frame.index, frame["event_id"])}
    fields: dict[str, list[str]] = {}
    dropped: set[str] = set()
    for (event_id, field), e in latest.items():
        i = index[event_id]
        if field == "hidden":
            dropped |= {event_id} if e.after == "yes" else set()
            continue
        _set(frame, i, field, e)
        fields.setdefault(event_id, []).append(field)
    for event_id, names in fields.items():
        frame.at[index[event_id], "corrected"] = "; ".join(sorted(names))
    return frame[~frame["event_id"].isin(dropped)].reset_index(drop=True)


def _set(frame: pd.DataFrame, i: object, field: str, e: Edit) -> None:
    by = f"corrected by {e.who} on {e.at[:10]}" + (f": {e.note}" if e.note else "")
    if field == "date":
        span, _, precision = e.after.partition("|")
        start, _, end = span.partition("..")
        frame.at[i, "date_start"], frame.at[i, "date_end"], frame.at[i, "precision"] = start, end, precision
        frame.at[i, "date_reason"] = f"{by} (the machine read {e.before or 'no date'})"
    elif field == "type":
        frame.at[i, "event_type"], frame.at[i, "cameo_code"] = event_type(e.after), e.after
        frame.at[i, "quad_class"] = quad_class(event_type(e.after))
        frame.at[i, "plover_type"], frame.at[i, "plover_mode"] = plover(e.after)
    elif field in ("source", "target"):  # the actors: the machine's others, and the ones a person named
        old = set(str(frame.at[i, f"{field}_actors"] or "").split("; "))
        others = [a for a in str(frame.at[i, "actors"] or "").split("; ") if a and a not in old]
        frame.at[i, f"{field}_actors"] = e.after
        frame.at[i, "actors"] = "; ".join(dict.fromkeys([*e.after.split("; "), *others]))
    else:
        frame.at[i, field] = e.after


def place_of(row: dict[str, object]) -> str:
    """Where a table row's event is told, as an edit's ``after`` names the event merged into:
    "EVENT_ID ARTICLE_ID START END"."""
    return f"{row['event_id']} {row['article_id']} {row['excerpt_start']} {row['excerpt_end']}"


def structure(frame: pd.DataFrame, edits: list[Edit]) -> tuple[dict[str, str], set[str]]:
    """The people's merges and splits as they hold now: {event id: the event it was merged into}
    and the events split into their mentions. A split undoes the merges into its event made before
    it; both ends of a merge are found again by their place if re-extraction changed their ids."""
    moves = [e for e in sorted(edits, key=lambda e: e.id) if e.field in ("merged_into", "split")]
    if not moves:
        return {}, set()
    where = locate(frame, moves)
    into: dict[str, str] = {}
    split: set[str] = set()
    for e in moves:
        if e.id not in where:
            continue
        event_id = where[e.id]
        if e.field == "split":
            split.add(event_id)
            into = {k: v for k, v in into.items() if v != event_id}
            continue
        target_id, article_id, start, end = (e.after.split(" ") + ["", "0", "0"])[:4]
        probe = Edit(-1, target_id, 0, article_id, int(start), int(end), "merged_into", "", "", "", "")
        target = locate(frame, [probe]).get(-1)
        if target is not None and target != event_id:
            into[event_id] = into.get(target, target)
            split.discard(target)
    return into, split


class Corrector:
    """A person's corrections of a store's event table, each kept in its audit trail.

    Each call reads the event's row of the table as it is now (the machine's, with earlier
    corrections laid over), checks the new value, and keeps one edit; ``seen`` is the number of
    edits of the event when the person read it (EditConflict if someone saved one since).
    """

    def __init__(self, store: Store, who: str) -> None:
        if not who.strip():
            raise CorrectionError("an edit needs who makes it: give a name (--who, or sign in)")
        self.store, self.who = store, who.strip()

    def row(self, event_id: str) -> dict[str, object]:
        table = self.store.table()
        found = table[table["event_id"] == event_id]
        if found.empty:
            raise CorrectionError(f"no event {event_id!r} in the table: copy its id from `timeline events` "
                                  "or the Events page")
        return dict(found.iloc[0])

    def edit(self, event_id: str, changes: dict[str, str], precision: str | None = None, note: str = "",
             seen: int | None = None) -> list[Edit]:
        """Correct fields of one event ({field: value}); every value is checked before any is kept,
        so an impossible one changes nothing. A value the event has already is left out."""
        values = {field: check(field, value, precision if field == "date" else None) for field, value in changes.items()}
        row = self.row(event_id)
        todo = {f: (_current(row, f), v) for f, v in values.items() if _current(row, f) != v}
        if not todo:
            raise CorrectionError(f"event {event_id} has these values already: nothing to change")
        done = []
        for field, (before, after) in todo.items():
            done.append(self.store.record(row, field, before, after, self.who, note, seen))
            seen = None if seen is None else seen + 1
        return done

    def hide(self, event_id: str, note: str = "", hidden: bool = True, seen: int | None = None) -> Edit:
        row = self.row(event_id) if hidden else self._hidden_row(event_id)
        return self.store.record(row, "hidden", "no" if hidden else "yes", "yes" if hidden else "no", self.who,
                                 note, seen)

    def merge(self, keep: str, other: str, note: str = "") -> Edit:
        """``other`` is the same happening as ``keep``: one row, with the mentions of both."""
        if keep == other:
            raise CorrectionError("an event cannot be merged into itself: give two event ids")
        into, row = self.row(keep), self.row(other)
        return self.store.record(row, "merged_into", str(row["event_id"]), place_of(into), self.who, note)

    def split(self, event_id: str, note: str = "") -> Edit:
        """The happening ``event_id`` back into its mentions, one row each (undoes merges into it)."""
        row = self.row(event_id)
        if self.store.mentions(event_id) < 2:
            raise CorrectionError(f"event {event_id} is told once: there is nothing to split")
        return self.store.record(row, "split", str(row["mentions"]), "1", self.who, note)

    def _hidden_row(self, event_id: str) -> dict[str, object]:
        shown = [e for e in self.store.edits([event_id]) if e.field == "hidden"]
        if not shown or shown[-1].after != "yes":
            raise CorrectionError(f"event {event_id} is not hidden")
        e = shown[-1]
        return {"event_id": e.event_id, "article_id": e.article_id, "excerpt_start": e.excerpt_start,
                "excerpt_end": e.excerpt_end}


def _current(row: dict[str, object], field: str) -> str:
    """A field's value in a table row, in the form ``check`` gives."""
    if field == "date":
        if not row.get("date_start"):
            return ""
        return f"{row['date_start']}..{row['date_end']}|{row['precision']}"
    if field == "type":
        return str(row.get("cameo_code") or str(row.get("event_type", ""))[:2]).strip("-")
    if field in ("source", "target"):
        return str(row.get(f"{field}_actors") or "")
    return str(row.get(field) or "")


def as_corrected(event: Event, row: Mapping[str, object] | None) -> Event:
    """``event`` (a store happening, the machine's) with the values of its table row, where a person's
    corrections are laid: what an evidence card shows."""
    if row is None or not row.get("corrected"):
        return event

    def names(key: str) -> tuple[str, ...]:
        return tuple(a for a in str(row.get(key) or "").split("; ") if a)

    start, end = row.get("date_start"), row.get("date_end")
    return replace(event, date_start=date.fromisoformat(str(start)) if start else None,
                   date_end=date.fromisoformat(str(end)) if end else None, precision=str(row["precision"]),
                   event_type=str(row["event_type"]), label=str(row["label"]), actors=names("actors"),
                   subject=names("source_actors"), target=names("target_actors"),
                   location=str(row.get("location") or ""), reason=str(row.get("date_reason") or event.reason),
                   cameo=str(row.get("cameo_code") or event.cameo))
