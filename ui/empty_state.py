"""What a first start shows: an empty store offers the sample documents or an import."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ui.icons import app_icon, icon


def sample_paths() -> list[Path]:
    folder = Path(str(resources.files("resources").joinpath("samples")))
    return sorted(folder.glob("*.txt"))


class EmptyState(QWidget):
    samplesRequested = Signal()
    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(72, 72))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel("<h2>Your timeline is empty</h2>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            "Import articles and reports (text files, or a whole folder) and Chronolens lists\n"
            "what happened when, who was involved, where, and where exactly the text says so.\n"
            "Drop files on this window, or start with the sample documents."
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        samples = QPushButton(
            icon("fa5s.book-open", "#3949ab"), f"Import {len(sample_paths())} sample documents"
        )
        samples.setObjectName("importSamples")
        samples.clicked.connect(self.samplesRequested)
        own = QPushButton(icon("fa5s.file-import"), "Import files…")
        own.clicked.connect(self.importRequested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for w in (logo, title, text):
            layout.addWidget(w)
        for b in (samples, own):
            b.setMinimumWidth(260)
            layout.addWidget(b, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
