"""Start the desktop app: QApplication, the store, the main window, and --screenshot."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def settings_for_user() -> QSettings:
    """Settings in an INI file in the user's config folder (``$CHRONOLENS_SETTINGS`` overrides)."""
    path = os.environ.get("CHRONOLENS_SETTINGS")
    if not path:
        from platformdirs import user_config_dir

        path = str(Path(user_config_dir("chronolens", appauthor=False)) / "chronolens.ini")
    return QSettings(path, QSettings.Format.IniFormat)


def make_window(db: str | None, settings: QSettings):  # type: ignore[no-untyped-def]
    from ui.library import Library
    from ui.main_window import MainWindow
    from ui.upgrade import open_with_progress

    return MainWindow(Library(open_with_progress(db)), settings)


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        return 1400, 900
    return max(400, w), max(300, h)


def screenshot(window, out: str, size: str) -> bool:  # type: ignore[no-untyped-def]
    """Render ``window`` with its first event selected to ``out`` (PNG)."""
    app = QApplication.instance()
    window.resize(*_size(size))
    window.show()
    if window.model.rowCount() > 0:
        preferred = next(
            (
                r
                for r in range(window.model.rowCount())
                if (ev := window.model.event(r)) and ev.date_start and ev.type not in ("statement",)
            ),
            0,
        )
        window.select_event(window.model.id_at(preferred))
    for _ in range(5):
        app.processEvents()
    return window.grab().save(out)


def run_app(args: argparse.Namespace) -> int:
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Chronolens")
    app.setOrganizationName("Chronolens")
    settings = settings_for_user()
    if args.screenshot:
        settings = QSettings(
            str(Path(args.screenshot).with_suffix(".ini")), QSettings.Format.IniFormat
        )
        settings.clear()
    try:
        window = make_window(args.db, settings)
    except Exception as exc:  # e.g. a store file that is not a database
        QMessageBox.critical(None, "Chronolens", f"Cannot open the store: {exc}")
        return 1
    if args.screenshot:
        ok = screenshot(window, args.screenshot, args.size)
        Path(args.screenshot).with_suffix(".ini").unlink(missing_ok=True)
        if not ok:
            print("chronolens: could not write the screenshot", file=sys.stderr)
            return 1
        print(f"wrote {args.screenshot} ({app.platformName()} platform)")
        return 0
    window.show()
    QTimer.singleShot(0, window.raise_)
    return app.exec()
