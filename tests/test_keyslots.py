"""Tests of the key-slot sidecar: unlock, re-seal, password change, damage and atomic saving.

All tests use TEST_KDF (argon2 at its minimum cost) except one, which checks that the real
defaults work end to end.  No test asserts on timing.
"""

from __future__ import annotations

import base64
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from argon2.low_level import hash_secret_raw
from cryptography.exceptions import InvalidTag

from reservations import keyslots
from reservations.errors import (
    AuthenticationFailed,
    Conflict,
    InvalidInput,
    KeyFileCorrupt,
    NotFound,
    RecoveryKeyInvalid,
    ReservationError,
    VaultBusy,
    VaultExists,
    VaultMissing,
    VaultTooNew,
)
from reservations.keyslots import (
    DEFAULT_KDF,
    TEST_KDF,
    KdfParams,
    KeySlotFile,
    generate_data_key,
    parse_recovery_key,
    recovery_sheet_groups,
)

VAULT_ID = "2f4c1d9e-0000-4000-8000-000000000001"


@pytest.fixture
def keys_path(tmp_path: Path) -> Path:
    return tmp_path / "vault.db.keys"


def _make(path: Path, *accounts: tuple[str, str], data_key: bytes | bytearray) -> KeySlotFile:
    slots = KeySlotFile.create(path, VAULT_ID)
    for account, password in accounts:
        slots.add_account(account, password, data_key, kdf=TEST_KDF)
    with slots.locked():
        slots.save()
    return slots


def _read_json(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return document


def _write_json(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document), "utf-8")


def _slot(document: dict[str, Any], account: str) -> dict[str, Any]:
    for slot in document["slots"]:
        if slot["account"] == account:
            found: dict[str, Any] = slot
            return found
    raise AssertionError(account)


def _flip_b64(value: str) -> str:
    raw = bytearray(base64.b64decode(value))
    raw[0] ^= 0x01
    return base64.b64encode(bytes(raw)).decode("ascii")


def _assert_no_crypto_traceback(exc: BaseException) -> None:
    """The user-facing error must not drag cryptography's InvalidTag along as its cause."""
    assert isinstance(exc, ReservationError)
    assert exc.__cause__ is None
    assert exc.__suppress_context__ or not isinstance(exc.__context__, InvalidTag)


# --- round trip ---------------------------------------------------------------------------


def test_create_add_save_load_unlock_round_trip(keys_path: Path) -> None:
    data_key = generate_data_key()
    assert isinstance(data_key, bytearray) and len(data_key) == 32
    slots = KeySlotFile.create(keys_path, VAULT_ID)
    assert not keys_path.exists(), "create must not write anything"
    public = slots.add_account("sato", "パスワード-1", data_key, kdf=TEST_KDF)
    slots.add_account("suzuki", bytearray(b"other pass"), data_key, kdf=TEST_KDF)
    slots.extra["login_failures"] = {"sato": 2}
    with slots.locked():
        slots.save()

    loaded = KeySlotFile.load(keys_path)
    assert loaded.vault_id == VAULT_ID
    assert loaded.accounts() == ["sato", "suzuki"]
    assert loaded.public_key("sato") == public and len(public) == 32
    assert loaded.kdf_params("sato") == TEST_KDF
    assert loaded.extra == {"login_failures": {"sato": 2}}

    keys = loaded.unlock("sato", "パスワード-1")
    assert keys.account == "sato"
    assert isinstance(keys.data_key, bytearray)
    assert keys.data_key == data_key
    assert keys.private_key.public_key().public_bytes_raw() == public
    # A str password and its UTF-8 bytes in a bytearray are the same password.
    assert loaded.unlock("sato", bytearray("パスワード-1".encode())).data_key == data_key
    assert loaded.unlock("suzuki", "other pass").data_key == data_key


