"""Residents' requests on a real vault: disclosure, formal correction and erasure.

The erasure's proof is ``test_erased_values_are_gone_from_every_decrypted_page``: it decrypts
every page of the database file (and of the WAL, if any) with the data key, using our own
reading of SQLCipher 4's page format (tests/helpers/sqlcipher_pages.py), and finds none of
the erased values while a control person's name is still found.  Grepping the encrypted file
would prove nothing.
"""

from __future__ import annotations

import argparse
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from pypdf import PdfReader

from reservations import errors
from reservations.booking import BookingService, CallerInput, PersonChanges, SearchInput
from reservations.cli import Output, _Parser
from reservations.cli_person import add_person_parser, run_person_command
from reservations.contract import Contract, ContractService
from reservations.domain import CopyKind, CopyRecord, Reservation, Status
from reservations.normalize import format_phone_national
from reservations.person import PersonRequestService, parse_person_key
from reservations.session import Session
from reservations.store import SqlCipherStore
from tests.conftest import OPERATOR, SUPERVISOR, TestVault
from tests.helpers.sqlcipher_pages import (
    check_page_one,
    pages_containing,
    vault_plaintext_pages,
)
from tests.test_roster import as_dict, page_fonts, pages_text

ERASED_CALLER = CallerInput("鷲見沢", "瑠璃子", "スミサワ", "ルリコ", "090-8765-4321")
ERASED_NOTE = "車椅子で来場予定、付き添い一名"
COMPANION = CallerInput("鷲見沢", "太郎", "スミサワ", "タロウ", "090-8765-4321")
CONTROL_CALLER = CallerInput("小比類巻", "健之介", "コヒルイマキ", "ケンノスケ", "080-2468-1357")


@dataclass
class People:
    person: Reservation  # booked by the operator, the one the requests are about
    second: Reservation  # the same person, another day
    companion: Reservation  # another person on the same phone
    control: Reservation  # someone else entirely


@pytest.fixture
def people(test_vault: TestVault, operator: Session) -> People:
    booking = BookingService(operator)
    person = booking.book(test_vault.slot_ids["a0-1000"], ERASED_CALLER, note=ERASED_NOTE)
    second = booking.book(
        test_vault.slot_ids["b1-1000"], ERASED_CALLER, allow_duplicate=True, note="二回目"
    )
    companion = booking.book(test_vault.slot_ids["a0-1030"], COMPANION, companion_of=person.receipt)
    control = booking.book(test_vault.slot_ids["a0-1000"], CONTROL_CALLER, note="対照の備考")
    # An operator's search that also shows another person: the disclosure must not name it.
    booking.find(SearchInput(center="四谷地域センター", date=person.date))
    return People(person, second, companion, control)


@pytest.fixture
def service(supervisor: Session) -> PersonRequestService:
    return PersonRequestService(supervisor)


def audit_of(session: Session, action: str) -> list[tuple[str, str, str]]:
    with session.store.unit_of_work(write=False) as uow:
        return [(e.account, e.target, e.result) for e in uow.audit_entries() if e.action == action]


def all_audit_text(session: Session) -> str:
    with session.store.unit_of_work(write=False) as uow:
        return "\n".join(f"{e.target} {e.result}" for e in uow.audit_entries())


def squash(text: str) -> str:
    return "".join(text.split())


def personal_values(caller: CallerInput, note: str | None = None) -> list[str]:
    values = [
        caller.family_name + caller.given_name,
        caller.family_kana,
        caller.given_kana,
        caller.phone,
        caller.phone.replace("-", ""),
    ]
    return values + ([note] if note else [])


# -- permissions and finding ---------------------------------------------------------------


def test_only_supervisors_handle_requests(
    operator: Session, people: People, tmp_path: Path
) -> None:
    service = PersonRequestService(operator)
    receipt = people.person.receipt
    for call in (
        lambda: service.find(receipt),
        lambda: service.write_disclosure(receipt, tmp_path / "d.pdf"),
        lambda: service.correct(receipt, PersonChanges(given_name="瑠璃"), "誤記"),
        lambda: service.redact(receipt, "本人の請求"),
    ):
        with pytest.raises(errors.NotPermitted):
            call()
    assert not (tmp_path / "d.pdf").exists()


