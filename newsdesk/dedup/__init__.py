"""Duplicate and related stories: pairwise judgement, candidate index, configuration."""

from newsdesk.dedup.config import DedupConfig, DedupConfigError, load_config, parse_config
from newsdesk.dedup.features import Features, Rarity, extract
from newsdesk.dedup.incremental import StoreIndex, check_new, rebuild
from newsdesk.dedup.index import DedupIndex, Link
from newsdesk.dedup.judge import Verdict, judge, judge_features

__all__ = [
    "DedupConfig",
    "DedupConfigError",
    "DedupIndex",
    "Features",
    "Link",
    "Rarity",
    "StoreIndex",
    "Verdict",
    "check_new",
    "extract",
    "judge",
    "judge_features",
    "load_config",
    "parse_config",
    "rebuild",
]
