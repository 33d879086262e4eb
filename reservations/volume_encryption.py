"""Is the vault's volume encrypted?  Full-disk encryption is a condition of use; the erasure
certificate records what this module found.

On Linux the folder's block device (``st_dev``; for Btrfs and other file systems with
anonymous device numbers, the mount's source from ``/proc/self/mountinfo``) is followed down
through ``/sys/dev/block/MAJ:MIN`` and its ``slaves/``: a device-mapper layer whose
``dm/uuid`` starts with ``CRYPT-`` is dm-crypt (LUKS or plain).  On Windows ``manage-bde
-status X:`` is read (English or Japanese output; it needs administrator rights, otherwise
the answer is "unknown").  Anything else, or anything unexpected, is "unknown": this never
guesses "encrypted".  Self-encrypting drives (Opal) and file-level encryption (fscrypt,
EFS) are not detected.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

SYS_ROOT = Path("/sys")
MOUNTINFO = Path("/proc/self/mountinfo")
_NETWORK_FS = ("nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs")
_MAX_DEPTH = 8


class VolumeState(StrEnum):
    ENCRYPTED = "encrypted"
    NOT_ENCRYPTED = "not-encrypted"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class VolumeEncryption:
    """The answer, with a short description of what was found (no personal data): in English
    for the CLI's JSON and logs, and in Japanese for the certificate the ward reads."""

    state: VolumeState
    description: str
    description_ja: str = ""

    def to_json(self) -> dict[str, str]:
        return {"state": self.state.value, "description": self.description}


def unknown(why: str, why_ja: str) -> VolumeEncryption:
    return VolumeEncryption(VolumeState.UNKNOWN, why, why_ja)


def detect_volume_encryption(folder: Path) -> VolumeEncryption:
    """What can be told about the encryption of the volume holding ``folder``."""
    try:
        if sys.platform.startswith("linux"):
            return linux_volume_encryption(folder)
        if sys.platform == "win32":
            return windows_volume_encryption(folder)
    except Exception as exc:  # noqa: BLE001 - a certificate line, never a failed erasure
        return unknown(
            f"the check failed ({type(exc).__name__})",
            f"確認処理が失敗しました（{type(exc).__name__}）",
        )
    return unknown(
        f"not checked on this system ({sys.platform})",
        f"この OS では確認していません（{sys.platform}）",
    )


# -- Linux: dm-crypt / LUKS -------------------------------------------------------------------


@dataclass(frozen=True)
class _Mount:
    dev: tuple[int, int]
    mount_point: str
    fs_type: str
    source: str


def _unescape(field: str) -> str:
    # mountinfo escapes space, tab, newline and backslash as \ooo.
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def _mounts(mountinfo: Path) -> list[_Mount]:
    mounts = []
    for line in mountinfo.read_text(encoding="utf-8", errors="replace").splitlines():
        left, sep, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if not sep or len(fields) < 5 or len(tail) < 2:
            continue
        major, _, minor = fields[2].partition(":")
        if not (major.isdigit() and minor.isdigit()):
            continue
        mounts.append(
            _Mount((int(major), int(minor)), _unescape(fields[4]), tail[0], _unescape(tail[1]))
        )
    return mounts


def _mount_of(folder: Path, dev: tuple[int, int], mountinfo: Path) -> _Mount | None:
    """The mount holding ``folder``: the deepest mount point above it, preferring a mount
    with the folder's own device number, and the later of two mounts on the same point."""
    path = os.path.realpath(folder)
    above = []
    for mount in _mounts(mountinfo):
        point = mount.mount_point.rstrip("/")
        if path == point or path.startswith(point + "/") or not point:
            above.append(mount)
    candidates = [m for m in above if m.dev == dev] or above
    best: _Mount | None = None
    for mount in candidates:
        if best is None or len(mount.mount_point) >= len(best.mount_point):
            best = mount
    return best


def _block_dir(sys_root: Path, dev: tuple[int, int]) -> Path | None:
    link = sys_root / "dev" / "block" / f"{dev[0]}:{dev[1]}"
    return link.resolve() if link.exists() else None


