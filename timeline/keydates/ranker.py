"""The shipped key-date model: a logistic regression over the scaled features of a day.

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
from timeline.keydates.features import FEATURES, GROUPS, SCALES
from timeline.resources import load_toml, path

MODEL_FILE = "keydates_model.toml"
KEYS = {"kind", "seed", "C", "trained_on", "windows", "groups", "scale", "features", "coef", "intercept", "loto",
        "ablation"}


@dataclass(frozen=True, slots=True)
class Model:
    """score = intercept + sum of coef[i] * features[i], each feature put on the 0..1 ``scale``
    (``features.SCALES``) among the candidate days."""

    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    scale: str = "percentile"

    def score(self, row: Mapping[str, float]) -> float:
        """The model's score of one day's features (a log-odds: higher is more likely a key date).

        >>> Model(("later", "published"), (2.0, 1.0), -1.0).score({"later": 1.0, "published": 0.5, "lead": 1.0})
        1.5
        """
        return self.intercept + sum(c * row[f] for f, c in zip(self.features, self.coef))


def validate(data: Mapping[str, object], where: str) -> Model:
    """A model from the parsed TOML, or ResourceError naming what is wrong.

    >>> validate({"kind": "logistic", "features": ["mentions", "fame"], "coef": [1.0, 1.0], "intercept": 0.0}, "x")
    Traceback (most recent call last):
    ...
    timeline.errors.ResourceError: x: unknown features ['fame'] (timeline/keydates/features.py has none such); retrain the model (python -m timeline.keydates.train)
    """
    unknown = set(data) - KEYS
    if unknown:
        raise ResourceError(f"{where}: unknown keys {sorted(unknown)}")
    if data.get("kind") != "logistic":
        raise ResourceError(f"{where}: kind must be \"logistic\"")
    features = data.get("features")
    if not isinstance(features, list) or not features or len(set(features)) != len(features):
        raise ResourceError(f"{where}: features must be a list of distinct feature names")
    strange = [f for f in features if f not in FEATURES]
    if strange:
        raise ResourceError(f"{where}: unknown features {strange} (timeline/keydates/features.py has none such); "
                            "retrain the model (python -m timeline.keydates.train)")
    scale = data.get("scale", "percentile")
    if scale not in SCALES:
        raise ResourceError(f"{where}: scale must be one of {sorted(SCALES)}")
    coef, intercept = data.get("coef"), data.get("intercept")
    if not isinstance(coef, list) or len(coef) != len(features) or not all(isinstance(c, (int, float)) for c in coef):
        raise ResourceError(f"{where}: coef must be {len(features)} numbers, one per feature")
    if not isinstance(intercept, (int, float)):
        raise ResourceError(f"{where}: intercept must be a number")
    return Model(tuple(features), tuple(float(c) for c in coef), float(intercept), str(scale))


@cache
def shipped() -> Model:
    """The model shipped in ``resources/keydates_model.toml``, validated once."""
    return validate(load_toml(MODEL_FILE), str(path(MODEL_FILE)))


def reads_events(model: Model | None = None) -> bool:
    """Whether the model reads typed events (if not, building them only serves to link to them)."""
    return any(f in GROUPS["events"] for f in (model or shipped()).features)


def rank(counts: Mapping[str, Mapping[date, float]], days: Sequence[date], model: Model | None = None
         ) -> list[tuple[date, float]]:
    """Candidate days with their scores, best first; ties go to the earlier day."""
    model = model or shipped()
    rows = SCALES[model.scale](counts, days, model.features)
    scored = [(day, model.score(rows[day])) for day in days]
    return sorted(scored, key=lambda kv: (-kv[1], kv[0]))
