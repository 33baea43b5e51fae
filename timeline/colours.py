"""One fixed colour per CAMEO root: the same type has the same colour in every view and every corpus.

Hues follow GDELT's QuadClass (``timeline/resources/event_types.toml``): cooperation is cool,
conflict warm, and words are lighter than deeds —

- 1 verbal cooperation: light blues        - 3 verbal conflict: ambers
- 2 material cooperation: bluish greens    - 4 material conflict: dark vermilions

so the four classes stay apart for readers with a red-green or blue-yellow deficiency (on the
blue–orange axis and in lightness both; ``tests/test_colours.py`` simulates the deficiencies).
Within a class the roots step in lightness; the lane or legend names each one.
"""

from __future__ import annotations

ROOT_COLOURS = {
    # 1 verbal cooperation
    "01": "#175CA1", "02": "#1B6ABA", "03": "#1E78D3", "04": "#2C87E1", "05": "#4595E4", "09": "#5EA3E8",
    # 2 material cooperation
    "06": "#05573C", "07": "#077E56", "08": "#09A571",
    # 3 verbal conflict
    "10": "#E59306", "11": "#F9A108", "12": "#F9A91E", "13": "#FAB134", "14": "#FABA4A", "16": "#FBC260",
    # 4 material conflict
    "15": "#551107", "17": "#6D1609", "18": "#841B0B", "19": "#9C200D", "20": "#B3240F",
    # outside CAMEO ("00 Change of office")
    "00": "#CC79A7",
}
UNCLASSIFIED = "#8C8C8C"  # "-- Unclassified" and anything else without a CAMEO root


def type_colour(event_type: str) -> str:
    """The colour of an event type, from its CAMEO root alone (never from what else is shown).

    >>> type_colour("04 Consult"), type_colour("-- Unclassified")
    ('#2C87E1', '#8C8C8C')
    """
    return ROOT_COLOURS.get(str(event_type)[:2], UNCLASSIFIED)
