"""The shipped key-date model: a logistic regression over the percentile features of a day.

The coefficients live in ``resources/keydates_model.toml``, written by
``python -m timeline.keydates.train``; scoring a day is a dot product, so ranking needs neither
scikit-learn nor pickle at run time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from timeline.errors import ResourceError
from timeline.keydates.features import FEATURES, percentiles
from timeline.resources import load_toml, path

MODEL_FILE = "keydates_model.toml"


@dataclass(frozen=True, slots=True)
class Model:
    """score = intercept + sum of coef[i] * feature[i], features in ``FEATURES`` order."""

    intercept: float
    coef: tuple[float, ...]

    def score(self, row: Sequence[float]) -> float:
        """The model's score of one day's features (a log-odds: higher is more likely a key date).

        >>> Model(-1.0, (2.0,) + (0.0,) * (len(FEATURES) - 1)).score([1.0] * len(FEATURES))
        1.0
        """
        return self.intercept + sum(c * x for c, x in zip(self.coef, row))


def validate(data: Mapping[str, object], where: str) -> Model:
    """A model from the parsed TOML, or ResourceError naming what is wrong.

    >>> validate({"kind": "logistic", "features": ["mentions"], "coef": [1.0], "intercept": 0.0}, "x.toml")
    Traceback (most recent call last):
    ...
    timeline.errors.ResourceError: x.toml: the model's features are not FEATURES of timeline/keydates/features.py; retrain it (python -m timeline.keydates.train)
    """
    unknown = set(data) - {"kind", "seed", "C", "trained_on", "windows", "features", "coef", "intercept", "loto"}
    if unknown:
        raise ResourceError(f"{where}: unknown keys {sorted(unknown)}")
    if data.get("kind") != "logistic":
        raise ResourceError(f"{where}: kind must be \"logistic\"")
    features = data.get("features")
    if not isinstance(features, list) or tuple(features) != FEATURES:
        raise ResourceError(f"{where}: the model's features are not FEATURES of timeline/keydates/features.py; "
                            "retrain it (python -m timeline.keydates.train)")
    coef, intercept = data.get("coef"), data.get("intercept")
    if not isinstance(coef, list) or len(coef) != len(FEATURES) or not all(isinstance(c, (int, float)) for c in coef):
        raise ResourceError(f"{where}: coef must be {len(FEATURES)} numbers, one per feature")
    if not isinstance(intercept, (int, float)):
        raise ResourceError(f"{where}: intercept must be a number")
    return Model(float(intercept), tuple(float(c) for c in coef))


@cache
def shipped() -> Model:
    """The model shipped in ``resources/keydates_model.toml``, validated once."""
    return validate(load_toml(MODEL_FILE), str(path(MODEL_FILE)))


def rank(counts: Mapping[str, Mapping[date, float]], days: Sequence[date], model: Model | None = None
         ) -> list[tuple[date, float]]:
    """Candidate days with their scores, best first; ties go to the earlier day."""
    model = model or shipped()
    rows = percentiles(counts, days)
    scored = [(day, model.score(rows[day])) for day in days]
    return sorted(scored, key=lambda kv: (-kv[1], kv[0]))
