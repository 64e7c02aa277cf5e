"""Safe YAML loading that remembers where every key and value was written.

PyYAML's safe loader forgets positions and silently keeps the last of two equal keys;
both are fatal for error messages a user can act on, so we build values from the node tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from newsdesk.rules.problems import RuleProblem

Pos = tuple[int, int]  # 1-based line, 1-based column


class LMap(dict):  # type: ignore[type-arg]
    """A mapping that knows the position of itself, each key and each value."""

    pos: Pos
    key_pos: dict[Any, Pos]
    val_pos: dict[Any, Pos]


class LList(list):  # type: ignore[type-arg]
    """A sequence that knows the position of itself and each item."""

    pos: Pos
    item_pos: list[Pos]


@dataclass
class Source:
    """The text of a rules file, for quoting lines in messages."""

    path: str
    text: str
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = self.text.splitlines()

    def line(self, number: int) -> str | None:
        if 1 <= number <= len(self.lines):
            return self.lines[number - 1]
        return None

    def problem(
        self,
        pos: Pos | None,
        where: str,
        message: str,
        hint: str | None = None,
        severity: str = "error",
    ) -> RuleProblem:
        line, col = pos or (0, 0)
        return RuleProblem(
            self.path, line, col, where, message, hint, self.line(line), severity=severity
        )


def _pos(node: yaml.Node) -> Pos:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


# Far more values than aliases ever repeat in a real rules file; past it, aliases are
# multiplying the tree (a "billion laughs" file) and building it would take minutes and
# gigabytes. Only repeats count: a long plain list costs what its text costs.
MAX_VALUES = 100_000
# Far deeper than any real rules file (about 12 levels); past it PyYAML and the compiler
# recurse into a RecursionError.
MAX_DEPTH = 64
# The tags a rules file may use on a list or mapping; anything else (!!python/object/new:…,
# !custom) is refused, not read as a plain list.
_COLLECTION_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


class _TooManyValues(Exception):
    pass


class _Refused(Exception):
    """A structure refused before it is built, at its place in the file."""

    def __init__(self, mark: yaml.Mark | None, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing nesting deeper than MAX_DEPTH where it starts."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(
                    self.peek_event().start_mark,
                    f"nested more than {MAX_DEPTH} levels deep; a rules file never needs this",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Builder:
    def __init__(self, source: Source, loader: yaml.SafeLoader) -> None:
        self.source = source
        self.loader = loader
        self.problems: list[RuleProblem] = []
        self.budget = MAX_VALUES
        self._seen: set[int] = set()  # nodes built once; an alias builds its node again

    def build(self, node: yaml.Node) -> Any:
        if id(node) in self._seen:
            self.budget -= 1
            if self.budget < 0:
                raise _TooManyValues
        else:
            self._seen.add(id(node))
        if (
            isinstance(node, (yaml.MappingNode, yaml.SequenceNode))
            and node.tag not in _COLLECTION_TAGS
        ):
            raise _Refused(
                node.start_mark,
                f"the tag {node.tag!r} is not allowed: a rules file holds plain lists "
                "and mappings (it is never executed)",
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            out = LList(self.build(item) for item in node.value)
            out.pos = _pos(node)
            out.item_pos = [_pos(item) for item in node.value]
            return out
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode) -> LMap:
        own_keys = [k for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge"]
        self.loader.flatten_mapping(node)
        out = LMap()
        out.pos = _pos(node)
        out.key_pos = {}
        out.val_pos = {}
        seen: dict[Any, Pos] = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                self.problems.append(
                    self.source.problem(_pos(key_node), "", "a key must be a plain word")
                )
                continue
            if key_node in own_keys:
                if key in seen:
                    first = seen[key][0]
                    self.problems.append(
                        self.source.problem(
                            _pos(key_node),
                            "",
                            f"duplicate key '{key}' (first written on line {first}); "
                            "YAML would silently keep only the last one",
                        )
                    )
                seen[key] = _pos(key_node)
            out[key] = self.build(value_node)
            out.key_pos[key] = _pos(key_node)
            out.val_pos[key] = _pos(value_node)
        return out


def load_located(path: str, text: str) -> tuple[Any, Source, list[RuleProblem]]:
    """Parse `text`; returns the value tree, the source and any problems (syntax, duplicates)."""
    source = Source(path, text)
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, source, []
            builder = _Builder(source, loader)
            value = builder.build(node)
        finally:
            loader.dispose()
    except _Refused as exc:
        mark = exc.mark
        pos = (mark.line + 1, mark.column + 1) if mark is not None else None
        return None, source, [source.problem(pos, "", exc.message)]
    except RecursionError:  # a safety net: MAX_DEPTH keeps parsing far from the limit
        message = f"nested too deeply to read (more than {MAX_DEPTH} levels?)"
        return None, source, [source.problem(None, "", message)]
    except _TooManyValues:
        message = (
            f"the file expands to more than {MAX_VALUES:,} values through its &anchors and "
            "*aliases (an alias bomb?); refused"
        )
        return None, source, [source.problem(None, "", message)]
    except yaml.reader.ReaderError as exc:
        return None, source, [_reader_problem(source, text, exc)]
    except yaml.MarkedYAMLError as exc:
        return None, source, [syntax_problem(source, exc)]
    except yaml.YAMLError as exc:
        return None, source, [source.problem(None, "", f"not valid YAML: {exc}")]
    return value, source, builder.problems


_EXPLAIN: list[tuple[str, str]] = [
    ("found character '\\t'", "a tab character: YAML indents with spaces only"),
    (
        "mapping values are not allowed here",
        "a ':' where YAML did not expect a new key — check the indentation, "
        "or quote the text if it contains ': '",
    ),
    (
        "could not find expected ':'",
        "a line that is neither 'key: value' nor a '- item' — a missing ':' or a mis-indented line",
    ),
    (
        "did not find expected key",
        "the indentation does not line up with the keys above it",
    ),
    (
        "expected <block end>",
        "the indentation does not line up with the lines above it",
    ),
    (
        "did not find expected '-' indicator",
        "a list item that does not start with '- ' at the list's indentation",
    ),
    ("found unexpected end of stream", "a quote or bracket is opened and never closed"),
    ("found undefined alias", "an *alias refers to an &anchor that is not defined"),
    (
        "found unknown escape character",
        "an unknown backslash escape inside \"double quotes\" — use 'single quotes' for "
        "regular expressions",
    ),
    ("expected ',' or ']'", "a [flow list] that is not closed with ']' or lacks a ','"),
    ("expected ',' or '}'", "a {flow mapping} that is not closed with '}' or lacks a ','"),
    (
        "found character '@' that cannot start any token",
        "'@' cannot start a plain value: quote it",
    ),
    (
        "found character '`' that cannot start any token",
        "'`' cannot start a plain value: quote it",
    ),
]


def syntax_problem(source: Source, exc: yaml.MarkedYAMLError) -> RuleProblem:
    """Explain a PyYAML error in plain words, at the place it was noticed."""
    mark = exc.problem_mark or exc.context_mark
    raw = " ".join(p for p in (exc.context, exc.problem) if p)
    message = None
    for needle, plain in _EXPLAIN:
        if needle in raw:
            message = plain
            break
    if message is None:
        message = raw or "not valid YAML"
    message = f"YAML syntax error: {message}"
    if exc.context_mark is not None and mark is not exc.context_mark and exc.context:
        message += f" (the {exc.context.replace('while ', '')} began on line "
        message += f"{exc.context_mark.line + 1})"
    pos = (mark.line + 1, mark.column + 1) if mark is not None else None
    return source.problem(pos, "", message)


def _reader_problem(source: Source, text: str, exc: yaml.reader.ReaderError) -> RuleProblem:
    """A character YAML refuses (control codes): say which and where."""
    before = text[: exc.position] if isinstance(exc.position, int) else ""
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    char = exc.character
    code = f"U+{char:04X}" if isinstance(char, int) else repr(char)
    return source.problem(
        (line, col), "", f"the file contains a control character ({code}) YAML does not allow"
    )
