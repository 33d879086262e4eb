"""The supervisor's end-of-contract tab and the window's reminders, through the real widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
)
from pytestqt.qtbot import QtBot

from reservations.contract import Contract, ContractService
from reservations.domain import JST
from reservations.session import Session
from reservations.store import SqlCipherStore
from tests.conftest import SUPERVISOR, TestVault
from tests.ui.conftest import child
from ui import contract_panel
from ui.contract_panel import ContractPanel, ErasureDialog
from ui.main_window import MainWindow


@pytest.fixture
def chief_window(
    qtbot: QtBot, test_vault: TestVault, booked: dict[str, str], settings: QSettings
) -> Iterator[MainWindow]:
    vault = test_vault.vault(SUPERVISOR)
    session = Session(SqlCipherStore(vault.conn), vault.account, test_vault.clock)
    window = MainWindow(vault, session, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _item(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def _panel(window: MainWindow) -> ContractPanel:
    panel = child(window, ContractPanel, "contractPanel")
    assert panel is not None
    return panel


def test_operators_have_no_contract_tab(main_window: MainWindow) -> None:
    assert main_window.findChild(ContractPanel) is None
    assert not child(main_window, QLabel, "backupBanner").isVisible()


def test_contract_is_saved_from_the_form(chief_window: MainWindow, test_vault: TestVault) -> None:
    panel = _panel(chief_window)
    chief_window.show_contract_tab()
    child(panel, QLineEdit, "contractorEdit").setText("株式会社サンプル")
    child(panel, QLineEdit, "clientEdit").setText("新宿区")
    child(panel, QLineEdit, "contractStartEdit").setText("2026-04-01")
    child(panel, QLineEdit, "contractEndEdit").setText("2026-03-01")
    child(panel, QPushButton, "saveContractButton").click()
    error = child(panel, QLabel, "contractError")
    assert "before it starts" in error.text()
    child(panel, QLineEdit, "contractEndEdit").setText("２０２７－０３－３１")
    child(panel, QPushButton, "saveContractButton").click()
    assert error.text() == ""
    saved = ContractService(test_vault.session(SUPERVISOR)).get()
    assert saved.end == dt.date(2027, 3, 31) and saved.client == "新宿区"


def test_backup_reminder_then_backup_and_register(
    chief_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    banner = child(chief_window, QLabel, "backupBanner")
    assert banner.isVisible() and "No backup" in banner.text()
    panel = _panel(chief_window)
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(panel, "ask_folder", lambda _title: usb)
    child(panel, QPushButton, "backupButton").click()
    assert not banner.isVisible()
    table = child(panel, QTableWidget, "registerTable")
    assert table.rowCount() == 1
    assert _item(table, 0, 1) == "backup" and _item(table, 0, 5) == "open"
    table.selectRow(0)
    monkeypatch.setattr(panel, "ask_text", lambda _t, _l: "wiped")
    child(panel, QPushButton, "markDestroyedButton").click()
    assert _item(table, 0, 5) == "destroyed"
    assert not child(panel, QPushButton, "markDestroyedButton").isEnabled()


def test_retention_banner_after_the_contract_ends(
    qtbot: QtBot, test_vault: TestVault, booked: dict[str, str], settings: QSettings
) -> None:
    ContractService(test_vault.session(SUPERVISOR)).set(
        Contract(contractor="A", client="B", start=dt.date(2025, 4, 1), end=dt.date(2026, 3, 31))
    )
    test_vault.clock.now = dt.datetime(2026, 4, 2, 9, 0, tzinfo=JST)
    from tests.conftest import OPERATOR

    vault = test_vault.vault(OPERATOR)
    session = Session(SqlCipherStore(vault.conn), vault.account, test_vault.clock)
    window = MainWindow(vault, session, settings)
    qtbot.addWidget(window)
    window.show()
    try:
        banner = child(window, QLabel, "retentionBanner")
        assert banner.isVisible() and "2026-03-31" in banner.text()
    finally:
        window.close()


def test_erasure_from_the_window(
    chief_window: MainWindow,
    test_vault: TestVault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = _panel(chief_window)
    certificate = tmp_path / "out" / "erasure.pdf"
    certificate.parent.mkdir()
    shown: list[ErasureDialog] = []

    def fill(dialog: ErasureDialog) -> int:
        shown.append(dialog)
        # No handover yet: the dialog lists it and wants "erase anyway" with a reason.
        assert child(dialog, QPlainTextEdit, "erasureBlockers").toPlainText()
        dialog.password_edit.setText(SUPERVISOR[1])
        dialog.confirm_edit.setText("ERASE")
        dialog.certificate_edit.setText(str(certificate))
        dialog._accept()  # noqa: SLF001 - the OK button's handler
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert "erase anyway" in dialog.error.text()
        dialog.force_check.setChecked(True)
        dialog.reason_edit.setText("テスト")
        dialog._accept()  # noqa: SLF001
        return int(dialog.result())

    monkeypatch.setattr(ErasureDialog, "exec", fill)
    monkeypatch.setattr(contract_panel, "ask_yes_no", lambda *a, **k: True)
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information", lambda *a, **k: None)
    child(panel, QPushButton, "eraseButton").click()
    assert shown and certificate.exists()
    assert not test_vault.path.exists()
    assert not chief_window.isVisible()


def test_handover_from_the_window(
    chief_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.contract_panel import HandoverDialog

    panel = _panel(chief_window)
    target = tmp_path / "for-the-ward"

    def fill(dialog: HandoverDialog) -> int:
        dialog.folder_edit.setText(str(target))
        dialog.password_edit.setText("ward-package-pass-2026")
        dialog.repeat_edit.setText("ward-package-pass-2026x")
        dialog._accept()  # noqa: SLF001 - the OK button's handler
        assert "differ" in dialog.error.text()
        dialog.repeat_edit.setText("ward-package-pass-2026")
        dialog._accept()  # noqa: SLF001
        return int(dialog.result())

    monkeypatch.setattr(HandoverDialog, "exec", fill)
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information", lambda *a, **k: None)
    child(panel, QPushButton, "handoverButton").click()
    assert sorted(p.name for p in target.iterdir()) == ["README.txt", "SHA256SUMS", "handover.pdf"]
    table = child(panel, QTableWidget, "registerTable")
    assert _item(table, table.rowCount() - 1, 1) == "handover"


def test_a_backup_that_never_finished_shows_as_incomplete(
    chief_window: MainWindow, test_vault: TestVault
) -> None:
    """A backup enters the register before it is written; killed midway, it has no SHA-256."""
    panel = _panel(chief_window)
    store = SqlCipherStore(test_vault.vault(SUPERVISOR).conn)
    with store.unit_of_work(write=True) as uow:
        uow.add_copy("backup", "2026-03-01T10:00:00+09:00", "chief", 3, "all", 3,
                     "/media/usb/resdesk-backup-20260301-1000", "", "incomplete")  # fmt: skip
        uow.commit()
    panel.refresh()
    table = child(panel, QTableWidget, "registerTable")
    assert _item(table, table.rowCount() - 1, 5) == "open (incomplete)"
