"""Check a parsed rules file and compile it; every problem is reported with its line.

Validation does not stop at the first problem: an editor fixing a file wants the whole list.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.model import PRIORITIES
from newsdesk.rules.conditions import Term
from newsdesk.rules.entities import EntityMatcher
from newsdesk.rules.fuzzy import FuzzyPhrase
from newsdesk.rules.problems import did_you_mean
from newsdesk.rules.ruleset import Actions, Rule, RuleTest
from newsdesk.rules.textnorm import term_key
from newsdesk.rules.when import ConditionCompiler
from newsdesk.rules.yamlsrc import LList, LMap, Pos, Source

TOP_KEYS = ("version", "defaults", "lists", "entities", "rules", "dedup")
DEFAULT_KEYS = ("fields", "fuzzy_threshold")
ENTITY_KEYS = ("exact", "fuzzy", "exclude", "threshold", "fields", "description")
RULE_KEYS = ("id", "description", "when", "then", "mode", "enabled", "tests")
ACTION_KEYS = ("tag", "desk", "priority", "flag", "reject", "stop")
TEST_KEYS = ("hit", "miss")
DOC_KEYS = ("title", "body", "outlet", "url", "lang", "published")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:/-]*$")
# A term is a word or a name, not a paragraph: the matcher's set-up grows with the square
# of a term's words (a 5,000-word term took minutes to load). Longer is refused with its line.
MAX_TERM_WORDS = 40
MAX_TERM_CHARS = 400


class Compiler(ConditionCompiler):
    def __init__(self, source: Source) -> None:
        self.source = source
        self.errors: list[Any] = []
        self.warnings: list[Any] = []
        self.lists: dict[str, list[Term]] = {}
        self.list_pos: dict[str, Pos] = {}
        self._raw_lists: dict[str, tuple[Any, Pos]] = {}
        self._failed_lists: set[str] = set()
        self.used_lists: set[str] = set()
        self.entity_ids: dict[str, Pos] = {}
        self.used_entities: set[str] = set()
        self.entities: dict[str, EntityMatcher] = {}
        self.fields: list[str] = ["title", "body"]
        self.threshold: float = 93.0
        self.rules: list[Rule] = []
        self.scan_keys: list[str] = []
        self.dedup: dict[str, Any] = {}

    # --- reporting ---------------------------------------------------------------------------

    def error(self, pos: Pos | None, where: str, message: str, hint: str | None = None) -> None:
        self.errors.append(self.source.problem(pos, where, message, hint))

    def warn(self, pos: Pos | None, where: str, message: str, hint: str | None = None) -> None:
        self.warnings.append(self.source.problem(pos, where, message, hint, "warning"))

    def check_keys(self, m: LMap, allowed: tuple[str, ...], where: str, what: str) -> None:
        for key in m:
            if key not in allowed:
                hint = did_you_mean(str(key), allowed)
                known = "" if hint else f" (known: {', '.join(allowed)})"
                self.error(m.key_pos[key], where, f"unknown {what} key '{key}'{known}", hint)

    # --- the file ----------------------------------------------------------------------------

    def compile(self, doc: Any) -> None:
        if doc is None:
            self.error(None, "", "the rules file is empty (expected 'version: 1' and 'rules:')")
            return
        if not isinstance(doc, LMap):
            self.error(
                getattr(doc, "pos", (1, 1)), "", "expected a mapping with 'rules:' at the top"
            )
            return
        self.check_keys(doc, TOP_KEYS, "", "top-level")
        if "version" not in doc:
            self.warn(doc.pos, "", "no 'version: 1' line; assuming version 1")
        elif doc["version"] != 1 or isinstance(doc["version"], bool):
            self.error(
                doc.val_pos["version"], "version", f"unsupported version {doc['version']!r}", "1"
            )
        if "defaults" in doc:
            self.compile_defaults(doc["defaults"], doc.val_pos["defaults"])
        if "lists" in doc:
            self.compile_lists(doc["lists"], doc.val_pos["lists"])
        if "entities" in doc:
            self.compile_entities(doc["entities"], doc.val_pos["entities"])
        if "rules" not in doc:
            self.error(doc.pos, "", "no 'rules:' section")
        else:
            self.compile_rules(doc["rules"], doc.val_pos["rules"])
        if "dedup" in doc:
            self.compile_dedup(doc, doc["dedup"])
        for name, pos in self.list_pos.items():
            if name not in self.used_lists:
                self.warn(pos, f"list '{name}'", "defined but never used")
        for name, pos in self.entity_ids.items():
            if name not in self.used_entities:
                self.warn(pos, f"entity '{name}'", "defined but never used by a rule")

    def compile_defaults(self, value: Any, pos: Pos) -> None:
        if not isinstance(value, LMap):
            self.error(
                pos,
                "defaults",
                "expected a mapping like {fields: [title, body], fuzzy_threshold: 93}",
            )
            return
        self.check_keys(value, DEFAULT_KEYS, "defaults", "defaults")
        if "fields" in value:
            fields = self.field_list(value["fields"], value.val_pos["fields"], "defaults")
            if fields:
                self.fields = fields
        if "fuzzy_threshold" in value:
            thr = self.threshold_value(
                value["fuzzy_threshold"], value.val_pos["fuzzy_threshold"], "defaults"
            )
            if thr is not None:
                self.threshold = thr

    def field_list(self, value: Any, pos: Pos, where: str) -> list[str] | None:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            self.error(pos, where, "fields must be a list of title and/or body")
            return None
        out = []
        for i, item in enumerate(items):
            ipos = items.item_pos[i] if isinstance(items, LList) else pos
            if item not in ("title", "body"):
                self.error(
                    ipos,
                    where,
                    f"unknown field {item!r} (fields are title, body)",
                    did_you_mean(str(item), ("title", "body")),
                )
            else:
                out.append(item)
        return out

    def threshold_value(self, value: Any, pos: Pos, where: str) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(pos, where, f"threshold must be a number from 0 to 100, got {value!r}")
            return None
        if 0 < value <= 1 and isinstance(value, float):
            self.error(
                pos,
                where,
                f"threshold {value} looks like a 0–1 scale; rapidfuzz scores run 0–100",
                f"{value * 100:g}",
            )
            return None
        if not 0 <= value <= 100:
            self.error(pos, where, f"threshold {value} is outside 0–100")
            return None
        if value < 70:
            self.warn(pos, where, f"threshold {value} is very permissive: expect false matches")
        return float(value)

    # --- lists and terms ---------------------------------------------------------------------

    def compile_lists(self, value: Any, pos: Pos) -> None:
        if not isinstance(value, LMap):
            self.error(pos, "lists", "expected a mapping of list names to lists of terms")
            return
        for name, items in value.items():
            if not isinstance(name, str) or not NAME.match(name):
                self.error(
                    value.key_pos[name],
                    f"list '{name}'",
                    "a list name must be a plain word (letters, digits, _ and -)",
                )
                continue
            self.list_pos[name] = value.key_pos[name]
            self._raw_lists[name] = (items, value.val_pos[name])
        for name in self._raw_lists:
            self._resolve_list(name, set())

    def _resolve_list(self, name: str, resolving: set[str]) -> list[Term] | None:
        if name in self.lists:
            return self.lists[name]
        if name in self._failed_lists:
            return None
        items, pos = self._raw_lists[name]
        resolved = self.terms(items, pos, f"list '{name}'", resolving=resolving | {name})
        if resolved is None:
            self._failed_lists.add(name)
            return None
        self.lists[name] = resolved
        return resolved

    def terms(
        self,
        value: Any,
        pos: Pos,
        where: str,
        allow_lists: bool = True,
        resolving: set[str] | None = None,
    ) -> list[Term] | None:
        """A term, a $list, or a list of terms and $lists, flattened."""
        items = value if isinstance(value, list) else [value]
        positions = value.item_pos if isinstance(value, LList) else [pos] * len(items)
        if not items:
            self.error(pos, where, "an empty list of terms can never match")
            return None
        out: list[Term] = []
        ok = True
        for item, ipos in zip(items, positions):
            if isinstance(item, bool):
                self.error(
                    ipos,
                    where,
                    f"{str(item).lower()!r} was read as a boolean "
                    "(YAML reads yes/no/on/off that way): quote the word",
                )
                ok = False
            elif isinstance(item, (int, float)):
                out.append(Term(str(item), term_key(str(item))))
            elif isinstance(item, str) and item.startswith("$"):
                resolved = self.list_ref(item, ipos, where, resolving or set())
                if resolved is None:
                    ok = False
                else:
                    out.extend(resolved)
            elif isinstance(item, str):
                key = term_key(item)
                words = key.count(" ") + 1
                if not key:
                    self.error(ipos, where, f"the term {item!r} has no letters or digits to match")
                    ok = False
                elif words > MAX_TERM_WORDS or len(key) > MAX_TERM_CHARS:
                    self.error(
                        ipos,
                        where,
                        f"a term of {words:,} words ({len(key):,} characters) is not a term; "
                        f"the limit is {MAX_TERM_WORDS} words and {MAX_TERM_CHARS} characters "
                        "(use a regex: for patterns, or split it into terms)",
                    )
                    ok = False
                else:
                    out.append(Term(item, key))
            else:
                self.error(ipos, where, f"expected a word or phrase, got {type(item).__name__}")
                ok = False
        return out if ok else None

    def list_ref(self, ref: str, pos: Pos, where: str, resolving: set[str]) -> list[Term] | None:
        name = ref[1:]
        if name in resolving:
            self.error(pos, where, f"list '{name}' refers to itself")
            self._failed_lists.add(name)
            return None
        if name not in self._raw_lists:
            hint = did_you_mean(name, self.list_pos)
            self.error(pos, where, f"undefined list '${name}'", f"${hint}" if hint else None)
            return None
        self.used_lists.add(name)
        return self._resolve_list(name, resolving)

    # --- entities ----------------------------------------------------------------------------

    def compile_entities(self, value: Any, pos: Pos) -> None:
        if not isinstance(value, LMap):
            self.error(
                pos, "entities", "expected a mapping of entity ids to {exact, fuzzy, exclude}"
            )
            return
        for eid in value:
            self.entity_ids[str(eid)] = value.key_pos[eid]
        for eid, spec in value.items():
            where = f"entity '{eid}'"
            epos = value.key_pos[eid]
            if not isinstance(eid, str) or not NAME.match(eid):
                self.error(
                    epos, where, "an entity id must be a plain word (letters, digits, _ . / -)"
                )
                continue
            if not isinstance(spec, LMap):
                self.error(
                    value.val_pos[eid],
                    where,
                    "expected a mapping with exact:, fuzzy: and/or exclude:",
                )
                continue
            self.check_keys(spec, ENTITY_KEYS, where, "entity")
            threshold = self.threshold
            if "threshold" in spec:
                t = self.threshold_value(spec["threshold"], spec.val_pos["threshold"], where)
                threshold = t if t is not None else threshold
            fields = self.fields
            if "fields" in spec:
                fields = self.field_list(spec["fields"], spec.val_pos["fields"], where) or fields
            exact = (
                self.terms(spec["exact"], spec.val_pos["exact"], where) if "exact" in spec else []
            )
            fuzzy_terms = (
                self.terms(spec["fuzzy"], spec.val_pos["fuzzy"], where) if "fuzzy" in spec else []
            )
            exclude = (
                self.terms(spec["exclude"], spec.val_pos["exclude"], where)
                if "exclude" in spec
                else []
            )
            if "exact" not in spec and "fuzzy" not in spec:
                self.error(epos, where, "an entity needs exact: and/or fuzzy: aliases")
                continue
            if exact is None or fuzzy_terms is None or exclude is None:
                continue
            phrases = self.fuzzy_phrases(
                fuzzy_terms, threshold, spec.val_pos.get("fuzzy", epos), where
            )
            if phrases is None:
                continue
            self.lint_fuzzy(phrases, spec.val_pos.get("fuzzy", epos), where)
            for alias in exact:
                for ex in exclude:
                    if f" {ex.key} " in f" {alias.key} ":
                        self.warn(
                            spec.val_pos["exact"],
                            where,
                            f"exact alias '{alias.text}' contains the exclude term "
                            f"'{ex.text}': it can never match",
                        )
            matcher = EntityMatcher(eid, exact, phrases, exclude, fields, epos[0])
            self.entities[eid] = matcher
            self.scan_keys.extend(matcher.keys())

    def lint_fuzzy(self, phrases: list[FuzzyPhrase], pos: Pos, where: str) -> None:
        from newsdesk.rules.fuzzy import single_typo_score

        for p in phrases:
            score = single_typo_score(p.phrase)
            if score < p.threshold:
                self.warn(
                    pos,
                    where,
                    f"fuzzy alias '{p.phrase}' is too short to be fuzzy: one typo already scores "
                    f"{score:.0f} < {p.threshold:g}; list it under exact: instead",
                )

    # --- rules -------------------------------------------------------------------------------

    def compile_rules(self, value: Any, pos: Pos) -> None:
        if not isinstance(value, LList):
            self.error(pos, "rules", "expected a list of rules, each starting with '- id: ...'")
            return
        seen: dict[str, int] = {}
        for i, spec in enumerate(value):
            rpos = value.item_pos[i]
            if not isinstance(spec, LMap):
                self.error(rpos, f"rule #{i + 1}", "expected a mapping with id:, when: and then:")
                continue
            rid = spec.get("id")
            if not isinstance(rid, str) or not NAME.match(rid):
                where = f"rule #{i + 1}"
                self.error(
                    spec.val_pos.get("id", rpos),
                    where,
                    "every rule needs an id: a plain word like topik-pariwisata",
                )
                rid = None
            else:
                where = f"rule '{rid}'"
                if rid in seen:
                    self.error(
                        spec.val_pos["id"],
                        where,
                        f"duplicate rule id (first used on line {seen[rid]})",
                    )
                else:
                    seen[rid] = spec.val_pos["id"][0]
            self.check_keys(spec, RULE_KEYS, where, "rule")
            before = len(self.errors)
            when = None
            if "when" not in spec:
                self.error(rpos, where, "missing when: (the condition)")
            else:
                when = self.condition(spec["when"], spec.val_pos["when"], where)
            then = None
            if "then" not in spec:
                self.error(rpos, where, "missing then: (what the rule does)")
            else:
                then = self.actions(spec["then"], spec.val_pos["then"], where)
            mode = spec.get("mode", "live")
            if mode not in ("live", "shadow"):
                self.error(
                    spec.val_pos.get("mode", rpos),
                    where,
                    f"mode must be live or shadow, got {mode!r}",
                    did_you_mean(str(mode), ("live", "shadow")),
                )
            enabled = spec.get("enabled", True)
            if not isinstance(enabled, bool):
                self.error(
                    spec.val_pos.get("enabled", rpos),
                    where,
                    f"enabled must be true or false, got {enabled!r}",
                )
            description = spec.get("description")
            if description is not None and not isinstance(description, str):
                self.error(spec.val_pos["description"], where, "description must be text")
            tests = (
                self.tests(spec["tests"], spec.val_pos["tests"], where) if "tests" in spec else []
            )
            if len(self.errors) > before or rid is None or when is None or then is None:
                continue
            line = spec.val_pos["id"][0]
            if not tests:
                self.warn(
                    (line, 0), where, "no embedded tests (add tests: {hit: [...], miss: [...]})"
                )
            self.lint_never(when, where, line)
            self.rules.append(
                Rule(rid, when, then, line, str(mode), bool(enabled), description, tests)
            )

    def actions(self, value: Any, pos: Pos, where: str) -> Actions | None:
        if not isinstance(value, LMap):
            self.error(pos, where, "then: must be a mapping like {tag: [x], desk: y}")
            return None
        self.check_keys(value, ACTION_KEYS, where, "action")
        ok = True
        tags: list[str] = []
        if "tag" in value:
            raw = value["tag"]
            items = raw if isinstance(raw, list) else [raw]
            for j, tag in enumerate(items):
                tpos = raw.item_pos[j] if isinstance(raw, LList) else value.val_pos["tag"]
                if not isinstance(tag, str) or not tag.strip():
                    self.error(tpos, where, f"a tag must be text, got {tag!r}")
                    ok = False
                elif re.search(r"\s", tag.strip()):
                    self.error(
                        tpos,
                        where,
                        f"tag '{tag}' contains a space",
                        re.sub(r"\s+", "-", tag.strip()),
                    )
                    ok = False
                else:
                    tags.append(tag.strip())
        values: dict[str, str | None] = {}
        for name in ("desk", "flag", "reject"):
            if name in value:
                v = value[name]
                if not isinstance(v, str) or not v.strip():
                    example = {"desk": "ekonomi", "flag": "siaran pers", "reject": "iklan"}[name]
                    self.error(
                        value.val_pos[name],
                        where,
                        f"{name} needs a text value, e.g. {name}: {example}",
                    )
                    ok = False
                else:
                    values[name] = v.strip()
        if "priority" in value:
            p = value["priority"]
            if p not in PRIORITIES:
                self.error(
                    value.val_pos["priority"],
                    where,
                    f"priority must be one of {', '.join(PRIORITIES)}, got {p!r}",
                    did_you_mean(str(p), PRIORITIES),
                )
                ok = False
            else:
                values["priority"] = p
        stop = value.get("stop", False)
        if not isinstance(stop, bool):
            self.error(value.val_pos["stop"], where, f"stop must be true or false, got {stop!r}")
            ok = False
        unknown = any(k not in ACTION_KEYS for k in value)
        if ok and not unknown and not tags and not values and not stop:
            self.error(
                pos, where, "then: does nothing (use tag, desk, priority, flag, reject or stop)"
            )
            ok = False
        if not ok:
            return None
        return Actions(
            tuple(dict.fromkeys(tags)),
            values.get("desk"),
            values.get("priority"),
            values.get("flag"),
            values.get("reject"),
            bool(stop),
        )

    # --- tests and lints ---------------------------------------------------------------------

    def tests(self, value: Any, pos: Pos, where: str) -> list[RuleTest]:
        if not isinstance(value, LMap):
            self.error(pos, where, "tests: expects {hit: [...], miss: [...]}")
            return []
        self.check_keys(value, TEST_KEYS, where, "tests")
        out = []
        for kind in TEST_KEYS:
            if kind not in value:
                continue
            items = value[kind]
            if not isinstance(items, LList):
                items_l = LList([items])
                items_l.item_pos = [value.val_pos[kind]]
                items = items_l
            for i, item in enumerate(items):
                ipos = items.item_pos[i]
                if isinstance(item, str):
                    doc: dict[str, Any] = {"title": "", "body": item}
                elif isinstance(item, LMap):
                    self.check_keys(item, DOC_KEYS, where, "test story")
                    doc = {
                        k: (v if isinstance(v, str) else str(v))
                        for k, v in item.items()
                        if k in DOC_KEYS
                    }
                    doc.setdefault("title", "")
                    doc.setdefault("body", "")
                else:
                    self.error(
                        ipos,
                        where,
                        f"a {kind} test is a text or a mapping of fields (title, body, url, …)",
                    )
                    continue
                out.append(RuleTest(kind, doc, ipos[0], i + 1))
        return out

    def compile_dedup(self, doc: LMap, value: Any) -> None:
        pos = doc.val_pos["dedup"]
        if not isinstance(value, LMap):
            self.error(pos, "dedup", "expected a mapping of dedup settings")
            return
        try:
            from newsdesk.dedup.config import DedupConfigError, parse_config
        except ImportError:
            self.dedup = dict(value)
            return
        lines = {str(k): p[0] for k, p in value.key_pos.items()}
        try:
            parse_config(dict(value), self.source.path, lines, doc.key_pos["dedup"][0])
        except DedupConfigError as exc:
            text = str(exc)
            m = re.match(r"^.*?:(\d+): (dedup(?:\.[\w]+)?): (.*)$", text, re.S)
            if m:
                hint = None
                msg = m.group(3)
                hm = re.search(r" — did you mean '([^']+)'\?$", msg)
                if hm:
                    hint, msg = hm.group(1), msg[: hm.start()]
                self.error((int(m.group(1)), 0), m.group(2), msg, hint)
            else:
                self.error(pos, "dedup", text)
            return
        self.dedup = dict(value)
