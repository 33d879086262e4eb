"""Reading the audit trail: verify the hash chain, list entries, export them for the ward.

The GUI's audit viewer and ``resdesk audit`` both call ``AuditService``; the rules live here.
An operator sees only their own entries and may not export; a supervisor sees and exports
all.  Listing is not audited (an entry holds no personal data); an export is ("audit-export").
The chain itself is described in ``reservations.audit``, the anchor that catches a cut tail in
``reservations.anchor``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reservations import errors, grants
from reservations.anchor import (
    Anchor,
    AnchorUnreadable,
    advance_anchor,
    anchor_message,
    anchor_path,
    read_anchor,
)
from reservations.audit import AuditEntry, ChainChecker, ChainProblem
from reservations.domain import Role
from reservations.permissions import Permission
from reservations.receipt import format_receipt, receipt_digits_of
from reservations.session import Session
from reservations.signatures import (
    STATUS_ACTIVE,
    Grant,
    audit_message,
    b64,
    checkpoint_message,
    public_bytes,
    unb64,
    verify,
)
from reservations.spreadsheet_csv import spreadsheet_csv
from reservations.store import AuditQuery, UnitOfWork

# The columns of a CSV export, in order; the chain can be recomputed from them alone.
CSV_COLUMNS = (
    "seq",
    "time",
    "account",
    "action",
    "target",
    "result",
    "prev_hash",
    "hash",
    "signature",
)
_PAGE = 5000
# Receipt numbers as entries name them (display form), to count the people an export names.
RECEIPT_IN_TARGET = re.compile(r"\b\d{4}-\d{4}\b")
NO_ANCHOR_WARNING = (
    "no anchor file next to the vault (cannot detect entries cut off the end); it is written "
    "with the next change"
)


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show; every given key must match.  Dates are Japan dates, inclusive."""

    account: str | None = None
    action: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    receipt: str | None = None  # as typed; normalized (and its check digit checked) here

    def describe(self) -> str:
        """The filter in a few words for an audit entry or a PDF (no personal data)."""
        parts = [
            f"{name}={value}"
            for name, value in (
                ("account", self.account),
                ("action", self.action),
                ("from", self.since.isoformat() if self.since else None),
                ("to", self.until.isoformat() if self.until else None),
                ("receipt", self.receipt),
            )
            if value
        ]
        return " ".join(parts) if parts else "all"


@dataclass(frozen=True)
class VerifyReport:
    """The result of recomputing the whole chain and comparing its end with the anchor."""

    entries: int
    latest: AuditEntry | None
    problem: ChainProblem | None
    anchor: Anchor | None
    warnings: tuple[str, ...] = field(default=())
    # Further problems found after the first (a tail cut behind one bad entry).
    also: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.problem is None

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            # Only where the chain ends: an operator may verify but not read others' entries.
            "latest": None
            if self.latest is None
            else {"seq": self.latest.seq, "time": self.latest.time, "hash": self.latest.hash},
            "problem": None if self.problem is None else self.problem.to_json(),
            "anchor": None if self.anchor is None else self.anchor.to_json(),
            "warnings": list(self.warnings),
        }

    def problem_sentence(self) -> str:
        """One sentence naming the first bad entry (for the CLI and the window)."""
        p = self.problem
        if p is None:
            return ""
        if p.kind == "anchor-missing":
            return f"The audit trail cannot be trusted as it stands: {p.detail}."
        extra = "".join(f" Also: {detail}." for detail in self.also)
        return f"The audit chain is broken at entry {p.seq} ({p.time}): {p.detail}.{extra}"


