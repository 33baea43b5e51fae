"""The fixed colour per CAMEO root: stable, grouped by QuadClass, apart for colour-blind readers."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from timeline.charts import timeline_figure
from timeline.colours import ROOT_COLOURS, UNCLASSIFIED, type_colour
from timeline.events.text import quad_class
from timeline.resources import load_toml

TYPES = {row["code"]: f"{row['code']} {row['name']}" for row in load_toml("event_types.toml")["type"]}
CAMEO_ROOTS = [f"{n:02d}" for n in range(1, 21)]

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB
CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def _linear(hex_colour: str) -> tuple[float, ...]:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def _lab(rgb: tuple[float, ...]) -> tuple[float, float, float]:
    r, g, b = (min(max(c, 0.0), 1.0) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _seen(hex_colour: str, matrix: tuple[tuple[float, ...], ...] | None) -> tuple[float, float, float]:
    rgb = _linear(hex_colour)
    if matrix:
        rgb = tuple(sum(m * c for m, c in zip(row, rgb)) for row in matrix)
    return _lab(rgb)


def test_every_cameo_root_has_its_own_colour() -> None:
    assert set(CAMEO_ROOTS) <= set(ROOT_COLOURS)
    colours = list(ROOT_COLOURS.values()) + [UNCLASSIFIED]
    assert len(set(colours)) == len(colours)


@pytest.mark.parametrize("code", sorted(ROOT_COLOURS))
def test_a_root_has_the_same_colour_whatever_else_is_present(code: str) -> None:
    event_type = TYPES[code]
    alone = _marker_colours(pd.DataFrame([_row("a", event_type)]))
    crowd = _marker_colours(pd.DataFrame([_row(str(i), t) for i, t in enumerate(TYPES.values())]))
    assert alone[event_type] == crowd[event_type] == type_colour(event_type) == ROOT_COLOURS[code]


def test_unclassified_and_unknown_types_are_grey() -> None:
    assert type_colour("-- Unclassified") == type_colour("") == type_colour("99 Something new") == UNCLASSIFIED


@pytest.mark.parametrize("deficiency", [None, *CVD])
def test_the_four_quad_classes_stay_apart_for_colour_blind_readers(deficiency: str | None) -> None:
    """Any two roots of different QuadClasses differ by at least ΔE 12 (CIE76) as a reader with
    the deficiency sees them: the class of a mark is never a guess."""
    matrix = CVD[deficiency] if deficiency else None
    by_quad: dict[str, list[str]] = {}
    for code in CAMEO_ROOTS:
        by_quad.setdefault(quad_class(TYPES[code]), []).append(code)
    assert len(by_quad) == 4
    nearest = min(
        (sum((p - q) ** 2 for p, q in zip(_seen(ROOT_COLOURS[a], matrix), _seen(ROOT_COLOURS[b], matrix))) ** 0.5, a, b)
        for (qa, codes_a), (qb, codes_b) in itertools.combinations(by_quad.items(), 2)
        for a in codes_a for b in codes_b)
    assert nearest[0] >= 12, nearest


def _row(event_id: str, event_type: str) -> dict[str, object]:
    return {"event_id": event_id, "date_start": "2025-07-18", "date_end": "2025-07-18", "precision": "day",
            "derived": False, "event_type": event_type, "label": "x", "actors": "A", "countries": "",
            "sources": 1}


def _marker_colours(table: pd.DataFrame) -> dict[str, str]:
    figure = timeline_figure(table, "actor")
    return {trace.name: trace.marker.color for trace in figure.data}
