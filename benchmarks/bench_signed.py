"""Signed audit trail (issue 12): a login and a booking whose audit entries are signed with
the acting account's Ed25519 key, each against the same without signatures, in one run.

* **Login**: the operator's ``open_session`` + ``close`` on two demo vaults of its own (600
  reservations, built with ``build_demo`` and the fast test KDF in a temporary folder so that
  argon2id does not drown the difference): one where a supervisor has logged in once (the
  vault authority exists, every account holds a signed grant, the login checks it), one where
  no supervisor has logged in yet (no authority, nothing to check).
* **Booking**: ``BookingService.book`` on the benchmark vault through the benchmark's own
  operator session, with the store's signer as the session set it (every entry signed) and
  with ``session.store.set_signer(None)`` (entries unsigned); same vault, same session.

Both pairs run interleaved (the variant that goes first alternates every round), so noise on
this shared machine hits them alike.
"""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

from benchmarks.bench_booking import _GIVEN, BOOKING_TARGET_MS, free_seats, new_callers
from benchmarks.context import ACCOUNT, BENCH_NOTE, Context, remove_bench_rows
from benchmarks.registry import Row, benchmark
from benchmarks.stats import Stats, interleave
from reservations import grants
from reservations.demo import DEMO_ACCOUNTS, build_demo
from reservations.keyslots import TEST_KDF
from reservations.session import open_session
from reservations.signatures import AuditSigner, audit_message, unb64, verify

SIGNED = "signed"
UNSIGNED = "unsigned"
SIGN_ONLY = "sign"
LOGIN_RESERVATIONS = 600


def _difference(signed: Stats, unsigned: Stats) -> str:
    return f"+{(signed.median - unsigned.median) / 1e6:.3f} ms at the median"


def _login_facts(path: Path) -> tuple[bool, int, int]:
    """(has a vault authority, operator login entries, how many of them are signed)."""
    vault, session = open_session(path, ACCOUNT, DEMO_ACCOUNTS[ACCOUNT][1])
    try:
        with session.store.unit_of_work(write=False) as uow:
            authority = grants.current_authority(uow) is not None
        total, signed = vault.conn.execute(
            "SELECT count(*), count(signature) FROM audit WHERE action = 'login' AND account = ?",
            (ACCOUNT,),
        ).fetchone()
    finally:
        vault.close()
    return authority, int(total), int(signed)


def measure_login(ctx: Context) -> tuple[dict[str, Stats], str]:
    """The operator's login + close on a signed vault and on one without authority."""
    password = DEMO_ACCOUNTS[ACCOUNT][1]
    with tempfile.TemporaryDirectory(prefix="resdesk-bench-signed-") as folder:
        paths = {SIGNED: Path(folder) / "signed.db", UNSIGNED: Path(folder) / "unsigned.db"}
        for path in paths.values():
            build_demo(path, reservations=LOGIN_RESERVATIONS, seed=ctx.seed, kdf=TEST_KDF)
        # The first supervisor session starts the vault authority and grants every account.
        supervisor, supervisor_password = "supervisor", DEMO_ACCOUNTS["supervisor"][1]
        vault, _session = open_session(paths[SIGNED], supervisor, supervisor_password)
        vault.close()

        def login(variant: str) -> None:
            opened, _session = open_session(paths[variant], ACCOUNT, password)
            opened.close()

        stats = interleave(
            {SIGNED: lambda _i: login(SIGNED), UNSIGNED: lambda _i: login(UNSIGNED)},
            iterations=ctx.iterations.login,
            warmup=ctx.iterations.warmup,
        )
        facts = {variant: _login_facts(path) for variant, path in paths.items()}
    (s_auth, s_total, s_signed), (u_auth, u_total, u_signed) = facts[SIGNED], facts[UNSIGNED]
    if not s_auth or u_auth:
        raise RuntimeError(
            f"expected a vault authority in the signed vault only (signed: {s_auth}, "
            f"unsigned: {u_auth})"
        )
    note = (
        f"Test KDF on both vaults (argon2id time_cost={TEST_KDF.time_cost}, "
        f"memory_cost={TEST_KDF.memory_cost_kib} KiB), so argon2id does not dominate: at the "
        "strong default it adds ~0.4 s to both (see Unlock) and the ratio would be about 1. "
        f"Signed vault: {s_signed:,} of {s_total:,} operator login entries signed; without "
        f"authority: {u_signed:,} of {u_total:,} (the operator's key slot holds a signing key "
        "from the day it was made, so its entries are signed there too: the difference is the "
        "grant check, `grants.check_login`). "
        f"{_difference(stats[SIGNED], stats[UNSIGNED])}."
    )
    return stats, note


