"""Dedup wired to the rest of newsdesk: settings and entities come from the loaded rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsdesk.dedup import incremental
from newsdesk.dedup.config import DedupConfig, parse_config
from newsdesk.dedup.features import EntityFinder
from newsdesk.dedup.judge import Verdict, judge_features
from newsdesk.store.db import Store


def config_from_rules(rules: Any) -> DedupConfig:
    """The `dedup:` section of the rules in force (already validated when they were loaded)."""
    section = getattr(rules, "dedup_config", None)
    return parse_config(section, getattr(rules, "path", "rules.yaml")) if section else DedupConfig()


def entity_finder(rules: Any, config: DedupConfig) -> EntityFinder | None:
    """Text -> ids of the rules' entities it mentions (only the ones the config counts)."""
    matchers = {
        eid: m
        for eid, m in (getattr(rules, "entities", None) or {}).items()
        if config.counts_entity(eid)
    }
    if not matchers:
        return None

    scan_all = getattr(rules, "find_entities", None)
    if scan_all is not None:
        # one scan of the text for every entity, instead of one scan per entity

        def find_all(text: str) -> set[str]:
            return {eid for eid in scan_all(text) if eid in matchers}

        return find_all

    def find(text: str) -> set[str]:
        return {eid for eid, matcher in matchers.items() if matcher.find(text)}

    return find


def check_new(store: Store, article_ids: Sequence[int], rules: Any = None) -> int:
    """After ingest: index the new stories and record their links; returns how many."""
    config = config_from_rules(rules)
    found = incremental.check_new(store, None, article_ids, config, entity_finder(rules, config))
    return len(found)


def compare(store: Store, a: int, b: int, rules: Any = None) -> Verdict:
    """The judge on two stored stories, with the store's word frequencies: any pair at all."""
    config = config_from_rules(rules)
    index = incremental.StoreIndex(store, config, entity_finder(rules, config))
    a, b = sorted((a, b))  # judged in id order, so reasons read "first vs second"
    with store.read():
        index._load_features(None, [a, b])
        first, second = index.features(a), index.features(b)
    if first is None or second is None:
        raise KeyError(a if first is None else b)
    return judge_features(first, second, config, index.rarity)


def rebuild(store: Store, rules: Any = None) -> list[dict[str, Any]]:
    config = config_from_rules(rules)
    return incremental.rebuild(store, config, entity_finder(rules, config))
