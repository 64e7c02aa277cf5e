"""What the editor does to the stories in the inbox: approve, reject, tag, route, undo.

A mixin of `DeskApp`: each action runs in a thread worker on that thread's own Desk, under
one lock, and ends with a typed message (ActionDone / ActionFailed) handled on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from textual import work

from newsdesk.desk import ActionError, ActionResult, Conflict, Desk
from newsdesk.model import PRIORITIES
from newsdesk.tui.messages import ActionDone, ActionFailed
from newsdesk.tui.modals import PickModal, PromptModal
from newsdesk.tui.render import safe

if TYPE_CHECKING:
    from newsdesk.tui.app import DeskApp

    _Desk = DeskApp
else:
    _Desk = object

REJECT_REASONS = (
    "off-topic",
    "duplicate",
    "advertorial",
    "press release",
    "outside our area",
    "low quality",
)


def headline(title: str, width: int = 60) -> str:
    """A headline for a notification: printable, one line, cut to `width`."""
    text = safe(title)
    return text if len(text) <= width else text[: width - 1] + "…"


# Mixins are not message pumps: their handlers go by name (on_<message>), which Textual
# finds along the MRO, rather than by @on, which only a message pump's class records.
class InboxActions(_Desk):
    """Approve, reject, reopen, tag, untag, desk, priority and undo on the inbox's targets."""

    def _targets(self) -> dict[int, int] | None:
        targets = self.inbox.target_versions()
        if not targets:
            self.notify("No story here to act on.", severity="warning", markup=False)
            return None
        return targets

    def _what(self, targets: dict[int, int]) -> str:
        row = self.inbox.current_row()
        if len(targets) == 1 and row is not None and row["id"] in targets:
            return f"#{row['id']} {headline(row['title'])}"
        if len(targets) == 1:
            return f"#{next(iter(targets))}"
        return f"{len(targets)} stories"

    def do_action(
        self,
        verb: str,
        targets: dict[int, int],
        fn: Callable[[Desk, list[int], dict[int, int]], Any],
    ) -> None:
        self._action_worker(verb, self._what(targets), targets, fn)

    @work(thread=True, group="action", exit_on_error=False)
    def _action_worker(
        self,
        verb: str,
        what: str,
        targets: dict[int, int],
        fn: Callable[[Desk, list[int], dict[int, int]], Any],
    ) -> None:
        desk = self.data.get()
        ids = sorted(targets)
        with self._action_lock:
            try:
                result = fn(desk, ids, targets)
            except Conflict as exc:
                self.post_message(ActionFailed(safe(str(exc)), conflict=True))
                return
            except ActionError as exc:
                self.post_message(ActionFailed(safe(str(exc))))
                return
        if isinstance(result, ActionResult) and result.changed == 0:
            self.post_message(ActionDone(f"{verb}: nothing to change for {what}", ids))
        else:
            self.post_message(ActionDone(f"{verb} {what}", ids))

    def on_action_done(self, message: ActionDone) -> None:
        if not self.desk_shown():
            return
        self.notify(message.message, markup=False)
        self.inbox.clear_selection()
        self.refresh_view(keep=True)
        changed = getattr(self.screen, "desk_changed", None)
        if callable(changed):
            changed()

    def on_action_failed(self, message: ActionFailed) -> None:
        if not self.desk_shown():
            return
        self.notify(
            message.message,
            title="Conflict" if message.conflict else "Not done",
            severity="error",
            markup=False,
        )
        self.refresh_view(keep=True)

    def action_approve(self) -> None:
        if targets := self._targets():
            self.do_action(
                "Approved",
                targets,
                lambda d, ids, v: d.approve(ids, expected_versions=v),
            )

    def action_reopen(self) -> None:
        if targets := self._targets():
            self.do_action(
                "Reopened", targets, lambda d, ids, v: d.reopen(ids, expected_versions=v)
            )

    def action_reject(self) -> None:
        targets = self._targets()
        if not targets:
            return

        def chosen(reason: str | None) -> None:
            if reason is None:
                return
            self.do_action(
                "Rejected",
                targets,
                lambda d, ids, v: d.reject(ids, reason or None, expected_versions=v),
            )

        self.push_screen(
            PromptModal(
                f"Reject {self._what(targets)}",
                placeholder="reason (optional), Enter to reject",
                choices=[(r, r) for r in REJECT_REASONS],
                hint="Enter rejects · Tab completes · ↓ picks · Esc cancels",
            ),
            chosen,
        )

    def action_tag(self) -> None:
        if targets := self._targets():
            self._open_tag_modal(targets, remove=False)

    def action_untag(self) -> None:
        if targets := self._targets():
            self._open_tag_modal(targets, remove=True)

    @work(thread=True, exclusive=True, group="modal-data", exit_on_error=False)
    def _open_tag_modal(self, targets: dict[int, int], remove: bool) -> None:
        desk = self.data.get()
        if remove:
            present: dict[str, int] = {}
            for article in desk.articles(sorted(targets)):
                for name in article.tag_names:
                    present[name] = present.get(name, 0) + 1
            choices = sorted(present.items())
        else:
            choices = desk.all_tags()
        self.call_from_thread(self._show_tag_modal, targets, remove, choices)

    def _show_tag_modal(
        self, targets: dict[int, int], remove: bool, choices: Sequence[tuple[str, int]]
    ) -> None:
        what = self._what(targets)

        def chosen(value: str | None) -> None:
            tags = [t.strip() for t in (value or "").split(",") if t.strip()]
            if not tags:
                return
            if remove:
                self.do_action(
                    f"Untagged {', '.join(tags)} from",
                    targets,
                    lambda d, ids, v: d.untag(ids, tags, expected_versions=v),
                )
            else:
                self.do_action(
                    f"Tagged {', '.join(tags)} on",
                    targets,
                    lambda d, ids, v: d.tag(ids, tags, expected_versions=v),
                )

        self.push_screen(
            PromptModal(
                f"{'Remove tags from' if remove else 'Tag'} {what}",
                placeholder="tag, another tag",
                choices=[(name, f"{name}  ({n})") for name, n in choices],
                hint="Enter applies · Tab completes · ↓ picks · Esc cancels",
                multi=True,
            ),
            chosen,
        )

    def action_set_desk(self) -> None:
        if targets := self._targets():
            self._open_desk_modal(targets)

    @work(thread=True, exclusive=True, group="modal-data", exit_on_error=False)
    def _open_desk_modal(self, targets: dict[int, int]) -> None:
        desks = self.data.get().distinct_values("desk")
        self.call_from_thread(self._show_desk_modal, targets, desks)

    def _show_desk_modal(self, targets: dict[int, int], desks: list[str]) -> None:
        def chosen(value: str | None) -> None:
            if value is None:
                return
            self.do_action(
                f"Desk {value or '(none)'} for",
                targets,
                lambda d, ids, v: d.set_desk(ids, value or None, expected_versions=v),
            )

        self.push_screen(
            PromptModal(
                f"Desk for {self._what(targets)}",
                placeholder="desk name (empty clears)",
                choices=[(name, name) for name in desks],
                hint="Enter sets · Tab completes · Esc cancels",
            ),
            chosen,
        )

    def action_set_priority(self) -> None:
        targets = self._targets()
        if not targets:
            return
        current = (self.inbox.current_row() or {}).get("priority")

        def chosen(value: str | None) -> None:
            if value is None:
                return
            self.do_action(
                f"Priority {value or '(none)'} for",
                targets,
                lambda d, ids, v: d.set_priority(ids, value or None, expected_versions=v),
            )

        choices = [(p, p) for p in reversed(PRIORITIES)] + [("", "none (clear)")]
        self.push_screen(PickModal(f"Priority for {self._what(targets)}", choices, current), chosen)

    def action_undo(self) -> None:
        self._undo_worker()

    def action_undo_anywhere(self) -> None:
        """ctrl+z: undo on every screen and in every dialog (never suspends the desk)."""
        self._undo_worker()

    @work(thread=True, group="action", exit_on_error=False)
    def _undo_worker(self) -> None:
        desk = self.data.get()
        with self._action_lock:
            try:
                entry = desk.undo()
            except ActionError as exc:
                self.post_message(ActionFailed(safe(str(exc)), conflict=isinstance(exc, Conflict)))
                return
        if entry is None:
            self.post_message(ActionFailed("Nothing to undo."))
        else:
            n = len(entry.article_ids)
            stories = f"#{entry.article_ids[0]}" if n == 1 else f"{n} stories"
            self.post_message(ActionDone(f"Undid {entry.action} on {stories}", entry.article_ids))
