"""Compiling `when:` conditions: one key per mapping, every mistake reported with its line."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import re2

from newsdesk.rules.conditions import (
    All,
    AnyOf,
    Condition,
    EntityCond,
    FuzzyCond,
    LangCond,
    Not,
    PublishedCond,
    RegexCond,
    ShortTextCond,
    Term,
    TermsCond,
    compile_regex,
)
from newsdesk.rules.entities import EntityMatcher
from newsdesk.rules.fuzzy import FuzzyPhrase
from newsdesk.rules.problems import did_you_mean
from newsdesk.rules.yamlsrc import LList, LMap, Pos, Source

TEXT_FIELDS = ("title", "body", "text")
FIELD_KEYS = (*TEXT_FIELDS, "outlet", "url", "lang")
COND_KEYS = ("all", "any", "not", "entity", *FIELD_KEYS, "published")
LONG_KEYS = ("any", "all", "regex", "fuzzy", "min_hits", "threshold")
PUBLISHED_KEYS = ("before", "after", "within_days")
# Longer than any name of a person or an institution ('Dewan Perwakilan Rakyat Daerah
# Provinsi Kalimantan Barat' is 7 words): each window of a story is scored against it.
MAX_FUZZY_WORDS = 16
MAX_FUZZY_CHARS = 160


class ConditionCompiler:
    """The condition half of the rules compiler (see `schema.Compiler` for the rest)."""

    source: Source
    fields: list[str]
    threshold: float
    scan_keys: list[str]
    entity_ids: dict[str, Pos]
    used_entities: set[str]
    entities: dict[str, EntityMatcher]

    def error(self, pos: Pos | None, where: str, message: str, hint: str | None = None) -> None:
        raise NotImplementedError

    def warn(self, pos: Pos | None, where: str, message: str, hint: str | None = None) -> None:
        raise NotImplementedError

    def check_keys(self, m: LMap, allowed: tuple[str, ...], where: str, what: str) -> None:
        raise NotImplementedError

    def terms(
        self,
        value: Any,
        pos: Pos,
        where: str,
        allow_lists: bool = True,
        resolving: set[str] | None = None,
    ) -> list[Term] | None:
        raise NotImplementedError

    def threshold_value(self, value: Any, pos: Pos, where: str) -> float | None:
        raise NotImplementedError

    def lint_fuzzy(self, phrases: list[FuzzyPhrase], pos: Pos, where: str) -> None:
        raise NotImplementedError

    def fuzzy_phrases(
        self, terms: list[Term], threshold: float, pos: Pos, where: str
    ) -> list[FuzzyPhrase] | None:
        """Fuzzy aliases, refusing ones too long to score quickly.

        Scoring a window costs the product of the lengths of window and alias, and there is a
        window per word of the story: a 2,000-word alias took 71 s on one story.
        """
        out = []
        for t in terms:
            words = t.key.count(" ") + 1
            if words > MAX_FUZZY_WORDS or len(t.key) > MAX_FUZZY_CHARS:
                self.error(
                    pos,
                    where,
                    f"fuzzy alias of {words:,} words ({len(t.key):,} characters) is too long to "
                    f"match with typos; the limit is {MAX_FUZZY_WORDS} words and "
                    f"{MAX_FUZZY_CHARS} characters (list it under exact:)",
                )
                return None
            out.append(FuzzyPhrase(t.text, threshold))
        return out

    # --- conditions --------------------------------------------------------------------------

    def condition(self, value: Any, pos: Pos, where: str) -> Condition | None:
        if isinstance(value, LList):
            self.error(
                pos,
                where,
                "a condition is a mapping; for several conditions write all: [...] or any: [...]",
            )
            return None
        if not isinstance(value, LMap) or not value:
            self.error(pos, where, f"expected a condition such as {{text: [word]}}, got {value!r}")
            return None
        if len(value) > 1:
            keys = list(value)
            self.error(
                value.key_pos[keys[1]],
                where,
                f"one condition per mapping, found {', '.join(map(str, keys))}: "
                "wrap them in all: [...] or any: [...]",
            )
            return None
        key = next(iter(value))
        kpos = value.key_pos[key]
        arg = value[key]
        apos = value.val_pos[key]
        if key not in COND_KEYS:
            self.error(kpos, where, f"unknown condition '{key}'", did_you_mean(str(key), COND_KEYS))
            return None
        cond: Condition | None
        if key in ("all", "any"):
            if not isinstance(arg, LList) or not arg:
                self.error(apos, where, f"{key}: needs a non-empty list of conditions")
                return None
            items = [self.condition(c, arg.item_pos[i], where) for i, c in enumerate(arg)]
            if any(c is None for c in items):
                return None
            cond = All(items) if key == "all" else AnyOf(items)  # type: ignore[arg-type]
        elif key == "not":
            inner = self.condition(arg, apos, where)
            cond = Not(inner) if inner is not None else None
        elif key == "entity":
            cond = self.entity_cond(arg, apos, where)
        elif key == "published":
            cond = self.published(arg, apos, where)
        else:
            cond = self.field_cond(str(key), arg, apos, where)
        if cond is not None:
            cond.line = kpos[0]
        return cond

    def entity_cond(self, arg: Any, pos: Pos, where: str) -> Condition | None:
        ids = arg if isinstance(arg, list) else [arg]
        positions = arg.item_pos if isinstance(arg, LList) else [pos] * len(ids)
        ok = bool(ids)
        for eid, ipos in zip(ids, positions):
            if not isinstance(eid, str):
                self.error(ipos, where, f"entity: expects an entity id, got {eid!r}")
                ok = False
            elif eid not in self.entity_ids:
                self.error(
                    ipos, where, f"undefined entity '{eid}'", did_you_mean(eid, self.entity_ids)
                )
                ok = False
            else:
                self.used_entities.add(eid)
                if eid not in self.entities:
                    ok = False  # the entity itself has errors, already reported
        return EntityCond([str(e) for e in ids]) if ok else None

    def published(self, arg: Any, pos: Pos, where: str) -> Condition | None:
        if not isinstance(arg, LMap) or not arg:
            self.error(
                pos, where, "published: expects {after: 2025-01-01, before: ..., within_days: N}"
            )
            return None
        self.check_keys(arg, PUBLISHED_KEYS, where, "published")
        days: dict[str, date | None] = {"before": None, "after": None}
        ok = True
        for name in ("before", "after"):
            if name in arg:
                v = arg[name]
                if isinstance(v, date):
                    days[name] = v
                else:
                    try:
                        days[name] = date.fromisoformat(str(v))
                    except ValueError:
                        self.error(
                            arg.val_pos[name],
                            where,
                            f"{name}: expects a date like 2025-10-03, got {v!r}",
                        )
                        ok = False
        within = arg.get("within_days")
        if within is not None and (
            isinstance(within, bool) or not isinstance(within, int) or within < 0
        ):
            self.error(
                arg.val_pos["within_days"],
                where,
                f"within_days expects a whole number of days, got {within!r}",
            )
            ok = False
        if not ok:
            return None
        if days["before"] and days["after"] and days["after"] >= days["before"]:
            self.warn(
                pos,
                where,
                f"published after {days['after']} and before {days['before']}: "
                "no date is both, the rule can never fire",
            )
        return PublishedCond(days["before"], days["after"], within)

    def field_cond(self, name: str, arg: Any, pos: Pos, where: str) -> Condition | None:
        fields = list(self.fields) if name == "text" else [name]
        mode, payload, ppos, min_hits, threshold = "any", arg, pos, 1, self.threshold
        if isinstance(arg, LMap):
            self.check_keys(arg, LONG_KEYS, where, f"{name}:")
            kinds = [k for k in ("any", "all", "regex", "fuzzy") if k in arg]
            if len(kinds) != 1:
                found = " and ".join(kinds) if kinds else "none"
                self.error(
                    pos,
                    where,
                    f"{name}: needs exactly one of any, all, regex, fuzzy (found {found}); "
                    "to combine them, put whole conditions under any: [...]",
                )
                return None
            mode = kinds[0]
            payload, ppos = arg[mode], arg.val_pos[mode]
            if "min_hits" in arg:
                mh = arg["min_hits"]
                if isinstance(mh, bool) or not isinstance(mh, int) or mh < 1:
                    self.error(
                        arg.val_pos["min_hits"],
                        where,
                        f"min_hits expects a whole number ≥ 1, got {mh!r}",
                    )
                    return None
                if mode == "all":
                    self.error(
                        arg.key_pos["min_hits"],
                        where,
                        "min_hits does not go with all: (every term must appear once)",
                    )
                    return None
                min_hits = mh
            if "threshold" in arg:
                if mode != "fuzzy":
                    self.error(arg.key_pos["threshold"], where, "threshold only applies to fuzzy:")
                    return None
                t = self.threshold_value(arg["threshold"], arg.val_pos["threshold"], where)
                if t is None:
                    return None
                threshold = t
        elif not isinstance(arg, (str, list)):
            self.error(
                pos, where, f"{name}: expects a term, a list of terms or a mapping, got {arg!r}"
            )
            return None
        label = _label(payload)
        if mode == "regex":
            patterns = self.regexes(payload, ppos, where)
            if patterns is None:
                return None
            return RegexCond(fields, patterns, min_hits, name)
        if name == "lang":
            if mode != "any":
                self.error(pos, where, "lang: takes a list of language codes, e.g. lang: [id, ms]")
                return None
            codes = self.terms(payload, ppos, where)
            if codes is None:
                return None
            for c in codes:
                if not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]+)*", c.key.replace(" ", "-")):
                    self.warn(
                        ppos,
                        where,
                        f"'{c.text}' does not look like a language code (id, en, ms, …)",
                    )
            return LangCond([c.key for c in codes])
        terms = self.terms(payload, ppos, where)
        if terms is None:
            return None
        if mode == "fuzzy":
            if name not in TEXT_FIELDS:
                self.error(pos, where, f"fuzzy: works on title, body and text, not on {name}")
                return None
            phrases = self.fuzzy_phrases(terms, threshold, ppos, where)
            if phrases is None:
                return None
            self.lint_fuzzy(phrases, ppos, where)
            for p in phrases:
                self.scan_keys.extend(p.scan_keys())
            return FuzzyCond(fields, phrases, min_hits, label, name)
        if name in ("outlet", "url"):
            if mode == "all" or min_hits > 1:
                self.error(pos, where, f"{name}: supports any: terms only")
                return None
            return ShortTextCond(name, terms, label)
        self.scan_keys.extend(t.key for t in terms)
        return TermsCond(fields, terms, mode == "all", min_hits, label, name)

    def regexes(self, payload: Any, pos: Pos, where: str) -> list[tuple[str, Any]] | None:
        items = payload if isinstance(payload, list) else [payload]
        positions = payload.item_pos if isinstance(payload, LList) else [pos] * len(items)
        out = []
        ok = True
        for pattern, ipos in zip(items, positions):
            if not isinstance(pattern, str) or not pattern:
                self.error(ipos, where, f"regex expects a pattern in quotes, got {pattern!r}")
                ok = False
                continue
            try:
                out.append((pattern, compile_regex(pattern)))
            except re2.error as exc:
                message, offset = _regex_problem(pattern, exc)
                line, col = ipos
                src = self.source.line(line) or ""
                if col and col - 1 < len(src) and src[col - 1] in "'\"":
                    col += 1
                self.error((line, col + offset), where, message)
                ok = False
        return out if ok else None

    def lint_never(self, cond: Condition, where: str, line: int) -> None:
        """Spot conditions that contradict themselves: all(X, not(X))."""
        for node in _walk(cond):
            if isinstance(node, All):
                plain = {c.describe() for c in node.items if not isinstance(c, Not)}
                for c in node.items:
                    if isinstance(c, Not) and c.item.describe() in plain:
                        self.warn(
                            (c.line or line, 0),
                            where,
                            f"all: requires both {c.item.describe()} and its negation: "
                            "the rule can never fire",
                        )


def _walk(cond: Condition) -> list[Condition]:
    out = [cond]
    for c in cond.children():
        out.extend(_walk(c))
    return out


def _label(payload: Any) -> str:
    if isinstance(payload, str):
        return payload if payload.startswith("$") else repr(payload)
    if isinstance(payload, list):
        shown = [str(p) if str(p).startswith("$") else repr(p) for p in payload[:4]]
        if len(payload) > 4:
            shown.append(f"… ({len(payload)} terms)")
        return "[" + ", ".join(shown) + "]"
    return repr(payload)


def _regex_problem(pattern: str, exc: Exception) -> tuple[str, int]:
    """A plain message and the offset of the offending part of the pattern."""
    raw = exc.args[0] if exc.args else str(exc)
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    offset = 0
    if ": " in text:
        what, fragment = text.split(": ", 1)
        found = pattern.find(fragment)
        offset = max(found, 0)
    else:
        what = text
    unsupported = re.search(r"\(\?<?[=!]|\\[1-9]|\(\?P=|\(\?>|[*+?}]\+", pattern)
    if unsupported and ("invalid perl operator" in text or "invalid escape" in text):
        offset = unsupported.start()
        message = (
            f"bad regex at position {offset + 1}: RE2 (the linear-time engine that keeps ingest "
            "from hanging) has no look-around, backreferences or possessive/atomic groups"
        )
    else:
        message = f"bad regex at position {offset + 1}: {what}"
    try:
        re.compile(pattern)
    except re.error as py_exc:
        if py_exc.pos is not None and not offset:
            offset = py_exc.pos
        message = f"bad regex at position {offset + 1}: {py_exc.msg}"
    return message, offset
