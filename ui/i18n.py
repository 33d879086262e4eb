"""Languages and user-facing error sentences for the window.

Japanese is the default; English is the source language of every ``tr()`` string.  Errors
from the core carry English sentences for the CLI; the window shows its own translated
sentence for each kind of error (``error_text``), keeping the core's sentence only as a
fallback.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from reservations import errors
from reservations.domain import Status

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = {"ja": "日本語", "en": "English"}
DEFAULT_LANGUAGE = "ja"


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load ``resdesk_<language>.qm``; English needs none (it is the source language)."""
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Japan))
        return None
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    # Qt's own buttons and dialogs (Yes/No, file dialogs) come from Qt's catalogue.
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
    translator = QTranslator(app)
    if translator.load(str(TRANSLATIONS / f"resdesk_{language}.qm")):
        app.installTranslator(translator)
        return translator
    return None


_FIELD_NAMES = {
    "family name": "family name",
    "given name": "given name",
    "family name reading (kana)": "family name reading",
    "given name reading (kana)": "given name reading",
}


def field_error_text(exc: errors.InvalidInput) -> str:
    """A short sentence for the error label next to a form field."""
    field = exc.field or ""
    if field == "phone":
        return QCoreApplication.translate(
            "errors", "Not a Japanese mobile, landline or 050 number; check the digits."
        )
    if "kana" in field or "reading" in field:
        return QCoreApplication.translate(
            "errors", "Write the reading in kana (hiragana or katakana)."
        )
    message = exc.message
    if "empty" in message:
        return QCoreApplication.translate("errors", "Required.")
    if "too long" in message:
        return QCoreApplication.translate("errors", "Too long.")
    if "control" in message or "invisible" in message:
        return QCoreApplication.translate(
            "errors", "Contains a character that cannot be stored; retype it."
        )
    return QCoreApplication.translate("errors", "Check this field.")


def status_text(status: Status) -> str:
    """A booking's status as every screen shows it."""
    return {
        Status.BOOKED: QCoreApplication.translate("status", "Booked"),
        Status.ATTENDED: QCoreApplication.translate("status", "Attended"),
        Status.CANCELLED: QCoreApplication.translate("status", "Cancelled"),
        Status.NO_SHOW: QCoreApplication.translate("status", "No-show"),
    }[status]


def error_text(exc: errors.ReservationError) -> str:
    """The window's sentence for an error from the core."""
    if isinstance(exc, errors.SlotFull):
        return QCoreApplication.translate("errors", "This slot is full now; choose another slot.")
    if isinstance(exc, errors.SlotClosed):
        return QCoreApplication.translate("errors", "This slot is closed; choose another slot.")
    if isinstance(exc, errors.SlotInPast):
        return QCoreApplication.translate(
            "errors", "This slot has already begun; choose a later slot."
        )
    if isinstance(exc, errors.DuplicateBooking):
        return QCoreApplication.translate(
            "errors", "This caller may already have booking {receipt}."
        ).format(receipt=exc.existing_receipt)
    if isinstance(exc, errors.InvalidReceiptNumber):
        if exc.check_digit_wrong:
            return QCoreApplication.translate(
                "errors", "Not a valid receipt number: a digit was misheard; ask again."
            )
        return QCoreApplication.translate(
            "errors", "A receipt number has 8 digits, like 1234-5678."
        )
    if isinstance(exc, errors.Conflict) and "last active supervisor" in exc.message:
        return QCoreApplication.translate(
            "errors",
            "This is the last active supervisor: add or enable another supervisor first.",
        )
    if isinstance(exc, errors.Conflict) and "was removed" in exc.message:
        return QCoreApplication.translate(
            "errors", "This name belonged to a removed account; choose another name."
        )
    if (
        isinstance(exc, errors.Conflict)
        and exc.message.startswith("An account named")
        and "already exists" in exc.message
    ):
        return QCoreApplication.translate("errors", "An account with this name already exists.")
    if isinstance(exc, errors.InvalidTransition):
        return QCoreApplication.translate(
            "errors", "This booking's status does not allow that change."
        )
    if isinstance(exc, errors.IntegrityFailed):
        return QCoreApplication.translate(
            "errors",
            "The vault's accounts or audit trail were changed outside the application (a "
            "signature does not match); nothing was changed. A supervisor must check the "
            "audit log.",
        )
    if isinstance(exc, errors.RotationUnfinished):
        return QCoreApplication.translate(
            "errors",
            "A replacement of the data key was interrupted; a supervisor must log in to "
            "finish it and print the new recovery sheet.",
        )
    if isinstance(exc, errors.AccountLocked):
        # The login and the lock screen both show this one (the same lock, counted together).
        return QCoreApplication.translate(
            "errors",
            "Too many failed attempts: this account name is locked until {time}. Try again "
            "then, or ask a supervisor to reset the password.",
        ).format(time=f"{exc.until:%H:%M}")
    if isinstance(exc, errors.AuthenticationFailed):
        return QCoreApplication.translate("errors", "The account name or password is wrong.")
    if isinstance(exc, errors.NotPermitted):
        return QCoreApplication.translate(
            "errors", "Your role does not allow this; ask a supervisor."
        )
    if isinstance(exc, errors.NotFound):
        return QCoreApplication.translate("errors", "Not found.")
    if isinstance(exc, errors.DiskFull):
        return QCoreApplication.translate(
            "errors", "The disk is full or failing; nothing was saved. Free some space and retry."
        )
    if isinstance(exc, errors.VaultBusy):
        return QCoreApplication.translate(
            "errors", "The vault is busy (another window is writing); try again in a moment."
        )
    if isinstance(exc, errors.InvalidInput):
        if exc.field == "search":
            return QCoreApplication.translate(
                "errors", "Type a receipt number, a phone number (or its last 4), kana or a name."
            )
        return field_error_text(exc)
    if isinstance(exc, errors.StorageError):
        return QCoreApplication.translate("errors", "The vault cannot be used: {detail}").format(
            detail=exc.message
        )
    return exc.message
