"""Whether the vault's volume is encrypted (``reservations.volume_encryption``): a fake
``/sys`` tree for Linux's dm-crypt, recorded ``manage-bde -status`` outputs for BitLocker."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reservations.volume_encryption import (
    VolumeEncryption,
    VolumeState,
    detect_volume_encryption,
    linux_volume_encryption,
    parse_manage_bde,
)

# -- Linux: a fake /sys -----------------------------------------------------------------------


def _device(
    sys_root: Path, name: str, *, uuid: str | None = None, slaves: tuple[str, ...] = ()
) -> Path:
    device = sys_root / "devices" / "virtual" / "block" / name
    device.mkdir(parents=True)
    if uuid is not None:
        (device / "dm").mkdir()
        (device / "dm" / "uuid").write_text(uuid + "\n")
        (device / "dm" / "name").write_text(f"{name}-mapped\n")
    (device / "slaves").mkdir()
    for slave in slaves:
        (device / "slaves" / slave).symlink_to(f"../../{slave}")
    return device


def _number(sys_root: Path, dev: int, device: Path) -> None:
    link = sys_root / "dev" / "block" / f"{os.major(dev)}:{os.minor(dev)}"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(device)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    vault = tmp_path / "vault"
    vault.mkdir()
    return vault


def test_a_luks_volume_is_encrypted(tmp_path: Path, folder: Path) -> None:
    sys_root = tmp_path / "sys"
    dm0 = _device(sys_root, "dm-0", uuid="CRYPT-LUKS2-0123456789abcdef-luks-0123")
    _number(sys_root, os.stat(folder).st_dev, dm0)
    found = linux_volume_encryption(folder, sys_root=sys_root, mountinfo=tmp_path / "none")
    assert found.state is VolumeState.ENCRYPTED
    assert "LUKS2" in found.description and "dm-0-mapped" in found.description


def test_lvm_on_luks_is_encrypted_through_the_slaves(tmp_path: Path, folder: Path) -> None:
    sys_root = tmp_path / "sys"
    _device(sys_root, "dm-0", uuid="CRYPT-LUKS2-aa-cryptroot")
    lv = _device(sys_root, "dm-1", uuid="LVM-abcdef", slaves=("dm-0",))
    _number(sys_root, os.stat(folder).st_dev, lv)
    found = linux_volume_encryption(folder, sys_root=sys_root, mountinfo=tmp_path / "none")
    assert found == VolumeEncryption(
        VolumeState.ENCRYPTED,
        "Linux dm-1 > dm-crypt LUKS2 (dm-0-mapped)",
        "Linux：dm-1 > dm-crypt LUKS2 (dm-0-mapped)",
    )


def test_a_plain_partition_is_not_encrypted(tmp_path: Path, folder: Path) -> None:
    sys_root = tmp_path / "sys"
    _number(sys_root, os.stat(folder).st_dev, _device(sys_root, "sda2"))
    found = linux_volume_encryption(folder, sys_root=sys_root, mountinfo=tmp_path / "none")
    assert found.state is VolumeState.NOT_ENCRYPTED
    assert "sda2" in found.description and "self-encrypting" in found.description
    # The certificate is read by the ward: its line is Japanese.
    assert "sda2" in found.description_ja and "自己暗号化" in found.description_ja


def test_raid_is_encrypted_only_when_every_member_is(tmp_path: Path, folder: Path) -> None:
    sys_root = tmp_path / "sys"
    _device(sys_root, "dm-0", uuid="CRYPT-PLAIN-xx-member")
    _device(sys_root, "sdb1")
    md = _device(sys_root, "md0", slaves=("dm-0", "sdb1"))
    _number(sys_root, os.stat(folder).st_dev, md)
    found = linux_volume_encryption(folder, sys_root=sys_root, mountinfo=tmp_path / "none")
    assert found.state is VolumeState.NOT_ENCRYPTED


def test_an_anonymous_device_is_followed_to_the_mount_source(tmp_path: Path, folder: Path) -> None:
    """Btrfs gives files an anonymous st_dev (0:NN); the mount's source device tells."""
    sys_root = tmp_path / "sys"
    dev = os.stat(folder).st_dev
    source = "/dev/null"  # any existing device node stands for /dev/mapper/cryptroot
    rdev = os.stat(source).st_rdev
    _number(sys_root, rdev, _device(sys_root, "dm-3", uuid="CRYPT-LUKS2-bb-cryptroot"))
    mountinfo = tmp_path / "mountinfo"
    point = str(folder.parent).replace(" ", "\\040")
    mountinfo.write_text(
        "1 0 254:0 / / rw - ext4 /dev/vda rw\n"
        f"2 1 {os.major(dev)}:{os.minor(dev)} / {point} rw - btrfs {source} rw,subvol=/\n"
    )
    found = linux_volume_encryption(folder, sys_root=sys_root, mountinfo=mountinfo)
    assert found.state is VolumeState.ENCRYPTED


@pytest.mark.parametrize(
    ("fs_type", "source", "words"),
    [
        ("nfs4", "server:/export", "network"),
        ("tmpfs", "tmpfs", "memory"),
        ("overlay", "overlay", "no block device"),
    ],
)
def test_what_cannot_be_told_is_unknown(
    tmp_path: Path, folder: Path, fs_type: str, source: str, words: str
) -> None:
    dev = os.stat(folder).st_dev
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        f"7 1 {os.major(dev)}:{os.minor(dev)} / {folder.parent} rw - {fs_type} {source} rw\n"
    )
    found = linux_volume_encryption(folder, sys_root=tmp_path / "sys", mountinfo=mountinfo)
    assert found.state is VolumeState.UNKNOWN and words in found.description


