"""One regex for many literal strings, shaped as a trie so matching stays fast with thousands."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def trie_pattern(words: Iterable[str]) -> str:
    """A regex source matching any of ``words``, preferring the longest at a position.

    Shared prefixes are factored out ("Guinea", "Guinea-Bissau" -> ``Guinea(?:\\-Bissau)?``),
    so the engine tries one branch per next character instead of every word in turn.

    >>> re.fullmatch(trie_pattern(["US", "U.S.", "USA"]), "U.S.") is not None
    True
    >>> re.match(trie_pattern(["Guinea", "Guinea-Bissau"]), "Guinea-Bissau").group(0)
    'Guinea-Bissau'
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(root) or "(?!)"


def _emit(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _emit(child) for char, child in sorted(node.items()) if char]
    if "" in node:  # a word ends here: the longer ones are optional, tried first (greedy)
        return f"(?:{'|'.join(branches)})?" if branches else ""
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