def test_a_receipt_finds_the_persons_bookings_and_a_phone_finds_the_companion_too(
    service: PersonRequestService, supervisor: Session, people: People
) -> None:
    by_receipt = [h.reservation.receipt for h in service.find(people.person.receipt_display)]
    assert sorted(by_receipt) == sorted([people.person.receipt, people.second.receipt])
    by_phone = {h.reservation.receipt for h in service.find("０９０（８７６５）４３２１")}
    assert by_phone == {people.person.receipt, people.second.receipt, people.companion.receipt}
    finds = audit_of(supervisor, "person-find")
    assert [f[2] for f in finds] == ["2 found by receipt", "3 found by phone"]
    assert "鷲見沢" not in all_audit_text(supervisor)
    with pytest.raises(errors.NotFound):
        service.find("03-9999-0000")
    with pytest.raises(errors.InvalidInput):
        service.find("鷲見沢")
    with pytest.raises(errors.InvalidReceiptNumber):
        parse_person_key("1234-5679")


# -- disclosure ----------------------------------------------------------------------------


def test_the_disclosure_prints_everything_held_and_is_registered_and_audited(
    test_vault: TestVault, supervisor: Session, service: PersonRequestService, people: People
) -> None:
    ContractService(supervisor).set(Contract(contractor="株式会社テスト受託", client="新宿区"))
    out = test_vault.path.parent / "disclosure.pdf"
    result = service.write_disclosure(people.person.receipt_display, out)

    texts = pages_text(out)
    assert result.pages == len(texts) >= 1
    whole = squash("".join(texts))
    for wanted in (
        "保有個人データ開示書",
        "新宿区",
        "株式会社テスト受託",
        "鷲見沢瑠璃子",
        "スミサワルリコ",
        format_phone_national("+819087654321"),
        squash(ERASED_NOTE),
        "四谷地域センター",
        "大久保地域センター",
        "予約中",
        people.person.receipt_display,
        people.second.receipt_display,
        "予約の登録（book）",
        OPERATOR[0],
    ):
        assert squash(wanted) in whole, wanted
    # The operator's search listed the control person too: never their number or name.
    assert people.control.receipt_display not in whole
    assert "小比類巻" not in whole
    assert people.companion.receipt_display not in whole
    for page in texts:
        assert f"作成者{SUPERVISOR[0]}" in squash(page)
    fonts = list(page_fonts(PdfReader(out)))
    assert fonts and all("/FontFile2" in as_dict(f["/FontDescriptor"]) for f in fonts)

    copies = [c for c in _copies(supervisor) if c.kind is CopyKind.DISCLOSURE]
    assert len(copies) == 1 and copies[0].people == 2
    (entry,) = audit_of(supervisor, "person-disclosure")
    assert entry[1] == f"{people.person.receipt_display} {people.second.receipt_display}"
    assert "鷲見沢" not in all_audit_text(supervisor)

    # The next disclosure lists the first one among the copies that hold the person.
    again = service.write_disclosure(people.person.receipt, out.with_name("again.pdf"))
    assert again.copies == 1
    assert "開示書" in squash("".join(pages_text(out.with_name("again.pdf"))))


def test_a_disclosure_by_phone_covers_the_companion(
    test_vault: TestVault, service: PersonRequestService, people: People
) -> None:
    out = test_vault.path.parent / "by-phone.pdf"
    result = service.write_disclosure("09087654321", out)
    assert result.reservations == 3
    whole = squash("".join(pages_text(out)))
    assert people.companion.receipt_display in whole and "鷲見沢太郎" in whole


def test_a_disclosure_refuses_an_existing_file_before_reading(
    test_vault: TestVault, supervisor: Session, service: PersonRequestService, people: People
) -> None:
    out = test_vault.path.parent / "taken.pdf"
    out.write_bytes(b"keep")
    with pytest.raises(errors.Conflict):
        service.write_disclosure(people.person.receipt, out)
    assert out.read_bytes() == b"keep"
    assert audit_of(supervisor, "person-disclosure") == []


# -- correction ----------------------------------------------------------------------------


