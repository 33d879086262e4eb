"""Issue 12, finding 3: a database rolled back to an older copy, with the anchor deleted or
rolled back too.  A missing anchor is an integrity failure until a supervisor re-anchors; a
rollback of every file is what a checkpoint kept off the PC catches."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from reservations.anchor import anchor_path
from reservations.booking import BookingService, CallerInput
from reservations.vault import key_file_path
from tests.conftest import OPERATOR, SUPERVISOR, TestVault, assert_fails, run_cli

CALLER = CallerInput("山田", "太郎", "ヤマダ", "タロウ", "090-1234-5678")


def _files(tv: TestVault) -> list[Path]:
    return [tv.path, key_file_path(tv.path), anchor_path(tv.path)]


def _copy(tv: TestVault, folder: Path) -> None:
    folder.mkdir()
    for path in _files(tv):
        shutil.copy2(path, folder / path.name)


def _put_back(tv: TestVault, folder: Path, *, anchor: bool) -> None:
    for path in _files(tv):
        if path.name.endswith(".audit-anchor") and not anchor:
            continue
        shutil.copy2(folder / path.name, path)
    for suffix in ("-wal", "-shm"):
        tv.path.with_name(tv.path.name + suffix).unlink(missing_ok=True)


def _verify(tv: TestVault, *extra: str) -> tuple[int, str]:
    result = run_cli(["audit", "verify", *extra], tv.env(SUPERVISOR))
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr


def test_a_deleted_anchor_stays_a_failure_until_a_supervisor_reanchors(
    test_vault: TestVault,
) -> None:
    test_vault.close()
    anchor_path(test_vault.path).unlink()
    code, message = _verify(test_vault)
    # Before: "ok" with a warning, exit 0.
    assert code == 7 and "anchor" in message and "reanchor" in message
    # The next write does not quietly bring it back.
    booked = run_cli(
        ["book", "--slot", str(test_vault.slot_ids["a0-1000"]), "--name", "山田 太郎",
         "--kana", "ヤマダ タロウ", "--phone", "090-1234-5678"],
        test_vault.env(OPERATOR),
    )  # fmt: skip
    assert booked.returncode == 0, booked.stderr
    assert not anchor_path(test_vault.path).exists()
    assert _verify(test_vault)[0] == 7
    # An operator may not re-anchor; a supervisor may, with a reason, and it is audited.
    assert_fails(run_cli(["audit", "reanchor", "--reason", "x"], test_vault.env(OPERATOR)), 6)
    done = run_cli(
        ["audit", "reanchor", "--reason", "compared with the checkpoint of 12/20"],
        test_vault.env(SUPERVISOR),
    )
    assert done.returncode == 0, done.stderr
    assert _verify(test_vault)[0] == 0
    anchor = json.loads(anchor_path(test_vault.path).read_text())
    assert anchor["account"] == "chief" and anchor["signature"]
    listed = run_cli(
        ["audit", "list", "--action", "reanchor", "--json"], test_vault.env(SUPERVISOR)
    )
    assert "compared with the checkpoint" in listed.stdout


def test_a_database_rolled_back_without_its_anchor_is_caught(
    test_vault: TestVault, tmp_path: Path
) -> None:
    test_vault.close()
    _copy(test_vault, tmp_path / "old")
    BookingService(test_vault.session(OPERATOR)).book(test_vault.slot_ids["a0-1000"], CALLER)
    test_vault.close()
    _put_back(test_vault, tmp_path / "old", anchor=False)
    anchor_path(test_vault.path).unlink()
    assert _verify(test_vault)[0] == 7


def test_a_forged_anchor_is_caught(test_vault: TestVault) -> None:
    test_vault.close()
    path = anchor_path(test_vault.path)
    anchor = json.loads(path.read_text())
    anchor["signature"] = None
    path.write_text(json.dumps(anchor))
    code, message = _verify(test_vault)
    assert code == 7 and "anchor" in message


def test_every_file_rolled_back_is_caught_by_a_checkpoint_kept_off_the_pc(
    test_vault: TestVault, tmp_path: Path
) -> None:
    test_vault.close()
    _copy(test_vault, tmp_path / "old")
    BookingService(test_vault.session(OPERATOR)).book(test_vault.slot_ids["a0-1000"], CALLER)
    test_vault.close()
    checkpoint = tmp_path / "usb" / "checkpoint.json"
    checkpoint.parent.mkdir()
    made = run_cli(["audit", "checkpoint", "--out", str(checkpoint)], test_vault.env(SUPERVISOR))
    assert made.returncode == 0, made.stderr
    assert _verify(test_vault, "--against", str(checkpoint))[0] == 0
    # The insider puts every file back as it was before the booking.
    _put_back(test_vault, tmp_path / "old", anchor=True)
    # The vault alone cannot tell (said plainly in docs/security.md) ...
    assert _verify(test_vault)[0] == 0
    # ... the checkpoint kept off the PC can.
    code, message = _verify(test_vault, "--against", str(checkpoint))
    assert code == 7 and "checkpoint" in message
    # A checkpoint file edited to match is refused by its own signature.
    document = json.loads(checkpoint.read_text())
    document["seq"] = 1
    checkpoint.write_text(json.dumps(document))
    code, message = _verify(test_vault, "--against", str(checkpoint))
    assert code == 7 and "altered" in message
    # Operators may not make checkpoints.
    assert_fails(
        run_cli(
            ["audit", "checkpoint", "--out", str(tmp_path / "op.json")], test_vault.env(OPERATOR)
        ),
        6,
    )
