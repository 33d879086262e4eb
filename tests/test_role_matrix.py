"""Every service operation, called as each role: refused (NotPermitted) exactly where the
permission table says, and refused for an account that must still change its password.
Every refusal for the role leaves exactly one "refused" audit entry naming the permission.

The table below names the permission each public method needs; a new public method that is
not in it fails ``test_every_public_method_is_in_the_table``, so the matrix stays complete.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from reservations import errors
from reservations.accounts import AccountService
from reservations.booking import BookingService, CallerInput, PersonChanges, SearchInput
from reservations.contract import Contract, ContractService
from reservations.domain import CopyStatus, Role
from reservations.erasure import ErasureService
from reservations.keyslots import TEST_KDF
from reservations.permissions import ROLE_PERMISSIONS, Permission
from reservations.person import PersonRequestService
from reservations.register import RegisterService
from reservations.roster import RosterService
from reservations.session import Session, open_session
from reservations.slot_planning import GenerationRequest, SlotPlanningService
from reservations.slots import SlotService
from reservations.statistics import StatisticsService
from reservations.vault import Vault
from reservations.verification import VerificationService
from tests.conftest import BASE_DAY, OPERATOR, SUPERVISOR, TestVault

P = Permission
CALLER = CallerInput("山田", "太郎", "ヤマダ", "タロウ", "090-1234-5678")
CSV = "center,date,start,end,capacity\n四谷地域センター,2099-01-05,10:00,10:30,3\n"
RECEIPT = "0000-0000"
GENERATION = GenerationRequest(
    "四谷地域センター",
    dt.date(2099, 1, 5),
    dt.date(2099, 1, 9),
    frozenset(range(5)),
    dt.time(10),
    dt.time(12),
    30,
    5,
)

# (service, method) -> (permission needed or None for "any logged-in account", call)
Call = Callable[[Any, Path], object]
TABLE: dict[tuple[str, str], tuple[Permission | None, Call]] = {
    ("BookingService", "book"): (P.BOOK, lambda s, _: s.book(1, CALLER)),
    ("BookingService", "duplicates_of"): (P.FIND, lambda s, _: s.duplicates_of(CALLER)),
    ("BookingService", "get"): (P.FIND, lambda s, _: s.get(RECEIPT)),
    ("BookingService", "find"): (P.FIND, lambda s, _: s.find(SearchInput(phone="5678"))),
    ("BookingService", "move"): (P.MOVE, lambda s, _: s.move(RECEIPT, 1)),
    ("BookingService", "cancel"): (P.CANCEL, lambda s, _: s.cancel(RECEIPT)),
    ("BookingService", "correct"): (
        P.CORRECT,
        lambda s, _: s.correct(RECEIPT, PersonChanges()),
    ),
    ("BookingService", "set_note"): (P.CORRECT, lambda s, _: s.set_note(RECEIPT, "x")),
    ("BookingService", "reinstate"): (P.CANCEL, lambda s, _: s.reinstate(RECEIPT)),
    ("BookingService", "attend"): (P.ATTEND, lambda s, _: s.attend(RECEIPT)),
    ("SlotService", "list_slots"): (P.LIST_SLOTS, lambda s, _: s.list_slots()),
    ("SlotService", "slots_between"): (
        P.LIST_SLOTS,
        lambda s, _: s.slots_between(BASE_DAY, BASE_DAY),
    ),
    ("SlotService", "center_overview"): (P.LIST_SLOTS, lambda s, _: s.center_overview()),
    ("SlotService", "list_centers"): (P.LIST_SLOTS, lambda s, _: s.list_centers()),
    ("SlotService", "import_csv_text"): (P.IMPORT_SLOTS, lambda s, _: s.import_csv_text(CSV)),
    ("SlotService", "import_csv_file"): (
        P.IMPORT_SLOTS,
        lambda s, tmp: s.import_csv_file(_write(tmp / "slots.csv", CSV)),
    ),
    ("SlotService", "preview_csv_text"): (P.IMPORT_SLOTS, lambda s, _: s.preview_csv_text(CSV)),
    ("SlotService", "preview_csv_file"): (
        P.IMPORT_SLOTS,
        lambda s, tmp: s.preview_csv_file(_write(tmp / "slots.csv", CSV)),
    ),
    ("SlotPlanningService", "add_center"): (P.PLAN_SLOTS, lambda s, _: s.add_center("新センター")),
    ("SlotPlanningService", "generate"): (
        P.PLAN_SLOTS,
        lambda s, _: s.generate(GENERATION, dry_run=True),
    ),
    ("SlotPlanningService", "close"): (
        P.PLAN_SLOTS,
        lambda s, _: s.close("四谷地域センター", BASE_DAY, "点検"),
    ),
    ("SlotPlanningService", "reopen"): (
        P.PLAN_SLOTS,
        lambda s, _: s.reopen("四谷地域センター", BASE_DAY),
    ),
    ("SlotPlanningService", "callbacks"): (P.CALL_BACK, lambda s, _: s.callbacks()),
    ("SlotPlanningService", "get"): (P.CALL_BACK, lambda s, _: s.get(1)),
    ("SlotPlanningService", "record_outcome"): (
        P.CALL_BACK,
        lambda s, _: s.record_outcome(1, "kept"),
    ),
    ("SlotPlanningService", "rebook"): (P.CALL_BACK, lambda s, _: s.rebook(1, 1)),
    ("SlotPlanningService", "write_callback_list"): (
        P.PLAN_SLOTS,
        lambda s, tmp: s.write_callback_list([], tmp / "callbacks.csv"),
    ),
    ("PersonRequestService", "find"): (P.PERSON_REQUESTS, lambda s, _: s.find(RECEIPT)),
    ("PersonRequestService", "write_disclosure"): (
        P.PERSON_REQUESTS,
        lambda s, tmp: s.write_disclosure(RECEIPT, tmp / "d.pdf"),
    ),
    ("PersonRequestService", "correct"): (
        P.PERSON_REQUESTS,
        lambda s, _: s.correct(RECEIPT, PersonChanges(), "本人の申出"),
    ),
    ("PersonRequestService", "write_correction_notice"): (
        P.PERSON_REQUESTS,
        lambda s, tmp: s.write_correction_notice(object(), tmp / "c.pdf"),
    ),
    ("PersonRequestService", "redact"): (
        P.PERSON_REQUESTS,
        lambda s, _: s.redact(RECEIPT, "本人の申出"),
    ),
    ("RegisterService", "list"): (P.MANAGE_REGISTER, lambda s, _: s.list()),
    ("RegisterService", "close"): (
        P.MANAGE_REGISTER,
        lambda s, _: s.close(1, CopyStatus.DESTROYED),
    ),
    ("RegisterService", "affected"): (P.MANAGE_REGISTER, lambda s, _: s.affected(1)),
    ("ContractService", "get"): (P.LIST_SLOTS, lambda s, _: s.get()),
    ("ContractService", "reminders"): (P.LIST_SLOTS, lambda s, _: s.reminders()),
    ("ContractService", "set"): (P.MANAGE_SETTINGS, lambda s, _: s.set(Contract())),
    ("StatisticsService", "centers"): (P.VIEW_STATISTICS, lambda s, _: s.centers()),
    ("StatisticsService", "center_named"): (
        P.VIEW_STATISTICS,
        lambda s, _: s.center_named("四谷地域センター"),
    ),
    ("StatisticsService", "default_period"): (P.VIEW_STATISTICS, lambda s, _: s.default_period()),
    ("StatisticsService", "report"): (
        P.VIEW_STATISTICS,
        lambda s, _: s.report(BASE_DAY, BASE_DAY),
    ),
    ("StatisticsService", "export_csv"): (
        P.VIEW_STATISTICS,
        lambda s, tmp: s.export_csv(tmp / "s.csv", BASE_DAY, BASE_DAY),
    ),
    ("StatisticsService", "export_chart"): (
        P.VIEW_STATISTICS,
        lambda s, tmp: s.export_chart(tmp / "s.png", b"", object()),
    ),
    ("ErasureService", "plan"): (P.ERASE, lambda s, _: s.plan()),
    ("ErasureService", "erase"): (
        P.ERASE,
        lambda s, tmp: s.erase(password="x", confirmation="no", certificate=tmp / "c.pdf"),
    ),
    ("VerificationService", "check_receipt"): (
        P.VERIFY,
        lambda s, _: s.check_receipt(1, BASE_DAY, RECEIPT),
    ),
    ("VerificationService", "confirm_without_number"): (
        P.VERIFY,
        lambda s, _: s.confirm_without_number(1, BASE_DAY, "ヤマダ", "5678"),
    ),
    ("VerificationService", "search_lost_number"): (
        P.VERIFY,
        lambda s, _: s.search_lost_number(1, BASE_DAY, kana="ヤマダ"),
    ),
    ("VerificationService", "reveal"): (P.VERIFY, lambda s, _: s.reveal(1, BASE_DAY, "t")),
    ("VerificationService", "mark_attended"): (
        P.ATTEND,
        lambda s, _: s.mark_attended(1, BASE_DAY, "t"),
    ),
    ("VerificationService", "mark_no_show"): (
        P.ATTEND,
        lambda s, _: s.mark_no_show(1, BASE_DAY, "t"),
    ),
    ("VerificationService", "undo_attendance"): (
        P.ATTEND,
        lambda s, _: s.undo_attendance(1, BASE_DAY, "t"),
    ),
    ("VerificationService", "pending_no_shows"): (
        P.VERIFY,
        lambda s, _: s.pending_no_shows(1, BASE_DAY),
    ),
    ("VerificationService", "mark_remaining_no_show"): (
        P.ATTEND,
        lambda s, _: s.mark_remaining_no_show(1, BASE_DAY),
    ),
    ("RosterService", "day_roster"): (P.PRINT_ROSTER, lambda s, _: s.day_roster(1, BASE_DAY)),
    ("RosterService", "write_pdf"): (
        P.PRINT_ROSTER,
        lambda s, tmp: s.write_pdf(object(), tmp / "roster.pdf"),
    ),
    ("AccountService", "add"): (
        P.MANAGE_ACCOUNTS,
        lambda s, _: s.add("newbie", Role.OPERATOR, "first-day-pw-1"),
    ),
    ("AccountService", "list"): (P.LIST_ACCOUNTS, lambda s, _: s.list()),
    ("AccountService", "disable"): (P.MANAGE_ACCOUNTS, lambda s, _: s.disable("nobody")),
    ("AccountService", "enable"): (P.MANAGE_ACCOUNTS, lambda s, _: s.enable("nobody")),
    ("AccountService", "remove"): (P.MANAGE_ACCOUNTS, lambda s, _: s.remove("nobody")),
    ("AccountService", "set_role"): (
        P.MANAGE_ACCOUNTS,
        lambda s, _: s.set_role("nobody", Role.SUPERVISOR),
    ),
    ("AccountService", "reset_password"): (
        P.MANAGE_ACCOUNTS,
        lambda s, _: s.reset_password("nobody", "first-day-pw-1"),
    ),
    ("AccountService", "change_own_password"): (
        None,
        lambda s, _: s.change_own_password("my own long pw 1"),
    ),
}

# The audit service belongs to another piece of work; it joins the matrix once it exists.
AUDIT_TABLE: dict[str, tuple[Permission, Call]] = {
    "verify": (P.CHECK_INTEGRITY, lambda s, _: s.verify()),
    "entries": (P.VIEW_AUDIT, lambda s, _: s.entries()),
    "iter_entries": (P.VIEW_AUDIT, lambda s, _: list(s.iter_entries())),
    "accounts": (P.VIEW_AUDIT, lambda s, _: s.accounts()),
    "actions": (P.VIEW_AUDIT, lambda s, _: s.actions()),
    "export_csv": (P.EXPORT_AUDIT, lambda s, tmp: s.export_csv(tmp / "audit.csv")),
    "export_pdf": (P.EXPORT_AUDIT, lambda s, tmp: s.export_pdf(tmp / "audit.pdf")),
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _refusals(session: Session) -> list[tuple[str, str, str, str]]:
    with session.store.unit_of_work(write=False) as uow:
        return [
            (e.account, e.action, e.target, e.result)
            for e in uow.audit_entries()
            if e.action == "refused"
        ]


def _audit_service() -> type | None:
    try:
        module = importlib.import_module("reservations.audit_service")
    except ImportError:
        return None
    service = getattr(module, "AuditService", None)
    return service if isinstance(service, type) else None


SERVICES: dict[str, Callable[[Session, Vault], object]] = {
    "BookingService": lambda s, v: BookingService(s),
    "SlotService": lambda s, v: SlotService(s),
    "VerificationService": lambda s, v: VerificationService(s),
    "RosterService": lambda s, v: RosterService(s),
    "AccountService": lambda s, v: AccountService(s, v, kdf=TEST_KDF),
    "SlotPlanningService": lambda s, v: SlotPlanningService(s),
    "PersonRequestService": lambda s, v: PersonRequestService(s),
    "RegisterService": lambda s, v: RegisterService(s),
    "ContractService": lambda s, v: ContractService(s),
    "StatisticsService": lambda s, v: StatisticsService(s),
    "ErasureService": lambda s, v: ErasureService(s, v),
}


def _public_methods(cls: type) -> set[str]:
    return {
        name
        for name, member in vars(cls).items()
        if not name.startswith("_") and inspect.isfunction(member)
    }


def test_every_public_method_is_in_the_table() -> None:
    classes = {
        "BookingService": BookingService,
        "SlotService": SlotService,
        "VerificationService": VerificationService,
        "RosterService": RosterService,
        "AccountService": AccountService,
        "SlotPlanningService": SlotPlanningService,
        "PersonRequestService": PersonRequestService,
        "RegisterService": RegisterService,
        "ContractService": ContractService,
        "StatisticsService": StatisticsService,
        "ErasureService": ErasureService,
    }
    for name, cls in classes.items():
        listed = {method for service, method in TABLE if service == name}
        assert _public_methods(cls) == listed, name


@pytest.fixture(params=["operator", "supervisor"])
def role_session(
    request: pytest.FixtureRequest, test_vault: TestVault
) -> Iterator[tuple[Role, Session, Vault]]:
    account = OPERATOR if request.param == "operator" else SUPERVISOR
    vault, session = open_session(test_vault.path, *account, clock=test_vault.clock)
    try:
        yield session.account.role, session, vault
    finally:
        vault.close()


def _outcome(call: Callable[[], object]) -> type[BaseException] | None:
    try:
        result = call()
        if inspect.isgenerator(result):
            list(result)
    except errors.ReservationError as exc:
        return type(exc)
    except (TypeError, AttributeError, ValueError):
        # Placeholder arguments (an object() roster) got past the permission check.
        return None
    return None


@pytest.mark.parametrize(("service", "method"), sorted(TABLE))
def test_role_matrix(
    role_session: tuple[Role, Session, Vault], tmp_path: Path, service: str, method: str
) -> None:
    role, session, vault = role_session
    permission, call = TABLE[(service, method)]
    instance = SERVICES[service](session, vault)
    refused_before = _refusals(session)
    outcome = _outcome(lambda: call(instance, tmp_path))
    allowed = permission is None or permission in ROLE_PERMISSIONS[role]
    if allowed:
        assert outcome is not errors.NotPermitted, (role, service, method)
        assert _refusals(session) == refused_before
    else:
        assert outcome is errors.NotPermitted, (role, service, method, outcome)
        assert permission is not None
        assert _refusals(session) == [
            *refused_before,
            (session.account.name, "refused", permission.value, "refused"),
        ]


@pytest.mark.parametrize("method", sorted(AUDIT_TABLE))
def test_role_matrix_audit_service(
    role_session: tuple[Role, Session, Vault], tmp_path: Path, method: str
) -> None:
    cls = _audit_service()
    if cls is None or not hasattr(cls, method):
        pytest.skip("the audit service (or this method of it) does not exist yet")
    role, session, _vault = role_session
    permission, call = AUDIT_TABLE[method]
    refused_before = _refusals(session)
    outcome = _outcome(lambda: call(cls(session), tmp_path))
    if permission in ROLE_PERMISSIONS[role]:
        assert outcome is not errors.NotPermitted, (role, method)
        assert _refusals(session) == refused_before
    else:
        assert outcome is errors.NotPermitted, (role, method, outcome)
        assert _refusals(session) == [
            *refused_before,
            (session.account.name, "refused", permission.value, "refused"),
        ]


def test_an_account_that_must_change_its_password_may_do_nothing_else(
    test_vault: TestVault, tmp_path: Path
) -> None:
    chief, chief_session = open_session(test_vault.path, *SUPERVISOR)
    with chief:
        AccountService(chief_session, chief, kdf=TEST_KDF).add(
            "deputy", Role.SUPERVISOR, "first-day-pw-2"
        )
    vault, session = open_session(test_vault.path, "deputy", "first-day-pw-2")
    try:
        assert session.must_change_password
        for (service, method), (_permission, call) in sorted(TABLE.items()):
            if method == "change_own_password":
                continue
            instance = SERVICES[service](session, vault)
            outcome = _outcome(lambda: call(instance, tmp_path))  # noqa: B023
            assert outcome is errors.AuthenticationFailed, (service, method, outcome)
        # Not a refusal for the role: nothing to audit.
        assert _refusals(session) == []
        AccountService(session, vault, kdf=TEST_KDF).change_own_password("my own long pw 1")
        assert SlotService(session).list_slots()
    finally:
        vault.close()


@pytest.mark.parametrize(
    ("service", "method"),
    sorted(
        key
        for key, (p, _call) in TABLE.items()
        if p is not None and p not in ROLE_PERMISSIONS[Role.OPERATOR]
    ),
)
def test_a_refusal_writes_the_deferred_login_before_it(
    test_vault: TestVault, tmp_path: Path, service: str, method: str
) -> None:
    # The CLI's session: its login entry waits for the first audited write, and a refusal
    # is one, so the trail shows who logged in before being refused.
    vault, session = open_session(
        test_vault.path, *OPERATOR, clock=test_vault.clock, defer_login_audit=True
    )
    try:
        with session.store.unit_of_work(write=False) as uow:
            before = len(uow.audit_entries())
        permission, call = TABLE[(service, method)]
        instance = SERVICES[service](session, vault)
        assert _outcome(lambda: call(instance, tmp_path)) is errors.NotPermitted
        assert permission is not None
        with session.store.unit_of_work(write=False) as uow:
            added = [(e.account, e.action, e.target) for e in uow.audit_entries()[before:]]
        assert added == [
            (OPERATOR[0], "login", OPERATOR[0]),
            (OPERATOR[0], "refused", permission.value),
        ]
        session.record_login()  # the CLI's "done": nothing more to write
        with session.store.unit_of_work(write=False) as uow:
            assert len(uow.audit_entries()) == before + 2
    finally:
        vault.close()
