"""Remappable keys: a TOML file mapping Binding ids to keys, applied with App.set_keymap.

# ~/.config/newsdesk/keymap.toml  (or the file named by NEWSDESK_KEYMAP)
"desk.approve" = "A"
"inbox.down" = "j,down,ctrl+n"
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class KeymapError(ValueError):
    """The keymap file is unreadable or maps something other than strings."""


def default_path() -> Path:
    env = os.environ.get("NEWSDESK_KEYMAP")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "newsdesk" / "keymap.toml"


def load_keymap(path: Path | None = None) -> dict[str, str]:
    """{binding id: "key,key"}; an absent file is an empty keymap."""
    path = path or default_path()
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KeymapError(f"{path}: {exc}") from exc
    keymap: dict[str, str] = {}
    for binding_id, keys in data.items():
        if isinstance(keys, list):
            keys = ",".join(str(k) for k in keys)
        if not isinstance(keys, str) or not keys.strip():
            raise KeymapError(f'{path}: {binding_id!r} must map to keys like "a" or "ctrl+a,a"')
        keymap[binding_id] = keys
    return keymap
