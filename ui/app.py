"""Start the desktop app: QApplication, the main window, and the --screenshot mode."""

from __future__ import annotations

import argparse
import sys


def run_app(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Chronolens")
    window.setCentralWidget(QLabel("Chronolens: import documents with `python main.py import`."))
    window.resize(1000, 700)
    if args.screenshot:
        window.show()
        app.processEvents()
        return 0 if window.grab().save(args.screenshot) else 1
    window.show()
    return app.exec()