@dataclass(frozen=True)
class Checkpoint:
    """The authority's signature over one chain head, as a supervisor keeps it off the PC."""

    vault: str
    seq: int
    hash: str
    time: str
    authority_key: str  # base64 of the raw Ed25519 public key
    signature: str  # base64, over signatures.checkpoint_message(vault, seq, hash)

    FORMAT = "resdesk-audit-checkpoint"

    @classmethod
    def sign(cls, vault: str, head: AuditEntry, key: Ed25519PrivateKey) -> Checkpoint:
        signature = key.sign(checkpoint_message(vault, head.seq, head.hash))
        return cls(vault, head.seq, head.hash, head.time, b64(public_bytes(key)), b64(signature))

    def signature_ok(self) -> bool:
        key = unb64(self.authority_key)
        signature = unb64(self.signature)
        return (
            key is not None
            and signature is not None
            and verify(key, signature, checkpoint_message(self.vault, self.seq, self.hash))
        )

    def to_json(self) -> dict[str, object]:
        return {
            "format": self.FORMAT,
            "version": 1,
            "vault": self.vault,
            "seq": self.seq,
            "hash": self.hash,
            "time": self.time,
            "authority_key": self.authority_key,
            "signature": self.signature,
        }

    def save(self, target: Path, *, overwrite: bool) -> None:
        """Write the checkpoint file (no personal data: a position in the chain, a hash, a
        public key and a signature) for the supervisor to keep off the PC."""
        if target.exists() and not overwrite:
            raise errors.Conflict(f"{target} exists; choose another name or replace it.")
        payload = json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"
        try:
            target.write_text(payload, encoding="utf-8")
        except OSError as exc:
            raise errors.StorageError(
                f"The checkpoint could not be written to {target}: {exc.strerror or 'error'}."
            ) from None

    @classmethod
    def load(cls, path: Path) -> Checkpoint:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise errors.NotFound(f"There is no checkpoint file at {path}.") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            raise errors.InvalidInput(
                f"{path} is not a Reservation Desk audit checkpoint.", field="checkpoint"
            ) from None
        return cls.from_json(document)

    @classmethod
    def from_json(cls, document: object) -> Checkpoint:
        bad = errors.InvalidInput(
            "The file is not a Reservation Desk audit checkpoint.", field="checkpoint"
        )
        if not isinstance(document, dict) or document.get("format") != cls.FORMAT:
            raise bad
        try:
            return cls(
                str(document["vault"]),
                int(document["seq"]),
                str(document["hash"]),
                str(document["time"]),
                str(document["authority_key"]),
                str(document["signature"]),
            )
        except (KeyError, TypeError, ValueError):
            raise bad from None


@dataclass(frozen=True)
class ExportResult:
    path: Path
    entries: int
    latest: AuditEntry | None
    anchor: Anchor | None
    pages: int | None = None  # PDF only