def test_a_formal_correction_changes_the_fields_and_prints_before_and_after(
    test_vault: TestVault, supervisor: Session, service: PersonRequestService, people: People
) -> None:
    notice = test_vault.path.parent / "correction.pdf"
    correction = service.correct(
        people.person.receipt_display,
        PersonChanges(given_name="瑠璃", given_kana="るり", family_name="鷲見沢"),
        "  名の漢字が誤っていた ",
        notice_out=notice,
    )
    # The unchanged family name is not a change.
    assert [(c.field, c.before, c.after) for c in correction.changes] == [
        ("given_name", "瑠璃子", "瑠璃"),
        ("given_kana", "ルリコ", "ルリ"),
    ]
    assert correction.reason == "名の漢字が誤っていた"
    current = BookingService(supervisor).get(people.person.receipt)
    assert (current.given_name, current.given_kana) == ("瑠璃", "ルリ")
    assert current.updated_by == SUPERVISOR[0]

    (entry,) = audit_of(supervisor, "person-correct")
    assert entry == (
        SUPERVISOR[0],
        f"{people.person.receipt_display} given_name,given_kana",
        "reason: 名の漢字が誤っていた",
    )
    text = squash("".join(pages_text(notice)))
    for wanted in ("保有個人データ訂正完了通知書", "瑠璃子", "ルリコ", "名の漢字が誤っていた"):
        assert wanted in text
    assert f"担当者（アカウント）{SUPERVISOR[0]}" in text
    copies = [c for c in _copies(supervisor) if c.kind is CopyKind.CORRECTION]
    assert len(copies) == 1 and copies[0].people == 1