def test_json_layout(keys_path: Path) -> None:
    _make(keys_path, ("sato", "pw"), data_key=generate_data_key())
    document = _read_json(keys_path)
    assert document["format"] == "resdesk-keyslots"
    assert document["version"] == 1
    assert document["vault_id"] == VAULT_ID
    assert document["extra"] == {}
    slot = document["slots"][0]
    assert set(slot) == {
        "account",
        "public_key",
        "kdf",
        "wrapped_private_key",
        "sealed_data_key",
        "signing_key",
    }
    assert set(slot["signing_key"]) == {"public_key", "sealed"}
    assert slot["kdf"]["algorithm"] == "argon2id"
    assert len(base64.b64decode(slot["kdf"]["salt"])) == 16
    assert len(base64.b64decode(slot["wrapped_private_key"]["nonce"])) == 12
    assert set(slot["sealed_data_key"]) == {"ephemeral_public_key", "nonce", "ciphertext"}


def test_signing_key_and_authority_are_sealed_to_the_slot(keys_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    data_key = generate_data_key()
    slots = _make(keys_path, ("sato", "a"), ("suzuki", "b"), data_key=data_key)
    authority = Ed25519PrivateKey.generate()
    slots.grant_authority("sato", authority)
    with slots.locked():
        slots.save()
    loaded = KeySlotFile.load(keys_path)
    sato = loaded.unlock("sato", "a")
    suzuki = loaded.unlock("suzuki", "b")
    assert sato.signing_key is not None and suzuki.signing_key is not None
    assert loaded.holds_authority("sato") and not loaded.holds_authority("suzuki")
    assert sato.authority_key is not None and suzuki.authority_key is None
    assert sato.authority_key.public_key() == authority.public_key()
    # A rekey keeps them; a password change makes a new signing key and keeps the authority.
    loaded.reseal_all(generate_data_key())
    assert loaded.signing_public_key("sato") == slots.signing_public_key("sato")
    renewed = loaded.set_password("sato", sato, "c", kdf=TEST_KDF)
    assert renewed.authority_key is not None and renewed.signing_key is not None
    assert loaded.signing_public_key("sato") != slots.signing_public_key("sato")


def test_caller_bytearray_password_is_not_wiped(keys_path: Path) -> None:
    password = bytearray(b"keep me")
    slots = KeySlotFile.create(keys_path, VAULT_ID)
    slots.add_account("sato", password, generate_data_key(), kdf=TEST_KDF)
    slots.unlock("sato", password)
    assert password == bytearray(b"keep me")


def test_default_kdf_round_trip(keys_path: Path) -> None:
    """The one test with the real (slow) parameters: they must be accepted by argon2."""
    data_key = generate_data_key()
    slots = KeySlotFile.create(keys_path, VAULT_ID)
    slots.add_account("sato", "correct horse", data_key)
    assert slots.kdf_params("sato") == DEFAULT_KDF
    with slots.locked():
        slots.save()
    assert KeySlotFile.load(keys_path).unlock("sato", "correct horse").data_key == data_key


def test_default_kdf_is_strong() -> None:
    assert DEFAULT_KDF.memory_cost_kib >= 64 * 1024
    assert DEFAULT_KDF.time_cost >= 2
    assert DEFAULT_KDF.parallelism >= 1
    assert TEST_KDF != DEFAULT_KDF


def test_kdf_params_validation() -> None:
    with pytest.raises(ValueError):
        KdfParams(time_cost=0, memory_cost_kib=8, parallelism=1)
    with pytest.raises(ValueError):
        KdfParams(time_cost=1, memory_cost_kib=8, parallelism=2)  # below 8 KiB per lane
    with pytest.raises(ValueError):
        KdfParams(time_cost=True, memory_cost_kib=8, parallelism=1)


# --- authentication -------------------------------------------------------------------------


def test_wrong_password_and_unknown_account_fail_identically(keys_path: Path) -> None:
    slots = _make(keys_path, ("sato", "right"), data_key=generate_data_key())
    with pytest.raises(AuthenticationFailed) as wrong:
        slots.unlock("sato", "wrong")
    with pytest.raises(AuthenticationFailed) as unknown:
        slots.unlock("nobody", "right")
    assert str(wrong.value) == str(unknown.value) == "The account name or password is wrong."
    assert type(wrong.value) is type(unknown.value)
    _assert_no_crypto_traceback(wrong.value)
    _assert_no_crypto_traceback(unknown.value)


def test_unknown_account_still_runs_argon2(
    keys_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No timing assert: check instead that the same argon2 work happens for unknown names."""
    slots = _make(keys_path, ("sato", "right"), data_key=generate_data_key())
    calls: list[tuple[int, int, int]] = []
    real = hash_secret_raw

    def spy(secret: bytes, salt: bytes, t: int, m: int, p: int, n: int, ty: Any) -> bytes:
        calls.append((t, m, p))
        return real(secret, salt, t, m, p, n, ty)

    monkeypatch.setattr(keyslots, "hash_secret_raw", spy)
    with pytest.raises(AuthenticationFailed):
        slots.unlock("nobody", "right")
    with pytest.raises(AuthenticationFailed):
        slots.unlock("sato", "wrong")
    expected = (TEST_KDF.time_cost, TEST_KDF.memory_cost_kib, TEST_KDF.parallelism)
    assert calls == [expected, expected]


def test_unknown_account_in_empty_file_uses_default_kdf(
    keys_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def fake(secret: bytes, salt: bytes, t: int, m: int, p: int, n: int, ty: Any) -> bytes:
        calls.append(m)
        return bytes(n)

    monkeypatch.setattr(keyslots, "hash_secret_raw", fake)
    with pytest.raises(AuthenticationFailed):
        KeySlotFile.create(keys_path, VAULT_ID).unlock("nobody", "x")
    assert calls == [DEFAULT_KDF.memory_cost_kib]


def test_empty_password_rejected_when_adding(keys_path: Path) -> None:
    slots = KeySlotFile.create(keys_path, VAULT_ID)
    with pytest.raises(InvalidInput):
        slots.add_account("sato", "", generate_data_key(), kdf=TEST_KDF)
    assert slots.accounts() == []


def test_duplicate_account_is_a_conflict(keys_path: Path) -> None:
    slots = KeySlotFile.create(keys_path, VAULT_ID)
    slots.add_account("sato", "a", generate_data_key(), kdf=TEST_KDF)
    with pytest.raises(Conflict):
        slots.add_account("sato", "b", generate_data_key(), kdf=TEST_KDF)


# --- tampering --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "field"),
    [
        ("wrapped_private_key", "ciphertext"),
        ("wrapped_private_key", "nonce"),
        ("sealed_data_key", "ciphertext"),
        ("sealed_data_key", "nonce"),
        ("sealed_data_key", "ephemeral_public_key"),
    ],
)
def test_tampered_slot_does_not_unlock(keys_path: Path, section: str, field: str) -> None:
    _make(keys_path, ("sato", "pw"), data_key=generate_data_key())
    document = _read_json(keys_path)
    slot = _slot(document, "sato")
    slot[section][field] = _flip_b64(slot[section][field])
    _write_json(keys_path, document)
    slots = KeySlotFile.load(keys_path)
    with pytest.raises((AuthenticationFailed, KeyFileCorrupt)) as caught:
        slots.unlock("sato", "pw")
    _assert_no_crypto_traceback(caught.value)


def test_tampered_public_key_does_not_unlock(keys_path: Path) -> None:
    _make(keys_path, ("sato", "pw"), data_key=generate_data_key())
    document = _read_json(keys_path)
    slot = _slot(document, "sato")
    slot["public_key"] = _flip_b64(slot["public_key"])
    _write_json(keys_path, document)
    with pytest.raises((AuthenticationFailed, KeyFileCorrupt)) as caught:
        KeySlotFile.load(keys_path).unlock("sato", "pw")
    _assert_no_crypto_traceback(caught.value)


def test_swapped_slots_do_not_unlock(keys_path: Path) -> None:
    # Same password on purpose: only the binding to the account name can stop the swap.
    _make(keys_path, ("sato", "same"), ("suzuki", "same"), data_key=generate_data_key())
    document = _read_json(keys_path)
    first, second = document["slots"]
    first["account"], second["account"] = second["account"], first["account"]
    _write_json(keys_path, document)
    slots = KeySlotFile.load(keys_path)
    for account in ("sato", "suzuki"):
        with pytest.raises((AuthenticationFailed, KeyFileCorrupt)) as caught:
            slots.unlock(account, "same")
        _assert_no_crypto_traceback(caught.value)


def test_swapped_sealed_data_keys_do_not_unlock(keys_path: Path) -> None:
    _make(keys_path, ("sato", "a"), ("suzuki", "b"), data_key=generate_data_key())
    document = _read_json(keys_path)
    first, second = document["slots"]
    first["sealed_data_key"], second["sealed_data_key"] = (
        second["sealed_data_key"],
        first["sealed_data_key"],
    )
    _write_json(keys_path, document)
    with pytest.raises(KeyFileCorrupt) as caught:
        KeySlotFile.load(keys_path).unlock("sato", "a")
    _assert_no_crypto_traceback(caught.value)


def test_slot_moved_to_another_vault_does_not_unlock(keys_path: Path) -> None:
    _make(keys_path, ("sato", "pw"), data_key=generate_data_key())
    document = _read_json(keys_path)
    document["vault_id"] = "another-vault"
    _write_json(keys_path, document)
    with pytest.raises((AuthenticationFailed, KeyFileCorrupt)) as caught:
        KeySlotFile.load(keys_path).unlock("sato", "pw")
    _assert_no_crypto_traceback(caught.value)


# --- re-seal, remove, password change ---------------------------------------------------------


def test_reseal_all_then_unlock_gives_new_key(keys_path: Path) -> None:
    old_key = generate_data_key()
    slots = _make(keys_path, ("sato", "a"), ("suzuki", "b"), data_key=old_key)
    new_key = generate_data_key()
    assert new_key != old_key
    slots.reseal_all(new_key)
    with slots.locked():
        slots.save()
    loaded = KeySlotFile.load(keys_path)
    assert loaded.unlock("sato", "a").data_key == new_key
    assert loaded.unlock("suzuki", "b").data_key == new_key


def test_reseal_rejects_wrong_length_key(keys_path: Path) -> None:
    slots = _make(keys_path, ("sato", "a"), data_key=generate_data_key())
    with pytest.raises(ValueError):
        slots.reseal_all(b"short")


def test_remove_account(keys_path: Path) -> None:
    data_key = generate_data_key()
    slots = _make(keys_path, ("sato", "a"), ("suzuki", "b"), data_key=data_key)
    slots.remove_account("suzuki")
    assert slots.accounts() == ["sato"]
    with slots.locked():
        slots.save()
    loaded = KeySlotFile.load(keys_path)
    assert loaded.accounts() == ["sato"]
    assert "suzuki" not in keys_path.read_text("utf-8")
    with pytest.raises(AuthenticationFailed):
        loaded.unlock("suzuki", "b")
    with pytest.raises(NotFound):
        loaded.remove_account("suzuki")
    assert loaded.unlock("sato", "a").data_key == data_key


def test_saving_without_any_slot_is_refused(keys_path: Path) -> None:
    slots = _make(keys_path, ("sato", "a"), data_key=generate_data_key())
    before = keys_path.read_bytes()
    slots.remove_account("sato")
    with pytest.raises(Conflict):
        with slots.locked():
            slots.save()
    assert keys_path.read_bytes() == before


def test_set_password(keys_path: Path) -> None:
    data_key = generate_data_key()
    slots = _make(keys_path, ("sato", "old"), data_key=data_key)
    public = slots.public_key("sato")
    keys = slots.unlock("sato", "old")
    stronger = KdfParams(time_cost=2, memory_cost_kib=16, parallelism=1)
    slots.set_password("sato", keys, bytearray(b"new"), kdf=stronger)
    with slots.locked():
        slots.save()
    loaded = KeySlotFile.load(keys_path)
    with pytest.raises(AuthenticationFailed):
        loaded.unlock("sato", "old")
    again = loaded.unlock("sato", "new")
    assert again.data_key == data_key
    # A new key pair, not the old one re-wrapped: the old private key (from an old copy of
    # the file and the old password) opens nothing current.
    assert loaded.public_key("sato") != public
    assert not loaded.current_key_is("sato", keys.private_key, data_key)
    assert loaded.kdf_params("sato") == stronger


def test_set_password_with_other_accounts_keys_is_refused(keys_path: Path) -> None:
    slots = _make(keys_path, ("sato", "a"), ("suzuki", "b"), data_key=generate_data_key())
    suzuki_keys = slots.unlock("suzuki", "b")
    with pytest.raises(ValueError):
        slots.set_password("sato", suzuki_keys, "x", kdf=TEST_KDF)
    assert slots.unlock("sato", "a")


# --- loading damaged files ----------------------------------------------------------------------


def _valid_file(keys_path: Path) -> dict[str, Any]:
    _make(keys_path, ("sato", "pw"), data_key=generate_data_key())
    return _read_json(keys_path)


def _expect_load_error(path: Path, error: type[Exception]) -> ReservationError:
    before = path.read_bytes()
    with pytest.raises(error) as caught:
        KeySlotFile.load(path)
    assert path.read_bytes() == before, "loading must never modify the file"
    assert isinstance(caught.value, ReservationError)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__ or caught.value.__context__ is None
    message = str(caught.value)
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message
    return caught.value


def test_missing_file(keys_path: Path) -> None:
    with pytest.raises(VaultMissing):
        KeySlotFile.load(keys_path)
    assert not keys_path.exists()


def test_not_json(keys_path: Path) -> None:
    keys_path.write_bytes(b"\x00\xffnot json at all")
    error = _expect_load_error(keys_path, KeyFileCorrupt)
    assert str(error).startswith("The key file is damaged: it is not valid JSON.")
    assert "resdesk recover --sheet" in str(error)


def test_truncated_file(keys_path: Path) -> None:
    _valid_file(keys_path)
    raw = keys_path.read_bytes()
    keys_path.write_bytes(raw[: len(raw) // 2])
    _expect_load_error(keys_path, KeyFileCorrupt)


def test_empty_file(keys_path: Path) -> None:
    keys_path.write_bytes(b"")
    _expect_load_error(keys_path, KeyFileCorrupt)


def test_newer_version(keys_path: Path) -> None:
    document = _valid_file(keys_path)
    document["version"] = 2
    _write_json(keys_path, document)
    _expect_load_error(keys_path, VaultTooNew)


@pytest.mark.parametrize("version", [0, -1, "1", True, None])
def test_invalid_version(keys_path: Path, version: object) -> None:
    document = _valid_file(keys_path)
    document["version"] = version
    _write_json(keys_path, document)
    _expect_load_error(keys_path, KeyFileCorrupt)


def test_wrong_format(keys_path: Path) -> None:
    document = _valid_file(keys_path)
    document["format"] = "something-else"
    _write_json(keys_path, document)
    _expect_load_error(keys_path, KeyFileCorrupt)


def test_json_not_an_object(keys_path: Path) -> None:
    keys_path.write_text("[1, 2, 3]", "utf-8")
    _expect_load_error(keys_path, KeyFileCorrupt)


@pytest.mark.parametrize("top_field", ["version", "vault_id", "slots"])
def test_missing_top_level_field(keys_path: Path, top_field: str) -> None:
    document = _valid_file(keys_path)
    del document[top_field]
    _write_json(keys_path, document)
    _expect_load_error(keys_path, KeyFileCorrupt)


@pytest.mark.parametrize(
    "path",
    [
        ("account",),
        ("public_key",),
        ("kdf",),
        ("kdf", "salt"),
        ("kdf", "time_cost"),
        ("kdf", "algorithm"),
        ("wrapped_private_key",),
        ("wrapped_private_key", "nonce"),
        ("sealed_data_key", "ephemeral_public_key"),
        ("sealed_data_key", "ciphertext"),
    ],
)
def test_missing_slot_field(keys_path: Path, path: tuple[str, ...]) -> None:
    document = _valid_file(keys_path)
    target = document["slots"][0]
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    _write_json(keys_path, document)
    _expect_load_error(keys_path, KeyFileCorrupt)


@pytest.mark.parametrize("bad", ["not base64!!", "QUJD", "", 42])
def test_bad_base64(keys_path: Path, bad: object) -> None:
    document = _valid_file(keys_path)
    document["slots"][0]["public_key"] = bad
    _write_json(keys_path, document)
    _expect_load_error(keys_path, KeyFileCorrupt)


def test_bad_kdf_parameters(keys_path: Path) -> None:
    document = _valid_file(keys_path)
    document["slots"][0]["kdf"]["memory_cost_kib"] = 1 << 40  # would exhaust memory
    _write_json(keys_path, document)
    _expect_load_error(keys_path, KeyFileCorrupt)


def test_unknown_kdf_algorithm(keys_path: Path) -> None:
    document = _valid_file(keys_path)
    document["slots"][0]["kdf"]["algorithm"] = "pbkdf2"
    _write_json(keys_path, document)
    _expect_load_error(keys_path, KeyFileCorrupt)


def test_duplicate_account_slots(keys_path: Path) -> None:
    document = _valid_file(keys_path)
    document["slots"].append(document["slots"][0])
    _write_json(keys_path, document)
    _expect_load_error(keys_path, KeyFileCorrupt)


# --- creating and saving --------------------------------------------------------------------------


def test_create_refuses_existing_file(keys_path: Path) -> None:
    keys_path.write_bytes(b"anything")
    with pytest.raises(VaultExists):
        KeySlotFile.create(keys_path, VAULT_ID)
    assert keys_path.read_bytes() == b"anything"


def test_first_save_never_overwrites_a_file_that_appeared(keys_path: Path) -> None:
    slots = KeySlotFile.create(keys_path, VAULT_ID)
    slots.add_account("sato", "pw", generate_data_key(), kdf=TEST_KDF)
    keys_path.write_bytes(b"someone else's vault")
    with pytest.raises(VaultExists):
        with slots.locked():
            slots.save()
    assert keys_path.read_bytes() == b"someone else's vault"
    assert _names(keys_path.parent) == [keys_path.name]


def _names(folder: Path) -> list[str]:
    """The files in ``folder`` but the (empty) lock file ``filelock`` may leave behind."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


def test_save_without_the_lock_is_a_bug(keys_path: Path) -> None:
    slots = _make(keys_path, ("sato", "a"), data_key=generate_data_key())
    before = keys_path.read_bytes()
    slots.extra["x"] = 1
    with pytest.raises(RuntimeError, match="locked"):
        slots.save()
    assert keys_path.read_bytes() == before


def test_save_is_atomic_and_private(keys_path: Path) -> None:
    data_key = generate_data_key()
    slots = _make(keys_path, ("sato", "a"), data_key=data_key)
    slots.add_account("suzuki", "b", data_key, kdf=TEST_KDF)
    with slots.locked():
        slots.save()  # second save goes through the rename path
        slots.extra["audit_anchor"] = "abc"
        slots.save()
    assert _names(keys_path.parent) == [keys_path.name]
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(keys_path).st_mode) == 0o600
    loaded = KeySlotFile.load(keys_path)
    assert loaded.accounts() == ["sato", "suzuki"]
    assert loaded.extra == {"audit_anchor": "abc"}


def test_failed_save_leaves_old_file_and_no_temp(keys_path: Path) -> None:
    slots = _make(keys_path, ("sato", "a"), data_key=generate_data_key())
    before = keys_path.read_bytes()
    slots.extra["not json"] = object()
    with pytest.raises(TypeError):
        with slots.locked():
            slots.save()
    assert keys_path.read_bytes() == before
    assert _names(keys_path.parent) == [keys_path.name]


def test_concurrent_change_is_not_overwritten(keys_path: Path) -> None:
    data_key = generate_data_key()
    first = _make(keys_path, ("sato", "a"), data_key=data_key)
    second = KeySlotFile.load(keys_path)
    second.add_account("suzuki", "b", data_key, kdf=TEST_KDF)
    with second.locked():
        second.save()
    after_second = keys_path.read_bytes()
    first.add_account("tanaka", "c", data_key, kdf=TEST_KDF)
    with pytest.raises(VaultBusy):
        with first.locked():
            first.save()
    assert keys_path.read_bytes() == after_second


# --- recovery sheet ----------------------------------------------------------------------------


def test_recovery_sheet_round_trip() -> None:
    data_key = bytes(generate_data_key())
    sheet = recovery_sheet_groups(data_key)
    lines = sheet.split("\n")
    assert len(lines) == 4
    for line in lines:
        groups = line.split(" ")
        assert len(groups) == 4 and all(len(group) == 5 for group in groups)
    assert parse_recovery_key(sheet) == data_key
    assert parse_recovery_key(sheet.lower().replace(" ", "-")) == data_key
    assert parse_recovery_key(" " + sheet.replace("\n", "  ") + "\n") == data_key


def test_recovery_sheet_format_is_fixed() -> None:
    assert recovery_sheet_groups(bytes(range(32))) == (
        "0001E 02034 0405A 06070\n08094 0A0BA 0C0D0 0E0F6\n"
        "1011B 12131 14157 1617D\n18191 1A1B7 1C1DD 1E1F3"
    )


def test_a_sheet_printed_before_check_characters_still_reads() -> None:
    old_sheet = "0001 0203 0405 0607\n0809 0A0B 0C0D 0E0F\n1011 1213 1415 1617\n1819 1A1B 1C1D 1E1F"
    assert parse_recovery_key(old_sheet) == bytes(range(32))


def test_every_single_mistyped_character_is_named_by_its_group() -> None:
    sheet = recovery_sheet_groups(bytes(generate_data_key())).replace("\n", " ")
    groups = sheet.split(" ")
    for index, group in enumerate(groups):
        for position in range(5):
            for wrong in "0123456789ABCDEF":
                if wrong == group[position]:
                    continue
                typo = group[:position] + wrong + group[position + 1 :]
                typed = " ".join(groups[:index] + [typo] + groups[index + 1 :])
                with pytest.raises(RecoveryKeyInvalid) as caught:
                    parse_recovery_key(typed)
                assert (caught.value.line, caught.value.group) == (index // 4 + 1, index % 4 + 1)


def test_a_group_typed_on_the_wrong_line_is_caught() -> None:
    groups = recovery_sheet_groups(bytes(range(32))).replace("\n", " ").split(" ")
    swapped = [groups[4], *groups[1:4], groups[0], *groups[5:]]
    with pytest.raises(RecoveryKeyInvalid):
        parse_recovery_key(" ".join(swapped))


def test_recovery_key_typed_with_full_width_characters() -> None:
    data_key = bytes(range(32))
    typed = (
        "０００１Ｅ\u3000０２０３４ー０４０５Ａ－０６０７０"
        "０８０９４ ０Ａ０ＢＡ ０Ｃ０Ｄ０ ０Ｅ０Ｆ６"
        "1011B 12131 14157 1617D 18191 1A1B7 1C1DD 1E1F3"
    )
    assert parse_recovery_key(typed) == data_key


@pytest.mark.parametrize(
    "text",
    [
        "",
        "0001 0203",
        "00" * 33,
        "g" * 64,
        "00" * 31 + "0x",
        "00" * 31 + "0_",
    ],
)
def test_recovery_key_rejects_bad_input(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_recovery_key(text)
    assert caught.value.field == "recovery_key"