class AuditService:
    """Verify, list and export the audit trail of the session's vault.

    ``anchor_file`` defaults to the anchor next to the store's database file (a store with
    a ``database_path``, see ``SqlCipherStore``); a store without a file has no anchor.
    """

    def __init__(self, session: Session, anchor_file: Path | None = None) -> None:
        self._session = session
        if anchor_file is None:
            db_path = getattr(session.store, "database_path", None)
            anchor_file = anchor_path(db_path) if isinstance(db_path, Path) else None
        self._anchor_file = anchor_file

    # -- verify --------------------------------------------------------------------------------

    def verify(self) -> VerifyReport:
        """Recompute the whole chain; compare its end with the anchor outside the database.

        Reads the anchor first, then the chain in one snapshot: the anchor is written only
        after a COMMIT, so it can never be ahead of the snapshot unless entries were removed.
        """
        s = self._session
        s.require(Permission.CHECK_INTEGRITY)
        warnings: list[str] = []
        anchor: Anchor | None = None
        anchor_missing = anchor_bad = False
        if self._anchor_file is None:
            warnings.append("this store keeps no anchor (cannot detect a cut tail)")
        else:
            try:
                anchor = read_anchor(self._anchor_file)
            except AnchorUnreadable as exc:
                warnings.append(f"the anchor file cannot be read ({exc}); cannot detect a cut tail")
                anchor_bad = True
            except OSError as exc:
                warnings.append(
                    f"the anchor file cannot be read ({exc.strerror or type(exc).__name__}); "
                    "cannot detect a cut tail"
                )
            else:
                if anchor is None:
                    warnings.append(NO_ANCHOR_WARNING)
                    anchor_missing = True
        with s.store.unit_of_work(write=False) as uow:
            if anchor is not None and anchor.vault_id is not None:
                vault_id = uow.get_meta("vault_id")
                if vault_id is not None and vault_id != anchor.vault_id:
                    warnings.append(
                        "the anchor file belongs to another vault (cannot detect a cut tail)"
                    )
                    anchor = None
                    anchor_bad = True
            for replaced in grants.authority_history(uow)[1:]:
                # Only a recovery with the paper sheet starts a new authority; one nobody
                # remembers is an insider's (docs/security.md, the insider).
                warnings.append(
                    f"the vault authority key was replaced on {replaced.since} (new key "
                    f"{replaced.fingerprint}): only a recovery with the paper sheet does that"
                )
            checker = ChainChecker()
            signatures = SignatureChecker.of(uow, s.trust)
            problem: ChainProblem | None = None
            anchored: AuditEntry | None = None
            last_seen: AuditEntry | None = None
            for entry in _all_entries(uow):
                if problem is None:
                    problem = checker.feed(entry) or signatures.feed(entry)
                # Read on to the end even after a problem: the anchor is compared with the
                # real end, so one bad entry cannot hide a tail cut after it.
                last_seen = entry
                if anchor is not None and entry.seq == anchor.seq:
                    anchored = entry
        also: list[str] = []
        if problem is not None and anchor is not None:
            tail = _compare_with_anchor(last_seen, anchored, anchor)
            if tail is not None:
                also.append(tail.detail)
        if problem is None and anchor is not None:
            problem = _compare_with_anchor(checker.last, anchored, anchor)
        if problem is None and anchor is not None:
            problem = signatures.anchor_problem(anchor, checker.last)
        # An unreadable anchor, or one of another vault, is what an insider who cut the tail
        # would leave in a signed vault: as bad as none.
        if (
            problem is None
            and (anchor_missing or (anchor_bad and signatures.signing))
            and checker.last is not None
        ):
            # Once a vault has an anchor, its absence is what a database rolled back to an
            # older copy looks like; only a supervisor's re-anchoring ends it.
            problem = ChainProblem(
                checker.last.seq,
                checker.last.time,
                "anchor-missing",
                "the anchor file outside the database is missing or unreadable, so a database "
                "rolled back or cut short cannot be ruled out; a supervisor compares the trail "
                "with a "
                "checkpoint kept off this PC, then re-anchors with "
                "'resdesk audit reanchor --reason TEXT'",
            )
            warnings = [w for w in warnings if w != NO_ANCHOR_WARNING]
        return VerifyReport(
            checker.count, checker.last, problem, anchor, tuple(warnings), tuple(also)
        )

    # -- anchor and checkpoints ---------------------------------------------------------------

    def reanchor(self, reason: str) -> AuditEntry:
        """A supervisor's explicit new anchor after a missing one, with the reason (audited).

        The entry goes in first, then the anchor names it, signed by this supervisor."""
        s = self._session
        s.require(Permission.MANAGE_SETTINGS)
        reason = " ".join(reason.split())
        if not reason:
            raise errors.InvalidInput(
                "Give the reason for the new anchor (what was checked, against which checkpoint).",
                field="reason",
            )
        db_path = getattr(s.store, "database_path", None)
        if not isinstance(db_path, Path):
            raise errors.Conflict("This store keeps no anchor file.")
        with s.store.unit_of_work(write=True) as uow:
            s.audit(uow, "reanchor", "audit anchor", f"reason: {reason}")
            entry = uow.audit_latest()
            vault_id = uow.get_meta("vault_id")
            uow.commit()
        assert entry is not None
        try:
            advance_anchor(db_path, entry, vault_id, create=True, signer=s.store.current_signer())
        except OSError as exc:
            raise errors.StorageError(
                f"The anchor file could not be written: {exc.strerror or 'error'}."
            ) from None
        return entry

    def checkpoint(self, authority_key: Ed25519PrivateKey | None) -> Checkpoint:
        """The vault authority's signature over the chain's head, recorded in the trail and
        returned for a supervisor to keep off this PC (``resdesk audit checkpoint``)."""
        s = self._session
        s.require(Permission.MANAGE_SETTINGS)
        if authority_key is None:
            raise errors.IntegrityFailed(
                "This supervisor's key slot holds no vault authority key, so no checkpoint "
                "can be signed; the slot was changed outside the application."
            )
        with s.store.unit_of_work(write=True) as uow:
            s.audit(uow, "checkpoint-request", "audit trail")
            head = uow.audit_latest()
            vault_id = uow.get_meta("vault_id") or ""
            assert head is not None
            point = Checkpoint.sign(vault_id, head, authority_key)
            s.audit(uow, "checkpoint", f"entry {head.seq}", f"{head.hash} {point.signature}")
            uow.commit()
        return point

    def verify_against(self, point: Checkpoint) -> ChainProblem | None:
        """Whether this vault's trail still holds the checkpoint kept off the PC."""
        s = self._session
        s.require(Permission.CHECK_INTEGRITY)
        if not point.signature_ok():
            return ChainProblem(
                point.seq,
                point.time,
                "checkpoint",
                "the checkpoint file's signature does not verify: the file was altered",
            )
        with s.store.unit_of_work(write=False) as uow:
            if uow.get_meta("vault_id") != point.vault:
                raise errors.InvalidInput(
                    "The checkpoint file belongs to another vault.", field="checkpoint"
                )
            known = {a.key for a in grants.authority_history(uow)}
            page = uow.audit_page(AuditQuery(after_seq=point.seq - 1, limit=1))
        entry = page[0] if page else None
        if unb64(point.authority_key) not in known:
            return ChainProblem(
                point.seq,
                point.time,
                "checkpoint",
                "the vault authority key of the checkpoint is no longer in the vault's "
                "record: the authority was replaced and its history rewritten",
            )
        if entry is None or entry.seq != point.seq:
            return ChainProblem(
                point.seq,
                point.time,
                "checkpoint",
                f"entry {point.seq} named by the checkpoint of {point.time} is missing: the "
                "trail was cut or the database rolled back to before it",
            )
        if entry.hash != point.hash:
            return ChainProblem(
                point.seq,
                point.time,
                "checkpoint",
                f"entry {point.seq} no longer has the hash the checkpoint of {point.time} "
                "recorded: the history before it was rewritten",
            )
        return None

    # -- list ----------------------------------------------------------------------------------

    def entries(
        self,
        filters: AuditFilter = AuditFilter(),  # noqa: B008 - frozen, never mutated
        *,
        offset: int = 0,
        limit: int = 200,
        newest_first: bool = False,
    ) -> list[AuditEntry]:
        """One page of entries matching ``filters`` (an operator's own entries only)."""
        s = self._session
        s.require(Permission.VIEW_AUDIT)
        query = self._query(filters, newest_first=newest_first, offset=offset, limit=limit)
        with s.store.unit_of_work(write=False) as uow:
            return uow.audit_page(query)

    def iter_entries(
        self,
        filters: AuditFilter = AuditFilter(),  # noqa: B008 - frozen, never mutated
    ) -> Iterator[AuditEntry]:
        """Every matching entry in seq order, read page by page in one snapshot."""
        s = self._session
        s.require(Permission.VIEW_AUDIT)
        query = self._query(filters)
        with s.store.unit_of_work(write=False) as uow:
            yield from _pages(uow, query)

    def accounts(self) -> list[str]:
        """The accounts the filter may offer: every account in the log, or only oneself."""
        s = self._session
        s.require(Permission.VIEW_AUDIT)
        if not self.sees_everyone:
            return [s.account.name]
        with s.store.unit_of_work(write=False) as uow:
            return uow.audit_accounts()

    def actions(self) -> list[str]:
        s = self._session
        s.require(Permission.VIEW_AUDIT)
        with s.store.unit_of_work(write=False) as uow:
            return uow.audit_actions()

    def check_filter(self, filters: AuditFilter) -> None:
        """Raise the error ``entries`` would raise for ``filters`` (a bad receipt number, an
        operator asking for another account), without reading anything."""
        self._session.require(Permission.VIEW_AUDIT)
        self._query(filters)

    @property
    def sees_everyone(self) -> bool:
        return self._session.account.role is Role.SUPERVISOR

    @property
    def may_export(self) -> bool:
        return self._session.account.role is Role.SUPERVISOR

    def _query(
        self,
        filters: AuditFilter,
        *,
        newest_first: bool = False,
        offset: int = 0,
        limit: int = _PAGE,
    ) -> AuditQuery:
        s = self._session
        account = filters.account.strip() if filters.account else None
        if not self.sees_everyone:
            if account is not None and account != s.account.name:
                raise errors.NotPermitted(
                    f"The {s.account.role.value} role may only see its own audit entries; "
                    "ask a supervisor."
                )
            account = s.account.name
        if filters.since and filters.until and filters.since > filters.until:
            raise errors.InvalidInput("from: the first date is after the last date.", "from")
        receipt = None
        if filters.receipt and filters.receipt.strip():
            receipt = format_receipt(receipt_digits_of(filters.receipt))
        return AuditQuery(
            account=account,
            action=filters.action.strip() if filters.action else None,
            since=filters.since.isoformat() if filters.since else None,
            until=(filters.until + dt.timedelta(days=1)).isoformat() if filters.until else None,
            target_contains=receipt,
            newest_first=newest_first,
            offset=offset,
            limit=limit,
        )

    # -- export --------------------------------------------------------------------------------

    def export_csv(
        self,
        path: Path,
        filters: AuditFilter = AuditFilter(),  # noqa: B008 - frozen, never mutated
        *,
        overwrite: bool = False,
    ) -> ExportResult:
        """Write the matching entries as CSV for the ward (supervisors); audited.

        UTF-8 with a BOM (so Excel reads the Japanese), CRLF line ends, every field quoted,
        one header row and nothing else: each row's ``prev_hash`` and ``hash`` let the ward
        recompute the chain as ``reservations/audit.py`` documents, once the ``'`` that
        ``reservations.spreadsheet_csv`` puts before a formula-like cell is taken off
        (``restore_cell``).  The file appears complete or not at all.
        """
        from reservations.domain import CopyKind
        from reservations.register import write_copy

        s = self._session
        s.require(Permission.EXPORT_AUDIT)
        query = self._query(filters)
        anchor = self._anchor_for_export()
        with write_copy(s, path, kind=CopyKind.AUDIT_EXPORT, overwrite=overwrite) as copy:
            with spreadsheet_csv(copy.stream) as writer:
                writer.writerow(CSV_COLUMNS)
                count = 0
                with s.store.unit_of_work(write=False) as uow:
                    latest = uow.audit_latest()
                    for entry in _pages(uow, query):
                        writer.writerow([entry.to_json()[name] for name in CSV_COLUMNS])
                        copy.receipts.extend(RECEIPT_IN_TARGET.findall(entry.target))
                        count += 1
            # Registered and audited before the file is published: no export without both.
            copy.audit = self._export_entry("csv", count, filters)
            copy.description = f"csv {count} entries"
        return ExportResult(path, count, latest, anchor)

    def export_pdf(
        self,
        path: Path,
        filters: AuditFilter = AuditFilter(),  # noqa: B008 - frozen, never mutated
        *,
        overwrite: bool = False,
    ) -> ExportResult:
        """Write the matching entries as a PDF for the ward (supervisors); audited.

        The first page names who made it and when, the filter, the chain's latest entry and
        hash and the anchor; the Japanese font is embedded.
        """
        from reservations.audit_pdf import PdfHeader, render_audit_pdf
        from reservations.domain import CopyKind
        from reservations.fonts import find_japanese_font
        from reservations.register import write_copy

        s = self._session
        s.require(Permission.EXPORT_AUDIT)
        query = self._query(filters)
        font = find_japanese_font()
        anchor = self._anchor_for_export()
        with s.store.unit_of_work(write=False) as uow:
            latest = uow.audit_latest()
            entries = list(_pages(uow, query))
        header = PdfHeader(
            generated_at=s.now(),
            account=s.account.name,
            filters=filters.describe(),
            latest=latest,
            anchor=anchor,
        )
        with write_copy(s, path, kind=CopyKind.AUDIT_EXPORT, overwrite=overwrite) as copy:
            pages = render_audit_pdf(entries, header, copy.stream, font)
            copy.receipts = [r for e in entries for r in RECEIPT_IN_TARGET.findall(e.target)]
            copy.audit = self._export_entry("pdf", len(entries), filters)
            copy.description = f"pdf {len(entries)} entries"
        return ExportResult(path, len(entries), latest, anchor, pages)

    def _anchor_for_export(self) -> Anchor | None:
        if self._anchor_file is None:
            return None
        try:
            return read_anchor(self._anchor_file)
        except (AnchorUnreadable, OSError):
            return None

    @staticmethod
    def _export_entry(kind: str, count: int, filters: AuditFilter) -> tuple[str, str, str]:
        return ("audit-export", f"{kind} {count} entries ({filters.describe()})", "ok")


