"""Binary formats are refused by what they are, whatever the name's extension says (issue 13: a PDF
renamed .txt was stored as an article titled "%PDF-1.4")."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from timeline.ingest import app_options, from_bytes

PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 44 /Filter /FlateDecode >>\nstream\n"
       + zlib.compress(b"BT /F1 12 Tf 72 712 Td (Putin met Xi on Monday) Tj ET") + b"\nendstream\nendobj\n")
SHIPPED_PDF = Path("/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf")
FILES = {
    "a PDF document": PDF,
    "an RTF document": rb"{\rtf1\ansi Putin met Xi on Monday in Moscow.}",
    "a PostScript document": b"%!PS-Adobe-3.0\n(Putin met Xi) show\n",
    "a ZIP archive (a Word, OpenDocument or EPUB file is one)": b"PK\x03\x04\x14\x00\x06\x00word/document.xml",
    "an old Word or Excel document": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
    "a PNG image": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "a JPEG image": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "a GIF image": b"GIF89a\x01\x00\x01\x00",
    "an SQLite database": b"SQLite format 3\x00" + b"\x10\x00" * 40,
    "a WebP image": b"RIFF\x24\x00\x00\x00WEBPVP8 ",
    "an MP4 or MOV video": b"\x00\x00\x00\x18ftypmp42",
    "xz-compressed data": b"\xfd7zXZ\x00\x00\x04",
}


@pytest.mark.parametrize("extension", ["txt", "html", "csv", "jsonl", "xml", "rss"])
@pytest.mark.parametrize("kind", sorted(FILES))
def test_a_binary_file_is_refused_as_what_it_is_whatever_its_extension(kind: str, extension: str) -> None:
    (item,) = from_bytes(f"report.{extension}", FILES[kind], app_options())
    assert item.article is None, item.article and item.article.title
    assert f"report.{extension}: {kind} (binary data), not text" in (item.error or "")


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf", b"\n\n  ", b"\xef\xbb\xbf\r\n"])
def test_a_pdf_behind_a_byte_order_mark_or_blank_lines_is_still_a_pdf(prefix: bytes) -> None:
    (item,) = from_bytes("report.txt", prefix + PDF, app_options())
    assert item.article is None and "a PDF document" in (item.error or "")


@pytest.mark.skipif(not SHIPPED_PDF.exists(), reason="no PDF shipped with this system")
def test_a_real_pdf_renamed_txt_is_refused() -> None:
    (item,) = from_bytes("spec.txt", SHIPPED_PDF.read_bytes(), app_options())
    assert item.article is None and "spec.txt: a PDF document (binary data), not text" in (item.error or "")


def test_text_that_merely_mentions_a_format_is_read() -> None:
    text = b"PDF files leaked\nPosted on July 18, 2025\nMOSCOW (Reuters) - Putin met Xi on Monday in Moscow.\n"
    (item,) = from_bytes("leak.txt", text, app_options())
    assert item.article is not None and item.article.title == "PDF files leaked"
