"""Honest erasure (issue 11, finding 3): what an insider keeps must not survive the erasure,
and the certificate must not claim more than was done.

The insider's trick: before the erasure, a hard link to ``NAME.keys`` (another name for the
same file, which survives the removal of the first) and an open file descriptor.  An erasure
that only unlinks, or one that lets the key file be *replaced* by a new version before it
overwrites it (a failed login used to rewrite the key file; the login clearing the counter
rewrote it again), leaves every key slot readable through them.  The erasure must overwrite
the very inode in place, and the file must not have been replaced since the link was made.
The same goes for the login counters (``NAME.lockout``) and for a half-written backup's copy
of the key file.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from reservations.domain import CopyKind
from reservations.erasure import ErasureService
from reservations.errors import ExitCode
from reservations.lockout import lockout_file_path
from reservations.session import open_session
from reservations.vault import key_file_path
from reservations.volume_encryption import VolumeEncryption, VolumeState
from tests.conftest import ROOT, SUPERVISOR, CliResult, TestVault

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="hard links and SIGKILL")

Cli = Callable[..., CliResult]
WRONG = (SUPERVISOR[0], "not-the-password-2022")


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(pdf).pages))


def _erase(cli: Cli, certificate: Path) -> CliResult:
    certificate.parent.mkdir(exist_ok=True)
    return cli(
        "erase", "--certificate", str(certificate), "--confirm", "ERASE", "--force",
        "--reason", "契約終了（試験）", account=SUPERVISOR,
    )  # fmt: skip


class Kept:
    """What the insider keeps of a file: a hard link elsewhere and an open descriptor."""

    def __init__(self, path: Path, folder: Path) -> None:
        folder.mkdir(exist_ok=True)
        self.link = folder / f"kept-{path.name}"
        os.link(path, self.link)
        self.fd = os.open(path, os.O_RDONLY)
        self.original = path.read_bytes()

    def contents(self) -> tuple[bytes, bytes]:
        return self.link.read_bytes(), os.pread(self.fd, len(self.original) + 1, 0)

    def close(self) -> None:
        os.close(self.fd)


@pytest.fixture
def insider(tmp_path: Path) -> Iterator[Callable[[Path], Kept]]:
    kept: list[Kept] = []

    def keep(path: Path) -> Kept:
        kept.append(Kept(path, tmp_path / "insider"))
        return kept[-1]

    yield keep
    for k in kept:
        k.close()


def _overwritten(kept: Kept, marker: bytes) -> None:
    for data in kept.contents():
        assert len(data) == len(kept.original), "overwritten over its whole length"
        assert marker not in data
        with pytest.raises(ValueError):  # JSONDecodeError or UnicodeDecodeError
            json.loads(data)


def test_a_hard_link_and_an_open_descriptor_to_the_key_file_read_random_bytes(
    test_vault: TestVault, cli: Cli, tmp_path: Path, insider: Callable[[Path], Kept]
) -> None:
    keys = key_file_path(test_vault.path)
    test_vault.close()
    # The supervisor mistypes the password once before the erasure goes through.
    typo = cli("erase", "--certificate", str(tmp_path / "c" / "x.pdf"), "--confirm", "ERASE",
               account=WRONG)  # fmt: skip
    assert typo.returncode == ExitCode.AUTHENTICATION
    kept = insider(keys)
    assert b"resdesk-keyslots" in kept.original

    done = _erase(cli, tmp_path / "cert" / "erasure.pdf")
    assert done.returncode == 0, done.stderr
    assert not keys.exists()
    # The same inode was overwritten: through the link and the descriptor, random bytes only.
    _overwritten(kept, b"resdesk-keyslots")


def test_the_login_counters_are_overwritten_in_place_too(
    test_vault: TestVault, cli: Cli, tmp_path: Path, insider: Callable[[Path], Kept]
) -> None:
    test_vault.close()
    guess = cli("slots", "list", account=("somebody", "a-guess-2022"))
    assert guess.returncode == ExitCode.AUTHENTICATION
    lockout = lockout_file_path(test_vault.path)
    assert lockout.is_file()
    kept = insider(lockout)
    keys = insider(key_file_path(test_vault.path))

    done = _erase(cli, tmp_path / "cert" / "erasure.pdf")
    assert done.returncode == 0, done.stderr
    assert not lockout.exists()
    _overwritten(kept, b"resdesk-lockout")
    _overwritten(keys, b"resdesk-keyslots")
    text = _text(tmp_path / "cert" / "erasure.pdf")
    assert "vault.db.lockout" in text and "vault.db.keys" in text


def test_a_half_written_backup_is_named_on_the_certificate_and_its_keys_overwritten(
    test_vault: TestVault, tmp_path: Path, insider: Callable[[Path], Kept]
) -> None:
    vault, session = open_session(test_vault.path, *SUPERVISOR, clock=test_vault.clock)
    test_vault._open.append(vault)  # noqa: SLF001 - closed on teardown if the test fails
    usb = tmp_path / "usb"
    usb.mkdir()
    # A backup killed after it copied the vault and its key file (tests/attacks/
    # test_stale_copies.py kills a real one; here, the erasure runs in the same session).
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.interrupted_writer", "backup", "copied",
         "backup", "--out", str(usb)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=ROOT, env=test_vault.env(SUPERVISOR),
    )  # fmt: skip
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "copied"
    finally:
        child.kill()
        child.communicate(timeout=30)
    [part] = usb.glob(".resdesk-backup-*.part")
    kept = insider(part / "vault.db.keys")

    service = ErasureService(session, vault, volume_check=_fixed(VolumeState.NOT_ENCRYPTED))
    plan = service.plan()
    assert [x.path for x in plan.leftovers] == [part]
    assert [c.kind for c in plan.open_copies] == [CopyKind.BACKUP]  # registered first
    out = tmp_path / "cert" / "erasure.pdf"
    out.parent.mkdir()
    result = service.erase(
        password=SUPERVISOR[1], confirmation="ERASE", certificate=out, force=True, reason="試験"
    )
    assert not part.exists()
    erased = [f.path for f in result.files]
    assert part / "vault.db.keys" in erased and part / "vault.db" in erased
    # Key material first: the vault's key file and the copy's, before anything else.
    assert {p.name for p in erased[:2]} == {"vault.db.keys"}
    _overwritten(kept, b"resdesk-keyslots")
    text = _text(out)
    assert "中断された書き込みの残り" in text
    assert part.name in text


def _fixed(state: VolumeState) -> Callable[[Path], VolumeEncryption]:
    return lambda _folder: VolumeEncryption(state, f"fake {state.value}")


def test_the_certificate_says_what_was_done_and_what_cannot_be_promised(
    test_vault: TestVault, cli: Cli, tmp_path: Path
) -> None:
    test_vault.close()
    out = tmp_path / "cert" / "erasure.pdf"
    done = _erase(cli, out)
    assert done.returncode == 0, done.stderr
    text = _text(out)
    for said in (
        # what was done
        "同じファイル（同一のiノード）の上から全長にわたり乱数で上書き",
        "fsync",
        # what a file system cannot promise
        "ウェアレベリング",
        "コピーオンライト",
        "ジャーナリング",
        "スナップショット",
        "シャドウコピー",
        "古い版",
        # the volume's encryption, whatever this machine's answer is
        "保存先ボリュームの暗号化",
        "全体暗号化（BitLocker・LUKSなど）は本アプリケーションの利用条件",
    ):
        assert said in text, said
    assert any(
        answer in text
        for answer in ("暗号化されています（", "暗号化されていません（", "確認できませんでした（")
    )


@pytest.mark.parametrize(
    ("state", "line"),
    [
        (VolumeState.ENCRYPTED, "暗号化されています（fakeencrypted）"),
        (
            VolumeState.NOT_ENCRYPTED,
            "暗号化されていません（fakenot-encrypted）。利用条件（保存先ボリュームの全体暗号化）",
        ),
        (VolumeState.UNKNOWN, "確認できませんでした（fakeunknown）"),
    ],
)
def test_the_certificate_records_the_volume_encryption(
    test_vault: TestVault, tmp_path: Path, state: VolumeState, line: str
) -> None:
    from reservations.erasure_pdf import render_certificate
    from reservations.fonts import find_japanese_font

    vault, session = open_session(test_vault.path, *SUPERVISOR, clock=test_vault.clock)
    test_vault._open.append(vault)  # noqa: SLF001
    service = ErasureService(session, vault, volume_check=_fixed(state))
    out = tmp_path / "cert" / "erasure.pdf"
    out.parent.mkdir()
    result = service.erase(
        password=SUPERVISOR[1], confirmation="ERASE", certificate=out, force=True, reason="試験"
    )
    assert result.plan.volume.state is state
    assert result.to_json()["volume_encryption"] == {
        "state": state.value,
        "description": f"fake {state.value}",
    }
    assert line in _text(out)
    # The same facts draw the same page again (the certificate is pure drawing).
    assert render_certificate(result, io.BytesIO(), find_japanese_font()) >= 1
