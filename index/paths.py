"""Where things live: the index, the user's configuration, the bundled seed articles."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "diplonews"
INDEX_DIR_ENV = "DIPLONEWS_INDEX_DIR"


def default_index_dir() -> Path:
    configured = os.environ.get(INDEX_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "index"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME))


def state_dir() -> Path:
    """Where the browser keeps what it remembers between runs (search history, theme)."""
    return Path(platformdirs.user_state_dir(APP_NAME))


def user_gazetteer_file() -> Path:
    return config_dir() / "gazetteer.jsonl"


def bundled_seeds_dir() -> Path:
    """The seed articles: packed inside the wheel, or at the top of a source checkout."""
    packaged = Path(__file__).parent / "_seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds"
