"""Certified erasure at the end of the contract: destroy the vault, and say so on paper.

The core of it is cryptographic erase (NIST SP 800-88 Rev. 1, "Cryptographic Erase"): the
database is encrypted with a random data key that exists only sealed in the key file's slots
and on the paper recovery sheet(s).  Overwriting the key file in place (the same inode: a
hard link or an open descriptor reads random bytes afterwards) and removing it makes the
database unreadable wherever copies of its encrypted pages remain (SSD spare blocks, the file
system's journal); the database, its journal files, the audit anchor, the login counters
(``NAME.lockout``) and whatever interrupted writes left behind (``reservations.leftovers``:
half-written backups with their key files, temporary exports) are then overwritten and
removed too.  The paper recovery sheets and any backups are listed on the certificate for
the supervisor to destroy under witness: those are the only ways left to the data.

The certificate says what was done and, as plainly, what a file system cannot promise (older
blocks kept by SSD wear levelling, copy-on-write and journaling file systems, snapshots and
shadow copies), and whether the vault's volume is encrypted (``volume_encryption``): full-disk
encryption is a condition of use, because it is what covers those blocks.

Erasure refuses while no handover has been exported, or while the register of copies still
lists copies neither destroyed nor handed over; ``force`` with a reason overrides, and both
the reason and the open entries are printed on the certificate.  The certificate PDF is
written outside the vault (``reservations/erasure_pdf.py``); its temporary file is created
before anything is destroyed, so a folder that cannot be written stops the erasure first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import platform
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from reservations import errors
from reservations.anchor import anchor_lock_path, anchor_path
from reservations.contract import HANDOVER_KEY, Contract, read_contract
from reservations.domain import CopyKind, CopyRecord, CopyStatus
from reservations.files import atomic_file, check_destination, sha256_file
from reservations.leftovers import (
    Leftover,
    find_leftovers,
    handover_names,
    holds_key_material,
    output_folders,
)
from reservations.lockout import lockout_file_path
from reservations.normalize import normalize_label
from reservations.permissions import Permission
from reservations.session import Session
from reservations.shred import shred
from reservations.store import AuditQuery
from reservations.vault import Vault, unlock_throttled, vault_files
from reservations.volume_encryption import VolumeEncryption, detect_volume_encryption, unknown

CONFIRMATION_WORD = "ERASE"
METHOD = (
    "暗号学的消去（NIST SP 800-88 Rev.1 の Cryptographic Erase）：データベースを暗号化している"
    "鍵を収めた鍵ファイル（全アカウントの鍵スロット）を、同じファイルの上から全長にわたり乱数で"
    "上書きしてディスクへ書き込ませ（fsync）、削除。続いてデータベース本体・ジャーナル（WAL・"
    "共有メモリ）・監査アンカー・ログイン失敗記録・中断された書き込みの一時ファイルを同じ方法で"
    "上書きして削除"
)


@dataclass(frozen=True)
class ErasedFile:
    path: Path
    size: int
    sha256: str  # before erasure
    problem: str | None = None  # why it could not be overwritten or removed (None: it was)

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "size": self.size,
            "sha256": self.sha256,
            "removed": self.problem is None,
            "problem": self.problem,
        }


@dataclass(frozen=True)
class Handover:
    """The handover export the erasure follows (from the vault's meta, set by the export)."""

    at: str
    copy_id: int | None
    manifest_sha256: str

    @classmethod
    def parse(cls, raw: str | None) -> Handover | None:
        if not raw:
            return None
        parts = raw.split()
        copy_id = None
        if len(parts) > 1 and parts[1].startswith("#") and parts[1][1:].isdigit():
            copy_id = int(parts[1][1:])
        return cls(parts[0], copy_id, parts[-1] if len(parts) > 2 else "")


@dataclass(frozen=True)
class ErasurePlan:
    """What an erasure would destroy and what still stands in its way."""

    database: Path
    contract: Contract
    reservations: int
    accounts: list[str]
    audit_entries: int
    last_audit_hash: str
    handover: Handover | None
    open_copies: list[CopyRecord]
    backups: list[CopyRecord]
    recovery_sheets: int
    handover_copy: CopyRecord | None = None
    changed_since_handover: int = 0
    # What interrupted writes left behind, here and in the folders of the register's copies:
    # erased with the vault (and named on the certificate).
    leftovers: list[Leftover] = field(default_factory=list)
    volume: VolumeEncryption = field(
        default_factory=lambda: unknown("not checked", "確認していません")
    )

    @property
    def blockers(self) -> list[str]:
        problems = []
        if self.handover is None:
            problems.append("No handover package has been exported yet (resdesk export handover).")
        else:
            handed = self.handover_copy
            if handed is not None and handed.status is CopyStatus.DESTROYED:
                problems.append(
                    f"The handover package (copy #{handed.id}) is marked destroyed, not handed "
                    "over: the ward has not confirmed receiving it."
                )
            if self.changed_since_handover:
                problems.append(
                    f"{self.changed_since_handover} reservation(s) were made or changed after "
                    "the handover was exported: export the handover again."
                )
        for copy in self.open_copies:
            problems.append(
                f"Copy #{copy.id} ({copy.kind.value}, {copy.created_at[:10]}, {copy.path}) is "
                "neither destroyed nor handed over (resdesk register close)."
            )
        return problems

    def to_json(self) -> dict[str, object]:
        return {
            "database": str(self.database),
            "reservations": self.reservations,
            "accounts": self.accounts,
            "audit_entries": self.audit_entries,
            "handover": None if self.handover is None else self.handover.at,
            "open_copies": [c.to_json() for c in self.open_copies],
            "backups": [c.to_json() for c in self.backups],
            "recovery_sheets": self.recovery_sheets,
            "changed_since_handover": self.changed_since_handover,
            "leftovers": [leftover.to_json() for leftover in self.leftovers],
            "volume_encryption": self.volume.to_json(),
            "blockers": self.blockers,
        }


@dataclass(frozen=True)
class ErasureResult:
    plan: ErasurePlan
    files: list[ErasedFile]
    started_at: dt.datetime
    finished_at: dt.datetime
    account: str
    certificate: Path
    forced_reason: str | None
    host: str = field(default_factory=platform.node)

    def to_json(self) -> dict[str, object]:
        return {
            "certificate": str(self.certificate),
            "erased_files": [f.to_json() for f in self.files],
            "reservations": self.plan.reservations,
            "started": self.started_at.isoformat(timespec="seconds"),
            "finished": self.finished_at.isoformat(timespec="seconds"),
            "account": self.account,
            "forced_reason": self.forced_reason,
            "backups_to_destroy": [c.to_json() for c in self.plan.backups],
            "recovery_sheets_to_shred": self.plan.recovery_sheets,
            "leftovers": [leftover.to_json() for leftover in self.plan.leftovers],
            "volume_encryption": self.plan.volume.to_json(),
        }


def _files_of(db_path: Path, leftovers: list[Leftover]) -> list[Path]:
    """Every file to erase, key material first (the vault's key file, then any copy of it
    that an interrupted write left), then the rest."""
    # ``vault_files`` names these too; repeated so that the erasure never depends on it.
    lockout = lockout_file_path(db_path)
    files = vault_files(db_path)
    files += [anchor_path(db_path), anchor_lock_path(db_path)]
    files += [lockout, lockout.with_name(lockout.name + ".lock")]
    files += [path for leftover in leftovers for path in leftover.files()]
    unique = list(dict.fromkeys(p for p in files if p.is_file()))
    return sorted(unique, key=lambda p: not holds_key_material(p))


def _overwrite_and_remove(path: Path) -> None:
    """The same inode overwritten with random bytes over its whole length, fsync, unlink.

    On flash storage an overwrite may land in new blocks; that is why the key's destruction,
    not this overwrite, is what makes the data unreadable.
    """
    shred(path)


class ErasureService:
    """``volume_check`` tells whether the vault's folder is on an encrypted volume (tests pass
    their own; the certificate records the answer)."""

    def __init__(
        self,
        session: Session,
        vault: Vault,
        *,
        volume_check: Callable[[Path], VolumeEncryption] = detect_volume_encryption,
    ) -> None:
        self._session = session
        self._vault = vault
        self._volume_check = volume_check

    def plan(self) -> ErasurePlan:
        s = self._session
        s.require(Permission.ERASE)
        with s.store.unit_of_work(write=False) as uow:
            copies = uow.list_copies(open_only=False)
            latest = uow.audit_latest()
            rekeys = len(uow.audit_page(AuditQuery(action="rekey", limit=10_000)))
            handover = Handover.parse(uow.get_meta(HANDOVER_KEY))
            handover_copy = None
            if handover is not None and handover.copy_id is not None:
                handover_copy = uow.get_copy(handover.copy_id)
            db_path = self._vault.db_path.absolute()
            return ErasurePlan(
                leftovers=find_leftovers(db_path, output_folders(copies), handover_names(copies)),
                volume=self._volume_check(db_path.parent),
                handover_copy=handover_copy,
                changed_since_handover=(
                    0 if handover is None else uow.reservations_changed_since(handover.at)
                ),
                database=self._vault.db_path.absolute(),
                contract=read_contract(uow),
                reservations=uow.count_reservations(),
                accounts=[name for name, *_ in uow.list_accounts()],
                audit_entries=0 if latest is None else latest.seq,
                last_audit_hash="" if latest is None else latest.hash,
                handover=handover,
                open_copies=[c for c in copies if c.status is CopyStatus.OPEN],
                backups=[c for c in copies if c.kind is CopyKind.BACKUP],
                recovery_sheets=1 + rekeys,
            )

    def erase(
        self,
        *,
        password: str,
        confirmation: str,
        certificate: Path,
        force: bool = False,
        reason: str = "",
    ) -> ErasureResult:
        """Destroy the vault and write the erasure certificate (supervisors).

        Needs the account's password again and ``confirmation`` typed as ``ERASE``.  After it
        returns the vault is gone: the caller must not use the session again.
        """
        s = self._session
        s.require(Permission.ERASE)
        if confirmation.strip() != CONFIRMATION_WORD:
            raise errors.InvalidInput(
                f"Type {CONFIRMATION_WORD} in capitals to confirm the erasure; nothing was erased.",
                "confirmation",
            )
        reason = normalize_label(reason, "reason", 300)
        if force and not reason:
            raise errors.InvalidInput(
                "Erasing despite open copies or a missing handover needs a reason (--reason); "
                "it is printed on the certificate.",
                "reason",
            )
        db_path = self._vault.db_path
        certificate = certificate.expanduser().absolute()
        if certificate.parent.resolve() == db_path.parent.resolve():
            raise errors.InvalidInput(
                "Keep the certificate outside the vault's folder (it must survive the "
                "erasure); choose another folder.",
                "certificate",
            )
        check_destination(certificate, overwrite=False)
        # The password again: erasure is the one action that cannot be undone.
        unlock_throttled(self._vault.keyslots, s.account.name, password, clock=s.clock)
        plan = self.plan()
        if plan.blockers and not force:
            raise errors.Conflict(
                "The vault cannot be erased yet: "
                + " ".join(plan.blockers)
                + " Resolve these, or use --force with --reason."
            )
        from reservations.erasure_pdf import render_certificate
        from reservations.fonts import find_japanese_font

        font = find_japanese_font()
        started = s.now()
        account = s.account.name
        db_path = db_path.absolute()
        # Another window or command with the vault open would keep reading (and on Windows
        # keep the files from being removed): refuse while the log cannot be emptied.
        busy, _frames, _done = s.store.checkpoint_wal()
        if busy:
            raise errors.VaultBusy(
                "Another window or command has the vault open; close every other window of "
                "Reservation Desk (on every seat) and try again. Nothing was erased."
            )
        # A rehearsal with today's facts while the vault is still open: a certificate that
        # cannot be drawn stops the erasure before anything is destroyed.
        try:
            rehearsal = ErasureResult(
                plan=plan,
                files=[
                    ErasedFile(p, p.stat().st_size, "0" * 64)
                    for p in _files_of(db_path, plan.leftovers)
                ],
                started_at=started,
                finished_at=started,
                account=account,
                certificate=certificate,
                forced_reason=reason if plan.blockers else None,
            )
            render_certificate(rehearsal, io.BytesIO(), font)
        except Exception as exc:  # noqa: BLE001 - anything at all: do not erase
            raise errors.StorageError(
                "The erasure certificate could not be prepared "
                f"({type(exc).__name__}); nothing was erased. Please report it."
            ) from None
        with s.store.unit_of_work(write=True) as uow:
            # The last entry the vault will ever hold: the erasure was started, by whom.
            s.audit(uow, "erase", "vault", "started, forced" if plan.blockers else "started")
            uow.commit()
        # The certificate carries the erase entry's own hash: the chain's end.
        with s.store.unit_of_work(write=False) as uow:
            latest = uow.audit_latest()
        if latest is not None:
            plan = replace(plan, audit_entries=latest.seq, last_audit_hash=latest.hash)
        with atomic_file(certificate, overwrite=False) as stream:
            # Closed first: closing checkpoints the WAL into the database file, and the
            # hashes must be those of the files as they are destroyed.
            self._vault.close()
            hashed = [
                ErasedFile(p, p.stat().st_size, sha256_file(p))
                for p in _files_of(db_path, plan.leftovers)
            ]
            # The key files first (``_files_of`` puts them there): once they are gone, nothing
            # else matters for confidentiality.  A file that cannot be removed (held open by
            # another program, a read-only folder) is named on the certificate, which is
            # written whatever happens: it is the only record left of what was destroyed.
            files = []
            for erased in hashed:
                try:
                    _overwrite_and_remove(erased.path)
                except FileNotFoundError:
                    pass
                except OSError as exc:
                    erased = replace(erased, problem=exc.strerror or type(exc).__name__)
                files.append(erased)
            # The emptied temporary folders go too; one still holding a file that could not
            # be overwritten is left as it is (that file is named on the certificate).
            kept = [f.path for f in files if f.problem is not None]
            for leftover in plan.leftovers:
                if leftover.is_folder and not any(leftover.path in p.parents for p in kept):
                    with contextlib.suppress(OSError):
                        shutil.rmtree(leftover.path)
            result = ErasureResult(
                plan=plan,
                files=files,
                started_at=started,
                finished_at=s.now(),
                account=account,
                certificate=certificate,
                forced_reason=reason if plan.blockers else None,
            )
            render_certificate(result, stream, font)
        return result
