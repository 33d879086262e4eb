"""The Japanese TrueType font that PDFs embed, found on this PC (we ship no font files).

A PDF must print the same on any PC, so its Japanese text is drawn with a TrueType font that
reportlab embeds as a subset.  reportlab's built-in CID fonts (HeiseiKakuGo-W5) are not
embedded and their text extracts lossily, and fonts with CFF outlines (Noto CJK, Source Han)
cannot be embedded by reportlab at all, so neither is ever used as a fallback: without a
usable font the PDF is refused with a sentence saying what to install.

Candidates, first usable wins:

1. ``RESDESK_PDF_FONT=/path/to/font.ttf`` (``font.ttc#1`` picks a font in a collection);
   when set it must work, it is never skipped silently.
2. Linux (Debian/Ubuntu packages): BIZ UD Gothic (``fonts-morisawa-bizud-gothic``, designed
   for legibility on forms), IPAexGothic (``fonts-ipaexfont-gothic``), IPAGothic
   (``fonts-ipafont-gothic``), then Debian's ``fonts-japanese-gothic.ttf`` alternative.
3. Windows (``%WINDIR%\\Fonts``, then the per-user fonts folder): BIZ UD Gothic (shipped with
   Windows 10 and later), Meiryo, Yu Gothic, MS Gothic; each the first font of its ``.ttc``.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reservations import errors

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle

FONT_ENV = "RESDESK_PDF_FONT"

# Every character a roster draws beyond ASCII; a font that lacks one would print tofu.
REQUIRED_CHARACTERS = "受付番号一覧（当日名簿）年月火水木金土曜来場済個人情報返却裁断時間帯–／・"


@dataclass(frozen=True)
class FontCandidate:
    """A font file to try, and which font inside it when it is a collection (``.ttc``)."""

    path: Path
    subfont_index: int = 0


@dataclass(frozen=True)
class PdfFont:
    """A Japanese TrueType font registered with reportlab under ``name``, ready to draw."""

    name: str
    path: Path
    subfont_index: int = 0


LINUX_CANDIDATES: tuple[FontCandidate, ...] = (
    FontCandidate(Path("/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf")),
    FontCandidate(Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")),
    FontCandidate(Path("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf")),
    FontCandidate(Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")),
    FontCandidate(Path("/usr/share/fonts/truetype/ipafont-gothic/ipag.ttf")),
    # Debian's alternative for "the" Japanese gothic font; may point to a CFF font, which is
    # then skipped like any other unusable candidate.
    FontCandidate(Path("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf")),
)

# File names inside the Windows fonts folders, best first.
WINDOWS_FONT_FILES: tuple[tuple[str, int], ...] = (
    ("BIZ-UDGothicR.ttc", 0),
    ("meiryo.ttc", 0),
    ("YuGothR.ttc", 0),
    ("msgothic.ttc", 0),
)

NO_FONT_MESSAGE = (
    "No Japanese TrueType font was found for PDFs; install fonts-ipaexfont-gothic (Debian) "
    f"or set {FONT_ENV}=/path/to/font.ttf."
)


def system_candidates(
    platform: str = sys.platform, environ: Mapping[str, str] = os.environ
) -> list[FontCandidate]:
    """The documented candidate fonts of this kind of system, best first (existing or not)."""
    if platform != "win32":
        return list(LINUX_CANDIDATES)
    folders = [Path(environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = environ.get("LOCALAPPDATA")
    if local:
        # Fonts installed "for this user only" (no administrator rights) land here.
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return [
        FontCandidate(folder / name, index)
        for folder in folders
        for name, index in WINDOWS_FONT_FILES
    ]


def find_japanese_font(
    candidates: Sequence[FontCandidate] | None = None,
    environ: Mapping[str, str] = os.environ,
) -> PdfFont:
    """The first usable Japanese TrueType font, registered with reportlab.

    ``RESDESK_PDF_FONT`` in ``environ`` comes first and must be usable.  Raises
    ``errors.StorageError`` (one sentence) when no candidate is usable.
    """
    override = environ.get(FONT_ENV, "").strip()
    if override:
        chosen = _parse_override(override)
        problem = _problem_with(chosen)
        if problem is not None:
            raise errors.StorageError(
                f"{FONT_ENV} does not name a usable Japanese TrueType font ({problem}); "
                "fix or unset it."
            )
        return _registered(chosen.path, chosen.subfont_index)
    for candidate in system_candidates(environ=environ) if candidates is None else candidates:
        if _problem_with(candidate) is None:
            return _registered(candidate.path, candidate.subfont_index)
    raise errors.StorageError(NO_FONT_MESSAGE)


def _parse_override(value: str) -> FontCandidate:
    path, sep, index = value.rpartition("#")
    if sep and index.isdigit():
        return FontCandidate(Path(path).expanduser(), int(index))
    return FontCandidate(Path(value).expanduser())


def _problem_with(candidate: FontCandidate) -> str | None:
    """Why the candidate cannot be used, or ``None`` when it can."""
    if not candidate.path.is_file():
        return "no such file"
    try:
        _registered(candidate.path, candidate.subfont_index)
    except _FontUnusable as exc:
        return str(exc)
    return None


class _FontUnusable(Exception):
    pass


@functools.cache
def _registered(path: Path, subfont_index: int) -> PdfFont:
    """Load and register one font once per process (reportlab keeps a registry by name)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    name = f"ResDesk-{path.stem}-{subfont_index}"
    try:
        font = TTFont(name, str(path), subfontIndex=subfont_index)
    except TTFError as exc:
        # CFF outlines, a font that forbids embedding, or not a font at all.
        raise _FontUnusable(str(exc).split(":")[-1].strip() or "not a TrueType font") from None
    except (OSError, ValueError, IndexError, KeyError, AssertionError) as exc:
        raise _FontUnusable(f"cannot be read as a font ({type(exc).__name__})") from None
    missing = [ch for ch in REQUIRED_CHARACTERS if ord(ch) not in font.face.charToGlyph]
    if missing:
        raise _FontUnusable(f"it has no Japanese characters such as {missing[0]}")
    pdfmetrics.registerFont(font)
    return PdfFont(name, path, subfont_index)


def japanese_style(
    name: str, font: str, size: float, *, line_spacing: float = 1.3, **kw: Any
) -> ParagraphStyle:
    """A reportlab paragraph style for Japanese text in ``font``: lines break between any two
    characters (``wordWrap="CJK"``), ``line_spacing`` times the size apart unless ``leading``
    is given."""
    from reportlab.lib.styles import ParagraphStyle

    kw.setdefault("leading", size * line_spacing)
    return ParagraphStyle(name, fontName=font, fontSize=size, wordWrap="CJK", **kw)
