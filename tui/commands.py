"""The command palette: every desk action and screen, searchable by name."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any

from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider

# (label, action, help); actions are DeskApp action names
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Read", "read", "The story full-screen; n / p for the next and previous"),
    ("Open the story's address", "open_url", "Shows the address; y opens it in the browser"),
    ("Approve", "approve", "Approve the story (or the selected stories)"),
    ("Reject", "reject", "Reject with a reason"),
    ("Reopen", "reopen", "Put the story back to new"),
    ("Tag", "tag", "Add tags, with completion from existing tags"),
    ("Untag", "untag", "Remove tags (rules will not put them back)"),
    ("Set desk", "set_desk", "Assign the story to a desk"),
    ("Set priority", "set_priority", "urgent / high / normal / low"),
    ("Undo", "undo", "Undo your last action"),
    ("Search", "search", "Full-text search"),
    ("Filter", "filter", "Filter by status, tag, desk or outlet"),
    ("Clear search and filters", "clear_filters", "Back to the new stories (Esc)"),
    ("Show new stories", "status('new')", "Status filter: new"),
    ("Show approved stories", "status('approved')", "Status filter: approved"),
    ("Show rejected stories", "status('rejected')", "Status filter: rejected"),
    ("Show merged stories", "status('merged')", "Status filter: merged"),
    ("Show all stories", "status('')", "No status filter"),
    ("Duplicates", "duplicates", "Duplicates and related stories of this story"),
    ("Compare", "compare", "Side by side with its closest duplicate"),
    ("Rules", "rules", "Rules, hit counts, explain, reload"),
    ("Reload rules", "reload_rules", "Read rules.yaml again"),
    ("Load sample articles", "load_samples", "Ingest the bundled sample articles"),
    ("Refresh", "refresh", "Reload the inbox now"),
    ("Help", "help", "Every key"),
)


class DeskCommands(Provider):
    """Offers every desk action; typing filters by fuzzy match."""

    async def discover(self) -> Hits:
        for label, action, help_text in COMMANDS:
            yield DiscoveryHit(label, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, action, help_text in COMMANDS:
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(label), partial(self._run, action), help=help_text
                )

    async def _run(self, action: str) -> None:
        await self.app.run_action(action)


class DeskCommandPalette(CommandPalette):
    """Textual's palette, hardened against two races the monkey test found in Textual 8.

    A double-click on a command selects it twice and the second dismiss pops the last
    screen (ScreenStackError); PgUp/PgDn before the options are laid out raise KeyError.
    """

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self.app.screen is not self:  # already dismissed by the first click
            return AwaitComplete(asyncio.sleep(0))
        return super().dismiss(result)

    def _action_command_list(self, action: str) -> None:
        command_list = self.query_one(CommandList)
        laid_out = (command_list.highlighted or 0) in command_list._index_to_line
        if action in ("page_up", "page_down") and not laid_out:
            return  # nothing laid out yet: there is no page to move by
        super()._action_command_list(action)
