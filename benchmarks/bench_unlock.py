"""Unlock: ``open_session`` with the operator's password against one bare argon2id hash.

The demo's accounts use ``DEFAULT_KDF``, the strong setting real vaults get, so this is the
login time a user sees.
"""

from __future__ import annotations

import secrets

from argon2.low_level import Type, hash_secret_raw

from benchmarks.context import ACCOUNT, PASSWORD, Context
from benchmarks.registry import Row, benchmark
from benchmarks.stats import interleave
from reservations.keyslots import DEFAULT_KDF, KeySlotFile
from reservations.session import open_session
from reservations.vault import Vault, key_file_path


@benchmark(
    "unlock",
    "Unlock (log in with the strong default KDF)",
    """
`open_session(db, "operator", password)`: load the key file, argon2id on the password, unwrap
the private key, unseal the data key, open the SQLCipher database with it, check the schema and
the account, and write the login audit entry (durable commit); the vault is closed again after
each call, outside the timing. Bare: one `argon2.low_level.hash_secret_raw` with the slot's own
parameters (argon2id, 32-byte output, a random 16-byte salt).
""",
)
def unlock(ctx: Context) -> list[Row]:
    path = ctx.build.db_path
    kdf = KeySlotFile.load(key_file_path(path)).kdf_params(ACCOUNT)
    secret = PASSWORD.encode()
    opened: list[Vault] = []

    def service(_i: int) -> None:
        vault, _session = open_session(path, ACCOUNT, PASSWORD)
        opened.append(vault)

    def bare(_i: int) -> None:
        hash_secret_raw(
            secret,
            secrets.token_bytes(16),
            kdf.time_cost,
            kdf.memory_cost_kib,
            kdf.parallelism,
            32,
            Type.ID,
        )

    def close_opened() -> None:
        while opened:
            opened.pop().close()

    stats = interleave(
        {"service": service, "bare": bare},
        iterations=ctx.iterations.unlock,
        warmup=1,
        after_each=close_opened,
    )
    same = "the same as" if kdf == DEFAULT_KDF else "DIFFERENT from"
    return [
        Row(
            "`open_session` vs one argon2id `hash_secret_raw`",
            stats["service"],
            stats["bare"],
            note=(
                f"The operator's slot: argon2id time_cost={kdf.time_cost}, "
                f"memory_cost={kdf.memory_cost_kib // 1024} MiB, parallelism={kdf.parallelism} "
                f"({same} `DEFAULT_KDF`). No target was set; `keyslots.py` documents ~0.4 s as "
                "the intended cost (and 0.3 s as the floor)."
            ),
        )
    ]
