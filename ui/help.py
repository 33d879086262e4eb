"""Help (F1): the keyboard shortcuts first, because operators learn those on day one; then the
user guide (``docs/user-guide.<language>.md``) in the language the window runs in."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QImageReader,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
)
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ui.i18n import LANGUAGES

# Where the build puts the guides and their screenshots (build.spec bundles docs/ there).
BUNDLED_DOCS = Path("resources") / "docs"
# Screenshots are 1280 px wide; shown at full size they would need sideways scrolling.
_IMAGE_WIDTH = 760


def _guide_folders() -> list[Path]:
    source_root = Path(__file__).resolve().parent.parent
    folders: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        folders.append(Path(bundle) / BUNDLED_DOCS)
    folders += [source_root / BUNDLED_DOCS, source_root / "docs"]
    return folders


def user_guide_path(language: str) -> Path | None:
    """The user guide in ``language`` ("ja", "en"): in the build's ``resources/docs/`` (next
    to the package, or ``sys._MEIPASS`` when frozen), else in the source tree's ``docs/``."""
    if language not in LANGUAGES:
        return None
    for folder in _guide_folders():
        path = folder / f"user-guide.{language}.md"
        if path.is_file():
            return path
    return None


def ui_language() -> str:
    """The language the window runs in: ``install_translator`` sets the default locale to it
    (the language setting itself may have changed since, taking effect at the next start)."""
    return "ja" if QLocale().language() == QLocale.Language.Japanese else "en"


class HelpDialog(QDialog):
    """The shortcut list, then the user guide rendered from its markdown.

    ``language`` chooses the guide; by default the window's own language (``ui_language``),
    falling back to the other language's guide when that one is missing.
    """

    def __init__(self, parent: QWidget | None = None, *, language: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("Help"))
        self.resize(880, 720)
        self.text = QTextBrowser()
        self.text.setObjectName("helpText")
        self.text.setAccessibleName(self.tr("Help text"))
        # Links are followed by hand: the guide points at files next to it (README.md), which
        # open in the system's viewer when they exist, never inside this browser.
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._open_link)
        self.text.setHtml(self._shortcuts_html())
        wanted = language or ui_language()
        self.guide_path = user_guide_path(wanted) or next(
            (p for p in map(user_guide_path, LANGUAGES) if p is not None), None
        )
        self._append_guide(wanted)
        self.text.moveCursor(QTextCursor.MoveOperation.Start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def _shortcuts_html(self) -> str:
        rows = [
            ("F1", self.tr("This help")),
            ("Ctrl+1", self.tr("Booking desk")),
            ("Ctrl+2", self.tr("Find, change, cancel")),
            ("Ctrl+3", self.tr("Verification line (calls from support workers)")),
            ("F5", self.tr("Verification line: mark the visitor attended")),
            ("Ctrl+4", self.tr("Call-backs for bookings in closed slots")),
            ("Ctrl+5", self.tr("Audit log (supervisors: everyone's, with export)")),
            ("Ctrl+6", self.tr("Accounts (supervisors only)")),
            ("Ctrl+7", self.tr("Slot planning (supervisors only)")),
            ("Ctrl+8", self.tr("Statistics (supervisors only)")),
            ("Ctrl+9", self.tr("Contract, copies, backups, handover, erasure (supervisors)")),
            ("Ctrl+R", self.tr("Verification line: reveal the masked name (recorded)")),
            ("Alt+C / Alt+D", self.tr("Go to the center list / the calendar")),
            (self.tr("Arrows in the calendar"), self.tr("Left/Right: a day, Up/Down: a week")),
            ("Tab", self.tr("Next field, in the order of the call")),
            ("Ctrl+Enter", self.tr("Book (asks once)")),
            ("Ctrl+Shift+N", self.tr("Book a companion on the same call (same phone)")),
            ("Ctrl+N", self.tr("Next call: clear the form")),
            ("Ctrl+F", self.tr("Search box")),
            ("Ctrl+S", self.tr("Save a correction of name, kana or phone")),
            ("Ctrl+M", self.tr("Move the booking to another slot (number stays)")),
            ("Ctrl+D", self.tr("Cancel the booking (asks for a reason)")),
            ("Ctrl+Z", self.tr("Undo the last change while its notice is shown")),
            ("Ctrl+L", self.tr("Lock the window (it also locks after 5 idle minutes)")),
            (
                "Ctrl+Shift+C",
                self.tr("Find and change: copy the name or phone (cleared after 30 s)"),
            ),
            ("Ctrl+Q", self.tr("Quit")),
        ]
        table = "".join(f"<tr><td><b>{keys}</b></td><td>{what}</td></tr>" for keys, what in rows)
        shortcuts_title = self.tr("Keyboard shortcuts")
        search_title = self.tr("Search box")
        search_text = self.tr(
            "Type a receipt number (with or without hyphen), a phone number or its last "
            "4 digits, a kana reading or the start of a name. Full-width digits are fine."
        )
        return (
            f"<h2>{shortcuts_title}</h2><table cellspacing='6'>{table}</table>"
            f"<h2>{search_title}</h2><p>{search_text}</p><hr/>"
        )

    def _append_guide(self, language: str) -> None:
        document = self.text.document()
        cursor = QTextCursor(document)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock()
        path = self.guide_path
        markdown = None
        if path is not None:
            try:
                markdown = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                markdown = None
        if path is None or markdown is None:
            missing = self.tr("The user guide (user-guide.{language}.md) is missing here.")
            cursor.insertText(missing.format(language=language))
            return
        # Relative image and link targets are relative to the guide's folder, as on GitHub.
        self.text.setSearchPaths([str(path.parent)])
        cursor.insertMarkdown(markdown, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
        _fit_images(document, path.parent, _IMAGE_WIDTH)

    def _open_link(self, url: QUrl) -> None:
        if self.guide_path is None or url.scheme() not in ("", "file"):
            return
        target = url.toLocalFile() if url.isLocalFile() else url.path()
        path = (self.guide_path.parent / target).resolve()
        if path.is_file():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _fit_images(document: QTextDocument, folder: Path, width: int) -> None:
    """Scale images wider than ``width`` down to it, keeping their proportions."""
    found: list[tuple[int, int, QTextImageFormat]] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.charFormat().isImageFormat():
                image = fragment.charFormat().toImageFormat()
                found.append((fragment.position(), fragment.length(), image))
            it += 1
        block = block.next()
    for position, length, image in found:
        size = QImageReader(str(folder / image.name())).size()
        if not size.isValid() or size.width() <= width:
            continue
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        image.setWidth(width)
        image.setHeight(size.height() * width / size.width())
        cursor.setCharFormat(image)
