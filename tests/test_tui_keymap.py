"""The keymap file: binding ids mapped to keys, applied with App.set_keymap."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.tui.app import DeskApp
from newsdesk.tui.inbox import InboxList
from newsdesk.tui.keymap import KeymapError, load_keymap


def test_keymap_file_maps_binding_ids(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('"desk.approve" = "A"\n"inbox.down" = ["n", "down"]\n', encoding="utf-8")
    assert load_keymap(path) == {"desk.approve": "A", "inbox.down": "n,down"}


def test_missing_keymap_is_empty_and_bad_one_is_an_error(tmp_path: Path) -> None:
    assert load_keymap(tmp_path / "absent.toml") == {}
    bad = tmp_path / "bad.toml"
    bad.write_text('"desk.approve" = 3\n', encoding="utf-8")
    with pytest.raises(KeymapError, match=r"desk\.approve"):
        load_keymap(bad)
    broken = tmp_path / "broken.toml"
    broken.write_text("= nope", encoding="utf-8")
    with pytest.raises(KeymapError, match=r"broken\.toml"):
        load_keymap(broken)


def test_every_binding_has_a_unique_id() -> None:
    ids = [b.id for b in [*DeskApp.BINDINGS, *InboxList.BINDINGS]]  # type: ignore[union-attr]
    assert all(ids) and len(ids) == len(set(ids))