class SignatureChecker:
    """Every entry from ``signed_from_seq`` on must carry its account's signature, made with
    the signing key of a grant the vault authority signed and that was in force then."""

    def __init__(
        self,
        signed_from: int | None,
        by_account: dict[str, list[Grant]],
        bad: set[str],
        vault_id: str = "",
    ) -> None:
        self._signed_from = signed_from
        self._by_account = by_account
        self._bad = bad
        self._vault_id = vault_id
        self._authorities: frozenset[bytes] = frozenset()
        # The hash of the previous entry, which a login's checkpoint entry countersigns.
        self._previous: AuditEntry | None = None

    @property
    def signing(self) -> bool:
        return self._signed_from is not None

    @classmethod
    def of(cls, uow: UnitOfWork, trust: grants.Trust | None = None) -> SignatureChecker:
        """``trust``: the keys the verifying session's own pin trusts, and where signing began
        as that pin recorded it; the vault's own (editable) record only when it has none."""
        history = grants.authority_history(uow)
        signed_from = grants.signed_from_seq(uow)
        if trust is not None and trust.signed_from is not None:
            signed_from = trust.signed_from
        vault_id = uow.get_meta("vault_id") or ""
        all_grants = uow.grants(vault_id)
        problems = grants.grant_problems(
            all_grants, history, trust.keys if trust is not None else None
        )
        by_account: dict[str, list[Grant]] = {}
        for grant in all_grants:
            by_account.setdefault(grant.account, []).append(grant)
        bad = {f"{a}#{v}" for (a, v), problem in problems.items() if problem is not None}
        checker = cls(signed_from, by_account, bad, vault_id)
        checker._authorities = (
            trust.keys if trust is not None else frozenset(a.key for a in history)
        )
        return checker

    def _is_supervisor(self, account: str, when: str) -> bool:
        history = self._by_account.get(account, [])
        for index, grant in enumerate(history):
            following = history[index + 1] if index + 1 < len(history) else None
            if (
                grant.issued_at <= when
                and (following is None or following.issued_at >= when)
                and grant.role == "supervisor"
                and grant.status == STATUS_ACTIVE
                and f"{grant.account}#{grant.version}" not in self._bad
            ):
                return True
        return False

    def _signed_by_grant(self, account: str, when: str, signature: bytes, message: bytes) -> bool:
        history = self._by_account.get(account, [])
        for index, grant in enumerate(history):
            following = history[index + 1] if index + 1 < len(history) else None
            in_force = grant.issued_at <= when and (
                following is None or following.issued_at >= when
            )
            if (
                in_force
                and grant.status == STATUS_ACTIVE
                and f"{grant.account}#{grant.version}" not in self._bad
                and verify(grant.sign_key, signature, message)
            ):
                return True
        return False

    def _checkpoint_problem(
        self, entry: AuditEntry, previous: AuditEntry | None
    ) -> ChainProblem | None:
        """A checkpoint entry holds the authority's signature over the entry just before it
        (a supervisor's login, or ``resdesk audit checkpoint``'s request): an entry before it
        that was relabelled, re-signed or rewritten no longer matches."""
        if not self._is_supervisor(entry.account, entry.time):
            return ChainProblem(
                entry.seq,
                entry.time,
                "checkpoint",
                f"a checkpoint entry written by {entry.account}, who held no supervisor grant "
                "then (only a supervisor's login or 'resdesk audit checkpoint' writes one)",
            )
        parts = entry.result.split(" ")
        target = entry.target.removeprefix("entry ")
        anchored = {previous.seq: previous.hash} if previous is not None else {}
        named = int(target) if target.isdigit() else -1
        signature = unb64(parts[1]) if len(parts) == 2 else None
        if (
            signature is not None
            and named in anchored
            and anchored[named] == parts[0]
            and any(
                verify(key, signature, checkpoint_message(self._vault_id, named, parts[0]))
                for key in self._authorities
            )
        ):
            return None
        return ChainProblem(
            entry.seq,
            entry.time,
            "checkpoint",
            "the vault authority's countersignature in this checkpoint does not match the "
            "entry it names: the history before it was rewritten",
        )

    def anchor_problem(self, anchor: Anchor, last: AuditEntry | None) -> ChainProblem | None:
        """An anchor written since signatures began must carry its writer's signature."""
        if self._signed_from is None or anchor.seq < self._signed_from:
            return None
        message = anchor_message(anchor.vault_id, anchor.seq, anchor.hash)
        signature = unb64(anchor.signature or "") or b""
        if anchor.account and self._signed_by_grant(
            anchor.account, anchor.time, signature, message
        ):
            return None
        return ChainProblem(
            anchor.seq,
            anchor.time,
            "anchor",
            "the anchor outside the database is not signed by an account the vault authority "
            "granted (it was written outside the application)",
        )

    def feed(self, entry: AuditEntry) -> ChainProblem | None:
        previous, self._previous = self._previous, entry
        if self._signed_from is None or entry.seq < self._signed_from:
            return None
        if entry.action == "checkpoint":
            problem = self._checkpoint_problem(entry, previous)
            if problem is not None:
                return problem
        if not entry.signature:
            return ChainProblem(
                entry.seq, entry.time, "unsigned", f"the entry of {entry.account} is not signed"
            )
        signature = unb64(entry.signature) or b""
        if self._signed_by_grant(entry.account, entry.time, signature, audit_message(entry.hash)):
            return None
        return ChainProblem(
            entry.seq,
            entry.time,
            "signature",
            f"the signature of {entry.account} does not verify with a key the vault authority "
            "granted them at that time (the entry was written or rewritten outside the "
            "application)",
        )


