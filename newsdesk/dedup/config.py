"""The `dedup:` section of rules.yaml: few named knobs, safe defaults, file:line errors."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml


class DedupConfigError(ValueError):
    """A bad `dedup:` setting, with the place it was written."""


@dataclass(frozen=True)
class DedupConfig:
    # Score (0-100) from which a pair is the same story / worth showing as related.
    duplicate_threshold: float = 50.0
    related_threshold: float = 15.0
    # Stories published further apart than this are never duplicates (unless near-verbatim).
    window_days: int = 7
    # Stories further apart than this are not compared at all (related ones may be weeks apart).
    candidate_window_days: int = 31
    # Entity ids (or prefixes ending in "*") from rules.yaml that count as shared/conflicting.
    # Empty means every entity counts.
    entities: tuple[str, ...] = ()
    # Candidate generation: words per shingle, sketch size, cap on stories verified per new story.
    shingle_size: int = 4
    sketch_size: int = 8
    max_candidates: int = 8
    # A rare key (name, figure, quote) shared by more stories than this in the window is not rare.
    max_key_postings: int = 100

    def counts_entity(self, entity_id: str) -> bool:
        if not self.entities:
            return True
        return any(
            entity_id.startswith(p[:-1]) if p.endswith("*") else entity_id == p
            for p in self.entities
        )


_RANGES: dict[str, tuple[float, float]] = {
    "duplicate_threshold": (0, 100),
    "related_threshold": (0, 100),
    "window_days": (0, 3650),
    "candidate_window_days": (0, 3650),
    "shingle_size": (2, 12),
    "sketch_size": (1, 64),
    "max_candidates": (1, 10_000),
    "max_key_postings": (2, 1_000_000),
}


def parse_config(
    section: Mapping[str, Any] | None,
    path: str = "rules.yaml",
    lines: Mapping[str, int] | None = None,
    section_line: int = 0,
) -> DedupConfig:
    """Validate the `dedup:` mapping; `lines` maps each key to its line for error messages."""
    if section is None:
        return DedupConfig()
    lines = lines or {}

    def fail(key: str, message: str) -> DedupConfigError:
        return DedupConfigError(f"{path}:{lines.get(key, section_line)}: dedup.{key}: {message}")

    if not isinstance(section, Mapping):
        raise DedupConfigError(f"{path}:{section_line}: dedup: expected a mapping of settings")
    known = {f.name: f for f in fields(DedupConfig)}
    values: dict[str, Any] = {}
    for key, value in section.items():
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" — did you mean '{close[0]}'?" if close else ""
            raise fail(str(key), f"unknown key{hint}")
        if key == "entities":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise fail(key, "expected a list of entity ids")
            values[key] = tuple(value)
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise fail(key, f"expected a number, got {value!r}")
        low, high = _RANGES[key]
        if not low <= value <= high:
            raise fail(key, f"{value} is outside {low:g}..{high:g}")
        if known[key].type in ("int", int) and not float(value).is_integer():
            raise fail(key, f"expected a whole number, got {value}")
        values[key] = int(value) if known[key].type in ("int", int) else float(value)
    config = DedupConfig(**values)
    if config.related_threshold > config.duplicate_threshold:
        raise fail(
            "related_threshold",
            f"{config.related_threshold:g} is above duplicate_threshold "
            f"{config.duplicate_threshold:g}",
        )
    return config


def load_config(path: str | Path) -> DedupConfig:
    """Read only the `dedup:` section of a rules file, keeping line numbers for errors."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise DedupConfigError(f"{path}:{line}: not valid YAML: {exc}") from exc
    if node is None or not isinstance(node, yaml.MappingNode):
        return DedupConfig()
    for key_node, value_node in node.value:
        if key_node.value == "dedup":
            lines = (
                {k.value: k.start_mark.line + 1 for k, _ in value_node.value}
                if isinstance(value_node, yaml.MappingNode)
                else {}
            )
            section = yaml.safe_load(yaml.serialize(value_node))
            return parse_config(section, str(path), lines, key_node.start_mark.line + 1)
    return DedupConfig()
