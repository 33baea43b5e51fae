"""The synthetic corpus used by the dashboard benchmark: the requested size, valid provenance."""

from __future__ import annotations

from timeline import synth
from timeline.store import Store


def test_synthetic_corpus_has_the_requested_events_with_exact_excerpts(store_url: str) -> None:
    store = Store(store_url)
    assert synth.write(store, 53) == 11  # five events an article
    table = store.table()
    assert len(table) == 53 and table["event_id"].is_unique
    assert set(table["precision"]) <= {"day", "month", "year", "week", "uncertain"}
    texts = {a.id: a.text for a in store.articles()}
    for row in table.itertuples():
        assert texts[row.article_id][row.excerpt_start : row.excerpt_end] == row.excerpt
    assert synth.write(store, 53) == 0  # the same seed adds nothing twice
