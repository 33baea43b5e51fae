"""Write transactions that take turns: one writer at a time, from its first read to its commit.

A writer reads before it writes (is this article stored? which happening is this mention one
with? how many edits has this event?), so two writers at once must not both read the state
before either wrote: the second would store an article twice, miss the happening the first was
storing, or number its edit the same. Each write transaction therefore begins by taking the
database's writer lock, held until it commits or rolls back; readers never wait for it.

- PostgreSQL: a transaction-level advisory lock (``pg_advisory_xact_lock``); under READ COMMITTED
  every statement after it sees what the previous writer committed.
- SQLite: ``BEGIN IMMEDIATE``, which takes the write lock at once (waiting up to the connection's
  busy timeout), where a deferred transaction would take it only at its first write.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

# The advisory lock's key: any 64-bit number, the same for every writer of a database.
WRITER_LOCK = 0x7469_6D65_6C69_6E65  # "timeline"


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction holding the writer lock; commits on leaving, rolls back on an error.

    >>> from sqlalchemy import create_engine
    >>> with writing(create_engine("sqlite://")) as conn:
    ...     conn.exec_driver_sql("SELECT 1").scalar()
    1
    """
    with engine.begin() as conn:
        take_turn(conn)
        yield conn


def take_turn(conn: Connection) -> None:
    """Take the writer lock as the first statement of ``conn``'s transaction (see the module)."""
    dialect = conn.dialect.name
    if dialect == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK})
    elif dialect == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
