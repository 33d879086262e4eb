"""Core dumps are off once the entry points start (checked in a fresh process each time)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX rlimits and prctl")


def _run(code: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=True,
    )
    return dict(json.loads(result.stdout))


def test_disable_core_dumps_sets_a_zero_rlimit_and_not_dumpable() -> None:
    found = _run(
        """
        import ctypes, json, resource, sys
        from reservations.hardening import disable_core_dumps
        report = disable_core_dumps()
        out = {"rlimit": list(resource.getrlimit(resource.RLIMIT_CORE)),
               "complete": report.complete, "reasons": list(report.reasons)}
        if sys.platform.startswith("linux"):
            libc = ctypes.CDLL(None)
            out["dumpable"] = libc.prctl(3, 0, 0, 0, 0)  # PR_GET_DUMPABLE
        print(json.dumps(out))
        """
    )
    assert found["rlimit"] == [0, 0]
    if sys.platform.startswith("linux"):
        assert found["dumpable"] == 0
        assert found["complete"] is True, found["reasons"]


def test_the_limit_cannot_be_raised_again() -> None:
    found = _run(
        """
        import json, os, resource
        from reservations.hardening import disable_core_dumps
        disable_core_dumps()
        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, resource.RLIM_INFINITY))
            raised = True
        except (ValueError, OSError):
            raised = False
        print(json.dumps({"raised": raised, "root": os.geteuid() == 0,
                          "rlimit": list(resource.getrlimit(resource.RLIMIT_CORE))}))
        """
    )
    # root keeps CAP_SYS_RESOURCE and may raise a hard limit; anyone else cannot.
    if not found["root"]:
        assert found["raised"] is False
        assert found["rlimit"] == [0, 0]


def test_run_app_disables_core_dumps_before_anything_else() -> None:
    source = (ROOT / "ui" / "app.py").read_text(encoding="utf-8")
    body = source.split("def run_app(", 1)[1]
    assert body.index("disable_core_dumps()") < body.index("QApplication.instance()")


def test_hardening_does_not_import_qt() -> None:
    found = _run(
        """
        import json, sys
        import reservations.hardening
        print(json.dumps({"qt": any(m.startswith("PySide6") for m in sys.modules)}))
        """
    )
    assert found["qt"] is False
