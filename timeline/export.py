"""The event table as downloadable files."""

from __future__ import annotations

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _neutralize(value: object) -> object:
    """A cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(table: pd.DataFrame) -> bytes:
    """CSV (UTF-8) with text cells neutralized against formula injection (``=HYPERLINK(...)``).

    >>> to_csv(pd.DataFrame({"label": ["=1+1", "ok"]})).decode()
    "label\\n'=1+1\\nok\\n"
    """
    safe = table.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(_neutralize)
    return safe.to_csv(index=False).encode("utf-8")


def to_json(table: pd.DataFrame) -> bytes:
    """JSON: a list of event records."""
    return table.to_json(orient="records", force_ascii=False, indent=2).encode("utf-8")
