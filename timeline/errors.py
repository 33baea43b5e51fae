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


class MalformedTimeML(TimelineError):
    """A TimeML file has no usable DCT or TEXT, is not well-formed, or does not match its gold file."""
