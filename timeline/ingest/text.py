"""Plain-text articles -> Article: title, publisher, dates, dateline, body and summary passages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import charset_normalizer

from timeline.errors import InvalidDate, ResourceError, UnreadableInput
from timeline.model import BODY, SUMMARY, Article, Span, content_id, no_nul
from timeline.resources import compile_pattern, line_of, load_toml, path
from timeline.temporal import parse_date

RULES_FILE = "article.toml"
ROLES = ("publisher", "published", "updated", "readtime", "dateline", "credits", "boilerplate")
HEADER_ROLES = frozenset({"publisher", "published", "updated", "readtime"})
MAX_BYTES = 20 * 1024 * 1024
MAX_TITLE = 300  # characters: a title is repeated in every row of the event table and its exports


@dataclass(frozen=True, slots=True)
class LineRule:
    """A rule that recognises one kind of line in a plain-text article."""

    role: str
    regex: re.Pattern[str]
    group: str | None


@cache
def line_rules() -> tuple[LineRule, ...]:
    """The line rules of ``article.toml``, compiled and validated."""
    file = path(RULES_FILE)
    compiled = []
    for raw in load_toml(RULES_FILE).get("line", []):
        role = raw.get("role")
        where = f"{file}:{line_of(file, 'role = ' + chr(34) + str(role) + chr(34))}"
        if role not in ROLES:
            raise ResourceError(f"{where}: unknown role {role!r}")
        flags = 0 if raw.get("case_sensitive") else re.IGNORECASE
        regex = compile_pattern(raw.get("pattern", ""), file, str(role), flags)
        group = raw.get("group")
        if group and group not in regex.groupindex:
            raise ResourceError(f"{where}: no group named {group!r}")
        compiled.append(LineRule(role, regex, group))
    return tuple(compiled)


# Binary formats by their first bytes (after any byte-order mark and blank space), each named as a
# user would call it. A file is refused as one of these whatever its name's extension.
SIGNATURES = (
    (b"%PDF-", "a PDF document"), (b"%!PS", "a PostScript document"), (b"{\\rtf", "an RTF document"),
    (b"PK\x03\x04", "a ZIP archive (a Word, OpenDocument or EPUB file is one)"), (b"PK\x05\x06", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word or Excel document"), (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"), (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"Rar!", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"), (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "a program"), (b"ID3", "an MP3 file"), (b"OggS", "an Ogg audio file"),
)


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` is, by its first bytes; None if it is none of ``SIGNATURES``.

    >>> binary_kind(b"%PDF-1.4\\n..."), binary_kind(b"\\xef\\xbb\\xbf  %PDF-1.7"), binary_kind(b"Putin said")
    ('a PDF document', 'a PDF document', None)
    """
    head = data[:64]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        head = head.removeprefix(bom)
    head = head.lstrip()
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}[head[8:12]]
    if head[4:8] == b"ftyp":
        return "an MP4 or MOV video"
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)


def decode(data: bytes, name: str) -> str:
    """Bytes of a text file -> str, refusing empty, binary and undecodable input.

    Raises:
        UnreadableInput: with the file's name, what is wrong, and what to do.
    """
    if not data.strip():
        raise UnreadableInput(f"{name}: the file is empty; give a file with the article's text")
    if data.startswith(b"\x1f\x8b"):
        raise UnreadableInput(f"{name}: gzip-compressed data, not text; decompress it and give the article's text")
    kind = binary_kind(data)
    if kind:
        raise UnreadableInput(f"{name}: {kind} (binary data), not text; save the article's text as a "
                              "plain-text (.txt) file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked_text(data[len(bom):].decode(codec), name)
            except UnicodeDecodeError:
                raise UnreadableInput(f"{name}: marked as {codec.upper()} by its byte-order mark but not "
                                      f"valid {codec.upper()}; save it as UTF-8 and try again") from None
    if b"\x00" in data[:8192]:
        raise UnreadableInput(f"{name}: binary data, not text; give a plain-text (.txt) article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        if best is None or best.encoding is None:
            raise UnreadableInput(f"{name}: not UTF-8 text and its encoding could not be detected; "
                                  "save it as UTF-8 and try again") from None
        text = str(best)
    return _checked_text(text, name)


# Byte-order marks of the encodings that put NUL bytes in plain text (UTF-32 first: its LE mark
# begins with UTF-16's).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _checked_text(text: str, name: str) -> str:
    """Decoded text, refused when it is mostly control characters (binary data in disguise)."""
    if not text.strip():
        raise UnreadableInput(f"{name}: the file is empty; give a file with the article's text")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text[:8192]) * 0.01:
        raise UnreadableInput(f"{name}: looks like binary data, not text; give a plain-text article")
    return text


def read_file(file: str | Path, published: date | None = None, max_bytes: int = MAX_BYTES) -> Article:
    """Read a plain-text article file.

    Raises:
        UnreadableInput: the file is missing, too large, empty, binary or not UTF-8.
    """
    file = Path(file)
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise UnreadableInput(f"{file}: {size:,} bytes is above the {max_bytes:,}-byte limit; split it")
        data = file.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"{file}: cannot be read ({exc.strerror or exc})") from exc
    return parse_text(decode(data, str(file)), source=str(file), published=published)


