"""The register of copies: files that leave the vault are entered with who is in them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from reservations import errors
from reservations.domain import CopyKind, CopyStatus
from reservations.files import sha256_file
from reservations.register import RegisterService, register_csv
from reservations.roster import RosterService
from reservations.session import Session
from tests.conftest import BASE_DAY, CliResult, TestVault


def _print_roster(session: Session, out: Path) -> None:
    service = RosterService(session)
    service.write_pdf(service.day_roster(1, BASE_DAY), out)


def test_a_roster_is_registered_with_the_numbers_it_holds(
    test_vault: TestVault, booked: dict[str, str], supervisor: Session, tmp_path: Path
) -> None:
    out = tmp_path / "roster.pdf"
    _print_roster(supervisor, out)
    register = RegisterService(supervisor)
    [copy] = register.list()
    assert copy.kind is CopyKind.ROSTER
    assert copy.path == str(out.resolve())
    assert copy.sha256 == sha256_file(out)
    # Center 1 on BASE_DAY: yamada and suzuki booked, the cancelled one is not on the roster.
    assert copy.people == 2
    affected = register.affected(copy.id)
    assert sorted(affected.receipts) == sorted(
        f"{booked[k][:4]}-{booked[k][4:]}" for k in ("yamada", "suzuki")
    )
    assert not affected.over_threshold


def test_closing_a_copy_is_final_and_audited(
    test_vault: TestVault, booked: dict[str, str], supervisor: Session, tmp_path: Path
) -> None:
    _print_roster(supervisor, tmp_path / "roster.pdf")
    register = RegisterService(supervisor)
    closed = register.close(1, CopyStatus.DESTROYED, "shredded after the session")
    assert (closed.status, closed.closed_by, closed.note) == (
        CopyStatus.DESTROYED,
        "chief",
        "shredded after the session",
    )
    assert register.list(open_only=True) == []
    with pytest.raises(errors.Conflict, match="already closed"):
        register.close(1, CopyStatus.HANDED_OVER)
    with pytest.raises(errors.NotFound, match="no copy #99"):
        register.close(99, CopyStatus.DESTROYED)
    with supervisor.store.unit_of_work(write=False) as uow:
        actions = [(e.action, e.target, e.result) for e in uow.audit_entries()[-3:]]
    assert ("copy-closed", "#1 roster", "destroyed") in actions


def test_operators_cannot_read_the_register(
    test_vault: TestVault, booked: dict[str, str], operator: Session, tmp_path: Path
) -> None:
    # An operator's roster is still registered (the service that wrote it did that) ...
    _print_roster(operator, tmp_path / "roster.pdf")
    # ... but the register itself is for supervisors.
    with pytest.raises(errors.NotPermitted):
        RegisterService(operator).list()
    with pytest.raises(errors.NotPermitted):
        RegisterService(operator).close(1, CopyStatus.DESTROYED)


def test_register_csv_is_excel_friendly(
    test_vault: TestVault, booked: dict[str, str], supervisor: Session, tmp_path: Path
) -> None:
    _print_roster(supervisor, tmp_path / "roster.pdf")
    data = register_csv(RegisterService(supervisor).list())
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith('"id","kind","created","account","people","path","sha256"')
    assert lines[1].startswith('"1","roster",')


def test_register_from_the_cli(
    test_vault: TestVault,
    booked: dict[str, str],
    supervisor: Session,
    tmp_path: Path,
    cli: Callable[..., CliResult],
) -> None:
    from tests.conftest import SUPERVISOR

    _print_roster(supervisor, tmp_path / "roster.pdf")
    listed = cli("register", "list", "--open", "--json", account=SUPERVISOR)
    assert listed.returncode == 0, listed.stderr
    [entry] = json.loads(listed.stdout)
    assert {"id", "kind", "created", "account", "people", "path", "sha256", "status"} <= set(entry)
    assert (entry["kind"], entry["people"], entry["status"]) == ("roster", 2, "open")
    closed = cli("register", "close", "1", "--destroyed", "--note", "shredded", account=SUPERVISOR)
    assert closed.returncode == 0, closed.stderr
    again = cli("register", "close", "1", "--handed-over", account=SUPERVISOR)
    assert again.returncode == 5 and "already closed" in again.stderr
    empty = cli("register", "list", "--open", account=SUPERVISOR)
    assert "No open copies." in empty.stderr + empty.stdout
    refused = cli("register", "list")
    assert refused.returncode == 6


def test_a_copy_that_was_never_published_is_withdrawn(
    test_vault: TestVault,
    booked: dict[str, str],
    supervisor: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reservations import files

    out = tmp_path / "roster.pdf"

    def taken(_tmp: Path, target: Path, *, overwrite: bool) -> None:
        raise files.exists_error(target)  # a file of that name appeared meanwhile

    monkeypatch.setattr(files, "_publish", taken)
    with pytest.raises(errors.Conflict, match="already exists"):
        _print_roster(supervisor, out)
    [copy] = RegisterService(supervisor).list()
    assert copy.status is CopyStatus.DESTROYED
    assert copy.note == "never published: the file was not written"
    assert not out.exists()
