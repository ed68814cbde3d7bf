"""A long report is read in stages the analyst can watch and stop: the progress names the stage
within the file, Cancel stops it part-way, nothing of it is saved, and files read before it
stay imported. The text is our own."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from importers.pipeline import ImportOptions, import_paths
from store.db import check_integrity
from store.models import Document, Event

PARAGRAPH = (
    "KABUL (May 3, 2019) - Forces raided a compound in Kandahar on 3 May 2019 and detained a "
    "Taliban commander. A Haqqani network leader was killed in Khost yesterday.\n\n"
)


def _files(tmp_path: Path) -> tuple[Path, Path]:
    short = tmp_path / "a-short.txt"
    short.write_text("Forces detained a commander in Kandahar on 3 May 2019.\n", encoding="utf-8")
    long = tmp_path / "b-long.txt"
    long.write_text(PARAGRAPH * 400, encoding="utf-8")
    return short, long


def test_the_stages_of_each_file_are_reported_in_order_and_the_bar_moves_within_it(store, tmp_path):
    short, long = _files(tmp_path)
    seen: list[tuple[str, str]] = []
    parts: list[float] = []

    def progress(done: float, total: int, path: str, stage: str) -> bool:
        seen.append((Path(path).name if path else "", stage))
        if path == str(long):
            parts.append(done)
        return True

    report = import_paths(store, [short, long], ImportOptions(), progress)
    assert [o.status for o in report.outcomes] == ["imported", "imported"]
    stages = [stage for name, stage in seen if name == long.name and stage]
    firsts = [s for i, s in enumerate(stages) if i == 0 or stages[i - 1] != s]
    assert firsts == ["reading", "dates", "names", "events", "saving"]
    assert seen[-1] == ("", "")  # the end
    assert parts == sorted(parts) and parts[0] >= 1 and parts[-1] < 2  # the second file's share
    assert len({round(p, 2) for p in parts}) >= 4  # it moved while the file was read


def test_cancel_stops_a_long_file_part_way_and_keeps_the_files_before_it(store, tmp_path):
    short, long = _files(tmp_path)

    def stop_at_events(done: float, total: int, path: str, stage: str) -> bool:
        return not (path == str(long) and stage == "events")  # Cancel, mid-way through it

    report = import_paths(store, [short, long], ImportOptions(), stop_at_events)
    assert report.cancelled
    assert [o.status for o in report.outcomes] == ["imported", "cancelled"]
    assert report.outcomes[1].line().startswith(f"CANCELLED {long}: ")
    assert "(cancelled)" in report.summary()
    with store.session() as s:
        titles = s.scalars(select(Document.path)).all()
        assert [Path(p).name for p in titles] == [short.name]
        assert s.scalar(select(func.count()).select_from(Event)) == 1
        assert check_integrity(s)

    again = import_paths(store, [short, long], ImportOptions())  # nothing half-done is in the way
    assert [o.status for o in again.outcomes] == ["unchanged", "imported"]


def test_the_progress_dialog_names_the_stage_and_its_cancel_stops_a_long_file(
    qtbot, window, tmp_path
):
    from PySide6.QtWidgets import QPushButton

    long = tmp_path / "long-report.txt"
    long.write_text(PARAGRAPH * 3000, encoding="utf-8")
    before = len(window.model.ids)
    job = window.transfers.run_import([str(long)])
    # generous waits: a loaded machine (CI) may take seconds to show the dialog
    qtbot.waitUntil(
        lambda: job.dialog.isVisible() and "(finding" in job.dialog.labelText(), timeout=30000
    )
    assert job.dialog.labelText().startswith("Importing long-report.txt (finding")
    qtbot.waitUntil(lambda: job.dialog.value() > 0, timeout=30000)  # one file; the bar moves
    with qtbot.waitSignal(window.transfers.importFinished, timeout=30000) as finished:
        job.dialog.findChild(QPushButton).click()  # Cancel
    report = finished.args[0]
    assert report.cancelled and [o.status for o in report.outcomes] == ["cancelled"]
    assert len(window.model.ids) == before
