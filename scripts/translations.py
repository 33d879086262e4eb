"""The window's translation pipeline: Qt Linguist sources in, the compiled catalogue out.

English is the source language of every ``tr()`` string.  ``resources/translations/resdesk_ja.ts``
holds the Japanese and is the source of truth (Qt Linguist edits it); the ``.qm`` that
``ui.i18n.install_translator`` loads is compiled from it and is a build product, not committed.

    python scripts/translations.py update    # pyside6-lupdate ui/**/*.py -> resdesk_ja.ts
    python scripts/translations.py fill      # translate unfinished messages from the glossary
    python scripts/translations.py compile   # pyside6-lrelease resdesk_ja.ts -> resdesk_ja.qm
    python scripts/translations.py check     # fail when a message has no finished translation

``fill`` only writes messages that have no finished translation yet (``--overwrite`` re-applies
the glossary everywhere) and lists the ones it has no Japanese for: add those to
``scripts/ja_glossary.py`` or translate them in Qt Linguist.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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


# --- filling from the glossary ----------------------------------------------------------------


def _escape(text: str) -> str:
    """XML text as lupdate writes it (so the next lupdate run changes nothing)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


_CONTEXT_BLOCK = re.compile(r"<context>.*?</context>", re.S)
_MESSAGE_BLOCK = re.compile(r"(?P<indent>[ \t]*)<message\b[^>]*>.*?</message>", re.S)
_TRANSLATION_ELEMENT = re.compile(r"<translation\b[^>]*?(?:/>|>.*?</translation>)", re.S)


def _translation_xml(text: str, numerus: bool, indent: str) -> str:
    if not numerus:
        return f"<translation>{_escape(text)}</translation>"
    return (
        f"<translation>\n{indent}        <numerusform>{_escape(text)}</numerusform>\n"
        f"{indent}    </translation>"
    )


Lookup = Callable[[Message], str | None]


@dataclass
class FillReport:
    filled: list[Message] = field(default_factory=list)
    missing: list[Message] = field(default_factory=list)  # no Japanese in the glossary
    rejected: list[tuple[Message, str, list[str]]] = field(default_factory=list)
    differs: list[tuple[Message, str]] = field(default_factory=list)  # kept the .ts's own


def fill(ts_file: Path, lookup: Lookup, *, overwrite: bool = False) -> FillReport:
    """Write the glossary's Japanese into every message that has no finished translation.

    The file is edited in place, message by message, so everything else stays byte for byte
    as lupdate (or Qt Linguist) wrote it.  A finished translation is kept even when the
    glossary says otherwise (the .ts is the source of truth), unless ``overwrite``.
    """
    report = FillReport()
    text = ts_file.read_text(encoding="utf-8")

    def fill_message(context: str, match: re.Match[str]) -> str:
        block = match.group(0)
        message = _message_of(context, ET.fromstring(block.strip()))
        if not message.from_source:
            return block
        japanese = lookup(message)
        if japanese is None:
            if not message.finished:
                report.missing.append(message)
            return block
        if message.finished and not overwrite:
            if message.translation != japanese:
                report.differs.append((message, japanese))
            return block
        wrong = problems(message.source, japanese)
        if wrong:
            report.rejected.append((message, japanese, wrong))
            return block
        if message.finished and message.translation == japanese:
            return block
        report.filled.append(message)
        replacement = _translation_xml(japanese, message.numerus, match.group("indent"))
        return _TRANSLATION_ELEMENT.sub(lambda _m: replacement, block, count=1)

    def fill_context(match: re.Match[str]) -> str:
        block = match.group(0)
        name_match = re.search(r"<name>(.*?)</name>", block, re.S)
        context = (ET.fromstring(name_match.group(0)).text or "") if name_match else ""
        return _MESSAGE_BLOCK.sub(lambda m: fill_message(context, m), block)

    updated = _CONTEXT_BLOCK.sub(fill_context, text)
    if updated != text:
        ts_file.write_text(updated, encoding="utf-8")
    return report


def glossary_lookup(message: Message) -> str | None:
    """The Japanese of ``scripts/ja_glossary.py`` for ``message``: per context, else shared."""
    from scripts.ja_glossary import JA, JA_BY_CONTEXT

    return JA_BY_CONTEXT.get((message.context, message.source), JA.get(message.source))


# --- commands ----------------------------------------------------------------------------------


def _describe(message: Message) -> str:
    comment = f" [{message.comment}]" if message.comment else ""
    return f"{message.context}: {message.source!r}{comment}"


def command_update(ts_file: Path) -> int:
    print(run_lupdate(ts_file, [p.relative_to(ROOT) for p in ui_sources()]).rstrip())
    return 0


def command_fill(ts_file: Path, overwrite: bool) -> int:
    if not ts_file.exists():
        print(f"{ts_file} does not exist; run 'update' first", file=sys.stderr)
        return 1
    report = fill(ts_file, glossary_lookup, overwrite=overwrite)
    print(f"Filled {len(report.filled)} translation(s) in {ts_file.relative_to(ROOT)}.")
    for message, japanese, wrong in report.rejected:
        print(f"  rejected {japanese!r} for {_describe(message)}: {'; '.join(wrong)}")
    if report.differs:
        print(
            f"{len(report.differs)} translation(s) in the .ts differ from the glossary and were "
            "kept (the .ts wins; --overwrite re-applies the glossary):"
        )
        for message, japanese in report.differs:
            print(f"  {_describe(message)}: .ts {message.translation!r}, glossary {japanese!r}")
    if report.missing:
        print(f"{len(report.missing)} message(s) have no Japanese in scripts/ja_glossary.py:")
        for message in report.missing:
            print(f"  {_describe(message)}")
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
    fill_parser = commands.add_parser("fill", help="translate unfinished messages (glossary)")
    fill_parser.add_argument(
        "--overwrite", action="store_true", help="re-apply the glossary to finished messages too"
    )
    commands.add_parser("compile", help="compile the .ts into the .qm the window loads")
    commands.add_parser("check", help="exit 1 when a message lacks a finished translation")
    args = parser.parse_args(argv)
    ts_file: Path = args.ts.resolve()
    if args.command == "update":
        return command_update(ts_file)
    if args.command == "fill":
        return command_fill(ts_file, args.overwrite)
    if args.command == "compile":
        return command_compile(ts_file, args.qm.resolve())
    return command_check(ts_file)


if __name__ == "__main__":
    if __package__ in (None, ""):
        # Run as a file (python scripts/translations.py): make "scripts" importable.
        sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
