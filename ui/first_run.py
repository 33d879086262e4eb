"""The first-run wizard, for a PC with no vault yet.

Create a vault (first supervisor, recovery sheet, then the optional contract, slots and
operator accounts), open an existing vault file, or restore a backup.  The vault is created
when the supervisor page is done; every later page can be skipped, and closing the wizard
after that leaves a valid vault behind.  Nothing typed here goes to QSettings or a log.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from reservations import APP_NAME, errors
from reservations.accounts import AccountService, normalize_account_name
from reservations.backup import BACKUP_PREFIX, restore
from reservations.contract import Contract, ContractService
from reservations.domain import Role, now_jst
from reservations.first_run import center_names, initial_password, plan_first_slots
from reservations.keyslots import DEFAULT_KDF, KdfParams
from reservations.session import Session, start_session
from reservations.slot_planning import GenerationRequest
from reservations.slots import ImportAction, ImportPreview, SlotService, read_csv_file
from reservations.vault import Vault
from ui.i18n import error_text
from ui.new_vault import RecoverySheet, SupervisorForm
from ui.qt_dates import pydate, pytime, qdate
from ui.slot_planning import ImportPreviewModel

_ERROR_STYLE = "color: #b00020;"


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


def _message(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(_ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _intro(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _buddy(text: str, field: QWidget) -> QLabel:
    """A form label whose mnemonic focuses ``field`` (QFormLayout only does that for a widget
    field, not for a row of several)."""
    label = QLabel(text)
    label.setBuddy(field)
    return label


def _path_row(edit: QLineEdit, button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row


def _date_edit(name: str, accessible: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    _named(edit, name, accessible)
    return edit


def _fiscal_year_end(day: dt.date) -> dt.date:
    """31 March after ``day``: municipal contracts usually run to the end of the fiscal year."""
    year = day.year + 1 if day.month >= 4 else day.year
    return dt.date(year, 3, 31)


class FirstRunWizard(QWizard):
    """What to do when there is no vault at ``db_path``.

    After ``exec()`` returns Accepted, exactly one of these is set: ``vault`` and ``session``
    (a new vault, logged in as its first supervisor), or ``open_path`` (a vault to log in to,
    with ``login_account`` filled in after a restore).
    """

    CHOOSE, SUPERVISOR, RECOVERY, CONTRACT, SLOTS, OPERATORS, DONE, OPEN, RESTORE = range(9)
    _OPTIONAL = (CONTRACT, SLOTS, OPERATORS)

    def __init__(
        self, db_path: Path, parent: QWidget | None = None, *, kdf: KdfParams = DEFAULT_KDF
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(self.tr("Welcome to {app}").format(app=APP_NAME))
        self.setMinimumSize(640, 520)
        self.db_path = db_path
        self.kdf = kdf
        self.vault: Vault | None = None
        self.session: Session | None = None
        self.data_key: bytearray | None = None
        self.open_path: Path | None = None
        self.login_account = ""
        # Set while the Skip button moves on, so the page saves nothing.
        self.skipping = False
        self.setPage(self.CHOOSE, ChoosePage(db_path))
        self.setPage(self.SUPERVISOR, SupervisorPage(db_path))
        self.setPage(self.RECOVERY, RecoveryPage())
        self.setPage(self.CONTRACT, ContractPage())
        self.setPage(self.SLOTS, SlotsPage())
        self.setPage(self.OPERATORS, OperatorsPage())
        self.setPage(self.DONE, DonePage())
        self.setPage(self.OPEN, OpenPage(db_path))
        self.setPage(self.RESTORE, RestorePage(db_path))
        self.setStartId(self.CHOOSE)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("&Skip this step"))
        for which, name, spoken in (
            (QWizard.WizardButton.NextButton, "wizardNextButton", self.tr("Next")),
            (QWizard.WizardButton.BackButton, "wizardBackButton", self.tr("Back")),
            (QWizard.WizardButton.FinishButton, "wizardFinishButton", self.tr("Finish")),
            (QWizard.WizardButton.CancelButton, "wizardCancelButton", self.tr("Cancel")),
            (QWizard.WizardButton.CommitButton, "wizardCommitButton", self.tr("Continue")),
            (QWizard.WizardButton.CustomButton1, "wizardSkipButton", self.tr("Skip this step")),
        ):
            _named(self.button(which), name, spoken)
        self.customButtonClicked.connect(self._custom_clicked)
        self.currentIdChanged.connect(self._page_changed)

    # -- moving between pages ------------------------------------------------------------------

    def _page_changed(self, page_id: int) -> None:
        self.setOption(QWizard.WizardOption.HaveCustomButton1, page_id in self._OPTIONAL)
        # Once the vault exists there is nothing to cancel: each later step has Skip, and
        # closing the window keeps the vault as it is.
        self.setOption(QWizard.WizardOption.NoCancelButton, self.vault is not None)

    def _custom_clicked(self, which: int) -> None:
        if which == QWizard.WizardButton.CustomButton1.value:
            self.skip()

    def skip(self) -> None:
        """Leave the current optional page without saving it."""
        self.skipping = True
        try:
            self.next()
        finally:
            self.skipping = False

    def forget_data_key(self) -> None:
        if self.data_key is not None:
            for i in range(len(self.data_key)):
                self.data_key[i] = 0
            self.data_key = None

    def reject(self) -> None:
        if self.currentId() == self.RECOVERY and self.data_key is not None:
            page = self.page(self.RECOVERY)
            assert isinstance(page, RecoveryPage)
            if not page.isComplete():
                # The key is not stored anywhere else: closing now would lose it for good.
                page.message.setText(
                    self.tr("Write down or print the recovery key and tick the box first.")
                )
                return
        self.forget_data_key()
        if self.vault is not None:
            self.vault.close()
        self.vault = self.session = None
        super().reject()


class _Page(QWizardPage):
    def first_run(self) -> FirstRunWizard:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        return wizard


class ChoosePage(_Page):
    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.setObjectName("choosePage")
        self.setTitle(self.tr("No vault on this PC yet"))
        self.setSubTitle(self.tr("There is no vault at {path}.").format(path=db_path))
        self.create_radio = QRadioButton(self.tr("&Create a new vault (first start of a contract)"))
        self.open_radio = QRadioButton(self.tr("&Open an existing vault file"))
        self.restore_radio = QRadioButton(self.tr("&Restore a backup (resdesk-backup-… folder)"))
        _named(self.create_radio, "createVaultChoice", self.tr("Create a new vault"))
        _named(self.open_radio, "openVaultChoice", self.tr("Open an existing vault file"))
        _named(self.restore_radio, "restoreBackupChoice", self.tr("Restore a backup"))
        self.create_radio.setChecked(True)
        group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for radio in (self.create_radio, self.open_radio, self.restore_radio):
            group.addButton(radio)
            layout.addWidget(radio)
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802
        if self.open_radio.isChecked():
            return FirstRunWizard.OPEN
        if self.restore_radio.isChecked():
            return FirstRunWizard.RESTORE
        return FirstRunWizard.SUPERVISOR


class SupervisorPage(_Page):
    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.setObjectName("supervisorPage")
        self._db_path = db_path
        self.setTitle(self.tr("The first supervisor"))
        self.setSubTitle(
            self.tr(
                "This account sets up the vault and adds the other accounts. Choose a password "
                "only you know, and add a second supervisor later so that each of you can "
                "reset the other's password."
            )
        )
        # Past this page the vault exists: there is no going back to create it again.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("C&reate the vault"))
        self.form = SupervisorForm(db_path)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def validatePage(self) -> bool:  # noqa: N802
        wizard = self.first_run()
        if wizard.vault is not None:
            return True
        created = self.form.create_vault(self._db_path, kdf=wizard.kdf)
        if created is None:
            return False
        wizard.vault, wizard.data_key = created
        return True

    def nextId(self) -> int:  # noqa: N802
        return FirstRunWizard.RECOVERY


class RecoveryPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("recoveryPage")
        self.setTitle(self.tr("The recovery sheet"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Next"))
        self.sheet: RecoverySheet | None = None
        self._layout = QVBoxLayout(self)
        self.message = _message("recoveryMessage")
        self._layout.addWidget(self.message)

    def initializePage(self) -> None:  # noqa: N802
        wizard = self.first_run()
        if self.sheet is not None or wizard.data_key is None:
            return
        self.sheet = RecoverySheet(wizard.data_key, wizard.db_path.name, self)
        self.sheet.confirmed.connect(lambda _on: self.completeChanged.emit())
        self.sheet.confirmed.connect(lambda _on: self.message.clear())
        self._layout.insertWidget(0, self.sheet)

    def isComplete(self) -> bool:  # noqa: N802
        return self.sheet is not None and self.sheet.confirm.isChecked()

    def validatePage(self) -> bool:  # noqa: N802
        if not self.isComplete():
            return False
        assert self.sheet is not None
        self.sheet.forget()
        wizard = self.first_run()
        wizard.forget_data_key()
        if wizard.session is None:
            assert wizard.vault is not None
            # The session starts only now, so that nothing can fail between creating the
            # vault and showing its key.
            try:
                wizard.session = start_session(wizard.vault)
            except errors.ReservationError as exc:
                self.message.setText(error_text(exc))
                return False
        return True

    def nextId(self) -> int:  # noqa: N802
        return FirstRunWizard.CONTRACT


class ContractPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("contractPage")
        self.setTitle(self.tr("The contract"))
        self.setSubTitle(
            self.tr(
                "The handover, the erasure certificate and the reminders use these facts. "
                "You can set or change them later under Contract."
            )
        )
        today = now_jst().date()
        end = _fiscal_year_end(today)
        self.contractor_edit = QLineEdit()
        _named(self.contractor_edit, "contractorEdit", self.tr("Contractor"))
        self.client_edit = QLineEdit()
        _named(self.client_edit, "clientEdit", self.tr("Ward (client)"))
        self.start_edit = _date_edit("contractStartEdit", self.tr("Contract start"), today)
        self.end_edit = _date_edit("contractEndEdit", self.tr("Contract end"), end)
        self.retention_edit = _date_edit(
            "retentionEndEdit", self.tr("Retention end"), end + dt.timedelta(days=30)
        )
        self.year_end_check = QCheckBox(
            self.tr("Skip the year-end closure (12/29–1/3) when making slots")
        )
        _named(self.year_end_check, "yearEndClosureCheck", self.tr("Year-end closure"))
        self.year_end_check.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("&Contractor"), self.contractor_edit)
        form.addRow(self.tr("&Ward (client)"), self.client_edit)
        form.addRow(self.tr("Contract &start"), self.start_edit)
        form.addRow(self.tr("Contract &end"), self.end_edit)
        form.addRow(self.tr("&Retention end (handover and erasure by)"), self.retention_edit)
        form.addRow("", self.year_end_check)
        self.message = _message("contractMessage")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def contract(self) -> Contract:
        return Contract(
            contractor=self.contractor_edit.text(),
            client=self.client_edit.text(),
            start=pydate(self.start_edit.date()),
            end=pydate(self.end_edit.date()),
            retention_end=pydate(self.retention_edit.date()),
            year_end_closure=self.year_end_check.isChecked(),
        )

    def validatePage(self) -> bool:  # noqa: N802
        wizard = self.first_run()
        self.message.clear()
        if wizard.skipping:
            return True
        assert wizard.session is not None
        try:
            ContractService(wizard.session).set(self.contract())
        except errors.InvalidInput as exc:
            self.message.setText(self._problem(exc))
            return False
        except errors.ReservationError as exc:
            self.message.setText(error_text(exc))
            return False
        return True

    def _problem(self, exc: errors.InvalidInput) -> str:
        if exc.field == "end":
            return self.tr("The contract ends before it starts; check the two dates.")
        if exc.field == "retention_end":
            return self.tr("The retention end must not be before the contract's end.")
        if exc.field in ("contractor", "client"):
            return self.tr("Give the contractor and the ward on one line each.")
        return error_text(exc)

    def nextId(self) -> int:  # noqa: N802
        return FirstRunWizard.SLOTS


class SlotsPage(_Page):
    """Make the first slots: one weekly pattern for the centers typed, or a CSV file."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("slotsPage")
        self.setTitle(self.tr("The first slots"))
        self.setSubTitle(
            self.tr(
                "Make the slots from a weekly pattern, or import the CSV file the ward sent. "
                "Holidays are skipped. You can plan more later under Slot planning."
            )
        )
        self._import_text: str | None = None
        self._import_preview: ImportPreview | None = None
        self.generate_radio = QRadioButton(self.tr("&Generate from a weekly pattern"))
        _named(self.generate_radio, "generateSlotsChoice", self.tr("Generate slots"))
        self.import_radio = QRadioButton(self.tr("&Import a CSV file"))
        _named(self.import_radio, "importSlotsChoice", self.tr("Import slots from a CSV file"))
        self.generate_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.generate_radio)
        group.addButton(self.import_radio)
        choice = QHBoxLayout()
        choice.addWidget(self.generate_radio)
        choice.addWidget(self.import_radio)
        choice.addStretch(1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._generate_widget())
        self.stack.addWidget(self._import_widget())
        self.import_radio.toggled.connect(lambda on: self.stack.setCurrentIndex(1 if on else 0))
        self.message = _message("slotsMessage")
        layout = QVBoxLayout(self)
        layout.addLayout(choice)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)

    def _generate_widget(self) -> QWidget:
        box = QWidget()
        self.centers_edit = QPlainTextEdit()
        _named(self.centers_edit, "centerNamesEdit", self.tr("Center names, one per line"))
        self.centers_edit.setPlaceholderText(self.tr("One center per line"))
        self.centers_edit.setMaximumHeight(90)
        self.first_edit = _date_edit("slotsFromEdit", self.tr("First day"), dt.date.today())
        self.last_edit = _date_edit("slotsToEdit", self.tr("Last day"), dt.date.today())
        days = QHBoxLayout()
        self.weekday_checks: list[QCheckBox] = []
        names = (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )
        for number, name in enumerate(names):
            check = QCheckBox(name)
            _named(check, f"weekdayCheck{number}", name)
            check.setChecked(number < 5)
            self.weekday_checks.append(check)
            days.addWidget(check)
        days.addStretch(1)
        self.start_time = QTimeEdit(QTime(10, 0))
        _named(self.start_time, "dayStartEdit", self.tr("First slot starts"))
        self.end_time = QTimeEdit(QTime(16, 0))
        _named(self.end_time, "dayEndEdit", self.tr("Last slot ends"))
        for edit in (self.start_time, self.end_time):
            edit.setDisplayFormat("HH:mm")
        self.every_spin = QSpinBox()
        _named(self.every_spin, "slotMinutesSpin", self.tr("Minutes per slot"))
        self.every_spin.setRange(5, 480)
        self.every_spin.setSingleStep(5)
        self.every_spin.setValue(30)
        self.every_spin.setSuffix(self.tr(" min"))
        self.capacity_spin = QSpinBox()
        _named(self.capacity_spin, "slotCapacitySpin", self.tr("Seats per slot"))
        self.capacity_spin.setRange(1, 100)
        self.capacity_spin.setValue(2)
        hours = QHBoxLayout()
        hours.addWidget(self.start_time)
        hours.addWidget(QLabel("–"))
        hours.addWidget(self.end_time)
        hours.addStretch(1)
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.centers_edit.setMinimumWidth(380)
        form.addRow(self.tr("&Centers"), self.centers_edit)
        form.addRow(self.tr("&From"), self.first_edit)
        form.addRow(self.tr("&To"), self.last_edit)
        form.addRow(self.tr("Days"), days)
        form.addRow(_buddy(self.tr("&Hours"), self.start_time), hours)
        form.addRow(self.tr("&Every"), self.every_spin)
        form.addRow(self.tr("Se&ats per slot"), self.capacity_spin)
        return box

    def _import_widget(self) -> QWidget:
        box = QWidget()
        self.choose_button = QPushButton(self.tr("C&hoose CSV file…"))
        _named(self.choose_button, "chooseSlotsCsvButton", self.tr("Choose the CSV file"))
        self.choose_button.clicked.connect(self.choose_csv)
        self.csv_path = QLabel()
        self.csv_path.setObjectName("slotsCsvPath")
        self.import_model = ImportPreviewModel(self)
        self.import_table = QTableView()
        _named(self.import_table, "slotsImportTable", self.tr("What the import will add"))
        self.import_table.setModel(self.import_model)
        self.import_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.import_table.verticalHeader().setVisible(False)
        header = self.import_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.import_summary = QLabel()
        self.import_summary.setObjectName("slotsImportSummary")
        self.import_summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.csv_path, 1)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            _intro(
                self.tr(
                    "The same CSV as 'resdesk slots import': center, date, start, end, capacity. "
                    "The centers named in it are added."
                )
            )
        )
        layout.addLayout(top)
        layout.addWidget(self.import_table, 1)
        layout.addWidget(self.import_summary)
        return box

    def initializePage(self) -> None:  # noqa: N802
        # Start tomorrow (today's hours may be over) and stay inside the contract if set.
        wizard = self.first_run()
        first = now_jst().date() + dt.timedelta(days=1)
        last = first + dt.timedelta(days=27)
        if wizard.session is not None:
            contract = ContractService(wizard.session).get()
            if contract.start is not None and contract.start > first:
                first = contract.start
            if contract.end is not None and contract.end >= first:
                last = min(contract.end, first + dt.timedelta(days=365))
        self.first_edit.setDate(qdate(first))
        self.last_edit.setDate(qdate(last))

    # -- import ------------------------------------------------------------------------------

    def ask_csv_path(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the slots CSV file"),
            "",
            self.tr("CSV files (*.csv);;All files (*)"),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        return Path(path) if path else None

    def choose_csv(self) -> None:
        path = self.ask_csv_path()
        if path is not None:
            self.load_csv(path)

    def load_csv(self, path: Path) -> ImportPreview | None:
        """Preview the file; Next imports exactly this text, whatever the file does later."""
        wizard = self.first_run()
        assert wizard.session is not None
        self.message.clear()
        self._import_text = self._import_preview = None
        self.import_model.set_preview(None)
        self.import_summary.clear()
        try:
            text = read_csv_file(path)
            preview = SlotService(wizard.session).preview_csv_text(text, create_centers=True)
        except errors.ReservationError as exc:
            self.message.setText(error_text(exc))
            return None
        self.csv_path.setText(str(path))
        self._import_text, self._import_preview = text, preview
        self.import_model.set_preview(preview)
        summary = self.tr("{new} new slots; new centers: {names}").format(
            new=preview.count(ImportAction.CREATE), names="、".join(preview.centers_created)
        )
        if not preview.ok:
            summary += " " + self.tr(
                "{errors} lines have problems: fix the file and choose it again."
            ).format(errors=preview.count(ImportAction.ERROR))
        self.import_summary.setText(summary)
        return preview

    # -- saving ------------------------------------------------------------------------------

    def pattern(self) -> GenerationRequest:
        """One request for every center typed (``plan_first_slots`` fills in each name)."""
        return GenerationRequest(
            center="",
            first=pydate(self.first_edit.date()),
            last=pydate(self.last_edit.date()),
            weekdays=frozenset(
                number for number, check in enumerate(self.weekday_checks) if check.isChecked()
            ),
            start=pytime(self.start_time.time()),
            end=pytime(self.end_time.time()),
            every_minutes=self.every_spin.value(),
            capacity=self.capacity_spin.value(),
        )

    def validatePage(self) -> bool:  # noqa: N802
        wizard = self.first_run()
        self.message.clear()
        if wizard.skipping:
            return True
        assert wizard.session is not None
        try:
            if self.import_radio.isChecked():
                return self._import(wizard.session)
            names = center_names(self.centers_edit.toPlainText())
            plan_first_slots(wizard.session, names, self.pattern())
        except errors.InvalidInput as exc:
            self.message.setText(self._problem(exc))
            return False
        except errors.ReservationError as exc:
            self.message.setText(error_text(exc))
            return False
        return True

    def _import(self, session: Session) -> bool:
        if self._import_text is None or self._import_preview is None:
            self.message.setText(self.tr("Choose the CSV file first, or skip this step."))
            return False
        if not self._import_preview.ok:
            self.message.setText(self.tr("The file has problems: fix it and choose it again."))
            return False
        SlotService(session).import_csv_text(self._import_text, create_centers=True)
        return True

    def _problem(self, exc: errors.InvalidInput) -> str:
        field = exc.field or ""
        if field == "center":
            return self.tr("Type the name of at least one center, one per line.")
        if field == "from":
            return self.tr("Slots cannot be made in the past; start today or later.")
        if field == "to":
            return self.tr("The last day must be after the first, at most a year later.")
        if field == "weekdays":
            return self.tr("Tick at least one day of the week.")
        if field == "end":
            return self.tr("The last slot must end after the first one starts.")
        return error_text(exc)

    def nextId(self) -> int:  # noqa: N802
        return FirstRunWizard.OPERATORS


class OperatorsPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("operatorsPage")
        self.setTitle(self.tr("Operator accounts"))
        self.setSubTitle(
            self.tr(
                "One account per person who answers the phone; never a shared one. Each gets "
                "a one-time password, shown on the last page."
            )
        )
        self.created: list[tuple[str, str]] = []
        self.names_edit = QPlainTextEdit()
        _named(self.names_edit, "operatorNamesEdit", self.tr("Operator account names"))
        self.names_edit.setPlaceholderText(self.tr("e.g. sato.k (one account name per line)"))
        self.message = _message("operatorsMessage")
        layout = QVBoxLayout(self)
        layout.addWidget(
            _intro(
                self.tr(
                    "Account names, one per line: letters, digits, '.', '_' and '-'. You can "
                    "add more later under Accounts."
                )
            )
        )
        layout.addWidget(self.names_edit, 1)
        layout.addWidget(self.message)

    def names(self) -> list[str]:
        return [line.strip() for line in self.names_edit.toPlainText().splitlines() if line.strip()]

    def validatePage(self) -> bool:  # noqa: N802
        wizard = self.first_run()
        self.message.clear()
        if wizard.skipping:
            return True
        assert wizard.session is not None and wizard.vault is not None
        service = AccountService(wizard.session, wizard.vault, kdf=wizard.kdf)
        left: list[str] = []
        problems: list[str] = []
        for typed in self.names():
            try:
                name = normalize_account_name(typed)
                password = initial_password(name)
                service.add(name, Role.OPERATOR, password)
            except errors.InvalidInput:
                left.append(typed)
                problems.append(
                    self.tr("{name}: letters, digits, '.', '_' and '-' only.").format(name=typed)
                )
            except errors.ReservationError as exc:
                left.append(typed)
                problems.append(f"{typed}: {error_text(exc)}")
            else:
                self.created.append((name, password))
        # The accounts made stay made; only the names that failed are left to fix.
        self.names_edit.setPlainText("\n".join(left))
        if problems:
            self.message.setText("\n".join(problems))
            return False
        return True

    def nextId(self) -> int:  # noqa: N802
        return FirstRunWizard.DONE


class DonePage(_Page):
    """The end of the create path, with the operators' one-time passwords when any were made."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("donePage")
        self.setTitle(self.tr("The vault is ready"))
        self.setSubTitle(
            self.tr(
                "Press Finish to start working as the supervisor. Everything skipped here can "
                "be done later from the window."
            )
        )
        self.setFinalPage(True)
        self.passwords_intro = _intro(
            self.tr(
                "One-time passwords: give each person theirs in person, on paper; never by "
                "e-mail or chat. They choose their own at their first login. They are not "
                "shown again."
            )
        )
        self.passwords_intro.setObjectName("initialPasswordsIntro")
        self.list_label = QLabel()
        self.list_label.setObjectName("initialPasswordsLabel")
        self.list_label.setAccessibleName(self.tr("Accounts and their one-time passwords"))
        self.list_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSize(13)
        self.list_label.setFont(mono)
        layout = QVBoxLayout(self)
        layout.addWidget(self.passwords_intro)
        layout.addWidget(self.list_label)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        operators = self.first_run().page(FirstRunWizard.OPERATORS)
        assert isinstance(operators, OperatorsPage)
        width = max((len(name) for name, _ in operators.created), default=0)
        self.list_label.setText(
            "\n".join(f"{name.ljust(width)}   {password}" for name, password in operators.created)
        )
        self.passwords_intro.setVisible(bool(operators.created))
        self.list_label.setVisible(bool(operators.created))

    def nextId(self) -> int:  # noqa: N802
        return -1


class OpenPage(_Page):
    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.setObjectName("openPage")
        self.setTitle(self.tr("Open a vault file"))
        self.setSubTitle(
            self.tr(
                "Choose the vault's .db file; its .keys file must be next to it. You log in "
                "on the next window."
            )
        )
        self.setFinalPage(True)
        self._folder = db_path.parent
        self.path_edit = QLineEdit()
        _named(self.path_edit, "openVaultPathEdit", self.tr("Vault file"))
        self.path_edit.textChanged.connect(self.completeChanged)
        self.browse_button = QPushButton(self.tr("&Browse…"))
        _named(self.browse_button, "openVaultBrowseButton", self.tr("Choose the vault file"))
        self.browse_button.clicked.connect(self.browse)
        self.message = _message("openVaultMessage")
        form = QFormLayout()
        form.addRow(
            _buddy(self.tr("&Vault file"), self.path_edit),
            _path_row(self.path_edit, self.browse_button),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Open"))

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a vault"),
            str(self._folder),
            self.tr("Vault (*.db);;All files (*)"),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:  # noqa: N802
        path = Path(self.path_edit.text().strip()).expanduser()
        if not path.is_file():
            self.message.setText(self.tr("There is no file at that path."))
            return False
        self.first_run().open_path = path
        return True

    def nextId(self) -> int:  # noqa: N802
        return -1


class RestorePage(_Page):
    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.setObjectName("restorePage")
        self._db_path = db_path
        self.setTitle(self.tr("Restore a backup"))
        self.setSubTitle(
            self.tr(
                "The backup is copied to {path} and checked. Give the account and password of "
                "a supervisor in the backup: it must open the copy."
            ).format(path=db_path)
        )
        self.setFinalPage(True)
        self.folder_edit = QLineEdit()
        _named(self.folder_edit, "backupFolderEdit", self.tr("Backup folder"))
        self.folder_edit.setPlaceholderText(f"{BACKUP_PREFIX}YYYYMMDD-HHMM")
        self.browse_button = QPushButton(self.tr("&Browse…"))
        _named(self.browse_button, "backupBrowseButton", self.tr("Choose the backup folder"))
        self.browse_button.clicked.connect(self.browse)
        self.account_edit = QLineEdit()
        _named(self.account_edit, "restoreAccountEdit", self.tr("Account"))
        self.password_edit = QLineEdit()
        _named(self.password_edit, "restorePasswordEdit", self.tr("Password"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.folder_edit, self.account_edit, self.password_edit):
            edit.textChanged.connect(self.completeChanged)
        self.message = _message("restoreMessage")
        form = QFormLayout()
        form.addRow(
            _buddy(self.tr("Backup &folder"), self.folder_edit),
            _path_row(self.folder_edit, self.browse_button),
        )
        form.addRow(self.tr("&Account"), self.account_edit)
        form.addRow(self.tr("&Password"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Restore"))

    def browse(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self,
            self.tr("Choose the backup folder"),
            "",
            QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly,
        )
        if path:
            self.folder_edit.setText(path)

    def isComplete(self) -> bool:  # noqa: N802
        return all(
            edit.text().strip()
            for edit in (self.folder_edit, self.account_edit, self.password_edit)
        )

    def validatePage(self) -> bool:  # noqa: N802
        self.message.clear()
        account = self.account_edit.text().strip()
        folder = self._db_path.parent
        made_folder = not folder.exists()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            restore(
                Path(self.folder_edit.text().strip()).expanduser(),
                self._db_path,
                account,
                self.password_edit.text(),
                live_db=self._db_path,
            )
        except errors.ReservationError as exc:
            if made_folder:
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only when still empty: restore removed its copies
            self.password_edit.clear()
            self.message.setText(self._problem(exc))
            return False
        except OSError:
            self.message.setText(self.tr("The folder for the vault cannot be created."))
            return False
        self.password_edit.clear()
        wizard = self.first_run()
        wizard.open_path = self._db_path
        wizard.login_account = account
        return True

    def _problem(self, exc: errors.ReservationError) -> str:
        if isinstance(exc, errors.NotFound) and "backup" in exc.message:
            return self.tr(
                "No backup there: choose a resdesk-backup-… folder that holds vault.db and "
                "vault.db.keys."
            )
        if isinstance(exc, errors.IntegrityFailed):
            return self.tr("The backup is damaged; try an older backup.")
        if isinstance(exc, errors.NotPermitted):
            return self.tr(
                "Only a supervisor can restore a backup; the copy was removed again. Log in "
                "with a supervisor's account."
            )
        return error_text(exc)

    def nextId(self) -> int:  # noqa: N802
        return -1
