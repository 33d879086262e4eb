"""The window's translation pipeline: Qt Linguist sources in, the compiled catalogue out.

English is the source language of every ``tr()`` string.  ``resources/translations/resdesk_ja.ts``
holds the Japanese and is the source of truth (Qt Linguist edits it); the ``.qm`` that
``ui.i18n.install_translator`` loads is compiled from it and is a build product, not committed.

    python scripts/translations.py update    # pyside6-lupdate ui/**/*.py -> resdesk_ja.ts
    python scripts/translations.py compile   # pyside6-lrelease resdesk_ja.ts -> resdesk_ja.qm
    python scripts/translations.py check     # fail when a message has no finished translation

The ``.ts`` is the one source of the Japanese: after ``update``, translate what ``check`` lists
in Qt Linguist (``.venv/bin/pyside6-linguist``).  There is no second catalogue in Python.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
LANGUAGE = "ja"
TS_FILE = TRANSLATIONS_DIR / f"resdesk_{LANGUAGE}.ts"
QM_FILE = TRANSLATIONS_DIR / f"resdesk_{LANGUAGE}.qm"
SOURCE_LANGUAGE = "en"
TARGET_LANGUAGE = "ja_JP"

# "{name}" placeholders that ``str.format`` fills; a translation must keep exactly these, or
# the window raises KeyError (an unknown name) or loses a value (a missing one).
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# A mnemonic: "&" before a letter or digit ("&&" is a literal ampersand).
_MNEMONIC = re.compile(r"(?<!&)&(?!&)([0-9A-Za-z])")


# --- the Qt tools ------------------------------------------------------------------------------


def qt_tool(name: str) -> str:
    """``pyside6-<name>`` from this interpreter's venv, else from PATH."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    if beside.exists():
        return str(beside)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found; install PySide6-Essentials in the venv")
    return found


def ui_sources(ui_dir: Path = UI_DIR) -> list[Path]:
    """Every Python file of the Qt layer, in a stable order."""
    return sorted(p for p in ui_dir.rglob("*.py") if "__pycache__" not in p.parts)


def run_lupdate(ts_file: Path, sources: Sequence[Path], *, quiet: bool = False) -> str:
    """Merge the ``tr()`` strings of ``sources`` into ``ts_file`` (created when missing).

    Translations of strings that are still in the sources are kept; strings that are gone are
    dropped (``-no-obsolete``), so the file never grows a tail of dead entries.  Locations are
    relative so that an edit in one screen moves few line numbers in the diff.
    """
    command = [
        qt_tool("lupdate"),
        "-no-obsolete",
        "-locations",
        "relative",
        "-source-language",
        SOURCE_LANGUAGE,
        "-target-language",
        TARGET_LANGUAGE,
        *(str(p) for p in sources),
        "-ts",
        str(ts_file),
    ]
    if quiet:
        command.insert(1, "-silent")
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if result.returncode != 0:
        raise SystemExit(f"lupdate failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout + result.stderr


def run_lrelease(ts_file: Path, qm_file: Path) -> str:
    """Compile ``ts_file`` to ``qm_file``; unfinished translations are left out (the window
    then shows the English source rather than a guess)."""
    qm_file.parent.mkdir(parents=True, exist_ok=True)
    command = [qt_tool("lrelease"), "-nounfinished", str(ts_file), "-qm", str(qm_file)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if result.returncode != 0 or not qm_file.exists():
        raise SystemExit(f"lrelease failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout + result.stderr


# --- reading a .ts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """One entry of a .ts file."""

    context: str
    source: str
    comment: str
    translation: str  # the first (for Japanese: the only) form of a plural message
    kind: str  # the translation's type: "" (finished), "unfinished", "obsolete" or "vanished"
    numerus: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    @property
    def from_source(self) -> bool:
        """Still found in the code (not an obsolete or vanished entry)."""
        return self.kind not in ("obsolete", "vanished")

    @property
    def finished(self) -> bool:
        return self.kind == "" and self.translation.strip() != ""


def _message_of(context: str, element: ET.Element) -> Message:
    translation = element.find("translation")
    numerus = element.get("numerus") == "yes"
    if translation is None:
        text, kind = "", "unfinished"
    else:
        kind = translation.get("type", "")
        if numerus:
            forms = [form.text or "" for form in translation.findall("numerusform")]
            text = forms[0] if forms else ""
        else:
            text = translation.text or ""
    return Message(
        context=context,
        source=element.findtext("source", ""),
        comment=element.findtext("comment", ""),
        translation=text,
        kind=kind,
        numerus=numerus,
    )


def read_messages(ts_file: Path) -> list[Message]:
    """Every message of ``ts_file``, in file order."""
    root = ET.parse(ts_file).getroot()
    return [
        _message_of(context.findtext("name", ""), message)
        for context in root.iter("context")
        for message in context.findall("message")
    ]


def problems(source: str, translation: str) -> list[str]:
    """What is wrong with a translation that Qt would not notice until the window runs."""
    found: list[str] = []
    wanted, given = set(_PLACEHOLDER.findall(source)), set(_PLACEHOLDER.findall(translation))
    if wanted != given:
        found.append(f"placeholders {sorted(wanted)} in the source, {sorted(given)} translated")
    if _MNEMONIC.search(source) and not _MNEMONIC.search(translation):
        found.append('the source has a mnemonic ("&X"); write it as "(&X)" in Japanese')
    return found


# --- commands ----------------------------------------------------------------------------------


def _describe(message: Message) -> str:
    comment = f" [{message.comment}]" if message.comment else ""
    return f"{message.context}: {message.source!r}{comment}"


def command_update(ts_file: Path) -> int:
    print(run_lupdate(ts_file, [p.relative_to(ROOT) for p in ui_sources()]).rstrip())
    return 0


def command_compile(ts_file: Path, qm_file: Path) -> int:
    output = run_lrelease(ts_file, qm_file).strip()
    if output:
        print(output)
    return 0


def command_check(ts_file: Path) -> int:
    bad = 0
    for message in read_messages(ts_file):
        if not message.from_source:
            continue
        if not message.finished:
            print(f"untranslated: {_describe(message)}")
            bad += 1
            continue
        for problem in problems(message.source, message.translation):
            print(f"{problem}: {_describe(message)}")
            bad += 1
    print(f"{bad} problem(s) in {ts_file}.")
    return 1 if bad else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/translations.py", description=__doc__.split("\n\n")[0] if __doc__ else ""
    )
    parser.add_argument("--ts", type=Path, default=TS_FILE, help="the .ts file (%(default)s)")
    parser.add_argument("--qm", type=Path, default=QM_FILE, help="the .qm file (%(default)s)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="extract the tr() strings of ui/ into the .ts")
    commands.add_parser("compile", help="compile the .ts into the .qm the window loads")
    commands.add_parser("check", help="exit 1 when a message lacks a finished translation")
    args = parser.parse_args(argv)
    ts_file: Path = args.ts.resolve()
    if args.command == "update":
        return command_update(ts_file)
    if args.command == "compile":
        return command_compile(ts_file, args.qm.resolve())
    return command_check(ts_file)


if __name__ == "__main__":
    if __package__ in (None, ""):
        # Run as a file (python scripts/translations.py): make "scripts" importable.
        sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
