"""Where the database lives unless the user says otherwise."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    """``QUORUM_DB`` if set, else ``quorum.json`` in the user data directory."""
    env = os.environ.get("QUORUM_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("quorum", appauthor=False) / "quorum.json"
