"""The core never imports Qt, the Qt layer holds no SQL, and services reach the data only
through the storage interface (``reservations.store.Store`` / ``UnitOfWork``)."""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import reservations
from reservations import store

ROOT = Path(__file__).resolve().parent.parent


def test_core_imports_no_qt() -> None:
    modules = [
        f"reservations.{m.name}"
        for m in pkgutil.iter_modules(reservations.__path__)
        if m.name != "__main__"
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"


def test_ui_holds_no_sql() -> None:
    pattern = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|PRAGMA)\b")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "ui").rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# -- the storage interface ------------------------------------------------------------------
#
# Services reach the data only through ``reservations.store.Store`` and ``UnitOfWork``, so a
# second backend (PostgreSQL, docs/architecture.md "Beyond one PC") implements those two
# Protocols and nothing else.  The files below are the SQLCipher backend itself; every other
# module of ``reservations/`` and ``ui/`` must hold no connection, no SQL and no
# SQLCipher-only name.
SQLCIPHER_BACKEND: dict[str, str] = {
    "reservations/store.py": "SqlCipherStore and SqlCipherUnitOfWork: the one home of the SQL",
    "reservations/vault.py": "opens and keys the SQLCipher file, sets its PRAGMAs, creates the "
    "first account and reads the account row at login, before any store exists",
    "reservations/schema.py": "the migrations, run on the raw connection by vault.py",
    "reservations/backup.py": "encrypted copy through SQLite's backup API into a second keyed "
    "file (pg_dump/pgBackRest for PostgreSQL)",
    "reservations/rekey.py": "PRAGMA rekey re-encrypts every page with a new data key",
    "reservations/session.py": "composition root: builds SqlCipherStore over the unlocked "
    "vault's connection (the one line a second backend changes)",
    "reservations/demo.py": "writes a SQLCipher demo vault, with a WAL checkpoint after the "
    "bulk load",
    "reservations/recovery.py": "composition root for the paper recovery sheet: the data key "
    "opens the SQLCipher file itself, before any key slot exists",
}

_DRIVER_MODULES = {"sqlite3", "sqlcipher3", "pysqlcipher3", "psycopg", "psycopg2"}
_CONNECTION_ATTRIBUTES = {"conn", "_conn", "connection", "cursor"}
_STATEMENT_CALLS = {"execute", "executemany", "executescript"}
_BACKEND_NAMES = {
    "SqlCipherStore",
    "SqlCipherUnitOfWork",
    "Connection",
    "database_errors",
    "search_sql",
    "ACTIVE_DUPLICATES_SQL",
}
# Upper case only: "select a slot" in a message is not SQL.
_SQL = re.compile(
    r"\b(SELECT|INSERT (OR \w+ )?INTO|UPDATE \w+ SET|DELETE FROM|PRAGMA|BEGIN IMMEDIATE|"
    r"CREATE (TABLE|INDEX)|ROLLBACK)\b"
)


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def storage_violations(source: str) -> list[str]:
    """What in ``source`` reaches past the storage interface, as "line: what" strings."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in _DRIVER_MODULES:
                    found.append(f"{line}: imports {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").split(".")[0] in _DRIVER_MODULES:
                found.append(f"{line}: imports from {node.module}")
            for alias in node.names:
                if alias.name in _BACKEND_NAMES:
                    found.append(f"{line}: imports {alias.name}")
        elif isinstance(node, ast.Attribute):
            if node.attr in _CONNECTION_ATTRIBUTES:
                found.append(f"{line}: uses .{node.attr}")
            elif node.attr in _BACKEND_NAMES:
                found.append(f"{line}: uses .{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in _STATEMENT_CALLS:
                found.append(f"{line}: calls .{node.func.attr}()")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and _SQL.search(node.value)
        ):
            found.append(f"{line}: SQL text {node.value[:40]!r}")
    # An attribute call is also an attribute: report each place once.
    return sorted(set(found), key=lambda item: (int(item.split(":")[0]), item))


def _sources() -> list[Path]:
    return sorted([*(ROOT / "reservations").glob("*.py"), *(ROOT / "ui").rglob("*.py")])


def test_services_reach_storage_only_through_the_store_interface() -> None:
    offenders = {
        str(path.relative_to(ROOT)): problems
        for path in _sources()
        if str(path.relative_to(ROOT)) not in SQLCIPHER_BACKEND
        and (problems := storage_violations(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, (
        "move the SQL into reservations/store.py (UnitOfWork + SqlCipherUnitOfWork), or add "
        f"the file to SQLCIPHER_BACKEND with the reason: {offenders}"
    )


@pytest.mark.parametrize("name", sorted(SQLCIPHER_BACKEND))
def test_every_backend_file_is_still_backend_specific(name: str) -> None:
    # A file that no longer needs the exception loses it, so the list stays the real one.
    assert storage_violations((ROOT / name).read_text(encoding="utf-8")), name


def test_the_storage_check_finds_what_it_forbids() -> None:
    bypass = '''
import sqlite3
from reservations.store import SqlCipherStore


class AccountRecords:
    """SELECT in a docstring is documentation."""

    def __init__(self, vault):
        self._conn = vault.conn

    def get(self, name):
        return self._conn.execute(f"SELECT role FROM accounts WHERE name = {name!r}")
'''
    found = storage_violations(bypass)
    assert {item.split(": ", 1)[1] for item in found} == {
        "imports sqlite3",
        "imports SqlCipherStore",
        "uses ._conn",
        "uses .conn",
        "calls .execute()",
        "SQL text 'SELECT role FROM accounts WHERE name = '",
    }
    assert storage_violations('"""PRAGMA key in a docstring."""\nx = "select a slot"\n') == []


def _protocol_members(protocol: type) -> set[str]:
    return {name for name in vars(protocol) if not name.startswith("_")}


@pytest.mark.parametrize(
    ("variable", "protocol"), [("uow", store.UnitOfWork), ("store", store.Store)]
)
def test_services_call_only_protocol_methods(variable: str, protocol: type) -> None:
    """``uow.x`` and ``….store.x`` in services name only members of the Protocol, so a
    backend that implements the Protocol serves every service (mypy checks the types; this
    also covers code that mypy sees as ``Any``)."""
    members = _protocol_members(protocol)
    unknown: set[str] = set()
    for path in _sources():
        if str(path.relative_to(ROOT)) in SQLCIPHER_BACKEND:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Attribute):
                continue
            value = node.value
            named = (isinstance(value, ast.Name) and value.id == variable) or (
                isinstance(value, ast.Attribute) and value.attr in {variable, f"_{variable}"}
            )
            if named and node.attr not in members:
                unknown.add(f"{path.relative_to(ROOT)}: {variable}.{node.attr}")
    assert sorted(unknown) == []


def test_architecture_doc_names_the_real_interface() -> None:
    """docs/architecture.md lists every Store/UnitOfWork method and every exception to the
    storage rule, and names only modules that exist: the plan stays true to the code."""
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([A-Za-z_][\w.]*)", doc))
    members = _protocol_members(store.UnitOfWork) | _protocol_members(store.Store)
    assert sorted(members - named) == []
    assert sorted(Path(f).name for f in SQLCIPHER_BACKEND if Path(f).name not in named) == []
    planned = {"reservations/store_pg.py"}  # the PostgreSQL backend the plan proposes
    modules = {p.name for p in _sources()}
    missing = [
        path
        for path in set(re.findall(r"`([\w./-]+\.py)\b", doc)) - planned
        if not (ROOT / path).exists() and path not in modules
    ]
    assert sorted(missing) == []
