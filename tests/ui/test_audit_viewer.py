"""The audit viewer on a real vault: filters, the chain check, exports, an operator's view."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from reservations.audit import AuditEntry
from reservations.session import Session
from tests.conftest import OPERATOR, SUPERVISOR, TestVault
from tests.test_audit_trail import book, entries_of, tamper
from ui.audit_viewer import AuditTableModel, AuditViewer
from ui.models import ObjectRole


@pytest.fixture
def sessions(test_vault: TestVault) -> tuple[Session, Session, list[str]]:
    """(supervisor, operator, receipts booked by the operator then the supervisor)."""
    supervisor = test_vault.session(SUPERVISOR)
    operator = test_vault.session(OPERATOR)
    receipts = [book(operator, test_vault, "a0-1000", 1)]
    test_vault.clock.advance(days=1)
    receipts.append(book(supervisor, test_vault, "a0-1030", 2))
    return supervisor, operator, receipts


def make_viewer(qtbot: QtBot, session: Session) -> AuditViewer:
    viewer = AuditViewer(session)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    return viewer


def shown(viewer: AuditViewer) -> list[AuditEntry]:
    model = viewer.model
    entries = [model.data(model.index(row, 0), ObjectRole) for row in range(model.rowCount())]
    assert all(isinstance(e, AuditEntry) for e in entries)
    return entries


def choose(combo: QComboBox, data: str | None) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_the_model_passes_the_model_tester(
    qtmodeltester: object, sessions: tuple[Session, Session, list[str]]
) -> None:
    supervisor = sessions[0]
    model = AuditTableModel()
    entries = entries_of(supervisor)
    model.set_fetch(lambda offset, limit: entries[offset : offset + limit])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == len(entries)
    assert model.data(model.index(0, AuditTableModel.HASH), Qt.ItemDataRole.ToolTipRole) == (
        entries[0].hash
    )


def test_a_supervisor_filters_by_account_action_receipt_and_dates(
    qtbot: QtBot, test_vault: TestVault, sessions: tuple[Session, Session, list[str]]
) -> None:
    supervisor, _operator, receipts = sessions
    viewer = make_viewer(qtbot, supervisor)
    everything = shown(viewer)
    assert everything == list(reversed(entries_of(supervisor)))  # newest first
    assert viewer.account_combo.isEnabled()
    assert viewer.export_csv_button.isVisible() and viewer.export_pdf_button.isVisible()

    choose(viewer.account_combo, OPERATOR[0])
    assert {e.account for e in shown(viewer)} == {OPERATOR[0]}
    choose(viewer.action_combo, "book")
    assert [e.target for e in shown(viewer)] == [receipts[0]]
    choose(viewer.account_combo, None)
    assert [e.target for e in shown(viewer)] == list(reversed(receipts))

    choose(viewer.action_combo, None)
    qtbot.keyClicks(viewer.receipt_edit, receipts[1].replace("-", ""))
    qtbot.keyClick(viewer.receipt_edit, Qt.Key.Key_Return)
    assert [(e.action, e.target) for e in shown(viewer)] == [("book", receipts[1])]
    viewer.receipt_edit.clear()

    day_two = test_vault.clock().date()
    viewer.from_date.setDate(QDate(day_two.year, day_two.month, day_two.day))
    viewer.to_date.setDate(QDate(day_two.year, day_two.month, day_two.day))
    assert not viewer.from_date.isEnabled()
    viewer.date_check.setChecked(True)
    assert viewer.from_date.isEnabled()
    on_day_two = shown(viewer)
    assert on_day_two and all(e.time.startswith(day_two.isoformat()) for e in on_day_two)
    assert len(on_day_two) < len(everything)

    viewer.receipt_edit.setText("1234-5679")  # wrong check digit
    viewer.apply_button.click()
    assert viewer.model.rowCount() == 0
    assert "misheard" in viewer.info_label.text()


def test_verify_reports_an_intact_chain_then_the_first_broken_entry(
    qtbot: QtBot, test_vault: TestVault, sessions: tuple[Session, Session, list[str]]
) -> None:
    supervisor = sessions[0]
    viewer = make_viewer(qtbot, supervisor)
    viewer.verify_button.click()
    latest = entries_of(supervisor)[-1]
    assert "intact" in viewer.verify_label.text()
    assert latest.hash in viewer.verify_label.text()

    victim = entries_of(supervisor)[2]
    tamper(test_vault, f"UPDATE audit SET account = 'intruder' WHERE seq = {victim.seq}")
    viewer.verify_button.click()
    text = viewer.verify_label.text()
    assert f"entry {victim.seq} (" in text and "changed" in text


def test_exports_go_to_the_chosen_file_and_are_audited(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sessions: tuple[Session, Session, list[str]],
) -> None:
    supervisor = sessions[0]
    viewer = make_viewer(qtbot, supervisor)
    choose(viewer.action_combo, "book")
    target = tmp_path / "book.csv"
    monkeypatch.setattr(viewer, "_ask_path", lambda kind: target)
    with qtbot.waitSignal(viewer.export_written) as written:
        viewer.export_csv_button.click()
    assert written.args == [str(target)]
    with target.open(encoding="utf-8-sig", newline="") as stream:
        assert {row["action"] for row in csv.DictReader(stream)} == {"book"}
    assert [e.action for e in entries_of(supervisor)[-2:]] == ["audit-export", "copy-registered"]

    pdf = tmp_path / "all.pdf"
    monkeypatch.setattr(viewer, "_ask_path", lambda kind: pdf if kind == "pdf" else None)
    viewer.export_pdf_button.click()
    assert pdf.read_bytes().startswith(b"%PDF")
    # A cancelled dialog writes nothing.
    monkeypatch.setattr(viewer, "_ask_path", lambda kind: None)
    before = len(entries_of(supervisor))
    assert viewer.export("csv") is None
    assert len(entries_of(supervisor)) == before


def test_an_operator_sees_only_their_own_entries_and_cannot_export(
    qtbot: QtBot, sessions: tuple[Session, Session, list[str]]
) -> None:
    _supervisor, operator, receipts = sessions
    viewer = make_viewer(qtbot, operator)
    entries = shown(viewer)
    assert entries and {e.account for e in entries} == {OPERATOR[0]}
    assert [viewer.account_combo.itemData(i) for i in range(viewer.account_combo.count())] == [
        OPERATOR[0]
    ]
    assert not viewer.account_combo.isEnabled()
    assert not viewer.export_csv_button.isVisible()
    assert not viewer.export_pdf_button.isVisible()
    # The supervisor's booking is not among the operator's entries, even asked by number.
    viewer.receipt_edit.setText(receipts[1])
    viewer.apply_button.click()
    assert viewer.model.rowCount() == 0
    viewer.verify_button.click()
    assert "intact" in viewer.verify_label.text()


def test_every_control_has_an_object_and_accessible_name(
    qtbot: QtBot, sessions: tuple[Session, Session, list[str]]
) -> None:
    viewer = make_viewer(qtbot, sessions[0])
    for widget in (
        viewer.account_combo,
        viewer.action_combo,
        viewer.date_check,
        viewer.from_date,
        viewer.to_date,
        viewer.receipt_edit,
        viewer.apply_button,
        viewer.table,
        viewer.verify_button,
        viewer.export_csv_button,
        viewer.export_pdf_button,
    ):
        assert widget.objectName() and widget.accessibleName(), widget


def test_checkpoint_and_reanchor_from_the_window(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    test_vault: TestVault,
    sessions: tuple[Session, Session, list[str]],
) -> None:
    from reservations.anchor import anchor_path
    from reservations.audit_service import AuditService, Checkpoint

    supervisor = sessions[0]
    vault = test_vault._open[0]  # the supervisor's vault: its slot holds the authority key
    viewer = AuditViewer(supervisor, authority_key=lambda: vault.keys.authority_key)
    qtbot.addWidget(viewer)
    target = tmp_path / "usb" / "checkpoint.json"
    target.parent.mkdir()
    monkeypatch.setattr(viewer, "_ask_checkpoint_path", lambda: target)
    viewer.checkpoint_button.click()
    point = Checkpoint.load(target)
    assert point.signature_ok()
    assert AuditService(supervisor).verify_against(point) is None
    # The anchor goes missing: the check says so, and a supervisor re-anchors with a reason.
    anchor_path(test_vault.path).unlink()
    assert not viewer.verify().ok  # type: ignore[union-attr]
    assert "anchor" in viewer.verify_label.text()
    monkeypatch.setattr(viewer, "_ask_reason", lambda: "")
    assert not viewer.reanchor() and "reason" in viewer.info_label.text()
    monkeypatch.setattr(viewer, "_ask_reason", lambda: "checked against the USB checkpoint")
    viewer.reanchor_button.click()
    assert viewer.verify().ok  # type: ignore[union-attr]
    # An operator sees neither button.
    operator_view = AuditViewer(sessions[1])
    qtbot.addWidget(operator_view)
    assert operator_view.checkpoint_button.isHidden() and operator_view.reanchor_button.isHidden()
