"""PNG screenshots of the window for ``docs/screenshots/``, in Japanese, on a throwaway demo.

    make screenshots          # installs Xvfb and fonts if needed, then runs this under xvfb-run

The demo vault is built in a temporary folder with a fixed seed and a fixed clock (Friday
16 Dec 2022, 09:30 JST, just before the seed's booking period), and new receipt numbers come
from a seeded generator, so the pictures change only when the screens do.  Each screen is a
function in ``SCREENS``; a screen whose module or widget is not there yet is skipped with a
note, and the others are still made.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from reservations.session import Session
    from reservations.vault import Vault
    from ui.booking_desk import BookingDesk

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "docs" / "screenshots"
SEED = 20221216
DEMO_RESERVATIONS = 600
WINDOW_SIZE = (1280, 800)
ACCOUNT = "operator"
# A caller the demo does not have, so the booking shows no duplicate warning.
CALLER = {
    "familyNameEdit": "青木",
    "givenNameEdit": "さくら",
    "familyKanaEdit": "あおき",
    "givenKanaEdit": "さくら",
    "phoneEdit": "090-2468-1357",
}
SEARCH_TEXT = "ヤマダ"


class Skip(Exception):
    """This screen cannot be made yet (its module or widget is missing)."""


# The first day of the demo's slots at its busiest center.
ROSTER_CENTER = "四谷地域センター"
ROSTER_DAY = dt.date(2022, 12, 19)


def fixed_clock() -> dt.datetime:
    from reservations.domain import JST

    return dt.datetime(2022, 12, 16, 9, 30, tzinfo=JST)


@dataclass
class Studio:
    """The application, the demo vault and where the pictures go."""

    app: QApplication
    db_path: Path
    work_dir: Path
    out_dir: Path
    made: list[Path]

    def settle(self, ms: int = 100) -> None:
        """Let timers, layouts and repaints run for ``ms`` milliseconds."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        self.app.processEvents()

    def save(self, widget: QWidget, name: str) -> Path:
        if widget.isWindow() and widget.objectName() == "mainWindow":
            # Layout changes (a panel shown) may have grown the window: back to the fixed size.
            widget.resize(*WINDOW_SIZE)
        self.settle()
        if widget.objectName() == "mainWindow" and (widget.width(), widget.height()) != WINDOW_SIZE:
            print(
                f"  note: {name}: the window needs {widget.width()}×{widget.height()}, more "
                f"than {WINDOW_SIZE[0]}×{WINDOW_SIZE[1]} (its minimum size)"
            )
        pixmap = widget.grab()
        if pixmap.isNull():
            raise RuntimeError(f"grabbing {name} gave an empty picture")
        path = self.out_dir / f"{name}.png"
        if not pixmap.save(str(path), "PNG"):
            raise RuntimeError(f"cannot write {path}")
        self.made.append(path)
        print(f"  wrote {path.relative_to(ROOT)} ({pixmap.width()}×{pixmap.height()})")
        return path

    @contextmanager
    def session(self, account: str = ACCOUNT) -> Iterator[tuple[Vault, Session]]:
        from reservations.demo import DEMO_ACCOUNTS
        from reservations.session import open_session

        vault, session = open_session(
            self.db_path, account, DEMO_ACCOUNTS[account][1], clock=fixed_clock
        )
        try:
            yield vault, session
        finally:
            vault.close()

    def main_window(self, vault: Vault, session: Session) -> QWidget:
        from PySide6.QtCore import QSettings

        try:
            from ui.main_window import MainWindow
        except ImportError as exc:
            raise Skip(f"ui/main_window.py cannot be imported yet ({exc})") from exc
        settings = QSettings(str(self.work_dir / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(vault, session, settings)
        window.resize(*WINDOW_SIZE)
        window.show()
        self.settle(300)
        return window


def _child(parent: QWidget, kind: type, name: str) -> QWidget:
    found = parent.findChild(kind, name)
    if found is None:
        raise Skip(f"no {kind.__name__} named {name!r} in {type(parent).__name__}")
    assert isinstance(found, kind)
    return found


# -- the screens --------------------------------------------------------------------------------


def screen_recover(studio: Studio) -> None:
    """The login screen's recovery-sheet entry, with a group mistyped and named."""
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    from ui.recover import RecoverWithSheetDialog

    dialog = RecoverWithSheetDialog(studio.db_path, "supervisor")
    editor = _child(dialog, QPlainTextEdit, "recoverySheetEdit")
    assert isinstance(editor, QPlainTextEdit)
    # A made-up key (not the demo's), its second group mistyped on purpose.
    editor.setPlainText(
        "0001E 12034 0405A 06070\n08094 0A0BA 0C0D0 0E0F6\n"
        "1011B 12131 14157 1617D\n18191 1A1B7 1C1DD 1E1F3"
    )
    for name in ("recoverPasswordEdit", "recoverRepeatEdit"):
        field = _child(dialog, QLineEdit, name)
        assert isinstance(field, QLineEdit)
        field.setText("kanri-recovered-2022")
    dialog.recover()
    dialog.show()
    studio.save(dialog, "recover_with_sheet")
    dialog.close()


def screen_login(studio: Studio) -> None:
    """The login dialog, account filled in, waiting for the password."""
    try:
        from ui.login import LoginDialog
    except ImportError:
        try:
            from ui.app import LoginDialog
        except ImportError as exc:
            raise Skip(f"no LoginDialog in ui.login or ui.app ({exc})") from exc
    dialog = LoginDialog(studio.db_path)
    from PySide6.QtWidgets import QLineEdit

    account = _child(dialog, QLineEdit, "accountEdit")
    assert isinstance(account, QLineEdit)
    account.setText(ACCOUNT)
    _child(dialog, QLineEdit, "passwordEdit").setFocus()
    dialog.show()
    studio.save(dialog, "login")
    dialog.close()


def _fill_booking_desk(studio: Studio, window: QWidget) -> BookingDesk:
    """Booking tab, the first bookable slot of the picker's day chosen, the caller typed."""
    from PySide6.QtWidgets import QLineEdit, QTabWidget

    try:
        from ui.booking_desk import BookingDesk
    except ImportError as exc:
        raise Skip(f"ui/booking_desk.py cannot be imported yet ({exc})") from exc
    desk = window.findChild(BookingDesk)
    if desk is None:
        raise Skip("the main window has no BookingDesk")
    tabs = window.findChild(QTabWidget)
    if tabs is not None:
        tabs.setCurrentWidget(desk)
    picker = desk.picker
    model = picker.slot_model
    for row in range(model.rowCount()):
        slot = model.slot_at(row)
        if slot is not None and model.bookable(slot) and slot.available < slot.capacity:
            picker.select_slot(slot.id)
            break
    else:
        for row in range(model.rowCount()):
            slot = model.slot_at(row)
            if slot is not None and picker.select_slot(slot.id):
                break
    for name, text in CALLER.items():
        edit = _child(desk, QLineEdit, name)
        assert isinstance(edit, QLineEdit)
        edit.setText(text)
    studio.settle(600)  # the duplicate check waits for a pause in the typing
    return desk


def screen_booking(studio: Studio) -> None:
    """The booking desk during a call; then its confirmation and the result panel."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    with studio.session() as (vault, session):
        window = studio.main_window(vault, session)
        desk = _fill_booking_desk(studio, window)
        studio.save(window, "booking")

        # Book through the real confirmation: when it shows, picture it and press Yes.
        attempts = [0]

        def answer() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                attempts[0] += 1
                if attempts[0] < 100:
                    QTimer.singleShot(50, answer)
                return
            studio.save(box, "booking_confirm")
            yes = box.button(QMessageBox.StandardButton.Yes)
            (yes or box.defaultButton()).click()

        QTimer.singleShot(50, answer)
        booked = desk.book()
        if booked is None:
            raise RuntimeError(f"the booking desk did not book: {desk.message.text()!r}")
        studio.save(window, "booking_result")
        window.close()


def screen_search(studio: Studio) -> None:
    """The search tab with results for a common name, the first one opened."""
    from PySide6.QtWidgets import QLineEdit, QTabWidget

    try:
        from ui.search_panel import SearchPanel
    except ImportError as exc:
        raise Skip(f"ui/search_panel.py cannot be imported yet ({exc})") from exc
    with studio.session() as (vault, session):
        window = studio.main_window(vault, session)
        panel = window.findChild(SearchPanel)
        if panel is None:
            raise Skip("the main window has no SearchPanel")
        tabs = window.findChild(QTabWidget)
        if tabs is not None:
            tabs.setCurrentWidget(panel)
        edit = _child(panel, QLineEdit, "searchEdit")
        assert isinstance(edit, QLineEdit)
        edit.setText(SEARCH_TEXT)
        panel.search_now()
        if panel.model.rowCount() > 0:
            panel.result_table.setFocus()
            panel.result_table.selectRow(0)
        studio.save(window, "search")
        window.close()


def screen_verification(studio: Studio) -> None:
    """The verification line on the demo's first day: a valid number, a misheard one, and a
    visitor without a number found by kana."""
    from reservations.booking import BookingService, SearchInput
    from reservations.demo import DEMO_ACCOUNTS
    from reservations.domain import JST
    from reservations.receipt import damm_is_valid
    from reservations.session import open_session

    try:
        from ui.verification_panel import VerificationPanel
    except ImportError as exc:
        raise Skip(f"ui/verification_panel.py cannot be imported yet ({exc})") from exc

    def on_the_day() -> dt.datetime:
        return dt.datetime.combine(ROSTER_DAY, dt.time(10, 5), tzinfo=JST)

    vault, session = open_session(
        studio.db_path, ACCOUNT, DEMO_ACCOUNTS[ACCOUNT][1], clock=on_the_day
    )
    try:
        found = BookingService(session).find(
            SearchInput(center=ROSTER_CENTER, date=ROSTER_DAY, status="booked", limit=5)
        )
        if not found:
            raise Skip("the demo has no booking on the roster day")
        visitor = found[0]
        window = studio.main_window(vault, session)
        panel = window.findChild(VerificationPanel)
        if panel is None:
            raise Skip("the main window has no VerificationPanel")
        window.show_tab(2)  # type: ignore[attr-defined]
        panel.select_center(1)
        panel.receipt_edit.setText(visitor.receipt_display)
        panel.check_receipt()
        studio.save(window, "verification_valid")
        digits = visitor.receipt
        misheard = next(
            digits[:5] + d + digits[6:]
            for d in "0123456789"
            if not damm_is_valid(digits[:5] + d + digits[6:])
        )
        panel.receipt_edit.setText(f"{misheard[:4]}-{misheard[4:]}")
        panel.check_receipt()
        studio.save(window, "verification_misheard")
        panel.receipt_edit.clear()
        panel.lost_group.setChecked(True)
        panel.lost_kana.setText((visitor.family_kana or "")[:2])
        panel.search_lost()
        studio.save(window, "verification_lost")
        window.close()
    finally:
        vault.close()


def screen_roster(studio: Studio) -> None:
    """Page 1 of a day roster (numbers only), rendered from the PDF with pdftoppm."""
    import subprocess

    from reservations.roster import RosterService

    if shutil.which("pdftoppm") is None:
        raise Skip("pdftoppm is missing (Debian poppler-utils)")
    with studio.session() as (_vault, session):
        service = RosterService(session)
        roster = service.day_roster(ROSTER_CENTER, ROSTER_DAY)
        pdf = studio.work_dir / "roster.pdf"
        service.write_pdf(roster, pdf, overwrite=True)
    stem = studio.work_dir / "roster-page"
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    target = studio.out_dir / "roster.png"
    shutil.copyfile(stem.with_suffix(".png"), target)
    studio.made.append(target)
    print(f"  wrote {target.relative_to(ROOT)} (page 1 of the PDF)")


def screen_locked(studio: Studio) -> None:
    """The main window locked in the middle of a call: nothing but the lock page shows."""
    with studio.session() as (vault, session):
        window = studio.main_window(vault, session)
        _fill_booking_desk(studio, window)
        lock = getattr(window, "lock", None)
        if lock is None:
            raise Skip("the main window cannot lock yet")
        lock()
        studio.save(window, "locked")
        window.close()


# Accounts the accounts screen adds, so its table shows every state (names are fictitious).
NEW_ACCOUNTS = (("suzuki", "operator"), ("tanaka", "operator"))
NEW_ACCOUNT_PASSWORD = "shoki-pasuwado-2022"


def screen_accounts(studio: Studio) -> None:
    """The supervisor's accounts tab: two accounts added (one waiting for its first login),
    one of them just disabled, with the panel's message."""
    from reservations.accounts import AccountService
    from reservations.domain import Role
    from reservations.keyslots import TEST_KDF

    try:
        from ui.accounts_panel import AccountsPanel
    except ImportError as exc:
        raise Skip(f"ui/accounts_panel.py cannot be imported yet ({exc})") from exc
    with studio.session("supervisor") as (vault, session):
        service = AccountService(session, vault, kdf=TEST_KDF)
        existing = {info.name for info in service.list()}
        for name, role in NEW_ACCOUNTS:
            if name not in existing:
                service.add(name, Role(role), NEW_ACCOUNT_PASSWORD)
        window = studio.main_window(vault, session)
        panel = window.findChild(AccountsPanel)
        if panel is None:
            raise Skip("the supervisor's main window has no AccountsPanel")
        window.show_tab(5)  # type: ignore[attr-defined]
        panel.refresh()
        if panel.select_account(NEW_ACCOUNTS[1][0]):
            panel.disable()
        studio.save(window, "accounts")
        window.close()


def screen_audit(studio: Studio) -> None:
    """The audit log tab as a supervisor: everyone's entries, newest first, with export."""
    from PySide6.QtCore import QDate

    try:
        from ui.audit_viewer import AuditViewer
    except ImportError as exc:
        raise Skip(f"ui/audit_viewer.py cannot be imported yet ({exc})") from exc
    with studio.session("supervisor") as (vault, session):
        window = studio.main_window(vault, session)
        viewer = window.findChild(AuditViewer)
        if viewer is None:
            raise Skip("the main window has no AuditViewer")
        window.show_tab(4)  # type: ignore[attr-defined]
        # The (unused) date filter starts at today's real date: fix it, for a stable picture.
        day = fixed_clock().date()
        viewer.from_date.setDate(QDate(day.year, day.month, day.day).addDays(-7))
        viewer.to_date.setDate(QDate(day.year, day.month, day.day))
        viewer.apply_filters()
        if viewer.model.rowCount() == 0:
            raise RuntimeError("the audit viewer shows no entries")
        studio.save(window, "audit")
        window.close()


def screen_contract(studio: Studio) -> None:
    """The supervisor's contract-and-copies tab: contract facts, a backup, the register."""
    from reservations.backup import BackupService
    from reservations.contract import Contract, ContractService
    from reservations.roster import RosterService

    try:
        from ui.contract_panel import ContractPanel
    except ImportError as exc:
        raise Skip(f"ui/contract_panel.py cannot be imported yet ({exc})") from exc
    with studio.session("supervisor") as (vault, session):
        ContractService(session).set(
            Contract(
                contractor="株式会社サンプル・コールセンター",
                client="新宿区",
                start=dt.date(2022, 11, 1),
                end=dt.date(2023, 3, 31),
                retention_end=dt.date(2023, 4, 28),
            )
        )
        roster = RosterService(session)
        roster_file = studio.work_dir / "roster-contract.pdf"
        if not roster_file.exists():
            roster.write_pdf(roster.day_roster(ROSTER_CENTER, ROSTER_DAY), roster_file)
        usb = studio.work_dir / "usb"
        usb.mkdir(exist_ok=True)
        if not any(usb.iterdir()):
            BackupService(session, vault).backup(usb)
        window = studio.main_window(vault, session)
        panel = window.findChild(ContractPanel)
        if panel is None:
            raise Skip("the supervisor's main window has no ContractPanel")
        window.show_contract_tab()  # type: ignore[attr-defined]
        panel.refresh()
        panel.register_table.selectRow(0)
        studio.save(window, "contract")
        window.close()


PLANNING_CENTER = "四谷地域センター"


def screen_slot_planning(studio: Studio) -> None:
    """Slot planning: a generation preview over the New Year (year-end closure, 元日 and
    成人の日 skipped), then a day closed with its call-back list."""
    from PySide6.QtCore import QDate, QTime

    try:
        from ui.slot_planning import SlotPlanningPanel
    except ImportError as exc:
        raise Skip(f"ui/slot_planning.py cannot be imported yet ({exc})") from exc
    with studio.session("supervisor") as (vault, session):
        window = studio.main_window(vault, session)
        panel = window.findChild(SlotPlanningPanel)
        if panel is None:
            raise Skip("the supervisor's main window has no SlotPlanningPanel")
        window.tabs.setCurrentWidget(panel)  # type: ignore[attr-defined]
        panel.select_center(PLANNING_CENTER)
        panel.tabs.setCurrentIndex(0)
        # The next New Year, after the demo's own slots: the year-end closure, 元日 and
        # 成人の日 (2024-01-08) are left out.
        panel.from_date.setDate(QDate(2023, 12, 25))
        panel.to_date.setDate(QDate(2024, 1, 12))
        panel.start_time.setTime(QTime(10, 0))
        panel.end_time.setTime(QTime(16, 0))
        panel.every_spin.setValue(30)
        panel.capacity_spin.setValue(4)
        if panel.preview() is None:
            raise RuntimeError("the generation preview failed")
        studio.save(window, "slot_planning")

        panel.tabs.setCurrentIndex(1)
        panel.set_day(ROSTER_DAY)
        panel.reload_day()
        panel.reason_edit.setText("館内の設備点検のため")
        panel._confirm = lambda text: True  # type: ignore[method-assign]  # noqa: SLF001
        if panel.close_slots(whole_day=True) is None:
            raise RuntimeError("closing the day failed")
        studio.save(window, "slot_planning_closed")
        window.close()


def screen_callbacks(studio: Studio) -> None:
    """The operators' call-back list after the day above was closed."""
    try:
        from ui.callbacks import CallbackPanel
    except ImportError as exc:
        raise Skip(f"ui/callbacks.py cannot be imported yet ({exc})") from exc
    with studio.session(ACCOUNT) as (vault, session):
        window = studio.main_window(vault, session)
        panel = window.findChild(CallbackPanel)
        if panel is None:
            raise Skip("the main window has no CallbackPanel")
        window.tabs.setCurrentWidget(panel)  # type: ignore[attr-defined]
        studio.settle(200)
        studio.save(window, "callbacks")
        window.close()


def _after_the_first_days() -> dt.datetime:
    from reservations.domain import JST

    return dt.datetime(2022, 12, 22, 18, 0, tzinfo=JST)


def screen_dashboard(studio: Studio) -> None:
    """Statistics a week into the period: the first days attended or not, the rest to come."""
    from reservations.booking import BookingService
    from reservations.demo import DEMO_ACCOUNTS
    from reservations.domain import Status
    from reservations.session import open_session
    from reservations.store import SearchQuery
    from reservations.verification import VerificationService

    try:
        from ui.dashboard import DashboardPanel
    except ImportError as exc:
        raise Skip(f"ui/dashboard.py cannot be imported yet ({exc})") from exc
    vault, session = open_session(
        studio.db_path, "supervisor", DEMO_ACCOUNTS["supervisor"][1], clock=_after_the_first_days
    )
    try:
        booking = BookingService(session)
        verification = VerificationService(session)
        rng = random.Random(SEED)
        with session.store.unit_of_work(write=False) as uow:
            centers = uow.list_centers()
        for day in (ROSTER_DAY + dt.timedelta(days=n) for n in range(3)):
            for center in centers:
                with session.store.unit_of_work(write=False) as uow:
                    rows = uow.search(
                        SearchQuery(center_id=center.id, date=day, status=Status.BOOKED, limit=500)
                    )
                for r in rows:
                    if rng.random() < 0.85:
                        booking.attend(r.receipt)
                verification.mark_remaining_no_show(center.id, day)
        window = studio.main_window(vault, session)
        panel = window.findChild(DashboardPanel)
        if panel is None:
            raise Skip("the supervisor's main window has no DashboardPanel")
        window.tabs.setCurrentWidget(panel)  # type: ignore[attr-defined]
        panel.set_period(ROSTER_DAY, ROSTER_DAY + dt.timedelta(days=20))
        studio.save(window, "dashboard")
        window.close()
    finally:
        vault.close()


def screen_person_request(studio: Studio) -> None:
    """A resident's request, opened from the search pane by a supervisor."""
    from PySide6.QtWidgets import QApplication

    from reservations.store import SearchQuery

    try:
        from ui.person_requests import PersonRequestsDialog
    except ImportError as exc:
        raise Skip(f"ui/person_requests.py cannot be imported yet ({exc})") from exc
    with studio.session("supervisor") as (vault, session):
        with session.store.unit_of_work(write=False) as uow:
            [first] = uow.search(SearchQuery(kana_prefix="ヤマダ", limit=1))
        window = studio.main_window(vault, session)
        dialog = PersonRequestsDialog(session, first.receipt_display, window)
        dialog.show()
        QApplication.processEvents()
        studio.save(dialog, "person_request")
        dialog.close()
        window.close()


def screen_first_run(studio: Studio) -> None:
    """The first-run wizard on a PC with no vault: the choice, the recovery sheet (a fixed
    key, so the picture does not change), the contract, the slot pattern and the end with
    the operators' one-time passwords."""
    from unittest import mock

    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QCheckBox, QWizard

    try:
        import ui.first_run as first_run
    except ImportError as exc:
        raise Skip(f"ui/first_run.py cannot be imported yet ({exc})") from exc
    from reservations.keyslots import TEST_KDF

    folder = studio.work_dir / "first-run"
    wizard = first_run.FirstRunWizard(folder / "vault.db", kdf=TEST_KDF)
    wizard.resize(760, 600)
    wizard.show()
    studio.save(wizard, "first_run_choose")
    wizard.next()
    page = wizard.currentPage()
    assert isinstance(page, first_run.SupervisorPage)
    page.form.account_edit.setText("chief")
    page.form.password_edit.setText("screenshot-password-2022")
    page.form.repeat_edit.setText("screenshot-password-2022")
    fixed_key = bytearray(range(0x10, 0x30))
    studio.save(wizard, "first_run_supervisor")
    with mock.patch("reservations.keyslots.generate_data_key", return_value=fixed_key):
        wizard.next()
    confirmed = _child(wizard, QCheckBox, "recoveryConfirmed")
    assert isinstance(confirmed, QCheckBox)
    confirmed.setChecked(True)
    studio.save(wizard, "first_run_recovery")
    wizard.next()
    contract = wizard.currentPage()
    assert isinstance(contract, first_run.ContractPage)
    contract.contractor_edit.setText("株式会社コールセンター")
    contract.client_edit.setText("新宿区")
    contract.start_edit.setDate(QDate(2022, 12, 1))
    contract.end_edit.setDate(QDate(2023, 3, 31))
    contract.retention_edit.setDate(QDate(2023, 4, 30))
    studio.save(wizard, "first_run_contract")
    wizard.skip()  # saved with the real clock otherwise; the picture is what matters
    slots = wizard.currentPage()
    assert isinstance(slots, first_run.SlotsPage)
    slots.centers_edit.setPlainText("四谷地域センター\n大久保地域センター\n戸塚地域センター")
    slots.first_edit.setDate(QDate(2022, 12, 19))
    slots.last_edit.setDate(QDate(2023, 3, 31))
    studio.save(wizard, "first_run_slots")
    wizard.skip()
    operators = wizard.currentPage()
    assert isinstance(operators, first_run.OperatorsPage)
    operators.names_edit.setPlainText("sato.k\nsuzuki.m\ntakahashi.y")
    studio.save(wizard, "first_run_operators")
    passwords = iter(["k7qm-x2fa-p9td", "r4hw-m8ce-t2nb", "v6js-b3gk-y7pa"])
    with mock.patch.object(first_run, "initial_password", lambda _name: next(passwords)):
        wizard.next()
    studio.save(wizard, "first_run_done")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    if wizard.vault is not None:
        wizard.vault.close()


SCREENS: dict[str, Callable[[Studio], None]] = {
    "first_run": screen_first_run,
    "login": screen_login,
    "recover": screen_recover,
    "booking": screen_booking,
    "search": screen_search,
    "verification": screen_verification,
    "roster": screen_roster,
    "locked": screen_locked,
    # Last: they log in as the supervisor and add accounts to the demo vault.
    "accounts": screen_accounts,
    "audit": screen_audit,
    "contract": screen_contract,
    "slot_planning": screen_slot_planning,
    "callbacks": screen_callbacks,
    "person_request": screen_person_request,
    # Last: it moves the clock on and marks the first days attended.
    "dashboard": screen_dashboard,
}


# -- setting up ----------------------------------------------------------------------------------


def _seeded_receipts(seed: int) -> None:
    """New bookings get receipt numbers from a seeded generator (the picture stays the same)."""
    from reservations import booking
    from reservations.receipt import PAYLOAD_SPACE, receipt_from_payload

    rng = random.Random(seed)
    booking.new_receipt_number = lambda: receipt_from_payload(rng.randrange(PAYLOAD_SPACE))


def _application(work_dir: Path) -> QApplication:
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install_translator

    # Settings of a first start (no saved geometry, the default language), not the user's.
    os.environ["XDG_CONFIG_HOME"] = str(work_dir / "config")
    os.environ.setdefault("QT_FONT_DPI", "96")
    app = QApplication([sys.argv[0]])
    app.setOrganizationName("ReservationDeskScreenshots")
    app.setApplicationName("resdesk-screenshots")
    if install_translator(app, "ja") is None:
        print("note: no Japanese catalogue (run `make translations`); screens are in English")
    try:
        from ui.app import choose_ui_font
    except ImportError:
        print("note: ui.app.choose_ui_font is missing; Qt's default font is used")
    else:
        family = choose_ui_font(app)
        print(f"font: {family or 'no Japanese UI font found (install fonts-noto-cjk)'}")
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/screenshots.py", description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder (%(default)s)")
    parser.add_argument("--only", help=f"comma-separated screens of: {', '.join(SCREENS)}")
    parser.add_argument(
        "--offscreen",
        action="store_true",
        help="use Qt's offscreen platform instead of an X display (for a quick look)",
    )
    args = parser.parse_args(argv)
    if args.offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "xcb"
    else:
        print("No X display: run `make screenshots` (Xvfb), or pass --offscreen.", file=sys.stderr)
        return 2
    wanted = list(SCREENS) if not args.only else [s.strip() for s in args.only.split(",")]
    unknown = [name for name in wanted if name not in SCREENS]
    if unknown:
        print(f"unknown screen(s): {', '.join(unknown)}", file=sys.stderr)
        return 2

    from reservations.demo import build_demo
    from reservations.keyslots import TEST_KDF

    args.out.mkdir(parents=True, exist_ok=True)
    failures = 0
    # A fixed folder name: the status bar shows the vault's path, and the pictures should not
    # change from run to run.
    work_dir = Path(tempfile.gettempdir()) / "resdesk-screenshots"
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    try:
        db_path = work_dir / "demo-vault.db"
        build_demo(
            db_path, reservations=DEMO_RESERVATIONS, seed=SEED, kdf=TEST_KDF, clock=fixed_clock
        )
        _seeded_receipts(SEED)
        studio = Studio(_application(work_dir), db_path, work_dir, args.out.resolve(), [])
        for name in wanted:
            print(f"{name}:")
            try:
                SCREENS[name](studio)
            except Skip as exc:
                print(f"  skipped: {exc}")
            except Exception:  # noqa: BLE001 - report every screen, then fail
                failures += 1
                traceback.print_exc()
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    print(f"{len(studio.made)} screenshot(s) in {args.out}; {failures} failed.")
    return 1 if failures else 0


if __name__ == "__main__":
    if __package__ in (None, ""):
        sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
