"""YAML tagging rules: load and check a rules file, evaluate stories, explain decisions.

rs = load_rules("rules.yaml")        # RulesError(errors) if anything is wrong
ev = rs.evaluate(article)            # tags, desk, priority, flag, reject, matches
ev.explain()                         # every rule: fired or not, and why
"""

from newsdesk.rules.loader import load_rules, load_rules_text
from newsdesk.rules.match import Match
from newsdesk.rules.problems import RuleProblem, RulesError
from newsdesk.rules.ruleset import Evaluation, Rule, RuleExplanation, RuleSet

__all__ = [
    "Evaluation",
    "Match",
    "Rule",
    "RuleExplanation",
    "RuleProblem",
    "RuleSet",
    "RulesError",
    "load_rules",
    "load_rules_text",
]