def measure_booking(ctx: Context) -> tuple[dict[str, Stats], str]:
    """``book`` with the session's signer and with none, interleaved; each a new caller."""
    store = ctx.session.store
    current = store.current_signer()
    if current is None:
        raise RuntimeError(
            "the benchmark session has no signer (its key slot has no signing key); "
            "run with --rebuild"
        )
    signer: AuditSigner = current
    public_key = ctx.vault.keyslots.signing_public_key(signer.account)
    rng = ctx.rng("signed-booking")
    iterations = ctx.iterations.booking
    warmup = ctx.iterations.warmup_slow
    per_variant = warmup + iterations
    callers = new_callers(ctx, rng, 2 * per_variant, list(_GIVEN))
    seats = free_seats(ctx, rng, 2 * per_variant)
    hashes = [secrets.token_hex(32) for _ in range(per_variant)]
    service = ctx.service
    conn = ctx.conn
    with store.unit_of_work(write=False) as uow:
        authority = grants.current_authority(uow) is not None
    first_seq = int(conn.execute("SELECT coalesce(max(seq), 0) FROM audit").fetchone()[0]) + 1

    def book(offset: int, i: int, with_signer: AuditSigner | None) -> None:
        store.set_signer(with_signer)
        j = offset + i
        service.book(seats[j], callers[j].as_input(), note=BENCH_NOTE)

    try:
        stats = interleave(
            {
                SIGNED: lambda i: book(0, i, signer),
                UNSIGNED: lambda i: book(per_variant, i, None),
                SIGN_ONLY: lambda i: signer.sign_entry(hashes[i]),
            },
            iterations=iterations,
            warmup=warmup,
        )
        entries = conn.execute(
            "SELECT hash, signature FROM audit WHERE seq >= ? AND action = 'book' AND account = ?",
            (first_seq, ACCOUNT),
        ).fetchall()
    finally:
        store.set_signer(signer)
        removed = remove_bench_rows(ctx)
    signed = [(h, s) for h, s in entries if s]
    valid = sum(
        1
        for h, s in signed
        if public_key is not None and verify(public_key, unb64(s) or b"", audit_message(h))
    )
    if valid != per_variant or len(entries) - len(signed) != per_variant:
        raise RuntimeError(
            f"expected {per_variant} signed (valid) and {per_variant} unsigned booking entries, "
            f"found {valid} valid of {len(signed)} signed, {len(entries) - len(signed)} unsigned"
        )
    where = (
        "a vault authority"
        if authority
        else "no vault authority (no supervisor has logged in to it; the signing is the same)"
    )
    note = (
        f"The benchmark vault has {where}. After the run: {valid:,} booking entries signed "
        f"(each verified with the operator's public key), {len(entries) - len(signed):,} "
        f"unsigned; {removed:,} benchmark rows deleted. "
        f"{_difference(stats[SIGNED], stats[UNSIGNED])}; one Ed25519 signature alone: "
        f"median {stats[SIGN_ONLY].median / 1e6:.3f} ms."
    )
    return stats, note


@benchmark(
    "signed",
    "Signed audit trail",
    """
Every audit entry carries the acting account's Ed25519 signature over its chain hash
(`reservations/signatures.py`), and a login checks the account's grant signed by the vault
authority. **Login**: the operator's `open_session` + `close` on a demo vault of its own (600
reservations, the **test KDF** so that argon2id does not dominate) where a supervisor has
logged in once (vault authority, signed grants) against an identical vault where none has
yet (no authority, no grant to check). **Booking**: `BookingService.book` for a new caller
(as in "Booking one caller") on the benchmark vault and session, with the store's signer as
the session set it against `session.store.set_signer(None)`, plus the signature alone
(`AuditSigner.sign_entry`). Service = signed, bare = without signatures; each pair runs
interleaved. The target (booking ≤ 5 ms, durable commit) is the issue's.
""",
)
def signed_audit(ctx: Context) -> list[Row]:
    login_stats, login_note = measure_login(ctx)
    booking_stats, booking_note = measure_booking(ctx)
    return [
        Row(
            "login (operator, test KDF): `open_session` + close, signed vault vs no authority",
            login_stats[SIGNED],
            login_stats[UNSIGNED],
            note=login_note,
        ),
        Row(
            "booking: `book` with signed audit entries vs the signer set to None",
            booking_stats[SIGNED],
            booking_stats[UNSIGNED],
            target_ms=BOOKING_TARGET_MS,
            note=booking_note,
        ),
        Row(
            "one Ed25519 signature of an entry (`AuditSigner.sign_entry`) alone",
            booking_stats[SIGN_ONLY],
            primary=False,
        ),
    ]
