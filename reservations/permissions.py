"""Who may do what: the one table of permissions per role, checked by every service call.

Checks live in the services, not in the screens, so the GUI and the CLI enforce the same rules.
"""

from __future__ import annotations

from enum import StrEnum

from reservations.domain import Account, Role
from reservations.errors import NotPermitted


class Permission(StrEnum):
    BOOK = "book"
    FIND = "find"
    MOVE = "move"
    CORRECT = "correct"
    CANCEL = "cancel"
    ATTEND = "attend"
    VERIFY = "verify visitors"
    LIST_SLOTS = "list slots"
    IMPORT_SLOTS = "import slots"
    MANAGE_ACCOUNTS = "manage accounts"
    MANAGE_SETTINGS = "change the vault's settings"
    LIST_ACCOUNTS = "list accounts"
    CHECK_INTEGRITY = "check integrity"
    PRINT_ROSTER = "print day rosters"
    VIEW_AUDIT = "view the audit log"
    EXPORT_AUDIT = "export the audit log"
    BACKUP = "make backups"
    RESTORE = "restore backups"
    PLAN_SLOTS = "plan slots and close days"
    CALL_BACK = "record call-back outcomes"
    VIEW_STATISTICS = "view statistics"
    PERSON_REQUESTS = "handle residents' disclosure, correction and deletion requests"
    MANAGE_REGISTER = "keep the register of copies"
    HANDOVER = "export the handover package"
    ERASE = "erase the vault"


_OPERATOR = frozenset(
    {
        Permission.BOOK,
        Permission.FIND,
        Permission.MOVE,
        Permission.CORRECT,
        Permission.CANCEL,
        Permission.ATTEND,
        Permission.VERIFY,
        Permission.LIST_SLOTS,
        Permission.CHECK_INTEGRITY,
        Permission.PRINT_ROSTER,
        Permission.VIEW_AUDIT,  # their own entries only (AuditService enforces it)
        Permission.CALL_BACK,
    }
)
_SUPERVISOR = _OPERATOR | {
    Permission.IMPORT_SLOTS,
    Permission.MANAGE_ACCOUNTS,
    Permission.MANAGE_SETTINGS,
    Permission.LIST_ACCOUNTS,
    Permission.EXPORT_AUDIT,
    Permission.BACKUP,
    Permission.RESTORE,
    Permission.PLAN_SLOTS,
    Permission.VIEW_STATISTICS,
    Permission.PERSON_REQUESTS,
    Permission.MANAGE_REGISTER,
    Permission.HANDOVER,
    Permission.ERASE,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OPERATOR: _OPERATOR,
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
}


def require(account: Account, permission: Permission) -> None:
    if permission not in ROLE_PERMISSIONS[account.role]:
        raise NotPermitted(
            f"The {account.role.value} role may not {permission.value}; ask a supervisor."
        )
