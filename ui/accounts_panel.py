"""The supervisor's account screen: who may log in, in which role, and in which state.

Everything goes through ``AccountService``; this screen holds no rule of its own (the last
active supervisor, names, passwords: the service says no, and the screen shows why).  Dialogs
check a typed name and password with the core's own checks before anything is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reservations import errors
from reservations.accounts import AccountInfo, AccountService, normalize_account_name
from reservations.domain import Role
from reservations.keyslots import DEFAULT_KDF, KdfParams
from reservations.passwords import MIN_PASSWORD_LENGTH, check_new_password
from reservations.session import Session
from reservations.vault import Vault
from ui.dialogs import ask_yes_no
from ui.i18n import error_text
from ui.models import ItemTableModel, ObjectRole

Index = QModelIndex | QPersistentModelIndex

_ERROR_STYLE = "color: #b00020;"
_GREY = QBrush(QColor("#888888"))


def _role_text(role: Role) -> str:
    if role is Role.SUPERVISOR:
        return QCoreApplication.translate("AccountsPanel", "supervisor")
    return QCoreApplication.translate("AccountsPanel", "operator")


class AccountTableModel(ItemTableModel[AccountInfo]):
    """Accounts by name: name, role, state (active, disabled, must change password, removed)."""

    NAME, ROLE, STATE = range(3)

    def set_accounts(self, accounts: list[AccountInfo]) -> None:
        self.set_items(accounts)

    def account_at(self, row: int) -> AccountInfo | None:
        return self.item_at(row)

    def row_of(self, name: str) -> int:
        for row, info in enumerate(self.items()):
            if info.name == name:
                return row
        return -1

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Account"), self.tr("Role"), self.tr("State"))

    def state_text(self, info: AccountInfo) -> str:
        if info.removed:
            return self.tr("Removed")
        if info.disabled:
            return self.tr("Disabled")
        if info.must_change_password:
            return self.tr("Must change password")
        return self.tr("Active")

    def display_of(self, item: AccountInfo) -> tuple[str, ...]:
        return (item.name, _role_text(item.role), self.state_text(item))

    def extra_data(self, item: AccountInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and (item.removed or item.disabled):
            return _GREY
        return None


def _password_edit(name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(_ERROR_STYLE)
    return label


def _fit(dialog: QDialog) -> None:
    """Grow the dialog when an error appears, so no wrapped line is cut off."""
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    dialog.resize(dialog.width(), max(dialog.height(), dialog.sizeHint().height()))


class _PasswordFields(QWidget):
    """A new one-time password typed twice, the rule shown, and an error label beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.password_edit = _password_edit("initialPasswordEdit", self.tr("One-time password"))
        self.repeat_edit = _password_edit(
            "repeatInitialPasswordEdit", self.tr("Repeat the one-time password")
        )
        self.rule = QLabel(
            self.tr(
                "At least {length} characters (a few words are easy to remember); not the "
                "account name, not a common password."
            ).format(length=MIN_PASSWORD_LENGTH)
        )
        self.rule.setObjectName("passwordRule")
        self.rule.setWordWrap(True)
        self.error = _error_label("passwordError")

    def add_to(self, form: QFormLayout) -> None:
        form.addRow(self.tr("One-time &password"), self.password_edit)
        form.addRow(self.tr("&Repeat it"), self.repeat_edit)
        form.addRow("", self.rule)
        form.addRow("", self.error)

    def check(self, account: str) -> bool:
        """Show why the password cannot be used, or return True."""
        self.error.clear()
        password = self.password_edit.text()
        if password != self.repeat_edit.text():
            self.error.setText(self.tr("The two passwords differ."))
        else:
            try:
                check_new_password(account, password)
            except errors.InvalidInput as exc:
                self.error.setText(self._problem(exc))
            else:
                return True
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return False

    def _problem(self, exc: errors.InvalidInput) -> str:
        # The core's sentences are English; say them in the window's language.
        if "short" in exc.message:
            return self.tr("Too short: use at least {length} characters.").format(
                length=MIN_PASSWORD_LENGTH
            )
        if "long" in exc.message:
            return self.tr("Too long.")
        if "account name" in exc.message:
            return self.tr("The password must not be the account name.")
        return self.tr("This password is too common; choose another one.")


