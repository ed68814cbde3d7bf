"""Chronolens entry point: no sub-command opens the desktop app; sub-commands serve scripting.

python main.py [--db DB] [--screenshot OUT.png [--size WxH]]
python main.py import  [--db DB] [--published YYYY-MM-DD] PATH...
python main.py events  [--db DB] [--type T]... [--entity NAME]... [--from D] [--to D]
                       [--search TEXT] [--format csv|jsonl] [-o FILE]
python main.py entities [--db DB] [--format csv|jsonl] [-o FILE]
python main.py edit    [--db DB] [--type T] [--date VALUE] [--summary TEXT] EVENT_ID...
python main.py reject  [--db DB] EVENT_ID...
python main.py add     [--db DB] --type T [--date VALUE] [--summary TEXT] DOCUMENT WORDS
python main.py relink  [--db DB] [--kind K] EVENT_ID [NAME[:ROLE]]...
python main.py rename  [--db DB] [--kind K] ENTITY_ID NAME
python main.py merge   [--db DB] KEEP_ID OTHER_ID...
python main.py timex   [--ref YYYY-MM-DD] [--raw] FILE
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def _add_db(p: argparse.ArgumentParser, *, sub: bool = False) -> None:
    # A sub-command's own --db must not reset one given before it ("--db X import ..."):
    # argparse would otherwise write its default over the value already parsed.
    p.add_argument(
        "--db",
        default=argparse.SUPPRESS if sub else None,
        help="store file (default: $CHRONOLENS_DB or the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chronolens", description=__doc__.split("\n")[0])
    _add_db(parser)
    parser.add_argument("--screenshot", metavar="OUT.png", help="render the window and exit")
    parser.add_argument("--size", default="1400x900", help="window size for --screenshot")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("import", help="import files or folders")
    _add_db(p, sub=True)
    p.add_argument(
        "--published",
        type=_date,
        help="the day the documents were written, against which their 'Sunday' and 'last week' "
        "are read; a document already imported is read again against it (your edits stay)",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")

    p = sub.add_parser(
        "events",
        help="list events",
        epilog="event types (an id, or its label in any case): " + _type_list(),
    )
    _add_db(p, sub=True)
    p.add_argument(
        "--type",
        action="append",
        default=[],
        dest="types",
        metavar="T",
        help="only events of this type (repeatable); see the list below",
    )
    p.add_argument("--entity", action="append", default=[], dest="entities", metavar="NAME")
    p.add_argument("--all-entities", action="store_true", help="match all --entity, not any")
    p.add_argument(
        "--from", dest="date_from", metavar="DATE", help="2019, 2019-09, March 2019, 2019-Q3…"
    )
    p.add_argument("--to", dest="date_to", metavar="DATE", help="as --from, inclusive")
    p.add_argument("--search", default="", metavar="TEXT", help="full-text search in passages")
    p.add_argument(
        "--min-sources",
        type=int,
        default=1,
        metavar="N",
        help="only events whose incident at least N sources report",
    )
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    p.add_argument("-o", "--output", metavar="FILE")

    p = sub.add_parser("entities", help="list entities")
    _add_db(p, sub=True)
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    p.add_argument("-o", "--output", metavar="FILE")

    p = sub.add_parser("incidents", help="list incidents: events of several reports joined")
    _add_db(p, sub=True)
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    p.add_argument("-o", "--output", metavar="FILE")

    p = sub.add_parser(
        "rematch", help="make the machine's incidents again (the analyst's are kept)"
    )
    _add_db(p, sub=True)

    p = sub.add_parser("split-event", help="take a report out of its incident, to stand alone")
    _add_db(p, sub=True)
    p.add_argument("event", type=int, metavar="EVENT_ID")

    p = sub.add_parser("merge-incidents", help="put reports (and their incidents) into one")
    _add_db(p, sub=True)
    p.add_argument("events", type=int, nargs="+", metavar="EVENT_ID")

    p = sub.add_parser("not-same", help="two reports are not of one happening, ever")
    _add_db(p, sub=True)
    p.add_argument("events", type=int, nargs=2, metavar="EVENT_ID")

    p = sub.add_parser("edit", help="set the type, date or summary of events (ids from `events`)")
    _add_db(p, sub=True)
    p.add_argument("--type", metavar="T", help="an event type of the taxonomy")
    p.add_argument(
        "--date",
        metavar="VALUE",
        help="YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Q1, YYYY-SU, YYY; '' undates",
    )
    p.add_argument("--summary", metavar="TEXT")
    p.add_argument("ids", nargs="+", type=int, metavar="EVENT_ID")

    p = sub.add_parser("reject", help="remove events; re-importing will not bring them back")
    _add_db(p, sub=True)
    p.add_argument("ids", nargs="+", type=int, metavar="EVENT_ID")

    p = sub.add_parser("add", help="mark words of a document as an event the machine missed")
    _add_db(p, sub=True)
    p.add_argument("--type", required=True, metavar="T", help="an event type of the taxonomy")
    p.add_argument("--date", default="", metavar="VALUE", help="as for edit; none: undated")
    p.add_argument("--summary", default="", metavar="TEXT", help="default: the words")
    p.add_argument("document", metavar="DOCUMENT", help="its id or the path it was imported from")
    p.add_argument("words", metavar="WORDS", help="the words, as the document has them")

    p = sub.add_parser("relink", help="give an event exactly these entities, each in a role")
    _add_db(p, sub=True)
    p.add_argument(
        "--kind",
        choices=("organization", "person", "place", "other"),
        default="other",
        help="the kind of a name the store does not know yet",
    )
    p.add_argument("id", type=int, metavar="EVENT_ID")
    p.add_argument(
        "links",
        nargs="*",
        metavar="NAME[:ROLE]",
        help="role actor, target, location or other (the default); none removes them all",
    )

    p = sub.add_parser("rename", help="rename an entity or correct its kind (ids from `entities`)")
    _add_db(p, sub=True)
    p.add_argument("--kind", choices=("organization", "person", "place", "other"))
    p.add_argument("id", type=int, metavar="ENTITY_ID")
    p.add_argument("name")

    p = sub.add_parser("merge", help="merge entities into the first: names become its aliases")
    _add_db(p, sub=True)
    p.add_argument("keep", type=int, metavar="KEEP_ID")
    p.add_argument("others", nargs="+", type=int, metavar="OTHER_ID")

    p = sub.add_parser(
        "timex", help="temporal expressions of a file as import reads it, as JSON lines"
    )
    p.add_argument("--ref", type=_date, help="reference date for relative expressions")
    p.add_argument(
        "--raw", action="store_true", help="tag the file's bytes as plain text, not its reader's"
    )
    p.add_argument("file")
    return parser


def _type_list() -> str:
    from importers.taxonomy import load_taxonomy

    return ", ".join(f"{t.id} ({t.label})" for t in load_taxonomy().values())


def _event_types(given: Sequence[str]) -> frozenset[str] | None:
    """Type ids from what was typed: an id or a label as the app shows it, in any case.
    Raises ValueError naming the valid ids."""
    if not given:
        return None
    from importers.taxonomy import load_taxonomy

    known = load_taxonomy()
    by_word = {t.id.casefold(): t.id for t in known.values()}
    by_word.update({t.label.casefold(): t.id for t in known.values()})
    chosen = set()
    for word in given:
        found = by_word.get(" ".join(word.split()).casefold())
        if found is None:
            raise ValueError(f"unknown event type {word!r}; the types are: {', '.join(known)}")
        chosen.add(found)
    return frozenset(chosen)


_OPENED: list[Any] = []  # the stores this command opened, closed when it ends


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The command's store, closed when the command ends: the last connection's close folds
    the write-ahead log into the file, so a store left behind is one file."""
    from store.db import open_store, pending_upgrade
    from store.models import SCHEMA_VERSION

    old = pending_upgrade(args.db)
    if old is not None:
        print(
            f"chronolens: upgrading the store from version {old} to {SCHEMA_VERSION} "
            "(once; the search index is made again)…",
            file=sys.stderr,
            flush=True,
        )
    store = open_store(args.db)
    _OPENED.append(store)
    from importers.repair import catch_up, pending

    if pending(store):  # what a store made by an older version takes once
        print(
            "chronolens: bringing the store up to date (once; a few minutes for tens of "
            "thousands of documents)…",
            file=sys.stderr,
            flush=True,
        )
        catch_up(store)
    return store


