"""A footer that fits: on a narrow terminal the least needed keys leave it, whole.

Textual's Footer crops at the right edge, so at 80 columns a key was cut to a stray
letter ("D"). Every key still works and `?` lists them all.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Dropped first when the footer is too wide: the keys an editor learns first stay.
DROP_ORDER = (
    "app.quit",
    "quit",
    "set_priority",
    "set_desk",
    "rules",
    "inbox.toggle_select",
    "toggle_select",
    "filter",
    "tag",
    "reject",
    "duplicates",
    "search",
    "undo",
    "command_palette",
)


def _cost(key: Any) -> int:
    return len(key.key_display) + len(key.description) + 2


class DeskFooter(Footer):
    def compose(self) -> ComposeResult:
        items = list(super().compose())
        width = self.size.width or self.app.size.width
        keys = [w for w in items if isinstance(w, FooterKey)]
        for action in DROP_ORDER:
            if sum(_cost(k) for k in keys) < width:
                break
            keys = [k for k in keys if k.action.rpartition(".")[2] != action.rpartition(".")[2]]
        shown = [w for w in items if not isinstance(w, FooterKey) or w in keys]
        self.styles.grid_size_columns = max(1, len(shown))
        yield from shown

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.recompose)
