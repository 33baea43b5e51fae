"""Key dates: the days a collection of articles points at, ranked by how much they mattered, each
with the sentences that say what happened then.

Each article is read once into a ``Digest`` (its publication date, the days it names, its dated
events: ``digest.py``). Every candidate day gets counts (``features.py``: mentions, articles that
look back at it and from how far, publications and bursts, typed events by QuadClass, leads), a
learned model scores them (``ranker.py``: a logistic regression trained on Timeline17 by
``python -m timeline.keydates.train``, shipped as coefficients in ``resources/keydates_model.toml``)
and the best days get their sentences (``summary.py``).

    >>> from timeline.ingest.text import parse_text
    >>> text = "Talks\\nPosted on July {}, 2025\\nPutin met Xi on {} in Moscow for their first talks this year."
    >>> arts = [parse_text(text.format(18, "Monday")), parse_text(text.format(20, "July 14"))]
    >>> best = key_dates(arts, top=1)[0]
    >>> str(best.day), best.why, best.sentences[0].text
    ('2025-07-14', '2 articles name it (2 later); 2 typed events', 'Putin met Xi on Monday in Moscow for their first talks this year.')
"""

from timeline.keydates.cli import add_commands
from timeline.keydates.core import KeyDate, caveats, key_dates, key_dates_of_articles, key_dates_of_table
from timeline.keydates.digest import DatedEvent, Digest, Mention, Readable, digest, digests, read_digests
from timeline.keydates.evaluation import date_f1, mention_count, pubcount, rank_by_count, read_entries, read_timeline
from timeline.keydates.features import FEATURES
from timeline.keydates.ranker import Model, shipped
from timeline.keydates.summary import summaries

__all__ = ["FEATURES", "DatedEvent", "Digest", "KeyDate", "Mention", "Model", "Readable", "add_commands", "caveats",
           "date_f1", "digest", "digests", "key_dates", "key_dates_of_articles", "key_dates_of_table", "mention_count", "pubcount", "rank_by_count",
           "read_digests", "read_entries", "read_timeline", "shipped", "summaries"]