def _output(args: argparse.Namespace) -> IO[str]:
    if args.output:
        return open(args.output, "w", encoding="utf-8", newline="")
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(newline="", encoding="utf-8")
    return sys.stdout


def _binary(out: IO[str]) -> IO[bytes]:
    """The byte stream under a text stream, flushed first (the event CSV is written as bytes)."""
    out.flush()
    return out.buffer  # type: ignore[attr-defined]


def _write(
    args: argparse.Namespace, rows: Iterable[Any], csv_writer: Any, jsonl_writer: Any
) -> None:
    """Rows to ``-o FILE`` (CSV with a BOM for spreadsheets) or to standard output."""
    out = _output(args)
    try:
        if args.format == "jsonl":
            jsonl_writer(rows, out)
        else:
            csv_writer(rows, out, bom=bool(args.output))
    finally:
        if out is not sys.stdout:
            out.close()


def cmd_import(args: argparse.Namespace) -> int:
    from importers.pipeline import ImportOptions, import_paths

    store = _open(args)

    report = import_paths(
        store,
        args.paths,
        ImportOptions(published=args.published),
        on_outcome=lambda outcome: print(outcome.line(), flush=True),  # a kill leaves a record
    )
    print(report.summary())
    ok = sum(report.count(s) for s in ("imported", "replaced", "unchanged"))
    return 0 if ok else 1


