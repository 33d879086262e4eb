"""The audit trail on screen: filter it, page through it, verify the chain, export it.

Everything goes through ``AuditService``; an operator's service returns only their own
entries and refuses exports, so this screen only hides what the service would refuse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reservations import errors
from reservations.audit import AuditEntry
from reservations.audit_service import AuditFilter, AuditService, VerifyReport
from reservations.session import Session
from ui.i18n import error_text
from ui.models import PagedTableModel

Index = QModelIndex | QPersistentModelIndex


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class AuditTableModel(PagedTableModel[AuditEntry]):
    """Audit entries, newest first, fetched page by page (see ``PagedTableModel``)."""

    SEQ, TIME, ACCOUNT, ACTION, TARGET, RESULT, HASH = range(7)
    PAGE = 200

    def entry_at(self, row: int) -> AuditEntry | None:
        return self.item_at(row)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("No."),
            self.tr("Time"),
            self.tr("Account"),
            self.tr("Action"),
            self.tr("Target"),
            self.tr("Result"),
            self.tr("Hash"),
        )

    def display_of(self, entry: AuditEntry) -> tuple[str, ...]:
        return (
            str(entry.seq),
            # 2022-12-19T10:00:00+09:00 -> 2022-12-19 10:00:00 (all times are Japan time)
            entry.time[:19].replace("T", " "),
            entry.account,
            entry.action,
            entry.target,
            entry.result,
            entry.hash[:16],
        )

    def extra_data(self, entry: AuditEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == self.HASH:
            return entry.hash
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SEQ:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AuditViewer(QWidget):
    """Filters, the entries, "Verify chain" and (supervisors) "Export CSV…" / "Export PDF…".

    Signals:
        export_written(str): an export was written; the argument is the file's path.
    """

    export_written = Signal(str)

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        authority_key: Callable[[], Ed25519PrivateKey | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditViewer")
        self._service = AuditService(session)
        self._authority_key = authority_key
        self._build_filters()
        self._build_table()
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.addLayout(self._filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.info_label)
        layout.addLayout(self._action_row)
        layout.addWidget(self.verify_label)
        self.refresh_choices()
        self.apply_filters()

    # -- construction --------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.account_combo = QComboBox()
        self.account_combo.setObjectName("auditAccountFilter")
        self.account_combo.setAccessibleName(self.tr("Account filter"))
        self.action_combo = QComboBox()
        self.action_combo.setObjectName("auditActionFilter")
        self.action_combo.setAccessibleName(self.tr("Action filter"))
        self.date_check = QCheckBox(self.tr("&Dates"))
        self.date_check.setObjectName("auditDateFilterEnabled")
        self.date_check.setAccessibleName(self.tr("Filter by dates"))
        today = QDate.currentDate()
        self.from_date = QDateEdit(today.addDays(-7))
        self.from_date.setObjectName("auditFromDate")
        self.from_date.setAccessibleName(self.tr("First day"))
        self.to_date = QDateEdit(today)
        self.to_date.setObjectName("auditToDate")
        self.to_date.setAccessibleName(self.tr("Last day"))
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.receipt_edit = QLineEdit()
        self.receipt_edit.setObjectName("auditReceiptFilter")
        self.receipt_edit.setAccessibleName(self.tr("Receipt number filter"))
        self.receipt_edit.setPlaceholderText(self.tr("Receipt number"))
        self.receipt_edit.setClearButtonEnabled(True)
        self.apply_button = QPushButton(self.tr("&Show"))
        self.apply_button.setObjectName("auditApplyButton")
        self.apply_button.setAccessibleName(self.tr("Show the matching entries"))

        self.date_check.toggled.connect(self.from_date.setEnabled)
        self.date_check.toggled.connect(self.to_date.setEnabled)
        self.date_check.toggled.connect(lambda _on: self.apply_filters())
        self.account_combo.activated.connect(lambda _i: self.apply_filters())
        self.action_combo.activated.connect(lambda _i: self.apply_filters())
        self.from_date.dateChanged.connect(lambda _d: self.apply_filters())
        self.to_date.dateChanged.connect(lambda _d: self.apply_filters())
        self.receipt_edit.returnPressed.connect(self.apply_filters)
        self.apply_button.clicked.connect(self.apply_filters)

        account_label = QLabel(self.tr("&Account"))
        account_label.setBuddy(self.account_combo)
        action_label = QLabel(self.tr("A&ction"))
        action_label.setBuddy(self.action_combo)
        receipt_label = QLabel(self.tr("&Receipt"))
        receipt_label.setBuddy(self.receipt_edit)
        row = QHBoxLayout()
        row.addWidget(account_label)
        row.addWidget(self.account_combo)
        row.addWidget(action_label)
        row.addWidget(self.action_combo)
        row.addWidget(self.date_check)
        row.addWidget(self.from_date)
        row.addWidget(QLabel("–"))
        row.addWidget(self.to_date)
        row.addWidget(receipt_label)
        row.addWidget(self.receipt_edit, 1)
        row.addWidget(self.apply_button)
        self._filter_row = row

    def _build_table(self) -> None:
        self.model = AuditTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setAccessibleName(self.tr("Audit entries"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Target and result carry the most text (what was shown); the hash column (last,
        # stretched) takes what is left, and the full hash is in the exports.
        for column, width in ((0, 60), (1, 150), (2, 100), (3, 130), (4, 330), (5, 280)):
            self.table.setColumnWidth(column, width)
        self.info_label = QLabel()
        self.info_label.setObjectName("auditInfo")
        self.info_label.setWordWrap(True)

    def _build_actions(self) -> None:
        self.verify_button = QPushButton(self.tr("&Verify chain"))
        self.verify_button.setObjectName("auditVerifyButton")
        self.verify_button.setAccessibleName(self.tr("Verify the audit chain"))
        self.verify_button.clicked.connect(self.verify)
        self.export_csv_button = QPushButton(self.tr("Export &CSV…"))
        self.export_csv_button.setObjectName("auditExportCsvButton")
        self.export_csv_button.setAccessibleName(self.tr("Export the shown entries as CSV"))
        self.export_csv_button.clicked.connect(lambda: self.export("csv"))
        self.export_pdf_button = QPushButton(self.tr("Export &PDF…"))
        self.export_pdf_button.setObjectName("auditExportPdfButton")
        self.export_pdf_button.setAccessibleName(self.tr("Export the shown entries as PDF"))
        self.export_pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.checkpoint_button = QPushButton(self.tr("Chec&kpoint…"))
        self.checkpoint_button.setObjectName("auditCheckpointButton")
        self.checkpoint_button.setAccessibleName(
            self.tr("Have the vault authority sign the chain's head, to keep off this PC")
        )
        self.checkpoint_button.clicked.connect(self.make_checkpoint)
        self.reanchor_button = QPushButton(self.tr("Re-a&nchor…"))
        self.reanchor_button.setObjectName("auditReanchorButton")
        self.reanchor_button.setAccessibleName(
            self.tr("Write a new anchor after a missing one, with the reason")
        )
        self.reanchor_button.clicked.connect(self.reanchor)
        # Operators may not export, checkpoint or re-anchor: the service would refuse, so the
        # buttons are not shown.
        for button in (
            self.export_csv_button,
            self.export_pdf_button,
            self.checkpoint_button,
            self.reanchor_button,
        ):
            button.setVisible(self._service.may_export)
        self.verify_label = QLabel()
        self.verify_label.setObjectName("auditVerifyResult")
        self.verify_label.setAccessibleName(self.tr("Result of the chain check"))
        self.verify_label.setWordWrap(True)
        self.verify_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addWidget(self.checkpoint_button)
        row.addWidget(self.reanchor_button)
        row.addStretch(1)
        row.addWidget(self.export_csv_button)
        row.addWidget(self.export_pdf_button)
        self._action_row = row

    # -- filters and entries -------------------------------------------------------------------

    def refresh_choices(self) -> None:
        """Fill the account and action combos from the log (keeping what was chosen)."""
        try:
            accounts = self._service.accounts()
            actions = self._service.actions()
        except errors.ReservationError as exc:
            self.info_label.setText(error_text(exc))
            return
        chosen_account = self.account_combo.currentData()
        chosen_action = self.action_combo.currentData()
        self.account_combo.clear()
        if self._service.sees_everyone:
            self.account_combo.addItem(self.tr("All accounts"), None)
        for name in accounts:
            self.account_combo.addItem(name, name)
        # An operator's list is their own name only.
        self.account_combo.setEnabled(self._service.sees_everyone)
        self.action_combo.clear()
        self.action_combo.addItem(self.tr("All actions"), None)
        for action in actions:
            self.action_combo.addItem(action, action)
        for combo, chosen in (
            (self.account_combo, chosen_account),
            (self.action_combo, chosen_action),
        ):
            found = combo.findData(chosen)
            combo.setCurrentIndex(max(found, 0))

    def current_filter(self) -> AuditFilter:
        since = until = None
        if self.date_check.isChecked():
            since = _day(self.from_date.date())
            until = _day(self.to_date.date())
        receipt = self.receipt_edit.text().strip() or None
        return AuditFilter(
            account=self.account_combo.currentData(),
            action=self.action_combo.currentData(),
            since=since,
            until=until,
            receipt=receipt,
        )

    def apply_filters(self) -> None:
        """Show the entries that match the filters, newest first."""
        self.info_label.clear()
        try:
            filters = self.current_filter()
            # Checked once here, so a wrong receipt number is reported and not fetched.
            self._service.check_filter(filters)
        except errors.ReservationError as exc:
            self.model.set_fetch(None)
            self.info_label.setText(error_text(exc))
            return

        def fetch(offset: int, limit: int) -> list[AuditEntry]:
            try:
                return self._service.entries(filters, offset=offset, limit=limit, newest_first=True)
            except errors.ReservationError as exc:
                self.info_label.setText(error_text(exc))
                return []

        self.model.set_fetch(fetch)
        if self.model.rowCount() == 0 and not self.info_label.text():
            self.info_label.setText(self.tr("No audit entry matches."))

    # -- verify and export ---------------------------------------------------------------------

    def verify(self) -> VerifyReport | None:
        """Recompute the whole chain and say what was found."""
        try:
            report = self._service.verify()
        except errors.ReservationError as exc:
            self.verify_label.setText(error_text(exc))
            return None
        self.verify_label.setText(self.report_text(report))
        self.verify_label.setStyleSheet("" if report.ok else "color: #b00020; font-weight: bold;")
        return report

    def report_text(self, report: VerifyReport) -> str:
        problem = report.problem
        if problem is not None:
            what = {
                "edited": self.tr("it was changed after it was written"),
                "missing": self.tr("entries before it were deleted"),
                "order": self.tr("its number repeats or goes backwards"),
                "link": self.tr("it does not follow the entry before it"),
                "tail": self.tr("entries at the end were cut off"),
                "anchor": self.tr("the history from here on was rewritten"),
                "signature": self.tr(
                    "its signature does not match a key the vault authority granted its account"
                ),
                "unsigned": self.tr("it is not signed"),
                "anchor-missing": self.tr(
                    "the anchor file is missing; compare with a checkpoint, then re-anchor"
                ),
            }.get(problem.kind, problem.detail)
            return self.tr("The audit chain is broken at entry {seq} ({time}): {what}.").format(
                seq=problem.seq, time=problem.time, what=what
            )
        if report.latest is None:
            text = self.tr("The audit chain is empty.")
        else:
            text = self.tr(
                "The audit chain is intact: {count} entries; the latest is entry {seq} "
                "({time}), hash {hash}."
            ).format(
                count=report.entries,
                seq=report.latest.seq,
                time=report.latest.time,
                hash=report.latest.hash,
            )
        if report.anchor is None:
            text += " " + self.tr(
                "Warning: there is no usable anchor file, so entries cut off the end cannot "
                "be detected."
            )
        return text

    def _ask_path(self, kind: str) -> Path | None:
        """The file to export to, or None when the user cancelled (tests override this)."""
        name_filter = (
            self.tr("CSV files (*.csv)") if kind == "csv" else self.tr("PDF files (*.pdf)")
        )
        path, _chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the audit log"),
            f"audit.{kind}",
            name_filter,
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if not path:
            return None
        chosen = Path(path)
        return (
            chosen
            if chosen.suffix.lower() == f".{kind}"
            else chosen.with_name(chosen.name + f".{kind}")
        )

    def _ask_checkpoint_path(self) -> Path | None:
        """Where to save the checkpoint (a USB stick), or None (tests override this)."""
        path, _chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the checkpoint"),
            "checkpoint.json",
            self.tr("Checkpoint files (*.json)"),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        return Path(path) if path else None

    def _ask_reason(self) -> str | None:
        """Why a new anchor is written, or None (tests override this)."""
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Re-anchor the audit trail"),
            self.tr(
                "What was checked, against which checkpoint kept off this PC? The reason is "
                "recorded in the audit log."
            ),
        )
        return reason if ok else None

    def make_checkpoint(self) -> Path | None:
        """The vault authority countersigns the chain's head; the file goes off this PC."""
        path = self._ask_checkpoint_path()
        if path is None:
            return None
        try:
            point = self._service.checkpoint(self._authority_key())
            # The file dialog has already asked before replacing an existing file.
            point.save(path, overwrite=True)
        except errors.ReservationError as exc:
            self.info_label.setText(error_text(exc))
            return None
        self.info_label.setText(
            self.tr(
                "Checkpoint of entry {seq} saved to {path}: keep it off this PC (a USB stick "
                "or paper in the safe)."
            ).format(seq=point.seq, path=path)
        )
        self.refresh_choices()
        self.apply_filters()
        return path

    def reanchor(self) -> bool:
        reason = self._ask_reason()
        if reason is None:
            return False
        try:
            entry = self._service.reanchor(reason)
        except errors.InvalidInput:
            self.info_label.setText(self.tr("Give the reason for the new anchor."))
            return False
        except errors.ReservationError as exc:
            self.info_label.setText(error_text(exc))
            return False
        self.info_label.setText(
            self.tr("A new anchor names entry {seq}; the reason is in the audit log.").format(
                seq=entry.seq
            )
        )
        self.refresh_choices()
        self.apply_filters()
        return True

    def export(self, kind: str) -> Path | None:
        """Export the entries the filters show to a file the user picks ("csv" or "pdf")."""
        try:
            filters = self.current_filter()
        except errors.ReservationError as exc:
            self.info_label.setText(error_text(exc))
            return None
        path = self._ask_path(kind)
        if path is None:
            return None
        try:
            # The file dialog has already asked before replacing an existing file.
            if kind == "csv":
                result = self._service.export_csv(path, filters, overwrite=True)
            else:
                result = self._service.export_pdf(path, filters, overwrite=True)
        except errors.ReservationError as exc:
            self.info_label.setText(error_text(exc))
            return None
        self.info_label.setText(
            self.tr("Wrote {path}: {count} entries.").format(path=path, count=result.entries)
        )
        self.export_written.emit(str(path))
        # The export is itself an audit entry: show it.
        self.refresh_choices()
        self.apply_filters()
        return path