def _all_entries(uow: UnitOfWork) -> Iterator[AuditEntry]:
    yield from _pages(uow, AuditQuery(limit=_PAGE))


def _pages(uow: UnitOfWork, query: AuditQuery) -> Iterator[AuditEntry]:
    """Every entry of ``query`` in seq order, ``query.limit`` at a time (keyset paging)."""
    after = query.after_seq
    while True:
        page = uow.audit_page(
            AuditQuery(
                account=query.account,
                action=query.action,
                since=query.since,
                until=query.until,
                target_contains=query.target_contains,
                after_seq=after,
                limit=query.limit,
            )
        )
        yield from page
        if len(page) < query.limit:
            return
        after = page[-1].seq


def _compare_with_anchor(
    last: AuditEntry | None, anchored: AuditEntry | None, anchor: Anchor
) -> ChainProblem | None:
    last_seq = 0 if last is None else last.seq
    if last_seq < anchor.seq:
        first_missing = last_seq + 1
        which = (
            f"entry {anchor.seq} is"
            if first_missing == anchor.seq
            else f"entries {first_missing} to {anchor.seq} are"
        )
        return ChainProblem(
            first_missing,
            anchor.time,
            "tail",
            f"{which} missing at the end (cut off): the anchor outside the database names "
            f"entry {anchor.seq} of {anchor.time}",
        )
    if anchored is not None and anchored.hash != anchor.hash:
        return ChainProblem(
            anchored.seq,
            anchored.time,
            "anchor",
            "its hash differs from the one the anchor outside the database recorded: the "
            "history from here on was rewritten",
        )
    return None