def _ok_cancel(dialog: QDialog, accept: Callable[[], None]) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.setObjectName("dialogButtons")
    buttons.accepted.connect(accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NewAccountDialog(QDialog):
    """Name, role and a one-time initial password typed twice; errors beside the fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newAccountDialog")
        self.setWindowTitle(self.tr("Add account"))
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("newAccountNameEdit")
        self.name_edit.setAccessibleName(self.tr("Account name"))
        self.name_error = _error_label("newAccountNameError")
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("newAccountRoleCombo")
        self.role_combo.setAccessibleName(self.tr("Role"))
        for role in (Role.OPERATOR, Role.SUPERVISOR):
            self.role_combo.addItem(_role_text(role), role.value)
        self.password = _PasswordFields(self)
        form = QFormLayout()
        form.addRow(self.tr("Account &name"), self.name_edit)
        form.addRow("", self.name_error)
        form.addRow(self.tr("R&ole"), self.role_combo)
        self.password.add_to(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_ok_cancel(self, self.check_and_accept))
        self.setMinimumWidth(480)

    def check_and_accept(self) -> None:
        self.name_error.clear()
        try:
            name = normalize_account_name(self.name_edit.text())
        except errors.InvalidInput as exc:
            if "empty" in exc.message:
                self.name_error.setText(self.tr("Required."))
            elif "long" in exc.message:
                self.name_error.setText(self.tr("Too long."))
            else:
                self.name_error.setText(
                    self.tr("Account names may hold letters, digits, '.', '_' and '-'.")
                )
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            _fit(self)
            return
        if self.password.check(name):
            self.accept()
        else:
            _fit(self)

    def values(self) -> tuple[str, Role, str]:
        role = Role(self.role_combo.currentData())
        return self.name_edit.text(), role, self.password.password_edit.text()


class PasswordDialog(QDialog):
    """A new one-time password for ``account``, typed twice."""

    def __init__(self, title: str, account: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resetPasswordDialog")
        self.setWindowTitle(title)
        self._account = account
        intro = QLabel(
            self.tr(
                "{account} must change this password at the next login. The account's old "
                "key slot is replaced."
            ).format(account=account)
        )
        intro.setWordWrap(True)
        self.password = _PasswordFields(self)
        form = QFormLayout()
        self.password.add_to(form)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(_ok_cancel(self, self.check_and_accept))
        self.setMinimumWidth(480)

    def check_and_accept(self) -> None:
        if self.password.check(self._account):
            self.accept()
        else:
            _fit(self)

    def value(self) -> str:
        return self.password.password_edit.text()


class RoleDialog(QDialog):
    """The new role of one account."""

    def __init__(self, info: AccountInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changeRoleDialog")
        self.setWindowTitle(self.tr("Change role"))
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("changeRoleCombo")
        self.role_combo.setAccessibleName(
            self.tr("New role of {account}").format(account=info.name)
        )
        for role in (Role.OPERATOR, Role.SUPERVISOR):
            self.role_combo.addItem(_role_text(role), role.value)
        self.role_combo.setCurrentIndex(self.role_combo.findData(info.role.value))
        form = QFormLayout()
        form.addRow(self.tr("Role of {account}").format(account=info.name), self.role_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_ok_cancel(self, self.accept))

    def role(self) -> Role:
        return Role(self.role_combo.currentData())


class AccountsPanel(QWidget):
    """The accounts table and the supervisor's actions on the selected account.

    Errors (such as "the last active supervisor") appear in ``accountsMessage``, never in a
    modal box; every action reloads the table from the service.
    """

    def __init__(
        self,
        session: Session,
        vault: Vault,
        parent: QWidget | None = None,
        *,
        kdf: KdfParams = DEFAULT_KDF,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accountsPanel")
        self._session = session
        self._service = AccountService(session, vault, kdf=kdf)

        self.model = AccountTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("accountsTable")
        self.table.setAccessibleName(self.tr("Accounts"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.add_button = self._button(
            "addAccountButton", self.tr("Add accou&nt…"), self.tr("Add an account"), self.add
        )
        self.reset_button = self._button(
            "resetPasswordButton",
            self.tr("&Reset password…"),
            self.tr("Reset the selected account's password"),
            self.reset_password,
        )
        self.disable_button = self._button(
            "disableAccountButton",
            self.tr("&Disable"),
            self.tr("Disable the selected account"),
            self.disable,
        )
        self.enable_button = self._button(
            "enableAccountButton",
            self.tr("&Enable"),
            self.tr("Enable the selected account"),
            self.enable,
        )
        self.remove_button = self._button(
            "removeAccountButton",
            self.tr("Re&move…"),
            self.tr("Remove the selected account"),
            self.remove,
        )
        self.role_button = self._button(
            "changeRoleButton",
            self.tr("Change r&ole…"),
            self.tr("Change the selected account's role"),
            self.change_role,
        )
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.reset_button,
            self.disable_button,
            self.enable_button,
            self.remove_button,
            self.role_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.message = QLabel()
        self.message.setObjectName("accountsMessage")
        self.message.setAccessibleName(self.tr("Accounts message"))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    def _button(
        self, name: str, text: str, accessible: str, slot: Callable[[], None]
    ) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- the table ---------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        """Reload the accounts; keep (or move to) the account named ``select``."""
        keep = select if select is not None else self._selected_name()
        try:
            accounts = self._service.list()
        except errors.ReservationError as exc:
            self._show_error(exc)
            accounts = []
        self.model.set_accounts(accounts)
        row = self.model.row_of(keep) if keep is not None else -1
        if row >= 0:
            self.select_account(keep or "")
        self._update_buttons()

    def select_account(self, name: str) -> bool:
        row = self.model.row_of(name)
        if row < 0:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def selected(self) -> AccountInfo | None:
        index = self.table.currentIndex()
        info = index.data(ObjectRole) if index.isValid() else None
        return info if isinstance(info, AccountInfo) else None

    def _selected_name(self) -> str | None:
        info = self.selected()
        return info.name if info is not None else None

    def _update_buttons(self) -> None:
        info = self.selected()
        live = info is not None and not info.removed
        own = info is not None and info.name == self._session.account.name
        self.reset_button.setEnabled(live and not own)
        self.disable_button.setEnabled(live and info is not None and not info.disabled)
        self.enable_button.setEnabled(live and info is not None and info.disabled)
        self.remove_button.setEnabled(live)
        self.role_button.setEnabled(live)

    # -- messages ----------------------------------------------------------------------------

    def _show_error(self, exc: errors.ReservationError) -> None:
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.setText(error_text(exc))

    def _show_info(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    def _run(self, action: Callable[[], object], done: str, select: str | None) -> bool:
        """Call the service; say ``done`` or the error; reload the table either way."""
        self.message.clear()
        try:
            action()
        except errors.ReservationError as exc:
            self._show_error(exc)
            self.refresh()
            return False
        self.refresh(select)
        self._show_info(done)
        return True

    # -- actions -----------------------------------------------------------------------------

    def add(self) -> None:
        answer = self._ask_new_account()
        if answer is None:
            return
        name, role, password = answer
        try:
            shown = normalize_account_name(name)
        except errors.InvalidInput:
            shown = name
        self._run(
            lambda: self._service.add(name, role, password),
            self.tr(
                "Account {account} added. Give the initial password to the person in person; "
                "they must change it at their first login."
            ).format(account=shown),
            shown,
        )

    def reset_password(self) -> None:
        info = self.selected()
        if info is None or info.removed:
            return
        password = self._ask_password(
            self.tr("New password for {account}").format(account=info.name), info.name
        )
        if password is None:
            return
        self._run(
            lambda: self._service.reset_password(info.name, password),
            self.tr(
                "New one-time password set for {account}. Give it to the person in person; "
                "they must change it at their next login."
            ).format(account=info.name),
            info.name,
        )

    def disable(self) -> None:
        info = self.selected()
        if info is None or info.removed:
            return
        self._run(
            lambda: self._service.disable(info.name),
            self.tr("{account} is disabled and cannot log in.").format(account=info.name),
            info.name,
        )

    def enable(self) -> None:
        info = self.selected()
        if info is None or info.removed:
            return
        self._run(
            lambda: self._service.enable(info.name),
            self.tr("{account} can log in again.").format(account=info.name),
            info.name,
        )

    def remove(self) -> None:
        info = self.selected()
        if info is None or info.removed:
            return
        if not self._confirm(
            self.tr(
                "Remove {account}? Its key slot is destroyed: the account can never log in "
                "again, and its name cannot be given to anyone else. The audit log keeps "
                "its entries."
            ).format(account=info.name)
        ):
            return
        self._run(
            lambda: self._service.remove(info.name),
            self.tr("{account} is removed; its key slot is destroyed.").format(account=info.name),
            info.name,
        )

    def change_role(self) -> None:
        info = self.selected()
        if info is None or info.removed:
            return
        role = self._ask_role(info)
        if role is None or role is info.role:
            return
        self._run(
            lambda: self._service.set_role(info.name, role),
            self.tr("{account} is now {role}.").format(account=info.name, role=_role_text(role)),
            info.name,
        )

    # -- dialogs (overridable, so tests need not run a modal loop) ---------------------------

    def _confirm(self, text: str) -> bool:
        return ask_yes_no(self, self.tr("Please confirm"), text, default_yes=False)

    def _ask_new_account(self) -> tuple[str, Role, str] | None:
        dialog = NewAccountDialog(self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()

    def _ask_password(self, title: str, account: str) -> str | None:
        dialog = PasswordDialog(title, account, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.value()
        finally:
            dialog.deleteLater()

    def _ask_role(self, info: AccountInfo) -> Role | None:
        dialog = RoleDialog(info, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.role()
        finally:
            dialog.deleteLater()
