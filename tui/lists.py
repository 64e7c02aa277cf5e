"""The desk's tables move like the inbox: j / k, Home / End (and g / G), PgUp / PgDn.

Textual's DataTable gives Home and End to horizontal scrolling; in the duplicates panel
and the rules screen they move the row cursor, so `m` merges the row you are on.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable


class DeskTable(DataTable):  # type: ignore[type-arg]
    """A row table with the inbox's movement keys (binding ids `list.*`, remappable)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="list.up"),
        Binding("pagedown,ctrl+d", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup,ctrl+u", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("home,g", "scroll_top", "First", show=False, id="list.first"),
        Binding("end,G", "scroll_bottom", "Last", show=False, id="list.last"),
    ]
