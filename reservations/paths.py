"""Where vaults live by default: a per-user data folder, with demo vaults kept apart."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

_APP = "resdesk"


def default_vault_path() -> Path:
    return Path(platformdirs.user_data_dir(_APP, appauthor=False)) / "vault.db"


def default_demo_path() -> Path:
    # Never the real vault's path, so a demo can never be mistaken for (or overwrite) it.
    return Path(platformdirs.user_data_dir(_APP, appauthor=False)) / "demo" / "demo-vault.db"


def vault_path_from(cli_value: str | None) -> Path:
    """``--db`` first, then ``RESDESK_DB``, then the per-user default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("RESDESK_DB")
    if env:
        return Path(env).expanduser()
    return default_vault_path()