def test_no_device_and_no_mount_is_unknown(tmp_path: Path, folder: Path) -> None:
    found = linux_volume_encryption(
        folder, sys_root=tmp_path / "sys", mountinfo=tmp_path / "missing"
    )
    assert found.state is VolumeState.UNKNOWN


def test_the_real_machine_gets_an_answer_and_never_an_exception(tmp_path: Path) -> None:
    found = detect_volume_encryption(tmp_path)
    assert isinstance(found.state, VolumeState) and found.description


# -- Windows: recorded manage-bde outputs ------------------------------------------------------

ENGLISH_ON = """\
BitLocker Drive Encryption: Configuration Tool version 10.0.19041
Copyright (C) 2013 Microsoft Corporation. All rights reserved.

Volume C: [Windows]
[OS Volume]

    Size:                 237.84 GB
    BitLocker Version:    2.0
    Conversion Status:    Fully Encrypted
    Percentage Encrypted: 100.0%
    Encryption Method:    XTS-AES 128
    Protection Status:    Protection On
    Lock Status:          Unlocked
    Identification Field: Unknown
    Key Protectors:
        TPM
        Numerical Password
"""

ENGLISH_USED_SPACE = ENGLISH_ON.replace("Fully Encrypted", "Used Space Only Encrypted")

ENGLISH_OFF = """\
BitLocker Drive Encryption: Configuration Tool version 10.0.22621
Copyright (C) 2013 Microsoft Corporation. All rights reserved.

Volume D: [Data]
[Data Volume]

    Size:                 931.51 GB
    BitLocker Version:    None
    Conversion Status:    Fully Decrypted
    Percentage Encrypted: 0.0%
    Encryption Method:    None
    Protection Status:    Protection Off
    Lock Status:          Unlocked
    Identification Field: None
    Automatic Unlock:     Disabled
    Key Protectors:       None Found
"""

ENGLISH_SUSPENDED = ENGLISH_ON.replace("Protection On", "Protection Off")

ENGLISH_IN_PROGRESS = ENGLISH_ON.replace("Fully Encrypted", "Encryption in Progress").replace(
    "100.0%", "45.2%"
)

JAPANESE_ON = """\
BitLocker ドライブ暗号化: 構成ツール バージョン 10.0.19041
Copyright (C) 2013 Microsoft Corporation. All rights reserved.

ボリューム C: [Windows]
[OS ボリューム]

    サイズ:                       237.84 GB
    BitLocker のバージョン:       2.0
    変換状態:                     完全に暗号化されています
    暗号化された割合:             100.0%
    暗号化の方法:                 XTS-AES 128
    保護状態:                     保護はオンです
    ロック状態:                   ロック解除
    識別子フィールド:             不明
    キーの保護機能:
        TPM
        数字パスワード
"""

JAPANESE_OFF = """\
BitLocker ドライブ暗号化: 構成ツール バージョン 10.0.19041
Copyright (C) 2013 Microsoft Corporation. All rights reserved.

ボリューム C: [Windows]
[OS ボリューム]

    サイズ:                       237.84 GB
    BitLocker のバージョン:       なし
    変換状態:                     完全に復号化されています
    暗号化された割合:             0.0%
    暗号化の方法:                 なし
    保護状態:                     保護はオフです
    ロック状態:                   ロック解除
    識別子フィールド:             なし
    キーの保護機能:               見つかりません
"""

JAPANESE_FULL_WIDTH_COLONS = JAPANESE_ON.replace("変換状態:", "変換状態：").replace(
    "100.0%", "100,0%"
)

ENGLISH_DENIED = """\
BitLocker Drive Encryption: Configuration Tool version 10.0.19041
Copyright (C) 2013 Microsoft Corporation. All rights reserved.

ERROR: An attempt to access a required resource was denied.
Check that you have administrative rights on the computer.
"""

JAPANESE_DENIED = """\
BitLocker ドライブ暗号化: 構成ツール バージョン 10.0.19041
Copyright (C) 2013 Microsoft Corporation. All rights reserved.

エラー: 必要なリソースへのアクセスが拒否されました。
コンピューターの管理者権限があることを確認してください。
"""


@pytest.mark.parametrize(
    ("output", "state"),
    [
        (ENGLISH_ON, VolumeState.ENCRYPTED),
        (ENGLISH_USED_SPACE, VolumeState.ENCRYPTED),
        (JAPANESE_ON, VolumeState.ENCRYPTED),
        (JAPANESE_FULL_WIDTH_COLONS, VolumeState.ENCRYPTED),
        (ENGLISH_OFF, VolumeState.NOT_ENCRYPTED),
        (JAPANESE_OFF, VolumeState.NOT_ENCRYPTED),
        # Suspended: encrypted on disk, but the key lies in the clear on the volume.
        (ENGLISH_SUSPENDED, VolumeState.NOT_ENCRYPTED),
        (ENGLISH_IN_PROGRESS, VolumeState.NOT_ENCRYPTED),
        (ENGLISH_DENIED, VolumeState.UNKNOWN),
        (JAPANESE_DENIED, VolumeState.UNKNOWN),
        ("", VolumeState.UNKNOWN),
    ],
)
def test_manage_bde_outputs(output: str, state: VolumeState) -> None:
    found = parse_manage_bde(output, "C:")
    assert found.state is state, found


def test_the_description_quotes_what_manage_bde_said() -> None:
    assert parse_manage_bde(JAPANESE_ON, "C:").description == (
        "BitLocker C: 完全に暗号化されています, 保護はオンです, 100.0%"
    )
    assert "administrator rights" in parse_manage_bde(JAPANESE_DENIED, "C:").description
    assert "45.2%" in parse_manage_bde(ENGLISH_IN_PROGRESS).description
