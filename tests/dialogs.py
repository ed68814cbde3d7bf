"""Answering a modal dialog from a test: the action that opens it blocks in ``exec()``, so the
answer is queued to run once the dialog is up. If the answer fails (an assertion, say), the
dialog is closed, so the test fails with that error instead of waiting forever."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox


def when_modal(answer: Callable[[], None]) -> None:
    """Run ``answer`` as soon as the event loop turns, i.e. once the next modal is showing."""

    def run() -> None:
        try:
            answer()
        except BaseException:
            modal = QApplication.activeModalWidget()
            if isinstance(modal, QDialog):
                modal.reject()
            elif modal is not None:
                modal.close()
            raise  # pytest-qt reports it as the test's failure

    QTimer.singleShot(0, run)


def close_next_message() -> list[str]:
    """Read and close the message box the next action opens; its text lands in the list."""
    shown: list[str] = []

    def close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        box.accept()

    when_modal(close)
    return shown
