"""What the inbox shows: the search bar, the status keys and the filter dialogs.

A mixin of `DeskApp`. Esc in the inbox clears the search and every filter at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.widgets import Input

from newsdesk.desk import InboxQuery
from newsdesk.tui.modals import PickModal, PromptModal

if TYPE_CHECKING:
    from newsdesk.tui.app import DeskApp

    _Desk = DeskApp
else:
    _Desk = object


# Mixins are not message pumps: their handlers go by name (on_<message>), which Textual
# finds along the MRO, rather than by @on, which only a message pump's class records.
class InboxFilters(_Desk):
    """Search (FTS5), status 1-4/0, filter by tag, desk or outlet (the outlet's newsroom)."""

    def set_query(self, **changes: Any) -> None:
        fields = {
            "status": self.query_state.status,
            "tag": self.query_state.tag,
            "desk": self.query_state.desk,
            "outlet": self.query_state.outlet,
            "search": self.query_state.search,
            "outlets": self.query_state.outlets,
            "families": self.query_state.families,
        }
        fields.update(changes)
        self.query_state = InboxQuery(**fields)
        self.counts_bar.set_state(query=self.query_state, total=0)
        self.inbox.clear_selection()
        self.refresh_view(keep=False)

    def action_toggle_families(self) -> None:
        """One row per story family (its first published story), or every story."""
        families = not self.query_state.families
        self.set_query(families=families)
        self.notify(
            "One row per story family." if families else "Every story, families expanded.",
            markup=False,
        )

    def action_clear_filters(self) -> None:
        """Esc in the inbox: no search, no filter, the new stories (as the bar promises)."""
        bar = self.query_one("#search-bar", Input)
        bar.value = ""
        bar.remove_class("visible")
        if self.query_state != InboxQuery():
            self.query_state = InboxQuery()
            self.set_query()
            self.notify("Search and filters cleared.", markup=False)

    def action_status(self, status: str) -> None:
        self.set_query(status=status or None)

    def action_search(self) -> None:
        bar = self.query_one("#search-bar", Input)
        bar.add_class("visible")
        bar.value = self.query_state.search or ""
        bar.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search-bar":
            return
        value = event.value.strip()
        bar = self.query_one("#search-bar", Input)
        if not value:
            bar.remove_class("visible")
        self.screen.set_focus(self.inbox)
        self.set_query(search=value or None)

    def on_key(self, event: Any) -> None:
        bar = self.query_one("#search-bar", Input)
        if event.key == "escape" and bar.has_focus:
            event.stop()
            bar.value = ""
            bar.remove_class("visible")
            self.screen.set_focus(self.inbox)
            if self.query_state.search:
                self.set_query(search=None)

    def action_filter(self) -> None:
        choices = [
            ("status", "status: new / approved / rejected / merged / all"),
            ("tag", "tag"),
            ("desk", "desk"),
            ("outlet", "outlet"),
            ("clear", "clear every filter (back to new stories)"),
        ]

        def chosen(kind: str | None) -> None:
            if kind == "clear":
                self.query_one("#search-bar", Input).remove_class("visible")
                self.query_state = InboxQuery()
                self.set_query()
            elif kind == "status":
                self.push_screen(
                    PickModal(
                        "Show stories that are",
                        [(s, s) for s in ("new", "approved", "rejected", "merged")] + [("", "all")],
                        self.query_state.status or "",
                    ),
                    lambda s: None if s is None else self.set_query(status=s or None),
                )
            elif kind:
                self._open_filter_prompt(kind)

        self.push_screen(PickModal("Filter the inbox by", choices), chosen)

    @work(thread=True, exclusive=True, group="modal-data", exit_on_error=False)
    def _open_filter_prompt(self, kind: str) -> None:
        desk = self.data.get()
        if kind == "tag":
            values = [(t, f"{t}  ({n})") for t, n in desk.all_tags()]
        else:
            values = [(v, v) for v in desk.distinct_values(kind)]
        self.call_from_thread(self._show_filter_prompt, kind, values)

    def _show_filter_prompt(self, kind: str, values: list[tuple[str, str]]) -> None:
        def chosen(value: str | None) -> None:
            if value is not None:
                self.set_query(**{kind: value or None})

        self.push_screen(
            PromptModal(
                f"Only stories with this {kind}",
                placeholder=f"{kind} (empty removes the filter)",
                choices=values,
                value=getattr(self.query_state, kind) or "",
                hint="Enter filters · Tab completes · ↓ picks · Esc cancels",
            ),
            chosen,
        )