def test_a_notice_that_fails_after_the_correction_says_the_correction_was_saved(
    test_vault: TestVault,
    supervisor: Session,
    service: PersonRequestService,
    people: People,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def disk_full(*_args: object, **_kwargs: object) -> int:
        raise errors.DiskFull("The disk holding the folder is full; free some space.")

    monkeypatch.setattr(service, "write_correction_notice", disk_full)
    with pytest.raises(errors.DiskFull, match="was saved, but its notice was not printed"):
        service.correct(
            people.person.receipt_display,
            PersonChanges(given_name="瑠璃"),
            "名の漢字が誤っていた",
            notice_out=test_vault.path.parent / "correction.pdf",
        )
    assert BookingService(supervisor).get(people.person.receipt).given_name == "瑠璃"


def test_a_correction_needs_a_clean_reason_and_a_real_change(
    supervisor: Session, service: PersonRequestService, people: People, tmp_path: Path
) -> None:
    receipt = people.person.receipt
    for reason in ("", "   "):
        with pytest.raises(errors.InvalidInput) as caught:
            service.correct(receipt, PersonChanges(given_name="瑠璃"), reason)
        assert caught.value.field == "reason"
    # The person's own values (old or new, kana in hiragana too) and phone numbers.
    for reason in (
        "瑠璃子を瑠璃に",
        "すみさわの読み",
        "電話 090-8765-4321 から",
        "新しい番号は 0312345678",
        "鷲見沢 瑠璃子 さんの依頼",
    ):
        with pytest.raises(errors.InvalidInput) as caught:
            service.correct(receipt, PersonChanges(given_name="瑠璃"), reason)
        assert caught.value.field == "reason", reason
    with pytest.raises(errors.InvalidInput) as caught:
        service.correct(receipt, PersonChanges(given_name="瑠璃子"), "誤記の訂正")
    assert caught.value.field == "changes"
    with pytest.raises(errors.InvalidInput) as caught:
        service.correct(receipt, PersonChanges(family_kana="Smith"), "誤記の訂正")
    assert "kana" in (caught.value.field or "")
    # A notice that cannot be written stops the correction before anything changes.
    taken = tmp_path / "taken.pdf"
    taken.write_bytes(b"x")
    with pytest.raises(errors.Conflict):
        service.correct(receipt, PersonChanges(given_name="瑠璃"), "誤記", notice_out=taken)
    assert BookingService(supervisor).get(receipt).given_name == "瑠璃子"
    assert audit_of(supervisor, "person-correct") == []


# -- erasure -------------------------------------------------------------------------------


def test_erasure_clears_the_person_keeps_the_seat_and_is_audited_without_values(
    test_vault: TestVault, supervisor: Session, service: PersonRequestService, people: People
) -> None:
    slot_id = test_vault.slot_ids["a0-1000"]
    with supervisor.store.unit_of_work(write=False) as uow:
        seats_before = uow.seats_taken(slot_id)
    # A disclosure printed before: the erasure cannot reach it, and says so.
    service.write_disclosure(people.person.receipt, test_vault.path.parent / "before.pdf")
    redaction = service.redact(people.person.receipt_display, "本人から消去の請求")
    assert redaction.wal_emptied is True
    assert [c.kind for c in redaction.open_copies] == [CopyKind.DISCLOSURE]
    booking = BookingService(supervisor)
    erased = booking.get(people.person.receipt)
    assert (erased.name, erased.kana, erased.phone, erased.note, erased.cancel_reason) == (
        None,
        None,
        None,
        None,
        None,
    )
    assert erased.status is Status.BOOKED and erased.slot_id == slot_id
    with supervisor.store.unit_of_work(write=False) as uow:
        assert uow.seats_taken(slot_id) == seats_before
        assert uow.person_redaction(people.person.receipt) == (redaction.at, SUPERVISOR[0])
    (entry,) = audit_of(supervisor, "person-redact")
    assert entry[0] == SUPERVISOR[0] and entry[1] == people.person.receipt_display
    assert f"by {SUPERVISOR[0]}" in entry[2]
    audit_text = all_audit_text(supervisor)
    for value in personal_values(ERASED_CALLER, ERASED_NOTE):
        assert value not in audit_text

    with pytest.raises(errors.Conflict, match="already erased"):
        service.redact(people.person.receipt, "二度目")
    with pytest.raises(errors.Conflict):
        service.correct(people.person.receipt, PersonChanges(given_name="瑠璃"), "誤記")
    with pytest.raises(errors.InvalidTransition):
        booking.correct(people.person.receipt, PersonChanges(given_name="瑠璃"))
    # The other booking of the same person is a request of its own.
    assert booking.get(people.second.receipt).name == "鷲見沢 瑠璃子"

    out = test_vault.path.parent / "after.pdf"
    service.write_disclosure(people.person.receipt, out)
    text = squash("".join(pages_text(out)))
    assert "（消去済み）" in text and "鷲見沢" not in text


def test_a_reason_repeating_the_erased_values_is_refused(
    supervisor: Session, service: PersonRequestService, people: People
) -> None:
    with pytest.raises(errors.InvalidInput):
        service.redact(people.person.receipt, "すみさわ るりこ 本人の請求")
    assert BookingService(supervisor).get(people.person.receipt).name == "鷲見沢 瑠璃子"


def _needles(caller: CallerInput, note: str) -> dict[str, bytes]:
    from reservations.normalize import normalize_phone

    e164 = normalize_phone(caller.phone)
    return {
        label: text.encode("utf-8")
        for label, text in (
            ("family name", caller.family_name),
            ("given name", caller.given_name),
            ("family kana", caller.family_kana),
            ("given kana", caller.given_kana),
            ("phone E.164", e164),
            ("phone national digits", caller.phone.replace("-", "")),
            ("phone national", caller.phone),
            ("note", note),
        )
    }


def test_erased_values_are_gone_from_every_decrypted_page(
    test_vault: TestVault, supervisor: Session, service: PersonRequestService
) -> None:
    booking = BookingService(supervisor)
    person = booking.book(test_vault.slot_ids["a0-1000"], ERASED_CALLER, note=ERASED_NOTE)
    booking.book(test_vault.slot_ids["a0-1030"], CONTROL_CALLER, note="対照の備考です")
    needles = _needles(ERASED_CALLER, ERASED_NOTE)
    stored = ("family name", "given name", "family kana", "given kana", "phone E.164", "note")

    # Positive control: the decryptor finds the values where SQLCipher stored them, both in
    # the WAL (just committed) and, after a checkpoint, in the database file itself.
    pages = vault_plaintext_pages(test_vault.path, test_vault.data_key)
    check_page_one(pages[0])
    for label in stored:
        assert pages_containing(pages, needles[label]), f"{label} not found before erasure"
    store = supervisor.store
    assert isinstance(store, SqlCipherStore)
    assert store.checkpoint_wal()[0] is False
    db_pages = [p for p in vault_plaintext_pages(test_vault.path, test_vault.data_key)]
    assert {p.source for p in db_pages} == {"db"}
    for label in stored:
        assert pages_containing(db_pages, needles[label]), f"{label} not in the db file"

    redaction = service.redact(person.receipt, "本人から消去の請求")
    assert redaction.wal_emptied is True
    wal = test_vault.path.with_name(test_vault.path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0

    pages = vault_plaintext_pages(test_vault.path, test_vault.data_key)
    check_page_one(pages[0])
    found = {label: pages_containing(pages, n) for label, n in needles.items()}
    assert {label: where for label, where in found.items() if where} == {}
    # Negative control: the search still sees the person who was not erased.
    assert pages_containing(pages, CONTROL_CALLER.family_name.encode("utf-8"))
    assert pages_containing(pages, "対照の備考です".encode())
    # And the row is still there, with its seat.
    assert booking.get(person.receipt).status is Status.BOOKED


def test_without_the_checkpoint_the_old_pages_would_still_hold_the_values(
    test_vault: TestVault,
    supervisor: Session,
    service: PersonRequestService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check above can fail: skip the checkpoint and the erased values are still found
    (the database file keeps the old pages until the WAL is copied over them)."""
    booking = BookingService(supervisor)
    person = booking.book(test_vault.slot_ids["a0-1000"], ERASED_CALLER, note=ERASED_NOTE)
    store = supervisor.store
    assert isinstance(store, SqlCipherStore)
    store.checkpoint_wal()
    monkeypatch.setattr(PersonRequestService, "_empty_wal", lambda self: None)
    service.redact(person.receipt, "本人から消去の請求")
    pages = vault_plaintext_pages(test_vault.path, test_vault.data_key)
    assert pages_containing(pages, ERASED_CALLER.family_name.encode("utf-8"))
    assert pages_containing(pages, ERASED_NOTE.encode("utf-8"))


def test_a_reader_on_another_connection_is_reported(
    test_vault: TestVault,
    people: People,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RESDESK_BUSY_TIMEOUT_MS", "50")
    session = test_vault.session(SUPERVISOR)
    # A reader holding its snapshot (another window's search): the log cannot be emptied
    # while that snapshot may still need the pages it replaces.
    reader = sqlcipher3.connect(str(test_vault.path), isolation_level=None)
    try:
        reader.execute(f"PRAGMA key = \"x'{test_vault.data_key.hex()}'\"")
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM reservations").fetchone()
        redaction = PersonRequestService(session).redact(people.person.receipt, "本人の請求")
        assert redaction.wal_emptied is False
        reader.execute("COMMIT")
    finally:
        reader.close()
    assert BookingService(session).get(people.person.receipt).name is None


# -- command line --------------------------------------------------------------------------


Invoke = Callable[..., tuple[int, Any, str]]


@pytest.fixture
def run(test_vault: TestVault, monkeypatch: pytest.MonkeyPatch) -> Iterator[Invoke]:
    parser = _Parser(prog="resdesk")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    add_person_parser(sub, _Parser)

    def invoke(*argv: str, account: tuple[str, str] = SUPERVISOR) -> tuple[int, Any, str]:
        monkeypatch.setenv("RESDESK_USER", account[0])
        monkeypatch.setenv("RESDESK_PASSWORD", account[1])
        args: argparse.Namespace = parser.parse_args(list(argv))
        stdout, stderr = io.StringIO(), io.StringIO()
        code = run_person_command(args, test_vault.path, Output(True, stdout, stderr))
        return code, json.loads(stdout.getvalue()), stderr.getvalue()

    yield invoke


def test_cli_show_correct_and_redact(
    run: Invoke, test_vault: TestVault, people: People, supervisor: Session
) -> None:
    receipt = people.person.receipt_display
    code, found, _ = run("person", "show", "090-8765-4321")
    assert code == 0 and {f["receipt"] for f in found} == {
        receipt,
        people.second.receipt_display,
        people.companion.receipt_display,
    }
    pdf = test_vault.path.parent / "cli-disclosure.pdf"
    code, result, message = run("person", "show", receipt, "--out", str(pdf))
    assert code == 0 and result["reservations"] == 2 and pdf.exists()
    assert "Hand it to the person only" in message

    notice = test_vault.path.parent / "cli-correction.pdf"
    code, corrected, _ = run(
        "person", "correct", receipt, "--name", "鷲見沢 瑠璃", "--kana", "すみさわ るり",
        "--reason", "名の漢字の誤り", "--out", str(notice),
    )  # fmt: skip
    assert code == 0 and corrected["fields"] == ["given_name", "given_kana"]
    assert notice.exists()

    code, erased, message = run("person", "redact", receipt, "--reason", "本人の請求")
    assert code == 0 and erased["receipt"] == receipt and erased["wal_emptied"] is True
    kinds = [c["kind"] for c in erased["open_copies"]]
    assert kinds == ["disclosure", "correction"]
    assert "register close" in message
    assert BookingService(supervisor).get(people.person.receipt).phone is None

    with pytest.raises(errors.Conflict) as conflict:
        run("person", "redact", receipt, "--reason", "本人の請求")
    assert conflict.value.exit_code == errors.ExitCode.CONFLICT
    with pytest.raises(errors.NotPermitted) as refused:
        run("person", "show", receipt, account=OPERATOR)
    assert refused.value.exit_code == errors.ExitCode.NOT_PERMITTED
    with pytest.raises(errors.UsageError):
        run("person", "show", receipt, "--out", str(pdf.with_suffix(".txt")))
    with pytest.raises(errors.UsageError):
        run("person", "redact", receipt)  # --reason is required


def _copies(session: Session) -> list[CopyRecord]:
    with session.store.unit_of_work(write=False) as uow:
        return uow.list_copies(open_only=False)