def _crypt_layers(device: Path, depth: int = 0) -> tuple[bool, list[str]]:
    """(every path down from ``device`` passes through dm-crypt, the layers seen)."""
    name = device.name
    uuid_file = device / "dm" / "uuid"
    if uuid_file.is_file():
        uuid = uuid_file.read_text(encoding="utf-8", errors="replace").strip()
        if uuid.startswith("CRYPT-"):
            kind = uuid.split("-")[1] if uuid.count("-") >= 2 else "dm-crypt"
            dm_name = device / "dm" / "name"
            label = dm_name.read_text(encoding="utf-8").strip() if dm_name.is_file() else name
            return True, [f"dm-crypt {kind} ({label})"]
    slaves_dir = device / "slaves"
    slaves = sorted(slaves_dir.iterdir()) if slaves_dir.is_dir() else []
    if not slaves or depth >= _MAX_DEPTH:
        return False, [name]
    # RAID or LVM over several devices: encrypted only when every one of them is.
    results = [_crypt_layers(s.resolve(), depth + 1) for s in slaves]
    layers = [name] + [layer for _ok, found in results for layer in found]
    return all(ok for ok, _found in results), layers


def linux_volume_encryption(
    folder: Path, *, sys_root: Path = SYS_ROOT, mountinfo: Path = MOUNTINFO
) -> VolumeEncryption:
    st_dev = os.stat(folder).st_dev
    dev = (os.major(st_dev), os.minor(st_dev))
    device = _block_dir(sys_root, dev)
    if device is None:
        # Btrfs, overlay, tmpfs, network file systems: the device number is anonymous.
        mount = _mount_of(folder, dev, mountinfo) if mountinfo.is_file() else None
        if mount is None:
            return unknown(
                f"no block device for {dev[0]}:{dev[1]} and no mount found",
                f"装置 {dev[0]}:{dev[1]} もマウントも見つかりません",
            )
        if mount.fs_type in _NETWORK_FS or mount.fs_type.startswith("fuse"):
            return unknown(
                f"network or FUSE file system ({mount.fs_type}) at {mount.mount_point}",
                "ネットワークまたは FUSE のファイルシステム"
                f"（{mount.fs_type}、{mount.mount_point}）",
            )
        if mount.fs_type in ("tmpfs", "ramfs"):
            return unknown(
                f"{mount.fs_type} (memory; the swap space is not checked)",
                f"{mount.fs_type}（メモリ上。スワップ領域は確認していません）",
            )
        if not mount.source.startswith("/dev/"):
            return unknown(
                f"{mount.fs_type} from {mount.source!r}: no block device to check",
                f"{mount.fs_type}（{mount.source}）：確認できる装置がありません",
            )
        try:
            rdev = os.stat(mount.source).st_rdev
        except OSError:
            return unknown(
                f"the mount's device {mount.source} cannot be read",
                f"装置 {mount.source} を読めません",
            )
        device = _block_dir(sys_root, (os.major(rdev), os.minor(rdev)))
        if device is None:
            return unknown(
                f"no block device entry for {mount.source}",
                f"装置 {mount.source} の情報が見つかりません",
            )
    encrypted, layers = _crypt_layers(device)
    chain = " > ".join(layers)
    if encrypted:
        return VolumeEncryption(VolumeState.ENCRYPTED, f"Linux {chain}", f"Linux：{chain}")
    return VolumeEncryption(
        VolumeState.NOT_ENCRYPTED,
        f"Linux {chain}: no dm-crypt/LUKS layer (a self-encrypting drive is not detected)",
        f"Linux：{chain}。dm-crypt/LUKS の層がありません（自己暗号化ドライブは検出できません）",
    )


# -- Windows: BitLocker ------------------------------------------------------------------------

# The labels of ``manage-bde -status`` in English and Japanese Windows.
_CONVERSION = ("conversion status", "変換状態")
_PERCENTAGE = ("percentage encrypted", "暗号化された割合")
_PROTECTION = ("protection status", "保護状態")
_PROTECTION_ON = ("protection on", "保護はオン")
_PROTECTION_OFF = ("protection off", "保護はオフ")
_FULLY_ENCRYPTED = ("fully encrypted", "used space only encrypted", "完全に暗号化", "使用領域のみ")
_FULLY_DECRYPTED = ("fully decrypted", "完全に復号")


_LABELLED = re.compile(r"^\s*([^:：]+?)\s*[:：]\s*(\S.*?)\s*$")


