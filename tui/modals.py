"""Small modal dialogs: a prompt with completion, a pick list, a confirmation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from newsdesk.tui.render import safe


class LastItemSuggester(Suggester):
    """Completes the last comma-separated item, so several tags can be typed at once."""

    def __init__(self, items: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.items = list(items)

    async def get_suggestion(self, value: str) -> str | None:
        head, sep, last = value.rpartition(",")
        stem = last.lstrip().lower()
        if not stem:
            return None
        for item in self.items:
            if item.lower().startswith(stem) and item.lower() != stem:
                lead = last[: len(last) - len(last.lstrip())]
                return f"{head}{sep}{lead}{item}"
        return None


class ChoiceList(OptionList):
    """Textual's OptionList, minus a crash the monkey test found in Textual 8.

    PgUp/PgDn before the options are laid out (a dialog just opened, or a list filtered
    while typing) looked up a line map that is still empty and raised KeyError. With no
    lines there is no page to move by, so the key does nothing.
    """

    def action_page_up(self) -> None:
        try:
            super().action_page_up()
        except KeyError:
            return  # not laid out yet; the next PgUp moves

    def action_page_down(self) -> None:
        try:
            super().action_page_down()
        except KeyError:
            return  # not laid out yet; the next PgDn moves


class AnswersOnce:
    """A dialog answers once: a double-click or a second Enter must not dismiss it twice.

    (Textual raises ScreenStackError when a screen that is no longer on top is dismissed:
    the second OptionSelected of a double-click did exactly that and ended the desk.)
    """

    _answered = False

    def answer(self, value: str | None) -> None:
        screen: Any = self
        if self._answered or screen.app.screen is not screen:
            return
        self._answered = True
        screen.dismiss(value)


class PromptModal(AnswersOnce, ModalScreen[str | None]):
    """Ask for a value; existing values are offered as you type (tab or → completes)."""

    AUTO_FOCUS = "#prompt-input"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="modal.cancel"),
        Binding("tab", "complete", "Complete", show=False, priority=True, id="modal.complete"),
        Binding("down", "to_list", "Choices", show=False, id="modal.to_list"),
    ]

    DEFAULT_CSS = """
    PromptModal { align: center middle; }
    PromptModal > Vertical {
        width: 72; height: auto; max-height: 24; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    PromptModal .title { text-style: bold; padding-bottom: 1; }
    PromptModal .hint { color: $text-muted; }
    PromptModal OptionList { height: auto; max-height: 12; }
    """

    def __init__(
        self,
        title: str,
        *,
        placeholder: str = "",
        choices: Sequence[tuple[str, str]] = (),
        hint: str = "",
        value: str = "",
        multi: bool = False,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder
        self.choices = list(choices)  # (value, label)
        self.hint = hint
        self.initial = value
        self.multi = multi

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text), classes="title")
            suggester = LastItemSuggester([c for c, _ in self.choices])
            yield Input(
                value=self.initial,
                placeholder=self.placeholder,
                suggester=suggester,
                id="prompt-input",
            )
            yield ChoiceList(*self._options(""), id="prompt-choices")
            if self.hint:
                yield Label(Text(self.hint), classes="hint")

    def on_mount(self) -> None:
        field = self.query_one("#prompt-input", Input)
        field.cursor_blink = getattr(self.app, "cursor_blink", True)

    def _options(self, typed: str) -> list[Option]:
        stem = typed.rpartition(",")[2].strip().lower() if self.multi else typed.strip().lower()
        out = []
        for value, label in self.choices:
            if stem and stem not in value.lower():
                continue
            out.append(Option(Text(safe(label)), id=value))
            if len(out) >= 50:
                break
        return out

    @on(Input.Changed, "#prompt-input")
    def _filter(self, event: Input.Changed) -> None:
        options = self.query_one("#prompt-choices", OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))

    @on(Input.Submitted, "#prompt-input")
    def _submit(self, event: Input.Submitted) -> None:
        self.answer(event.value.strip())

    @on(OptionList.OptionSelected, "#prompt-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        value = event.option.id or ""
        if self.multi:
            head = self.query_one("#prompt-input", Input).value.rpartition(",")[0]
            value = f"{head}, {value}" if head.strip() else value
        self.answer(value)

    def action_complete(self) -> None:
        field = self.query_one("#prompt-input", Input)
        if field.has_focus and field._suggestion:
            field.value = field._suggestion
            field.cursor_position = len(field.value)
        else:
            self.focus_next()

    def action_to_list(self) -> None:
        options = self.query_one("#prompt-choices", OptionList)
        if options.option_count:
            options.focus()
            options.highlighted = 0

    def action_cancel(self) -> None:
        self.answer(None)


class PickModal(AnswersOnce, ModalScreen[str | None]):
    """Choose one of a few values with the arrows (or j/k) and Enter."""

    AUTO_FOCUS = "#pick-choices"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="modal.cancel"),
        Binding("j", "down", "Down", show=False, id="modal.down"),
        Binding("k", "up", "Up", show=False, id="modal.up"),
    ]

    DEFAULT_CSS = """
    PickModal { align: center middle; }
    PickModal > Vertical {
        width: 48; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    PickModal .title { text-style: bold; padding-bottom: 1; }
    PickModal OptionList { height: auto; max-height: 16; }
    """

    def __init__(
        self, title: str, choices: Sequence[tuple[str, str]], current: str | None = None
    ) -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text), classes="title")
            yield ChoiceList(
                *[Option(Text(safe(label)), id=value) for value, label in self.choices],
                id="pick-choices",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        for i, (value, _) in enumerate(self.choices):
            if value == self.current:
                options.highlighted = i
                break
        else:
            options.highlighted = 0
        options.focus()

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.answer(event.option.id or "")

    def action_cancel(self) -> None:
        self.answer(None)


class ConfirmModal(AnswersOnce, ModalScreen[str | None]):
    """Show something and ask before doing it: y or Enter goes ahead, n or Esc does not.

    The body is untrusted text (a story's URL): drawn literally, never a link or markup.
    """

    AUTO_FOCUS = ""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "confirm", "Yes", id="confirm.yes"),
        Binding("n,escape", "cancel", "No", id="confirm.no"),
    ]

    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal > Vertical {
        width: 76; max-width: 100%; height: auto; border: thick $warning; background: $surface;
        padding: 0 1;
    }
    ConfirmModal .title { text-style: bold; padding-bottom: 1; }
    ConfirmModal #confirm-body { padding-bottom: 1; }
    ConfirmModal .hint { color: $text-muted; }
    """

    def __init__(self, title: str, body: str, hint: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text), classes="title")
            yield Static(Text(safe(self.body), style="underline"), id="confirm-body")
            yield Label(Text(self.hint), classes="hint")

    def action_confirm(self) -> None:
        self.answer("yes")

    def action_cancel(self) -> None:
        self.answer(None)
