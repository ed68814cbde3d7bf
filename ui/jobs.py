"""Long work off the UI thread: a job runs in a QThread, reports progress by signal, and
stops when the user cancels. The progress dialog appears only if the work lasts."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

# work(report, cancelled) -> result; report(done, total, label) updates the dialog.
Work = Callable[[Callable[[int, int, str], None], threading.Event], Any]


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Work, cancel: threading.Event) -> None:
        super().__init__()
        self.work = work
        self.cancel = cancel

    def run(self) -> None:
        try:
            result = self.work(self.progressed.emit, self.cancel)
        except Exception as exc:  # shown to the user as one line
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.finished.emit(result)


class Job(QObject):
    """Run ``work`` in a thread; ``done(result)`` or ``error(message)`` is emitted at the end."""

    done = Signal(object)
    error = Signal(str)

    def __init__(self, parent: QWidget, title: str, work: Work) -> None:
        super().__init__(parent)
        self.cancel = threading.Event()
        self.thread = QThread()
        self.worker = _Worker(work, self.cancel)
        self.worker.moveToThread(self.thread)
        self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle("Chronolens")
        self.dialog.setMinimumDuration(500)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel.set)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progress)
        self.worker.finished.connect(self._finish)
        self.worker.failed.connect(self._fail)

    def start(self) -> None:
        self.thread.start()

    @property
    def running(self) -> bool:
        return self.thread.isRunning()

    def _progress(self, done: int, total: int, label: str) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))
        if label:
            self.dialog.setLabelText(label)

    def _close(self) -> None:
        self.dialog.close()
        self.thread.quit()
        self.thread.wait()

    def _finish(self, result: object) -> None:
        self._close()
        self.done.emit(result)

    def _fail(self, message: str) -> None:
        self._close()
        self.error.emit(message)
