"""Errors as values with a place: `rules.yaml:12:5: rule 'x': what is wrong — did you mean 'y'?`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class RuleProblem:
    """One error or warning found in a rules file, pointing at the line that causes it."""

    path: str
    line: int  # 1-based; 0 when the problem has no single place
    col: int  # 1-based; 0 when unknown
    where: str  # "rule 'x'", "entity 'y'", "list 'z'", "defaults", ...
    message: str
    hint: str | None = None  # the "did you mean" candidate
    source: str | None = None  # the offending line, verbatim
    severity: str = "error"  # error | warning

    def headline(self) -> str:
        place = self.path
        if self.line:
            place += f":{self.line}"
            if self.col:
                place += f":{self.col}"
        text = f"{place}: "
        if self.severity == "warning":
            text += "warning: "
        if self.where:
            text += f"{self.where}: "
        text += self.message
        if self.hint is not None:
            text += f" — did you mean '{self.hint}'?"
        return text

    def __str__(self) -> str:
        lines = [self.headline()]
        if self.source is not None and self.line:
            gutter = f"{self.line:>5} | "
            quoted, caret = _clip(_printable(self.source), self.col)
            lines.append(gutter + quoted)
            if self.col:
                lines.append(" " * (len(gutter) - 2) + "| " + " " * caret + "^")
        return "\n".join(lines)

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "where": self.where,
            "message": self.message,
            "hint": self.hint,
            "severity": self.severity,
        }


class RulesError(Exception):
    """A rules file that cannot be used; `errors` lists every problem found, in file order."""

    def __init__(self, errors: list[RuleProblem]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest known name, for typos like 'dsek' -> 'desk'."""
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return close[0]
    lowered = {c.lower(): c for c in choices}
    return lowered.get(word.lower())


def _printable(line: str) -> str:
    """Quote a source line without letting control characters reach the terminal."""
    return "".join(ch if ch == "\t" or ch.isprintable() else "?" for ch in line).replace("\t", " ")


QUOTE_WIDTH = 100


def _clip(line: str, col: int) -> tuple[str, int]:
    """At most QUOTE_WIDTH characters of a long line, around the column; and the caret's place.

    A hostile file's one line can be 40,000 characters: the message stays a few lines.
    """
    at = max(col - 1, 0)
    if len(line) <= QUOTE_WIDTH:
        return line, at
    start = max(0, min(at - QUOTE_WIDTH // 2, len(line) - QUOTE_WIDTH))
    piece = line[start : start + QUOTE_WIDTH]
    prefix = "…" if start else ""
    suffix = "…" if start + QUOTE_WIDTH < len(line) else ""
    return prefix + piece + suffix, at - start + len(prefix)
