"""The hosted dashboard's limits on what one submission may ask of a shared server.

Each limit is a setting (an environment variable) with a default; a submission that goes past one
has the inputs beyond it refused, each by name with the limit and what to do, and the inputs
within it read as usual. The command line has none of these limits (its user owns the machine).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from timeline.errors import UnreadableInput

KB, MB = 1024, 1024 * 1024


def size(n: int) -> str:
    """A byte count as people write it.

    >>> size(512 * 1024), size(4 * 1024 * 1024), size(1500)
    ('512 KB', '4 MB', '1,500 bytes')
    """
    for unit, name in ((MB, "MB"), (KB, "KB")):
        if n >= unit and n % unit == 0:
            return f"{n // unit:,} {name}"
    return f"{n:,} bytes"


@dataclass(frozen=True, slots=True)
class AppLimits:
    """What one submission on the Ingest page may hold, and which addresses may be fetched."""

    max_bytes: int = 512 * KB  # one file, pasted text or fetched page
    max_files: int = 20  # files in one upload
    max_urls: int = 20  # URLs fetched for one submission, the links of feeds and batches included
    max_total_bytes: int = 4 * MB  # everything one submission reads: uploads, pasted text, fetched pages
    allow_private: bool = False  # fetch loopback, private, link-local … addresses too

    def describe(self) -> str:
        """The limits in one line, for the Ingest page."""
        where = "any address, private ones included" if self.allow_private else "public addresses only"
        return (f"Limits: {size(self.max_bytes)} per file, pasted text or page; {self.max_files} files per "
                f"upload; {self.max_urls} URLs per submission (links in feeds and batches included); "
                f"{size(self.max_total_bytes)} in all per submission. URLs are fetched from {where}.")


SETTINGS = {  # environment variable -> the AppLimits field it sets
    "TIMELINE_APP_MAX_BYTES": "max_bytes",
    "TIMELINE_APP_MAX_FILES": "max_files",
    "TIMELINE_APP_MAX_URLS": "max_urls",
    "TIMELINE_APP_MAX_TOTAL_BYTES": "max_total_bytes",
    "TIMELINE_ALLOW_PRIVATE_URLS": "allow_private",
}
_YES, _NO = {"1", "true", "yes", "on"}, {"", "0", "false", "no", "off"}


def app_limits(environ: Mapping[str, str] | None = None) -> tuple[AppLimits, list[str]]:
    """The limits the settings give, and a line per setting that could not be used (its default
    stands then).

    >>> app_limits({"TIMELINE_APP_MAX_FILES": "5", "TIMELINE_APP_MAX_URLS": "many"})
    (AppLimits(max_bytes=524288, max_files=5, max_urls=20, max_total_bytes=4194304, allow_private=False), \
["TIMELINE_APP_MAX_URLS='many' is not a whole number above 0; the default, 20, is used"])
    """
    environ = os.environ if environ is None else environ
    values: dict[str, object] = {}
    problems = []
    defaults = AppLimits()
    for name, attribute in SETTINGS.items():
        raw = environ.get(name)
        if raw is None:
            continue
        text = raw.strip().lower()
        default = getattr(defaults, attribute)
        if isinstance(default, bool):
            if text in _YES | _NO:
                values[attribute] = text in _YES
            else:
                problems.append(f"{name}={raw!r} is not 1 or 0; the default, {int(default)}, is used")
        elif text.isdigit() and int(text) > 0:
            values[attribute] = int(text)
        else:
            problems.append(f"{name}={raw!r} is not a whole number above 0; the default, {default}, is used")
    return AppLimits(**values), problems  # type: ignore[arg-type]


@dataclass(eq=False)
class Submission:
    """What one submission has used so far; each ``take_*`` refuses an input past a limit.

    >>> s = Submission(AppLimits(max_urls=1))
    >>> s.take_url("https://a.example/1")
    >>> s.take_url("https://a.example/2")
    Traceback (most recent call last):
    ...
    timeline.errors.UnreadableInput: https://a.example/2: not fetched: one submission fetches at most 1 URLs, \
links in feeds and batches included (TIMELINE_APP_MAX_URLS); give the rest in another submission, or ingest \
them with `timeline ingest`
    """

    limits: AppLimits
    files: int = 0
    urls: int = 0
    bytes: int = 0

    def take_file(self, name: str) -> None:
        """Count one uploaded file."""
        if self.files >= self.limits.max_files:
            raise UnreadableInput(f"{name}: not read: one upload takes at most {self.limits.max_files} files "
                                  "(TIMELINE_APP_MAX_FILES); upload the rest in another go, or ingest them "
                                  "with `timeline ingest`")
        self.files += 1

    def take_url(self, url: str) -> None:
        """Count one URL about to be fetched."""
        if self.urls >= self.limits.max_urls:
            raise UnreadableInput(f"{url}: not fetched: one submission fetches at most {self.limits.max_urls} "
                                  "URLs, links in feeds and batches included (TIMELINE_APP_MAX_URLS); give the "
                                  "rest in another submission, or ingest them with `timeline ingest`")
        self.urls += 1

    def take_bytes(self, name: str, count: int) -> None:
        """Count the bytes of one input about to be read."""
        if self.bytes + count > self.limits.max_total_bytes:
            raise UnreadableInput(f"{name}: not read: its {size(count)} would take this submission past "
                                  f"{size(self.limits.max_total_bytes)} in all (TIMELINE_APP_MAX_TOTAL_BYTES); "
                                  "ingest it in another submission, or with `timeline ingest`")
        self.bytes += count
