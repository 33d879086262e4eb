"""The supervisor's idle-lock setting: stored in the vault, audited, read by every session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reservations import errors
from reservations.idle_lock import DEFAULT_IDLE_LOCK_SECONDS
from reservations.session import Session
from reservations.vault_settings import VaultSettingsService
from tests.conftest import OPERATOR, SUPERVISOR, CliResult, TestVault


def test_supervisor_sets_the_idle_lock_for_every_seat(
    test_vault: TestVault, supervisor: Session, operator: Session
) -> None:
    assert supervisor.idle_lock_seconds == DEFAULT_IDLE_LOCK_SECONDS
    VaultSettingsService(supervisor).set_idle_lock_seconds(600)
    assert test_vault.session(OPERATOR).idle_lock_seconds == 600
    with pytest.raises(errors.NotPermitted):
        VaultSettingsService(operator).set_idle_lock_seconds(900)
    with pytest.raises(errors.InvalidInput):
        VaultSettingsService(supervisor).set_idle_lock_seconds(10)
    with supervisor.store.unit_of_work(write=False) as uow:
        assert ("setting-idle-lock", "600 s") in [(e.action, e.target) for e in uow.audit_entries()]


def test_cli_settings(cli: Callable[..., CliResult]) -> None:
    assert cli("settings", "idle-lock", "10", account=SUPERVISOR).returncode == 0
    shown = cli("settings", "show", "--json")
    assert shown.returncode == 0 and '"idle_lock_minutes": 10' in shown.stdout
    assert cli("settings", "idle-lock", "5").returncode == 6  # an operator may not
