"""Documents in, events out: the file dialogs and the background jobs that import documents and
export events to CSV, each with progress and cancel, and a one-line reason when it fails."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from importers.pipeline import IMPORTABLE, ImportOptions, ImportReport, import_paths
from ui.empty_state import sample_paths
from ui.jobs import Job
from ui.library import Library

# what a long file's import is doing, after its name in the progress dialog
STAGES = {
    "reading": " (reading)",
    "dates": " (finding dates)",
    "names": " (finding names)",
    "events": " (finding events)",
    "saving": " (saving)",
}


class Transfers(QObject):
    """Runs imports and exports for one window; it asks ``shown_ids`` and ``selected_ids``
    which events an export takes."""

    importFinished = Signal(object)  # ImportReport
    exportFinished = Signal(object)  # (path, rows) or an error message
    failed = Signal(str)  # a job stopped with an error: the one-line reason

    def __init__(
        self,
        window: QMainWindow,
        library: Library,
        settings: QSettings,
        shown_ids: Callable[[], Sequence[int]],
        selected_ids: Callable[[], Sequence[int]],
    ) -> None:
        super().__init__(window)
        self.window, self.library, self.settings = window, library, settings
        self.shown_ids, self.selected_ids = shown_ids, selected_ids
        self.jobs: list[Job] = []

    def _status(self, message: str, msecs: int = 10000) -> None:
        self.window.statusBar().showMessage(message, msecs)

    # -- import ------------------------------------------------------------------------------
    def import_files(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in IMPORTABLE)
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            "Import files",
            self._last_dir(),
            f"Documents and event data ({patterns});;All files (*)",
        )
        if paths:
            self.run_import(paths)

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Import folder", self._last_dir())
        if folder:
            self.run_import([folder])

    def import_samples(self) -> None:
        self.run_import([str(p) for p in sample_paths()])

    def _last_dir(self) -> str:
        return str(self.settings.value("import/last_dir", str(Path.home())))

    def run_import(self, paths: Sequence[str]) -> Job:
        self.settings.setValue("import/last_dir", str(Path(paths[0]).parent))
        library = self.library
        store = library.store

        def work(report: Callable[[int, int, str], None], cancel: threading.Event) -> ImportReport:
            def progress(done: float, total: int, path: str, stage: str) -> bool:
                doing = STAGES.get(stage, "")
                shown = f"Importing {Path(path).name}{doing}…" if path else "Finishing…"
                report(round(done * 100), total * 100, shown)  # a long file moves the bar too
                return not cancel.is_set()

            report_ = import_paths(store, list(paths), ImportOptions(), progress)
            report(0, 0, "Updating the index…")
            library.reload_index()
            return report_

        job = Job(self.window, "Importing documents…", work)
        job.done.connect(self._import_done)
        job.error.connect(lambda msg: self._failed("Import failed", msg))
        return self._start(job)

    def _import_done(self, report: ImportReport) -> None:
        self._status(report.summary())
        failed = [o for o in report.outcomes if o.status == "failed"]
        if failed or report.cancelled:
            box = QMessageBox(
                QMessageBox.Icon.Warning, "Import", report.summary(), parent=self.window
            )
            box.setDetailedText("\n".join(o.line() for o in report.outcomes))
            box.open()
        self.importFinished.emit(report)

    # -- export ------------------------------------------------------------------------------
    def export_selection(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self._status("Select events in the table to export them.", 5000)
            return
        path = self._ask_csv_path()
        if path:
            self.export_to(path, ids=ids)

    def export_all_shown(self) -> None:
        path = self._ask_csv_path()
        if path:
            self.export_to(path)

    def _ask_csv_path(self) -> Path | None:
        start = Path(str(self.settings.value("export/last_dir", str(Path.home())))) / "events.csv"
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Export events", str(start), "CSV (*.csv)"
        )
        if not path:
            return None
        self.settings.setValue("export/last_dir", str(Path(path).parent))
        return Path(path if path.lower().endswith(".csv") else path + ".csv")

    def export_to(self, path: Path, ids: Sequence[int] | None = None) -> Job:
        """Write the given events, or all shown in the table's order, to ``path`` in a worker."""
        library = self.library
        chosen = self.shown_ids() if ids is None else ids
        total = len(chosen)

        def work(
            report: Callable[[int, int, str], None], cancel: threading.Event
        ) -> tuple[Path, int]:
            def progress(n: int) -> bool:
                report(n, total, f"Exported {n:,} of {total:,} events…")
                return not cancel.is_set()

            tmp = path.with_name(path.name + ".part")
            n = library.export_csv(tmp, ids=chosen, progress=progress)
            if cancel.is_set():
                tmp.unlink(missing_ok=True)
                raise RuntimeError("export cancelled; no file written")
            tmp.replace(path)
            return path, n

        job = Job(self.window, "Exporting events…", work)
        job.done.connect(self._export_done)
        job.error.connect(lambda msg: self._failed("Export failed", msg))
        job.error.connect(self.exportFinished.emit)
        return self._start(job)

    def _export_done(self, result: tuple[Path, int]) -> None:
        path, n = result
        self._status(f"Exported {n:,} events to {path}")
        self.exportFinished.emit(result)

    # -- jobs --------------------------------------------------------------------------------
    def _start(self, job: Job) -> Job:
        self.jobs.append(job)
        job.done.connect(lambda _r, j=job: self.jobs.remove(j) if j in self.jobs else None)
        job.error.connect(lambda _m, j=job: self.jobs.remove(j) if j in self.jobs else None)
        job.start()
        return job

    def _failed(self, title: str, message: str) -> None:
        self._status(f"{title}: {message}")
        QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self.window).open()
        self.failed.emit(message)

    def cancel_all(self) -> None:
        """Stop every running job and wait for its thread (the window is closing)."""
        for job in list(self.jobs):
            job.cancel.set()
            job.thread.quit()
            job.thread.wait(5000)
