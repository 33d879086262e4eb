"""Help (F1): the keyboard shortcuts first, because operators learn those on day one."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("Help"))
        self.resize(640, 560)
        text = QTextBrowser()
        text.setObjectName("helpText")
        text.setAccessibleName(self.tr("Help text"))
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
        text.setHtml(
            f"<h2>{shortcuts_title}</h2><table cellspacing='6'>{table}</table>"
            f"<h2>{search_title}</h2><p>{search_text}</p>"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