def cmd_events(args: argparse.Namespace) -> int:
    from importers.date_input import read_period
    from store.export import write_events_csv, write_events_jsonl
    from store.query import EventQuery
    from store.read import iter_event_rows

    try:
        query = EventQuery(
            types=_event_types(args.types),
            entity_names=tuple(args.entities),
            match_all_entities=args.all_entities,
            date_from=read_period(args.date_from).start if args.date_from else None,
            date_to=read_period(args.date_to).end if args.date_to else None,
            include_undated=not (args.date_from or args.date_to),
            text=args.search,
            min_sources=args.min_sources,
        )
    except ValueError as exc:
        return _fail(str(exc), 2)
    with _open(args).session() as session:
        _write(
            args,
            iter_event_rows(session, query),
            lambda _rows, out, bom: write_events_csv(session, _binary(out), query=query, bom=bom),
            write_events_jsonl,
        )
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    from store.export import write_entities_csv, write_entities_jsonl
    from store.read import entity_rows

    with _open(args).session() as session:
        _write(args, entity_rows(session), write_entities_csv, write_entities_jsonl)
    return 0


def cmd_incidents(args: argparse.Namespace) -> int:
    from store.export import write_incidents_csv, write_incidents_jsonl
    from store.incident_listing import incident_records

    with _open(args).session() as session:
        _write(args, incident_records(session), write_incidents_csv, write_incidents_jsonl)
    return 0


def _fail(message: str, code: int = 1) -> int:
    print(f"chronolens: {message}", file=sys.stderr)
    return code


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def cmd_edit(args: argparse.Namespace) -> int:
    from importers.taxonomy import load_taxonomy
    from store.curation import CurationError, edit_events

    if args.type is None and args.date is None and args.summary is None:
        return _fail("nothing to change: give --type, --date or --summary", 2)
    if args.type is not None and args.type not in load_taxonomy():
        known = ", ".join(sorted(load_taxonomy()))
        return _fail(f"unknown event type {args.type!r} (one of: {known})", 2)
    store = _open(args)
    try:
        with store.session() as s, s.begin():
            before = edit_events(
                s, args.ids, type=args.type, summary=args.summary, date_value=args.date
            )
    except CurationError as exc:
        return _fail(str(exc), 2)
    found = set(before.ids)
    missing = [i for i in dict.fromkeys(args.ids) if i not in found]
    print(f"edited {_plural(len(found), 'event')}")
    if missing:
        return _fail(f"no event {', '.join(map(str, missing))}")
    return 0


def cmd_reject(args: argparse.Namespace) -> int:
    from store.rejection import reject_events

    store = _open(args)
    with store.session() as s, s.begin():
        rejected = reject_events(s, args.ids)
    print(f"rejected {_plural(len(rejected), 'event')}")
    if len(rejected) < len(set(args.ids)):
        return _fail(f"{_plural(len(set(args.ids)) - len(rejected), 'event')} not found")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from importers.taxonomy import load_taxonomy
    from store.additions import add_event, locate
    from store.curation import CurationError

    if args.type not in load_taxonomy():
        known = ", ".join(sorted(load_taxonomy()))
        return _fail(f"unknown event type {args.type!r} (one of: {known})", 2)
    store = _open(args)
    try:
        with store.session() as s, s.begin():
            marked = locate(s, args.document, args.words)
            new = replace(marked, type=args.type, date_value=args.date, summary=args.summary)
            event_id = add_event(s, new)
    except CurationError as exc:
        return _fail(str(exc), 2)
    print(f"added event {event_id}")
    return 0


