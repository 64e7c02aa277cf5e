"""Files newsdesk ships: the sample articles and the default rules.

In a wheel they are package data under `newsdesk/data/` (see setup.py); in a source
checkout they are the repository's own `seeds/` and `rules.yaml`. Callers never need to
know which: both answers are real paths that work from any folder.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).resolve().parent / "data"
_CHECKOUT = Path(__file__).resolve().parents[1]


def samples_dir() -> Path:
    """The sample articles offered by the desk's `L` key and the docs."""
    packaged = _PACKAGED / "samples"
    return packaged if packaged.is_dir() else _CHECKOUT / "seeds"


def default_rules() -> Path:
    """The rules.yaml newsdesk ships, used when the working folder has none."""
    packaged = _PACKAGED / "rules.yaml"
    return packaged if packaged.is_file() else _CHECKOUT / "rules.yaml"
