"""Issue 12, finding 5: an operator's refused commands left no trace, not even the login.

Mounted the way it was found: the operator runs supervisor-only commands with their own
password from a terminal.  Each is still refused (exit 6), and the audit trail, read by a
supervisor, now holds the operator's login and one "refused" entry naming what was asked,
in that order.
"""

from __future__ import annotations

from reservations.audit import AuditEntry
from reservations.errors import ExitCode
from reservations.permissions import Permission
from tests.conftest import OPERATOR, SUPERVISOR, TestVault, assert_fails, run_cli


def operator_entries(test_vault: TestVault) -> list[AuditEntry]:
    chief = test_vault.session(SUPERVISOR)
    with chief.store.unit_of_work(write=False) as uow:
        return [e for e in uow.audit_entries() if e.account == OPERATOR[0]]


def test_an_operators_refused_commands_are_audited_with_the_login(
    test_vault: TestVault,
) -> None:
    before = len(operator_entries(test_vault))
    env = test_vault.env(OPERATOR)
    assert_fails(run_cli(["account", "list"], env), ExitCode.NOT_PERMITTED, "operator")
    assert_fails(
        run_cli(["person", "show", "090-1234-5678"], env), ExitCode.NOT_PERMITTED, "operator"
    )

    entries = operator_entries(test_vault)[before:]
    assert [(e.action, e.target, e.result) for e in entries] == [
        ("login", OPERATOR[0], "ok"),
        ("refused", Permission.LIST_ACCOUNTS.value, "refused"),
        ("login", OPERATOR[0], "ok"),
        ("refused", Permission.PERSON_REQUESTS.value, "refused"),
    ]
    # Nothing the operator typed (the phone number asked about) is in the trail.
    assert not any("5678" in f"{e.target} {e.result}" for e in entries)


def test_failed_logins_before_a_refusal_are_in_the_trail_too(test_vault: TestVault) -> None:
    wrong = dict(test_vault.env(OPERATOR), RESDESK_PASSWORD="not-the-password-2022")
    assert_fails(run_cli(["account", "list"], wrong), ExitCode.AUTHENTICATION)
    before = len(operator_entries(test_vault))
    env = test_vault.env(OPERATOR)
    assert_fails(run_cli(["account", "list"], env), ExitCode.NOT_PERMITTED)

    entries = operator_entries(test_vault)[before:]
    assert [e.action for e in entries] == ["login-failed", "login", "refused"]
    assert entries[0].result.startswith("1 failed login(s)")
    assert "not-the-password" not in " ".join(e.result for e in entries)
    # The failures were written once: the next command's login does not repeat them.
    assert_fails(run_cli(["account", "list"], env), ExitCode.NOT_PERMITTED)
    again = operator_entries(test_vault)[before + len(entries) :]
    assert [e.action for e in again] == ["login", "refused"]
