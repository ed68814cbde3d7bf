"""Opening the store, with a progress dialog while an older store is upgraded (the search
index of a big store takes a while to make again); the window stays painted meanwhile."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from importers.repair import catch_up, pending
from store.db import Store, open_store, pending_upgrade
from store.models import SCHEMA_VERSION


def upgrade_dialog(old: int, parent: QWidget | None = None) -> QProgressDialog:
    dialog = QProgressDialog(
        f"Upgrading the store from version {old} to {SCHEMA_VERSION}: making the search index "
        "again (once).",
        "",
        0,
        0,  # a busy bar: SQLite says nothing of how far it is
        parent,
    )
    dialog.setWindowTitle("Chronolens")
    dialog.setCancelButton(None)  # stopping half-way would only roll it back
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    return dialog


def open_with_progress(db: str | None, parent: QWidget | None = None) -> Store:
    """``open_store(db)``; where it must upgrade the store, in a thread under a dialog."""
    old = pending_upgrade(db)
    if old is None:
        store = open_store(db)
        if not pending(store):
            return store
        store.close()
    dialog = upgrade_dialog(old if old is not None else SCHEMA_VERSION, parent)
    if old is None:
        dialog.setLabelText(
            "Bringing the store up to date (once): placing its places on the map and reading "
            "its names' aliases again."
        )
    dialog.show()
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def work() -> None:
        try:
            outcome["store"] = open_store(db)
            catch_up(outcome["store"])
        except BaseException as exc:  # raised again below, in the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=work, name="store-upgrade", daemon=True)
    thread.start()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if not thread.is_alive() else None)
    timer.start(50)
    loop.exec()
    timer.stop()
    thread.join()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["store"]
