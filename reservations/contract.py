"""The contract's facts, kept in the vault and edited by a supervisor.

Who the contractor and the client (the ward) are, the contract period, the date by which
everything must be handed over and erased, and whether the municipal year-end closure
(12/29 to 1/3) applies to slot planning.  The handover, the erasure certificate and the
retention banner read them from here; every change is audited (field names only).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, replace
from enum import StrEnum

from reservations import errors
from reservations.normalize import normalize_label
from reservations.permissions import Permission
from reservations.session import Session
from reservations.store import UnitOfWork

CONTRACT_KEY = "contract"
HANDOVER_KEY = "handover_at"  # set by the handover export: when, and the register entry
LAST_BACKUP_KEY = "last_backup_at"
BACKUP_REMINDER_AFTER = dt.timedelta(days=1)
MAX_TEXT = 100


@dataclass(frozen=True)
class Contract:
    contractor: str = ""
    client: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    retention_end: dt.date | None = None
    year_end_closure: bool = True

    @property
    def is_set(self) -> bool:
        return bool(self.contractor and self.client and self.start and self.end)

    def period_text(self) -> str:
        if self.start is None or self.end is None:
            return ""
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        for key in ("start", "end", "retention_end"):
            value = data[key]
            data[key] = value.isoformat() if value else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Contract:
        def day(key: str) -> dt.date | None:
            value = data.get(key)
            return dt.date.fromisoformat(value) if isinstance(value, str) and value else None

        return cls(
            contractor=str(data.get("contractor") or ""),
            client=str(data.get("client") or ""),
            start=day("start"),
            end=day("end"),
            retention_end=day("retention_end"),
            year_end_closure=bool(data.get("year_end_closure", True)),
        )


def read_contract(uow: UnitOfWork) -> Contract:
    raw = uow.get_meta(CONTRACT_KEY)
    if not raw:
        return Contract()
    try:
        data = json.loads(raw)
    except ValueError:
        return Contract()
    return Contract.from_json(data) if isinstance(data, dict) else Contract()


def is_year_end_closure(day: dt.date) -> bool:
    """12/29 to 1/3: municipal offices and community centers are closed."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


class RetentionState(StrEnum):
    RUNNING = "running"  # within the contract, or no end date set
    HANDOVER_DUE = "handover-due"  # the contract has ended; no handover exported yet
    ERASURE_DUE = "erasure-due"  # handed over; the vault must now be erased


@dataclass(frozen=True)
class Reminders:
    """What a supervisor is told at every start (the window's banners, ``settings show``)."""

    retention: RetentionState
    contract: Contract
    last_backup: str | None
    backup_overdue: bool
    handover_at: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "retention": self.retention.value,
            "contract_end": self.contract.end.isoformat() if self.contract.end else None,
            "retention_end": (
                self.contract.retention_end.isoformat() if self.contract.retention_end else None
            ),
            "last_backup": self.last_backup,
            "backup_overdue": self.backup_overdue,
            "handover": self.handover_at,
        }


def read_reminders(uow: UnitOfWork, now: dt.datetime) -> Reminders:
    contract = read_contract(uow)
    handover = uow.get_meta(HANDOVER_KEY)
    handover_at = handover.split(" ", 1)[0] if handover else None
    if contract.end is None or now.date() <= contract.end:
        retention = RetentionState.RUNNING
    elif handover_at is None:
        retention = RetentionState.HANDOVER_DUE
    else:
        retention = RetentionState.ERASURE_DUE
    last_backup = uow.get_meta(LAST_BACKUP_KEY)
    overdue = True
    if last_backup:
        try:
            overdue = now - dt.datetime.fromisoformat(last_backup) > BACKUP_REMINDER_AFTER
        except ValueError:
            overdue = True
    # An empty vault has nothing to lose yet.
    if uow.latest_reservation_id() == 0:
        overdue = False
    return Reminders(retention, contract, last_backup, overdue, handover_at)


class ContractService:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self) -> Contract:
        s = self._session
        s.require(Permission.LIST_SLOTS)
        with s.store.unit_of_work(write=False) as uow:
            return read_contract(uow)

    def reminders(self) -> Reminders:
        s = self._session
        s.require(Permission.LIST_SLOTS)
        with s.store.unit_of_work(write=False) as uow:
            return read_reminders(uow, s.now())

    def set(self, contract: Contract) -> Contract:
        """Replace the contract's facts (supervisors; audited with the changed field names)."""
        s = self._session
        s.require(Permission.MANAGE_SETTINGS)
        contract = replace(
            contract,
            contractor=normalize_label(contract.contractor, "contractor", MAX_TEXT),
            client=normalize_label(contract.client, "client", MAX_TEXT),
        )
        if contract.start and contract.end and contract.end < contract.start:
            raise errors.InvalidInput(
                "The contract ends before it starts; check the two dates.", "end"
            )
        if contract.retention_end and contract.end and contract.retention_end < contract.end:
            raise errors.InvalidInput(
                "The retention end is before the contract's end; the data must be kept "
                "until at least the last day of the contract.",
                "retention_end",
            )
        with s.store.unit_of_work(write=True) as uow:
            before = read_contract(uow).to_json()
            after = contract.to_json()
            changed = [key for key in after if before.get(key) != after[key]]
            if not changed:
                return contract
            uow.set_meta(CONTRACT_KEY, json.dumps(after, ensure_ascii=False, sort_keys=True))
            s.audit(uow, "setting-contract", ",".join(changed))
            uow.commit()
        return contract
