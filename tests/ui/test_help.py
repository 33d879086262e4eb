"""Help (F1): the shortcut list, then the user guide in the window's language, with its
screenshots; and the guides' own links and images."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QCoreApplication, QLocale, Qt, QTranslator, QUrl
from PySide6.QtGui import QImage, QPixmap, QTextDocument
from PySide6.QtWidgets import QApplication, QTextBrowser
from pytestqt.qtbot import QtBot

from ui.help import HelpDialog, user_guide_path
from ui.i18n import install_translator
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GUIDES = {"ja": DOCS / "user-guide.ja.md", "en": DOCS / "user-guide.en.md"}
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def first_heading(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise AssertionError(f"{path.name} has no top-level heading")


@pytest.fixture
def locale_restored() -> Iterator[None]:
    """Tests set the default locale (the window's language); put it back afterwards."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.fixture
def japanese(qapp: QApplication, locale_restored: None) -> Iterator[None]:
    """The application running in Japanese, as ``run_app`` starts it by default."""
    before = set(qapp.findChildren(QTranslator))
    install_translator(qapp, "ja")
    added = [t for t in qapp.findChildren(QTranslator) if t not in before]
    yield
    for translator in added:
        qapp.removeTranslator(translator)
        translator.deleteLater()


def press_f1(qtbot: QtBot, window: MainWindow) -> HelpDialog:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(HelpDialog, "helpDialog")
    assert dialog is not None, "F1 opened no help"
    qtbot.addWidget(dialog)
    return dialog


def help_text(dialog: HelpDialog) -> str:
    browser = dialog.findChild(QTextBrowser, "helpText")
    assert browser is not None
    return browser.toPlainText()


def test_f1_in_japanese_shows_the_shortcuts_then_the_japanese_guide(
    qtbot: QtBot, main_window: MainWindow, japanese: None
) -> None:
    text = help_text(press_f1(qtbot, main_window))
    shortcuts = text.find("キーボードショートカット")
    guide = text.find(first_heading(GUIDES["ja"]))
    assert shortcuts != -1, "the shortcut list is not translated"
    assert guide > shortcuts, "the Japanese guide does not follow the shortcut list"
    assert first_heading(GUIDES["en"]) not in text


def test_f1_in_english_shows_the_shortcuts_then_the_english_guide(
    qtbot: QtBot, main_window: MainWindow, locale_restored: None
) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Japan))
    text = help_text(press_f1(qtbot, main_window))
    shortcuts = text.find("Keyboard shortcuts")
    guide = text.find(first_heading(GUIDES["en"]))
    assert shortcuts != -1
    assert guide > shortcuts, "the English guide does not follow the shortcut list"
    assert first_heading(GUIDES["ja"]) not in text
    # Rendered from markdown, not shown as its source.
    assert "![" not in text and "](screenshots/" not in text


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_dialog_loads_every_screenshot_of_the_guide(qtbot: QtBot, language: str) -> None:
    dialog = HelpDialog(language=language)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    browser = dialog.findChild(QTextBrowser, "helpText")
    assert browser is not None
    names = set(_IMAGE.findall(GUIDES[language].read_text(encoding="utf-8")))
    assert names
    for name in sorted(names):
        loaded = browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        image = QImage.fromData(loaded) if isinstance(loaded, QByteArray) else loaded
        assert isinstance(image, (QImage, QPixmap)) and not image.isNull(), name
    # Wide screenshots are scaled to the dialog instead of needing sideways scrolling.
    assert browser.document().idealWidth() < 1000


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_image_and_file_link_of_the_guide_exists(language: str) -> None:
    text = GUIDES[language].read_text(encoding="utf-8")
    images = _IMAGE.findall(text)
    assert len(images) >= 10
    for target in images + _LINK.findall(text):
        if target.startswith(("http://", "https://", "#")):
            continue
        path = (DOCS / target.split("#", 1)[0]).resolve()
        assert path.is_file(), f"{GUIDES[language].name} points at a missing file: {target}"


def test_both_guides_show_the_same_screenshots() -> None:
    ja, en = (set(_IMAGE.findall(GUIDES[lang].read_text(encoding="utf-8"))) for lang in GUIDES)
    assert ja == en


def test_the_guide_is_found_in_the_source_tree() -> None:
    for language, path in GUIDES.items():
        assert user_guide_path(language) == path
    assert user_guide_path("fr") is None
    assert user_guide_path("../README") is None


def test_a_frozen_build_finds_the_bundled_guide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "resources" / "docs" / "user-guide.en.md"
    bundled.parent.mkdir(parents=True)
    bundled.write_text("# Bundled\n", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert user_guide_path("en") == bundled
    # Not bundled: the source tree's copy is still used.
    assert user_guide_path("ja") == GUIDES["ja"]


def test_a_missing_guide_says_so(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ui.help.user_guide_path", lambda _language: None)
    dialog = HelpDialog(language="en")
    qtbot.addWidget(dialog)
    text = help_text(dialog)
    assert text.startswith("Keyboard shortcuts")
    assert QCoreApplication.translate("HelpDialog", "Keyboard shortcuts") in text
    assert "user-guide.en.md" in text


def test_a_link_to_a_file_next_to_the_guide_opens_outside_the_help(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []

    class FakeDesktop:
        @staticmethod
        def openUrl(url: QUrl) -> bool:  # noqa: N802 - Qt's name
            opened.append(url)
            return True

    monkeypatch.setattr("ui.help.QDesktopServices", FakeDesktop)
    dialog = HelpDialog(language="en")
    qtbot.addWidget(dialog)
    browser = dialog.findChild(QTextBrowser, "helpText")
    assert browser is not None
    before = browser.toPlainText()
    browser.anchorClicked.emit(QUrl("../README.md"))
    browser.anchorClicked.emit(QUrl("../no-such-file.md"))
    browser.anchorClicked.emit(QUrl("https://example.org/"))
    assert [url.toLocalFile() for url in opened] == [str(ROOT / "README.md")]
    assert browser.toPlainText() == before
