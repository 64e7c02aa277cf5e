"""The help screen (`?`): every key of the desk, as currently mapped, grouped by area."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

Row = tuple[str, str, str, str]  # area, keys, what it does, binding id


class HelpScreen(ModalScreen[None]):
    AUTO_FOCUS = "VerticalScroll"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 100; max-width: 100%; height: 90%; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    """

    def __init__(self, rows: Sequence[Row]) -> None:
        super().__init__()
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=True, header_style="bold")
        table.add_column("Keys", style="bold cyan", no_wrap=True, width=18)
        table.add_column("Does")
        table.add_column("Id (keymap.toml)", style="dim", no_wrap=True)
        area = None
        for row_area, keys, what, binding_id in self.rows:
            if row_area != area:
                area = row_area
                table.add_row(Text(area, style="bold underline"), "", "")
            table.add_row(Text(keys), Text(what), Text(binding_id))
        intro = Text(
            "newsdesk: triage stories from the keyboard. Every action goes through the desk "
            "service, is audited and can be undone with u (ctrl+z on any screen). Remap keys "
            'in ~/.config/newsdesk/keymap.toml: binding id = "keys", e.g. "desk.approve" = "A" '
            "(see docs/desk.md). Esc closes.\n",
            style="dim",
        )
        with VerticalScroll():
            yield Static(intro)
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)
