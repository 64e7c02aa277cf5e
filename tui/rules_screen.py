"""The rules screen: every rule with its hit count, explain for the current story, reload.

A reload that fails shows the file:line error and leaves the rules in force untouched
(the core guarantees that; this screen says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from newsdesk.tui.errors import ReportsWorkerErrors
from newsdesk.tui.footer import DeskFooter
from newsdesk.tui.lists import DeskTable
from newsdesk.tui.render import safe

if TYPE_CHECKING:
    from newsdesk.tui.app import DeskApp

    _Desk = DeskApp
else:
    _Desk = object


@dataclass
class RulesLoaded(Message):
    rows: list[tuple[str, str, str, int, int, str]]  # id, mode, enabled, hits, line, what
    explain: list[Any]
    story: str
    path: str
    error: str | None = None
    reloaded: bool = False


def explain_text(explanations: list[Any], story: str) -> Text:
    out = Text()
    out.append("Explain  ", "bold")
    out.append(safe(story) or "(no story selected)", "italic")
    out.append("\n")
    if not explanations:
        out.append("No rules, or no story to explain.", "dim")
        return out
    styles = {"fired": "bold green", "shadow": "yellow", "skipped": "dim", "disabled": "dim"}
    for ex in explanations:
        if ex.outcome == "no match":
            continue
        out.append(f"{ex.outcome:<9}", styles.get(ex.outcome, ""))
        out.append(safe(ex.rule_id), "bold")
        out.append(f"  line {ex.line}", "dim")
        desc = ex.actions.describe() if hasattr(ex.actions, "describe") else ""
        if desc:
            out.append("  → ")
            out.append(safe(desc))
        if ex.note:
            out.append("  ")
            out.append(safe(ex.note), "dim")
        terms = sorted({m.term for m in ex.matches})
        if terms:
            out.append("\n         matched: ", "dim")
            out.append(", ".join(safe(t) for t in terms[:8]), "black on yellow")
        out.append("\n")
    quiet = sum(1 for ex in explanations if ex.outcome == "no match")
    out.append(f"{quiet} other rules did not match.", "dim")
    return out


class RulesScreen(ReportsWorkerErrors, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", id="rules.close"),
        Binding("r", "reload", "Reload rules.yaml", id="rules.reload"),
        Binding("e", "focus_explain", "Explain", id="rules.explain"),
    ]

    DEFAULT_CSS = """
    RulesScreen #rules-title { height: 1; background: $primary-darken-2; padding: 0 1; }
    RulesScreen #rules-error { height: auto; color: $error; padding: 0 1; display: none; }
    RulesScreen #rules-error.visible { display: block; border: round $error; }
    RulesScreen Horizontal { height: 1fr; }
    RulesScreen DataTable { width: 3fr; }
    RulesScreen #explain { width: 2fr; border-left: solid $primary-darken-2; padding: 0 1; }
    """

    def __init__(self, desk_app: DeskApp, *, reload: bool = False) -> None:
        super().__init__()
        self.desk_app = desk_app
        self.reload_first = reload
        self.story_id = (desk_app.inbox.current_row() or {}).get("id")

    def compose(self) -> ComposeResult:
        yield Static(Text("Rules"), id="rules-title")
        yield Static("", id="rules-error")
        with Horizontal():
            yield DeskTable(id="rules-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="explain"):
                yield Static(Text("Loading…", style="dim"), id="explain-body")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Rule", "Mode", "On", "Hits", "Line", "Does")
        table.focus()
        self.load(reload=self.reload_first)

    @work(thread=True, exclusive=True, group="rules", exit_on_error=False)
    def load(self, reload: bool) -> None:
        app = self.desk_app
        error = None
        if reload and app.desk.rules_path is None:
            error = "No rules file: start newsdesk with --rules PATH (or NEWSDESK_RULES)."
        elif reload:
            try:
                app.desk.reload_rules()
                app.data.renew()
            except Exception as exc:  # RulesError: its str is the file:line message
                error = str(exc) or type(exc).__name__
        desk = app.data.get()
        rules = _rules_in_force(app)
        hits = desk.rule_hit_counts()
        rows = []
        for rule in getattr(rules, "rules", []) or []:
            what = rule.description or (rule.then.describe() if rule.then else "")
            rows.append(
                (
                    rule.id,
                    rule.mode,
                    "yes" if rule.enabled else "no",
                    hits.get(rule.id, 0),
                    rule.line,
                    what,
                )
            )
        explanations: list[Any] = []
        story = ""
        if self.story_id is not None and rules is not None:
            article = desk.article(self.story_id)
            if article is not None:
                story = f"#{article.id} {article.title}"
                explanations = rules.explain(article)
        path = app.desk.rules_path.name if app.desk.rules_path else "(no rules file)"
        if not get_current_worker().is_cancelled:
            self.post_message(RulesLoaded(rows, explanations, story, path, error, reload))

    @on(RulesLoaded)
    def _loaded(self, message: RulesLoaded) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for rid, mode, enabled, hits, line, what in message.rows:
            table.add_row(
                Text(safe(rid)),
                Text(mode, "yellow" if mode == "shadow" else ""),
                Text(enabled, "" if enabled == "yes" else "dim"),
                Text(f"{hits:,}", "bold" if hits else "dim", justify="right"),
                Text(str(line), "dim"),
                Text(safe(what)),
                key=rid,
            )
        title = Text()
        title.append("Rules  ", "bold")
        title.append(safe(message.path))
        title.append(f"  ·  {len(message.rows)} rules in force", "dim")
        self.query_one("#rules-title", Static).update(title)
        error = self.query_one("#rules-error", Static)
        if message.error:
            error.update(
                Text.assemble(
                    ("Reload failed; the rules in force are unchanged.\n", "bold"),
                    safe(message.error, single_line=False),
                )
            )
            error.add_class("visible")
            self.app.notify(
                safe(message.error.splitlines()[0] if message.error else ""),
                title="Rules not reloaded",
                severity="error",
                markup=False,
            )
        else:
            error.remove_class("visible")
            if message.reloaded:
                self.app.notify(f"Reloaded {len(message.rows)} rules.", markup=False)
        self.query_one("#explain-body", Static).update(explain_text(message.explain, message.story))

    def action_reload(self) -> None:
        self.load(reload=True)

    def action_focus_explain(self) -> None:
        self.query_one("#explain").focus()

    def action_close(self) -> None:
        self.dismiss(None)


def _rules_in_force(app: DeskApp) -> Any:
    """The rules the desk applies now (a failed reload leaves them as they were)."""
    try:
        return app.desk.rules
    except Exception:  # the file was broken from the start: nothing in force
        return None


class RulesActions(_Desk):
    """The desk's side of the rules screen: open it, or open it reloading rules.yaml."""

    def action_rules(self) -> None:
        from newsdesk.tui.rules_screen import RulesScreen

        self.push_screen(RulesScreen(self))

    def action_reload_rules(self) -> None:
        from newsdesk.tui.rules_screen import RulesScreen

        self.push_screen(RulesScreen(self, reload=True))