def _fields(output: str) -> dict[str, str]:
    """``label: value`` lines, labels in lower case (the first of each label wins)."""
    fields: dict[str, str] = {}
    for line in output.splitlines():
        match = _LABELLED.match(line)
        if match:
            fields.setdefault(match.group(1).lower(), match.group(2))
    return fields


def _field(fields: dict[str, str], labels: tuple[str, ...]) -> str | None:
    for key, value in fields.items():
        if any(key.startswith(label) for label in labels):
            return value
    return None


def parse_manage_bde(output: str, drive: str = "") -> VolumeEncryption:
    """The state from the text of ``manage-bde -status X:`` (English or Japanese Windows)."""
    fields = _fields(output)
    conversion = _field(fields, _CONVERSION)
    percentage = _field(fields, _PERCENTAGE)
    protection = _field(fields, _PROTECTION)
    where = f"{drive} " if drive else ""
    if conversion is None or protection is None:
        first = next((line.strip() for line in output.splitlines() if line.strip()), "")
        denied = "denied" in output.lower() or "拒否" in output
        if denied:
            return unknown(
                f"BitLocker {where}not readable: manage-bde needs administrator rights",
                f"BitLocker {where}の状態を読めません（manage-bde には管理者権限が必要です）",
            )
        return unknown(
            f"BitLocker {where}not readable from manage-bde ({first[:80]})",
            f"BitLocker {where}の状態を manage-bde から読み取れません",
        )
    percent: float | None = None
    if percentage is not None:
        match = re.search(r"(\d+(?:[.,]\d+)?)\s*%", percentage)
        if match:
            percent = float(match.group(1).replace(",", "."))
    text = f"BitLocker {where}{conversion}, {protection}" + (
        f", {percentage}" if percentage is not None else ""
    )
    low_conversion, low_protection = conversion.lower(), protection.lower()
    on = any(token in low_protection for token in _PROTECTION_ON)
    off = any(token in low_protection for token in _PROTECTION_OFF)
    fully = any(token in low_conversion for token in _FULLY_ENCRYPTED)
    decrypted = any(token in low_conversion for token in _FULLY_DECRYPTED)
    shown = f"{percent:g} %" if percent is not None else "割合不明"
    text_ja = (
        f"BitLocker {where}保護{'オン' if on else 'オフ' if off else '不明'}・"
        f"{'完全に暗号化' if fully else '復号済み' if decrypted else '暗号化の途中または不明'}"
        f"（{shown}）"
    )
    if on and fully and (percent is None or percent >= 100.0):
        return VolumeEncryption(VolumeState.ENCRYPTED, text, text_ja)
    if decrypted or off or (percent is not None and percent < 100.0):
        # Protection off with the data encrypted is "suspended": the key is stored in the
        # clear on the volume, so a thief reads the disk as if it were not encrypted.
        return VolumeEncryption(VolumeState.NOT_ENCRYPTED, text, text_ja)
    return unknown(text, text_ja)


def _manage_bde() -> str | None:
    root = os.environ.get("SystemRoot", r"C:\Windows")
    # A 32-bit Python on 64-bit Windows sees SysWOW64 as System32; Sysnative is the real one.
    for sub in ("Sysnative", "System32"):
        candidate = Path(root) / sub / "manage-bde.exe"
        if candidate.is_file():
            return str(candidate)
    return None


def _decode(raw: bytes) -> str:
    for encoding in ("oem", "mbcs", "utf-8"):
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", errors="replace")


def windows_volume_encryption(folder: Path) -> VolumeEncryption:
    drive = os.path.splitdrive(os.path.realpath(folder))[0]
    if not re.fullmatch(r"[A-Za-z]:", drive):
        return unknown(
            f"not on a drive letter ({drive or 'no drive'}): a network share?",
            "ドライブ文字のない場所です（ネットワーク共有の可能性があります）",
        )
    tool = _manage_bde()
    if tool is None:
        return unknown(
            "manage-bde.exe was not found (BitLocker not installed?)",
            "manage-bde.exe が見つかりません（BitLocker が入っていない可能性があります）",
        )
    try:
        done = subprocess.run(
            [tool, "-status", drive.upper()],
            capture_output=True,
            timeout=20,
            check=False,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return unknown(
            f"manage-bde could not be run ({type(exc).__name__})",
            f"manage-bde を実行できませんでした（{type(exc).__name__}）",
        )
    return parse_manage_bde(_decode(done.stdout + done.stderr), drive.upper())
