"""Rules and gazetteers as data files, loaded and validated here (fail fast with file and line)."""

from __future__ import annotations

import json
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from timeline.errors import ResourceError

RESOURCE_DIR = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """The path of a resource file by name."""
    return RESOURCE_DIR / name


def line_of(file: Path, needle: str) -> int:
    """The 1-based line where ``needle`` first occurs in ``file`` (0 if not found)."""
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    return 0


@cache
def load_toml(name: str) -> dict[str, Any]:
    """Parse a TOML resource file.

    Raises:
        ResourceError: the file is missing or not valid TOML (the message names file and line).
    """
    file = path(name)
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ResourceError(f"{file}: resource file is missing") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"{file}: {exc}") from exc


@cache
def load_jsonl(name: str, required: tuple[str, ...] = ()) -> tuple[dict[str, Any], ...]:
    """Read a JSONL resource: one JSON object a line; lines starting with ``//`` are comments.

    Raises:
        ResourceError: a line is not a JSON object or lacks a required key (names file:line).
    """
    return tuple(row for _, row in load_jsonl_numbered(name, required))


@cache
def load_jsonl_numbered(name: str, required: tuple[str, ...] = ()) -> tuple[tuple[int, dict[str, Any]], ...]:
    """Like ``load_jsonl``, each row with its 1-based line number, for errors that name the line."""
    file = path(name)
    rows: list[tuple[int, dict[str, Any]]] = []
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise ResourceError(f"{file}: resource file is missing") from exc
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            continue
        try:
            row = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ResourceError(f"{file}:{number}: not valid JSON: {exc.msg}") from exc
        if not isinstance(row, dict):
            raise ResourceError(f"{file}:{number}: expected a JSON object")
        missing = [key for key in required if key not in row]
        if missing:
            raise ResourceError(f"{file}:{number}: missing key(s) {', '.join(missing)}")
        rows.append((number, row))
    return tuple(rows)


def compile_pattern(pattern: str, file: Path, name: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Compile a rule's regex; reject bad syntax and patterns that match the empty string."""
    try:
        compiled = re.compile(pattern, flags)
    except re.error as exc:
        raise ResourceError(f"{file}:{line_of(file, name)}: rule {name!r}: bad regex: {exc}") from exc
    if compiled.fullmatch(""):
        raise ResourceError(f"{file}:{line_of(file, name)}: rule {name!r}: pattern matches the empty string")
    return compiled