def cmd_relink(args: argparse.Namespace) -> int:
    from store.curation import CurationError
    from store.links import ROLES, LinkSpec, set_links

    specs = []
    for given in args.links:
        name, _, role = given.rpartition(":")
        if not name or role not in ROLES:  # no role given, or a colon inside the name
            name, role = given, "other"
        specs.append(LinkSpec(name, role, args.kind))
    store = _open(args)
    try:
        with store.session() as s, s.begin():
            relinked = set_links(s, args.id, specs)
    except CurationError as exc:
        return _fail(str(exc), 2)
    made = f" ({_plural(len(relinked.created), 'new entity')})" if relinked.created else ""
    print(f"event {args.id} has {_plural(len(specs), 'entity link')}{made}")
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    from store.curation import CurationError, rename_entity
    from store.models import Entity

    store = _open(args)
    try:
        with store.session() as s, s.begin():
            entity = s.get(Entity, args.id)
            if entity is None:
                return _fail(f"no entity {args.id}")
            rename_entity(s, args.id, args.name, args.kind or entity.kind)
    except CurationError as exc:
        return _fail(str(exc))
    print(f"renamed entity {args.id} to {args.name.strip()!r}")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from store.curation import CurationError, merge_entities

    store = _open(args)
    try:
        with store.session() as s, s.begin():
            merge = merge_entities(s, args.keep, args.others)
    except CurationError as exc:
        return _fail(str(exc))
    names = ", ".join(repr(f.name) for f in merge.folded) or "nothing"
    print(f"merged {names} into {merge.keep_name!r}")
    return 0 if merge.folded else 1


def cmd_rematch(args: argparse.Namespace) -> int:
    """Incidents made again over the whole store, with progress on standard error."""
    import time

    from importers.gazetteer import coarse_places
    from store.incidents import rematch

    last = [0.0]

    def progress(done: int, total: int) -> bool:
        now = time.monotonic()
        if now - last[0] > 1 or done == total:
            last[0] = now
            print(f"\rmatching documents: {done:,} of {total:,}", end="", file=sys.stderr)
        return True

    store = _open(args)
    with store.session() as s, s.begin():
        made = rematch(s, coarse_places(), progress)
    print(file=sys.stderr)
    print(f"{made:,} incidents of several reports")
    return 0


def cmd_incident_decision(args: argparse.Namespace) -> int:
    """split-event, merge-incidents and not-same: the analyst's word on incidents."""
    from store.curation import CurationError
    from store.incident_decisions import mark_apart, merge_reports, split_event

    store = _open(args)
    try:
        with store.session() as s, s.begin():
            if args.command == "split-event":
                left = split_event(s, args.event)
                said = f"event {args.event} stands alone" + (
                    f" (it left incident {left})" if left is not None else ""
                )
            elif args.command == "merge-incidents":
                said = f"incident {merge_reports(s, args.events)} holds events " + ", ".join(
                    map(str, args.events)
                )
            else:
                mark_apart(s, *args.events)
                said = f"events {args.events[0]} and {args.events[1]} are not the same"
    except CurationError as exc:
        return _fail(str(exc))
    print(said)
    return 0


def cmd_timex(args: argparse.Namespace) -> int:
    """The dates of a file: through the reader import uses (a web page's article, a PDF's
    text), so the offsets are those of the text import stores; ``--raw`` reads the bytes as
    plain text, as the TempEval scorer's files are."""
    from importers.pipeline import read_file
    from importers.readers.base import ReadError
    from importers.readers.text import decode
    from importers.timex import Reference, tag

    ref = Reference(args.ref) if args.ref else None
    if args.raw:
        try:
            data = Path(args.file).read_bytes()
        except OSError as exc:
            return _fail(f"cannot read {args.file}: {exc.strerror}")
        text, warning = decode(data)
        texts = [text]
        warnings = [warning] if warning else []
    else:
        try:
            results = read_file(Path(args.file))
        except ReadError as exc:
            return _fail(f"{args.file}: {exc}")
        texts = [r.text for r in results]
        warnings = [w for r in results for w in r.warnings]
    for warning in warnings:
        print(f"chronolens: {args.file}: {warning}", file=sys.stderr)
    for text in texts:
        for t in tag(text, ref):
            print(json.dumps(t.as_dict(), ensure_ascii=False))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    commands = {
        "import": cmd_import,
        "events": cmd_events,
        "entities": cmd_entities,
        "incidents": cmd_incidents,
        "rematch": cmd_rematch,
        "split-event": cmd_incident_decision,
        "merge-incidents": cmd_incident_decision,
        "not-same": cmd_incident_decision,
        "edit": cmd_edit,
        "reject": cmd_reject,
        "add": cmd_add,
        "relink": cmd_relink,
        "rename": cmd_rename,
        "merge": cmd_merge,
        "timex": cmd_timex,
    }
    if args.command in commands:
        from store.errors import log_exception, one_line

        try:
            return commands[args.command](args)
        except BrokenPipeError:
            return 0
        except KeyboardInterrupt:
            return _fail("interrupted", 130)
        except Exception as exc:  # every failure is one line; the traceback goes to the log
            from store.db import StoreError

            logged = None if isinstance(exc, StoreError) else log_exception(exc, args.command)
            where = f" (details in {logged})" if logged else ""
            return _fail(f"{one_line(exc)}{where}")
        finally:
            while _OPENED:
                _OPENED.pop().close()
    from ui.app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