def check_published(value: date | None, name: str, today: date | None = None) -> date | None:
    """A publication date must not lie in the future (a wrong anchor would misdate every event).

    Raises:
        InvalidDate: naming the input, the date, and what to do.
    """
    today = today or date.today()
    if value is not None and value > today:
        raise InvalidDate(f"{name}: publication date {value.isoformat()} lies in the future; "
                          "give the real date with --published YYYY-MM-DD")
    return value


def bounded_title(title: str, limit: int = MAX_TITLE) -> str:
    """A title cut to ``limit`` characters, ending with "…" when cut.

    >>> bounded_title("x" * 400)[-3:], len(bounded_title("x" * 400))
    ('xx…', 300)
    """
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _bounded_or_none(value: str | None) -> str | None:
    return bounded_title(value) if value else value


def _lines(text: str) -> list[tuple[int, int, str]]:
    """Non-empty lines as (start, end, stripped text), offsets into ``text``."""
    found = []
    for match in re.finditer(r"[^\r\n]+", text):
        raw = match.group(0)
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        if stripped:
            start = match.start() + lead
            found.append((start, start + len(stripped), stripped))
    return found


def _roles(line: str) -> dict[str, str]:
    roles: dict[str, str] = {}
    for rule in line_rules():
        hit = rule.regex.search(line)
        if hit and rule.role not in roles:
            roles[rule.role] = hit.group(rule.group) if rule.group else hit.group(0)
    return roles


def parse_text(text: str, source: str = "<text>", published: date | None = None, *,
               published_source: str = "user", title: str | None = None, publisher: str | None = None,
               updated: date | None = None, url: str | None = None) -> Article:
    """Read an article's parts off its text; every offset indexes ``text`` unchanged (but for NUL
    characters, each replaced by U+FFFD).

    ``published`` overrides any date in the header (its source is then ``published_source``).
    Readers that know the title, publisher or update date (HTML, feeds, batches) pass them; a
    given title is not looked for in the text.

    >>> a = parse_text("Talks end\\nPosted on July 18, 2025\\nKYIV (AP) - Talks ended on Friday.")
    >>> (a.title, a.published.isoformat(), a.dateline, a.sections[0].text)
    ('Talks end', '2025-07-18', 'KYIV (AP) -', 'Talks ended on Friday.')
    """
    if not text.strip():
        raise UnreadableInput(f"{source}: the article has no text")
    # NUL, which PostgreSQL cannot store, becomes U+FFFD: one character for one, offsets still hold
    text, source = no_nul(text), no_nul(source)
    title, publisher = title and no_nul(title), publisher and no_nul(publisher)
    lines = _lines(text)
    facts: dict[str, str] = {}
    sections: list[Span] = []
    dateline: str | None = None
    body_started = after_credits = False
    pending_summary: list[Span] = []  # lines between the header and the first body line
    has_dateline = any("dateline" in _roles(line) for _, _, line in lines)
    for start, end, line in lines:
        roles = _roles(line)
        if "boilerplate" in roles:
            continue
        if not body_started and HEADER_ROLES & roles.keys():
            for role in HEADER_ROLES & roles.keys():
                facts.setdefault(role, roles[role])
            continue
        if title is None and not body_started:  # a title given by the caller is not looked for
            title = line
            if not (len(line) > 200 or line.endswith((".", '."'))):
                continue
        if "credits" in roles:
            after_credits = True
            continue
        if not body_started and "dateline" in roles:
            dateline = roles["dateline"].strip()
            offset = len(roles["dateline"])
            sections.extend(pending_summary)
            body_started = True
            sections.append(Span(start + offset, end, line[offset:], BODY))
            continue
        if not body_started and has_dateline:
            pending_summary.append(Span(start, end, line, SUMMARY))
            continue
        body_started = True
        sections.append(Span(start, end, line, SUMMARY if after_credits else BODY))
    sections.extend(pending_summary if not body_started else [])
    header_date = parse_date(facts["published"]) if "published" in facts else None
    return Article(
        id=content_id(text),
        text=text,
        title=bounded_title((title or text.strip()[:80]).strip()),
        publisher=_bounded_or_none(publisher or facts.get("publisher")),
        published=published or header_date,
        published_source=published_source if published else ("header line" if header_date else "none"),
        updated=updated or (parse_date(facts["updated"]) if "updated" in facts else None),
        dateline=dateline,
        source=source,
        sections=tuple(sections),
        url=url,
    )
