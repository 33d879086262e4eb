"""The contract's facts in the vault, and the reminders they drive."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from reservations import errors
from reservations.backup import BackupService
from reservations.contract import (
    HANDOVER_KEY,
    Contract,
    ContractService,
    RetentionState,
    is_year_end_closure,
)
from reservations.domain import JST
from reservations.session import Session
from tests.conftest import SUPERVISOR, CliResult, TestVault

CONTRACT = Contract(
    contractor="株式会社サンプル",
    client="新宿区",
    start=dt.date(2026, 4, 1),
    end=dt.date(2027, 3, 31),
    retention_end=dt.date(2027, 4, 30),
)


def test_contract_round_trip_and_audit(supervisor: Session) -> None:
    service = ContractService(supervisor)
    assert service.get() == Contract()
    # Full-width and extra spaces are folded as everywhere else.
    service.set(
        Contract(**{**_fields(CONTRACT), "client": "　新宿区　"})  # type: ignore[arg-type]
    )
    assert service.get() == CONTRACT
    with supervisor.store.unit_of_work(write=False) as uow:
        last = uow.audit_latest()
    assert last is not None and last.action == "setting-contract"
    assert last.target == "contractor,client,start,end,retention_end"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end": dt.date(2026, 3, 1)}, "end"),
        ({"retention_end": dt.date(2027, 3, 1)}, "retention_end"),
        ({"contractor": "x" * 101}, "contractor"),
        ({"client": "新宿\x07区"}, "client"),
    ],
)
def test_bad_contract_is_refused_and_nothing_changes(
    supervisor: Session, change: dict[str, object], field: str
) -> None:
    service = ContractService(supervisor)
    service.set(CONTRACT)
    bad = Contract(**{**_fields(CONTRACT), **change})  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidInput) as info:
        service.set(bad)
    assert info.value.field == field
    assert service.get() == CONTRACT


def _fields(c: Contract) -> dict[str, object]:
    return {
        "contractor": c.contractor,
        "client": c.client,
        "start": c.start,
        "end": c.end,
        "retention_end": c.retention_end,
        "year_end_closure": c.year_end_closure,
    }


def test_operator_reads_but_cannot_change_the_contract(operator: Session) -> None:
    assert ContractService(operator).get() == Contract()
    with pytest.raises(errors.NotPermitted):
        ContractService(operator).set(CONTRACT)


def test_retention_banner_after_the_contract_ends(
    test_vault: TestVault, supervisor: Session
) -> None:
    service = ContractService(supervisor)
    service.set(CONTRACT)
    test_vault.clock.now = dt.datetime(2027, 3, 31, 23, 0, tzinfo=JST)
    assert service.reminders().retention is RetentionState.RUNNING
    test_vault.clock.now = dt.datetime(2027, 4, 1, 9, 0, tzinfo=JST)
    assert service.reminders().retention is RetentionState.HANDOVER_DUE
    with supervisor.store.unit_of_work(write=True) as uow:
        uow.set_meta(HANDOVER_KEY, "2027-04-02T10:00:00+09:00 #3 " + "ab" * 32)
        uow.commit()
    reminders = service.reminders()
    assert reminders.retention is RetentionState.ERASURE_DUE
    assert reminders.handover_at == "2027-04-02T10:00:00+09:00"


def test_backup_reminder_after_a_day(
    test_vault: TestVault, booked: dict[str, str], tmp_path: Path
) -> None:
    vault = test_vault.vault(SUPERVISOR)
    from reservations.session import start_session

    session = start_session(vault, clock=test_vault.clock)
    service = ContractService(session)
    assert service.reminders().backup_overdue  # reservations, and never backed up
    BackupService(session, vault).backup(tmp_path)
    assert not service.reminders().backup_overdue
    test_vault.clock.advance(hours=25)
    assert service.reminders().backup_overdue


def test_no_backup_reminder_for_an_empty_vault(supervisor: Session) -> None:
    assert not ContractService(supervisor).reminders().backup_overdue


def test_year_end_closure_days() -> None:
    closed = [
        dt.date(2026, 12, 29),
        dt.date(2026, 12, 31),
        dt.date(2027, 1, 1),
        dt.date(2027, 1, 3),
    ]
    open_days = [dt.date(2026, 12, 28), dt.date(2027, 1, 4)]
    assert all(is_year_end_closure(d) for d in closed)
    assert not any(is_year_end_closure(d) for d in open_days)


def test_contract_from_the_cli(test_vault: TestVault, cli: Callable[..., CliResult]) -> None:
    result = cli(
        "settings", "contract", "--client", "新宿区", "--end", "2027-03-31",
        "--year-end-closure", "off", "--json", account=SUPERVISOR,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["contract"]["client"] == "新宿区"
    assert data["contract"]["end"] == "2027-03-31"
    assert data["contract"]["year_end_closure"] is False
    bad = cli("settings", "contract", "--end", "2027-02-30", account=SUPERVISOR)
    assert bad.returncode == 2
    nothing = cli("settings", "contract", account=SUPERVISOR)
    assert nothing.returncode == 1 and "at least one" in nothing.stderr
    refused = cli("settings", "contract", "--client", "x")
    assert refused.returncode == 6
