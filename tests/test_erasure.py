"""Certified erasure: refused until the handover and the register allow it, then the vault's
files are gone and the certificate says what was erased, how, by whom and what remains."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from reservations import errors
from reservations.backup import BackupService
from reservations.contract import HANDOVER_KEY, Contract, ContractService
from reservations.domain import CopyStatus
from reservations.erasure import ErasureService
from reservations.register import RegisterService
from reservations.session import Session, start_session
from reservations.store import SearchQuery
from reservations.vault import Vault
from tests.conftest import SUPERVISOR, CliResult, TestVault

MANIFEST = "cd" * 32


@pytest.fixture
def chief(test_vault: TestVault, booked: dict[str, str]) -> tuple[Vault, Session]:
    vault = test_vault.vault(SUPERVISOR)
    session = start_session(vault, clock=test_vault.clock)
    ContractService(session).set(
        Contract(contractor="株式会社サンプル", client="新宿区", year_end_closure=True)
    )
    return vault, session


def _handover_done(session: Session) -> None:
    # What the handover export leaves behind (tests/test_handover.py makes a real one).
    with session.store.unit_of_work(write=True) as uow:
        uow.set_meta(HANDOVER_KEY, f"{session.timestamp()} #9 {MANIFEST}")
        uow.commit()


def _vault_files(db: Path) -> list[Path]:
    return sorted(p for p in db.parent.iterdir() if p.name.startswith(db.name))


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(pdf).pages))


def test_refused_without_handover_and_with_open_copies(
    test_vault: TestVault, chief: tuple[Vault, Session], tmp_path: Path
) -> None:
    vault, session = chief
    backups = tmp_path / "usb"
    backups.mkdir()
    BackupService(session, vault).backup(backups)
    service = ErasureService(session, vault)
    before = {p: p.read_bytes() for p in _vault_files(test_vault.path)}
    out = tmp_path / "certs" / "cert.pdf"
    out.parent.mkdir()
    with pytest.raises(errors.Conflict) as info:
        service.erase(password=SUPERVISOR[1], confirmation="ERASE", certificate=out)
    assert "No handover package" in info.value.message
    assert "Copy #1 (backup" in info.value.message
    _handover_done(session)
    RegisterService(session).close(1, CopyStatus.DESTROYED)
    # Wrong word, wrong password, a certificate inside the vault's folder: nothing happens.
    with pytest.raises(errors.InvalidInput, match="Type ERASE"):
        service.erase(password=SUPERVISOR[1], confirmation="erase", certificate=out)
    with pytest.raises(errors.AuthenticationFailed):
        service.erase(password="not-the-password", confirmation="ERASE", certificate=out)
    with pytest.raises(errors.InvalidInput, match="outside the vault"):
        service.erase(
            password=SUPERVISOR[1],
            confirmation="ERASE",
            certificate=test_vault.path.parent / "c.pdf",
        )
    assert not out.exists()
    assert all(p.exists() for p in before)


def test_erasure_destroys_the_files_and_certifies_it(
    test_vault: TestVault, chief: tuple[Vault, Session], tmp_path: Path
) -> None:
    vault, session = chief
    usb = tmp_path / "usb"
    usb.mkdir()
    backup = BackupService(session, vault).backup(usb)
    RegisterService(session).close(1, CopyStatus.DESTROYED, "drive wiped")
    _handover_done(session)
    files = _vault_files(test_vault.path)
    assert any(p.name.endswith(".keys") for p in files)
    out = tmp_path / "cert" / "erasure.pdf"
    out.parent.mkdir()
    result = ErasureService(session, vault).erase(
        password=SUPERVISOR[1], confirmation="ERASE", certificate=out
    )
    assert _vault_files(test_vault.path) == []
    assert {f.path.name for f in result.files} >= {"vault.db", "vault.db.keys"}
    assert result.plan.reservations == 5
    text = _text(out)
    for expected in (
        "データ消去証明書",
        "新宿区",
        "株式会社サンプル",
        "予約5件",
        "CryptographicErase",
        "立会人",
        MANIFEST,
        result.files[0].sha256,
        "紙の復旧シート（回復キー）1枚",
        backup.folder.name,
    ):
        assert expected in text, expected
    assert "未解決のまま実施した理由" not in text
    # The session's vault is closed: the data key is gone from this process too.
    assert vault._closed  # noqa: SLF001


def test_force_needs_a_reason_which_goes_on_the_certificate(
    test_vault: TestVault, chief: tuple[Vault, Session], tmp_path: Path
) -> None:
    vault, session = chief
    service = ErasureService(session, vault)
    out = tmp_path / "c" / "erasure.pdf"
    out.parent.mkdir()
    with pytest.raises(errors.InvalidInput, match="needs a reason"):
        service.erase(password=SUPERVISOR[1], confirmation="ERASE", certificate=out, force=True)
    service.erase(
        password=SUPERVISOR[1],
        confirmation="ERASE",
        certificate=out,
        force=True,
        reason="区の指示により引渡し前に消去",
    )
    text = _text(out)
    assert "区の指示により引渡し前に消去" in text
    assert "引渡しパッケージが作成されていません" in text
    assert _vault_files(test_vault.path) == []


def test_operator_cannot_erase(test_vault: TestVault, operator: Session, tmp_path: Path) -> None:
    vault = test_vault.vault()
    with pytest.raises(errors.NotPermitted):
        ErasureService(operator, vault).plan()


def test_erase_from_the_cli(
    test_vault: TestVault,
    booked: dict[str, str],
    tmp_path: Path,
    cli: Callable[..., CliResult],
) -> None:
    cert = tmp_path / "out" / "erasure.pdf"
    cert.parent.mkdir()
    blocked = cli("erase", "--certificate", str(cert), "--confirm", "ERASE", account=SUPERVISOR)
    assert blocked.returncode == 5 and "No handover package" in blocked.stderr
    no_reason = cli(
        "erase", "--certificate", str(cert), "--confirm", "ERASE", "--force", account=SUPERVISOR
    )
    assert no_reason.returncode == 1 and "--reason" in no_reason.stderr
    dry = cli(
        "erase", "--certificate", str(cert), "--confirm", "x", "--dry-run", account=SUPERVISOR
    )
    assert dry.returncode == 0 and test_vault.path.exists()
    done = cli(
        "erase", "--certificate", str(cert), "--confirm", "ERASE", "--force",
        "--reason", "test", account=SUPERVISOR,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert cert.exists() and not test_vault.path.exists()
    assert "Shred 1 paper recovery sheet" in done.stderr


def test_the_whole_end_of_contract(
    test_vault: TestVault, chief: tuple[Vault, Session], tmp_path: Path
) -> None:
    """Backup, handover, register closed, erasure: no force needed, and the certificate
    carries the hash of the package the ward received."""
    from reservations.files import sha256_file
    from reservations.handover import HandoverService

    vault, session = chief
    usb = tmp_path / "usb"
    usb.mkdir()
    BackupService(session, vault).backup(usb)
    package = HandoverService(session).export(tmp_path / "handover", "ward-package-pass-2026")
    manifest = sha256_file(package.folder / "SHA256SUMS")
    assert package.manifest_sha256 == manifest
    plan = ErasureService(session, vault).plan()
    assert [c.kind.value for c in plan.open_copies] == ["backup", "handover"]
    register = RegisterService(session)
    register.close(1, CopyStatus.DESTROYED, "drive wiped")
    register.close(package.copy_id, CopyStatus.HANDED_OVER, "新宿区 担当者へ手渡し")
    out = tmp_path / "cert" / "erasure.pdf"
    out.parent.mkdir()
    ErasureService(session, vault).erase(
        password=SUPERVISOR[1], confirmation="ERASE", certificate=out
    )
    text = _text(out)
    assert manifest in text
    assert f"#{package.copy_id}" in text
    assert _vault_files(test_vault.path) == []
    # The ward's package is untouched by the erasure.
    assert sha256_file(package.folder / "SHA256SUMS") == manifest


def test_a_change_after_the_handover_blocks_the_erasure(
    test_vault: TestVault, chief: tuple[Vault, Session], tmp_path: Path
) -> None:
    from reservations.booking import BookingService

    vault, session = chief
    _handover_done(session)
    assert ErasureService(session, vault).plan().blockers == []
    test_vault.clock.advance(minutes=1)
    with session.store.unit_of_work(write=False) as uow:
        receipt = uow.search(SearchQuery(center_id=1, limit=1))[0].receipt
    BookingService(session).set_note(receipt, "後から変更")
    [blocker] = ErasureService(session, vault).plan().blockers
    assert "1 reservation(s) were made or changed after the handover" in blocker


def test_a_file_that_cannot_be_removed_is_named_on_the_certificate(
    test_vault: TestVault,
    chief: tuple[Vault, Session],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reservations import erasure

    vault, session = chief
    _handover_done(session)
    real = erasure._overwrite_and_remove  # noqa: SLF001

    def stuck(path: Path) -> None:
        if path.name.endswith(".audit-anchor"):
            raise PermissionError(13, "Permission denied")
        real(path)

    monkeypatch.setattr(erasure, "_overwrite_and_remove", stuck)
    out = tmp_path / "c" / "erasure.pdf"
    out.parent.mkdir()
    result = ErasureService(session, vault).erase(
        password=SUPERVISOR[1], confirmation="ERASE", certificate=out
    )
    [left] = [f for f in result.files if f.problem]
    assert left.path.name == "vault.db.audit-anchor" and left.path.exists()
    assert not (test_vault.path.parent / "vault.db.keys").exists()
    assert "削除できず：Permissiondenied" in _text(out)


def test_refused_while_another_connection_reads(
    test_vault: TestVault, chief: tuple[Vault, Session], tmp_path: Path
) -> None:
    from reservations.vault import connect

    vault, session = chief
    _handover_done(session)
    vault.conn.execute("PRAGMA busy_timeout = 50")  # not the 5 s a real seat waits
    other = connect(test_vault.path, test_vault.data_key)
    try:
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM reservations").fetchone()
        with session.store.unit_of_work(write=True) as uow:
            uow.set_meta("x", "1")  # something in the log the reader still needs
            uow.commit()
        out = tmp_path / "c" / "erasure.pdf"
        out.parent.mkdir()
        with pytest.raises(errors.VaultBusy, match="Another window"):
            ErasureService(session, vault).erase(
                password=SUPERVISOR[1], confirmation="ERASE", certificate=out
            )
        assert test_vault.path.exists() and not out.exists()
    finally:
        other.close()
