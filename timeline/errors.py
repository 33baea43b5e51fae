"""A flat set of small exceptions. Library code raises these; the CLI and pages report them."""


class TimelineError(Exception):
    """Base class of every error this package raises on purpose."""


class UnreadableInput(TimelineError):
    """An input is empty, binary, not text, or cannot be decoded."""


class InvalidDate(TimelineError):
    """A date given by a user or a source is not a valid calendar date."""


class ResourceError(TimelineError):
    """A rules or gazetteer file under timeline/resources/ failed validation."""


class StoreError(TimelineError):
    """The database could not be opened or written."""


class FetchError(TimelineError):
    """A URL could not be fetched: timeout, HTTP error, redirect loop, or too large."""


class CorrectionError(TimelineError):
    """A person's edit is impossible (a date that is no date, an unknown code, an empty actor) or its event is gone."""


class EditConflict(CorrectionError):
    """Someone else changed the event since it was read: the edit is refused, nothing is lost."""


class BuildError(TimelineError):
    """A build folder is of another layout, or a partition of a build failed after its retries."""


class MalformedTimeML(TimelineError):
    """A TimeML file has no usable DCT or TEXT, is not well-formed, or does not match its gold file."""


def one_line(exc: BaseException, name: str = "", limit: int = 300) -> str:
    """What went wrong with one item, on one line: the item's name and the reason (a library error's
    own message; anything else by its kind and message), at most ``limit`` characters.

    >>> one_line(OverflowError("date value out of range"), "a.txt")
    'a.txt: could not be read (OverflowError: date value out of range)'
    """
    if isinstance(exc, TimelineError):
        text = str(exc)
        if name and name not in text:
            text = f"{name}: {text}"
    else:
        message = str(exc) or "no message"
        text = f"{name}: could not be read ({type(exc).__name__}: {message})" if name else \
            f"{type(exc).__name__}: {message}"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
