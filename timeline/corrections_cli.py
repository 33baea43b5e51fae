"""The correction commands of ``timeline``: edit, hide, unhide, merge, split, delete, history.

Each change is kept in the store's audit trail (``timeline.corrections``) with who made it: ``--who``,
else ``$TIMELINE_USER``, else the login name.
"""

from __future__ import annotations

import argparse
import getpass
import os

from timeline.corrections import EDITABLE, Corrector
from timeline.errors import CorrectionError
from timeline.store import open_store


def _who(args: argparse.Namespace) -> str:
    return args.who or os.environ.get("TIMELINE_USER") or getpass.getuser()


def _corrector(args: argparse.Namespace) -> Corrector:
    return Corrector(open_store(args.db), _who(args))


def cmd_edit(args: argparse.Namespace) -> int:
    """Correct fields of one event; each change is one edit in its history."""
    changes = [(f, getattr(args, f)) for f in EDITABLE if getattr(args, f) is not None]
    if not changes and args.precision is None:
        raise CorrectionError("nothing to change: give --date, --type, --source, --target, --label or --location")
    corrector = _corrector(args)
    values = dict(changes)
    if args.precision is not None and args.date is None:  # a new precision for the date it has
        row = corrector.row(args.event_id)
        if not row.get("date_start"):
            raise CorrectionError("the event has no date: give --date with --precision")
        values["date"] = f"{row['date_start']}..{row['date_end']}"
    for done in corrector.edit(args.event_id, values, args.precision, args.note):
        print(f"{args.event_id}: {done}")
    return 0


def cmd_hide(args: argparse.Namespace) -> int:
    """Hide an event from the table and exports (``unhide`` shows it again)."""
    done = _corrector(args).hide(args.event_id, args.note, hidden=args.command == "hide")
    print(f"{args.event_id}: {done}")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    """Make OTHER one event with KEEP (the same happening told twice)."""
    done = _corrector(args).merge(args.keep, args.other, args.note)
    print(f"{args.other}: {done}")
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    """Split a merged event back into its mentions."""
    done = _corrector(args).split(args.event_id, args.note)
    print(f"{args.event_id}: {done}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    """Delete a stored article and its own mentions of events."""
    store = open_store(args.db)
    article = store.article(args.article_id)
    if article is None:
        raise CorrectionError(f"no article {args.article_id!r}: copy its id from the Sources page or the "
                              "event table's article_id column")
    gone = store.delete_article(args.article_id)
    print(f"{args.article_id}: deleted {article.title[:80]!r} and {gone} mentions of events")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    """Print the edits of an event, oldest first."""
    found = open_store(args.db).edits([args.event_id])
    if not found:
        print(f"{args.event_id}: no edits")
    for e in found:
        print(f"{args.event_id} v{e.version}: {e}")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The correction commands of ``timeline``."""
    def common(parser: argparse.ArgumentParser, note: bool = True) -> None:
        parser.add_argument("--db", help="database URL (default: $TIMELINE_DB or data/timeline.db)")
        parser.add_argument("--who", help="who makes the change (default: $TIMELINE_USER, else your login)")
        if note:
            parser.add_argument("--note", default="", help="why (kept with the edit)")

    edit = sub.add_parser("edit", help="correct an event's date, type, actors, label or location")
    edit.add_argument("event_id")
    edit.add_argument("--date", help="YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD")
    edit.add_argument("--precision", help="day, week, month, quarter, season, year, decade, century, uncertain")
    edit.add_argument("--type", help="a CAMEO code: 04, 043, 1041 …")
    edit.add_argument("--source", help="who acted: names separated by ';'")
    edit.add_argument("--target", help="who was acted on: names separated by ';'")
    edit.add_argument("--label")
    edit.add_argument("--location")
    common(edit)
    edit.set_defaults(run=cmd_edit)
    for name, text in (("hide", "hide an event from the table and exports"), ("unhide", "show a hidden event again")):
        hide = sub.add_parser(name, help=text)
        hide.add_argument("event_id")
        common(hide)
        hide.set_defaults(run=cmd_hide)
    merge = sub.add_parser("merge", help="make two events one (the same happening told twice)")
    merge.add_argument("keep", help="the event that stays")
    merge.add_argument("other", help="the event merged into it")
    common(merge)
    merge.set_defaults(run=cmd_merge)
    split = sub.add_parser("split", help="split a merged event back into its mentions")
    split.add_argument("event_id")
    common(split)
    split.set_defaults(run=cmd_split)
    delete = sub.add_parser("delete", help="delete a stored article and its own mentions of events")
    delete.add_argument("article_id")
    delete.add_argument("--db", help="database URL (default: $TIMELINE_DB or data/timeline.db)")
    delete.set_defaults(run=cmd_delete)
    history = sub.add_parser("history", help="print the edits of an event")
    history.add_argument("event_id")
    history.add_argument("--db", help="database URL (default: $TIMELINE_DB or data/timeline.db)")
    history.set_defaults(run=cmd_history)
