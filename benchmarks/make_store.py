"""Build a synthetic but realistic store for the scale benchmarks, through the store layer.

    python benchmarks/make_store.py --events 1000000 --out /tmp/chronolens-1m.sqlite3

Thirty years of events with bursts (a few surges of fighting over a steady background), every
event type of the taxonomy, about 20,000 entities whose popularity follows Zipf's law, one
document per twenty events (50,000 for a million), each with passages of article length,
entity mentions and event–entity links at the ratios the importer produces on news text
(about 2.5 links and 3 mentions per event, one event in twenty undated), and incidents of 2
to 10 reports from different documents holding about a third of the events. The store is opened
with ``store.db.open_store`` and filled through the models' tables, so its schema, indexes,
FTS triggers and event index are the product's own. Prints what it built and how long it took.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from importers.taxonomy import load_taxonomy  # noqa: E402
from store.db import open_store  # noqa: E402
from store.event_index import EventIndex  # noqa: E402
from store.keys import name_key  # noqa: E402
from store.models import Alias, Document, Entity, Event, EventEntity, Mention, Passage  # noqa: E402

YEARS = 30
FIRST_DAY = dt.date(1996, 1, 1)
GIVEN = [
    "Ahmad",
    "Mohammad",
    "Abdul",
    "Hassan",
    "Omar",
    "Yusuf",
    "Khalid",
    "Ibrahim",
    "Ali",
    "Hamid",
    "Nasir",
    "Karim",
    "Rahim",
    "Aisha",
    "Fatima",
    "Maryam",
    "Samir",
    "Tariq",
    "Bilal",
    "Javed",
    "Imran",
    "Farid",
    "Zahir",
    "Rashid",
    "Salim",
    "Jamal",
    "Idris",
    "Musa",
    "Nabil",
]
FAMILY = [
    "Haqqani",
    "Rahman",
    "Khan",
    "Siddiqui",
    "Qureshi",
    "Barakzai",
    "Popalzai",
    "Durrani",
    "Yousafzai",
    "Mansour",
    "Zawahiri",
    "Baghdadi",
    "Shishani",
    "Somali",
    "Masri",
    "Libi",
    "Tunisi",
    "Kurdi",
    "Hashimi",
    "Jaber",
    "Saleh",
    "Nouri",
    "Farouk",
    "Shafiq",
    "Akhund",
    "Mullah",
    "Nazari",
    "Wardak",
    "Karzai",
    "Ghani",
]
ORG_HEADS = [
    "Front",
    "Brigade",
    "Movement",
    "Army",
    "Council",
    "Party",
    "Network",
    "Battalion",
    "Committee",
    "Alliance",
    "Group",
    "Forces",
]
ORG_WORDS = [
    "Islamic",
    "National",
    "Popular",
    "Revolutionary",
    "Liberation",
    "Unity",
    "Salvation",
    "Resistance",
    "Democratic",
    "Federal",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
]
PLACE_ROOTS = [
    "Kand",
    "Hel",
    "Jalal",
    "Ghaz",
    "Pakt",
    "Khost",
    "Raqq",
    "Mosul",
    "Idl",
    "Aleppo",
    "Tikr",
    "Fallu",
    "Ramad",
    "Mogad",
    "Kism",
    "Baid",
    "Gao",
    "Timb",
    "Mopt",
    "Sirt",
    "Derna",
    "Benghaz",
    "Marib",
    "Aden",
    "Taiz",
    "Saada",
    "Quetta",
    "Peshaw",
]
PLACE_ENDS = [
    "ahar",
    "abad",
    "ni",
    "ar",
    "ia",
    "ul",
    "ab",
    "it",
    "sh",
    "o",
    "u",
    "ia",
    "iya",
    "stan",
    "pur",
]
VERBS = {
    "airstrike": "carried out an airstrike on",
    "bombing": "detonated a car bomb near",
    "raid": "raided a compound held by",
    "kidnapping": "abducted two aid workers from",
    "arrest": "detained a senior leader of",
    "killing": "killed a commander of",
    "attack": "attacked a checkpoint manned by",
    "clash": "clashed with fighters of",
    "arson": "set fire to offices of",
    "agreement": "signed a ceasefire agreement with",
    "talks": "held talks with",
    "report_release": "published a report on",
    "statement": "issued a statement condemning",
    "shelling": "shelled positions held by",
    "shooting": "opened fire on members of",
    "court": "indicted two members of",
    "protest": "protested outside offices of",
    "riot": "rioted outside offices of",
    "territory": "seized control of a town held by",
    "group_change": "pledged allegiance to",
    "seizure": "seized a weapons cache belonging to",
    "other": "met representatives of",
}
FILLER = [
    "Officials said the situation remained tense and that further operations were planned.",
    "Local residents reported heavy damage to homes and a market in the district.",
    "The group has been active in the province for several years and claimed the operation.",
    "Security forces set up additional checkpoints on the main road after the incident.",
    "Analysts noted that the pattern of violence had shifted toward the provincial capital.",
    "A spokesman for the governor confirmed the number of casualties on Tuesday evening.",
    "Hospital staff said at least a dozen wounded civilians had been admitted overnight.",
    "The ministry of defence did not respond to requests for comment on the operation.",
    "Witnesses described a convoy of pickup trucks leaving the village before dawn.",
    "The United Nations mission called for restraint and for humanitarian access.",
    "Negotiators are expected to meet again after the holiday to discuss prisoner releases.",
    "Drone footage released by the militants could not be independently verified.",
    "Several schools in the area remained closed for a second week because of the fighting.",
    "Tribal elders mediated a local truce that collapsed within days.",
    "The monitoring team's report described recruitment of foreign fighters across the border.",
    "Police recovered weapons, explosives and mobile phones from the compound.",
    "Aid agencies warned that thousands of families had fled toward the camps in the south.",
    "The attack was the deadliest in the region since the withdrawal of coalition troops.",
    "Prosecutors charged the suspects with financing terrorism and illegal arms trading.",
    "Commanders said airstrikes had destroyed a bomb-making workshop and two vehicles.",
    "The ceasefire was repeatedly violated, according to observers from both sides.",
    "Roads between the two towns were mined, and a bridge was blown up during the retreat.",
    "A statement posted online threatened further attacks on government offices.",
    "Electricity and water supplies were cut after the power station was damaged.",
    "Journalists were barred from the area and telephone networks were shut down.",
]


def zipf_weights(n: int, s: float = 1.0) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


def event_days(rng: np.random.Generator, n: int) -> np.ndarray:
    """Days since FIRST_DAY: a steady background plus bursts of a few weeks to months."""
    span = YEARS * 365
    background = rng.integers(0, span, size=n // 2)
    centres = rng.integers(0, span, size=40)
    widths = rng.integers(10, 120, size=40)
    pick = rng.integers(0, 40, size=n - n // 2)
    bursts = (centres[pick] + rng.normal(0, 1, size=pick.size) * widths[pick]).astype(np.int64)
    return np.clip(np.concatenate([background, bursts]), 0, span - 1)


def entity_names(rng: np.random.Generator, count: int) -> list[tuple[str, str, list[str]]]:
    out: list[tuple[str, str, list[str]]] = []
    seen: set[tuple[str, str]] = set()
    while len(out) < count:
        roll = rng.random()
        if roll < 0.5:
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            name = f"{given} {rng.choice(GIVEN)} {family}" if rng.random() < 0.4 else ""
            name = name or f"{given} al-{family}"
            kind, aliases = "person", [family]
        elif roll < 0.75:
            words = rng.choice(ORG_WORDS, size=2, replace=False)
            name = f"{words[0]} {words[1]} {rng.choice(ORG_HEADS)} of {rng.choice(PLACE_ROOTS)}ia"
            kind = "organization"
            aliases = ["".join(w[0] for w in name.split() if w[0].isupper())]
        else:
            name = f"{rng.choice(PLACE_ROOTS)}{rng.choice(PLACE_ENDS)}"
            if rng.random() < 0.5:
                name += f" {rng.choice(['Province', 'District', 'City', 'Valley'])}"
            kind, aliases = "place", []
        if (kind, name_key(name)) in seen:
            continue
        seen.add((kind, name_key(name)))
        out.append((name, kind, aliases))
    return out


def granularity_of(rng: np.random.Generator, n: int) -> np.ndarray:
    kinds = np.array(["day", "month", "year", "week", "season", "decade", "none"])
    return rng.choice(kinds, size=n, p=[0.62, 0.15, 0.1, 0.03, 0.02, 0.01, 0.07])


def date_fields(day: dt.date, granularity: str) -> tuple[dt.date | None, dt.date | None, str]:
    if granularity == "day":
        return day, day + dt.timedelta(days=1), day.isoformat()
    if granularity == "week":
        monday = day - dt.timedelta(days=day.weekday())
        iso = monday.isocalendar()
        return monday, monday + dt.timedelta(days=7), f"{iso.year}-W{iso.week:02d}"
    if granularity == "month":
        start = day.replace(day=1)
        end = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, end, f"{start:%Y-%m}"
    if granularity == "season":
        quarter = (day.month - 1) // 3
        start = dt.date(day.year, quarter * 3 + 1, 1)
        end = dt.date(day.year + (quarter == 3), (quarter * 3 + 3) % 12 + 1, 1)
        return start, end, f"{day.year}-{['WI', 'SP', 'SU', 'FA'][quarter]}"
    if granularity == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year + 1, 1, 1), str(day.year)
    if granularity == "decade":
        first = day.year - day.year % 10
        return dt.date(first, 1, 1), dt.date(first + 10, 1, 1), str(first // 10)
    return None, None, ""


def build(out: Path, events: int, seed: int, report: bool = True) -> dict[str, object]:
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    if out.exists():
        out.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    store = open_store(out)
    types = list(load_taxonomy())
    type_p = zipf_weights(len(types), 0.6)
    n_docs = max(1, events // 20)
    n_entities = min(20_000, max(50, events // 50))
    names = entity_names(rng, n_entities)
    popularity = zipf_weights(n_entities, 1.0)

    ev_days = event_days(rng, events)
    doc_of_event = np.sort(rng.integers(0, n_docs, size=events))
    ev_days_by_doc = np.sort(ev_days)  # documents report events near their own dates
    ev_types = rng.choice(len(types), size=events, p=type_p)
    grains = granularity_of(rng, events)
    links_per_event = rng.poisson(1.5, size=events) + 1
    link_entities = rng.choice(n_entities, size=int(links_per_event.sum()), p=popularity)
    confidences = rng.choice([0.3, 0.5, 0.7, 0.9], size=events, p=[0.1, 0.3, 0.4, 0.2])
    passages_per_doc = 8
    now = dt.datetime(2026, 1, 1)
    counts = {"documents": 0, "passages": 0, "events": 0, "entities": 0, "mentions": 0}
    counts["links"] = 0

    with store.session() as s, s.begin():
        s.execute(
            insert(Entity),
            [
                {"id": i + 1, "name": n, "kind": k, "key": name_key(n), "origin": "machine"}
                for i, (n, k, _a) in enumerate(names)
            ],
        )
        s.execute(
            insert(Alias),
            [
                {"entity_id": i + 1, "name": a, "key": name_key(a)}
                for i, (n, _k, aliases) in enumerate(names)
                for a in (n, *aliases)
                if name_key(a)
            ],
        )
        counts["entities"] = n_entities

    first_event_of_doc = np.searchsorted(doc_of_event, np.arange(n_docs + 1))
    link_starts = np.concatenate([[0], np.cumsum(links_per_event)])
    batch_docs = 2000
    for lo in range(0, n_docs, batch_docs):
        hi = min(n_docs, lo + batch_docs)
        docs, passages, evs, links, mentions = [], [], [], [], []
        for d in range(lo, hi):
            e_lo, e_hi = int(first_event_of_doc[d]), int(first_event_of_doc[d + 1])
            base_day = FIRST_DAY + dt.timedelta(days=int(ev_days_by_doc[min(e_lo, events - 1)]))
            texts: list[str] = []
            offsets: list[tuple[int, int]] = []
            pos = 0
            doc_entities: list[int] = []
            for e in range(e_lo, e_hi):
                doc_entities.extend(link_entities[link_starts[e] : link_starts[e + 1]].tolist())
            for p in range(passages_per_doc):
                who = [names[i][0] for i in doc_entities[p::passages_per_doc][:3]] or ["Officials"]
                verb = VERBS[types[int(ev_types[min(e_lo + p, events - 1)])]]
                sentence = f"On {base_day:%B} {base_day.day}, {who[0]} {verb} {who[-1]}. "
                picks = rng.choice(len(FILLER), size=3 + p % 4, replace=False)
                body = sentence + " ".join(FILLER[i] for i in picks)
                texts.append(body)
                offsets.append((pos, pos + len(body)))
                pos += len(body) + 2
            text = "\n\n".join(texts)
            doc_id = d + 1
            docs.append(
                {
                    "id": doc_id,
                    "path": f"/corpus/{base_day:%Y/%m}/report-{doc_id:06d}.txt",
                    "url": None,
                    "title": f"Report {doc_id}: {text[: text.index('.')]}",
                    "format": "text",
                    "published": base_day,
                    "published_source": "header",
                    "reference_date": base_day,
                    "reference_source": "header",
                    "content_hash": hashlib.sha256(f"{seed}:{doc_id}".encode()).hexdigest(),
                    "text": text,
                    "word_count": len(text.split()),
                    "notes": "",
                    "imported_at": now,
                }
            )
            for p, (start, end) in enumerate(offsets):
                passages.append(
                    {
                        "id": d * passages_per_doc + p + 1,
                        "document_id": doc_id,
                        "ordinal": p,
                        "start": start,
                        "end": end,
                        "page": None,
                        "text": texts[p],
                    }
                )
            for e in range(e_lo, e_hi):
                p = (e - e_lo) % passages_per_doc
                start, end = offsets[p]
                day = FIRST_DAY + dt.timedelta(days=int(ev_days[e]))
                date_start, date_end, value = date_fields(day, str(grains[e]))
                type_id = types[int(ev_types[e])]
                entity_ids = sorted(set(link_entities[link_starts[e] : link_starts[e + 1]]))
                evs.append(
                    {
                        "id": e + 1,
                        "document_id": doc_id,
                        "passage_id": d * passages_per_doc + p + 1,
                        "type": type_id,
                        "date_start": date_start,
                        "date_end": date_end,
                        "date_value": value,
                        "granularity": str(grains[e]) if date_start else "none",
                        "date_text": value,
                        "date_inferred": bool(e % 9 == 0),
                        "date_source": "expression" if date_start else "none",
                        "date_relation": "occurred",
                        "date_span_start": start + 3,
                        "date_span_end": start + 10,
                        "summary": f"{names[entity_ids[0]][0]} {VERBS[type_id]} "
                        f"{names[entity_ids[-1]][0]}",
                        "confidence": float(confidences[e]),
                        "span_start": start,
                        "span_end": min(end, start + 200),
                        "trigger_start": None,
                        "trigger_end": None,
                        "trigger_text": "",
                        "origin": "analyst" if e % 97 == 0 else "machine",
                        "extractor_version": "synthetic",
                        "created_at": now,
                    }
                )
                for k, entity in enumerate(entity_ids):
                    role = ("actor", "target", "location")[min(k, 2)]
                    links.append({"event_id": e + 1, "entity_id": int(entity) + 1, "role": role})
                    name = names[entity][0]
                    for _ in range(1 + (k == 0)):
                        mentions.append(
                            {
                                "entity_id": int(entity) + 1,
                                "document_id": doc_id,
                                "passage_id": d * passages_per_doc + p + 1,
                                "start": start,
                                "end": start + len(name),
                                "text": name,
                                "origin": "machine",
                            }
                        )
        with store.session() as s, s.begin():
            s.execute(insert(Document), docs)
            s.execute(insert(Passage), passages)
            s.execute(insert(Event), evs)
            s.execute(insert(EventEntity), links)
            s.execute(insert(Mention), mentions)
        counts["documents"] += len(docs)
        counts["passages"] += len(passages)
        counts["events"] += len(evs)
        counts["links"] += len(links)
        counts["mentions"] += len(mentions)
        if report:
            print(f"  {counts['events']:,} events, {time.perf_counter() - t0:.0f} s", flush=True)
    counts["incidents"] = _incidents(store, rng)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    EventIndex.open(store)  # as an import does when it finishes
    store.close()
    seconds = time.perf_counter() - t0
    return {**counts, "seconds": round(seconds, 1), "bytes": out.stat().st_size}


def _incidents(store, rng: np.random.Generator) -> int:  # type: ignore[no-untyped-def]
    """Reports of one happening: runs of dated events of one type, days apart at most and
    from different documents, joined into incidents of 2 to 10 reports (about a third of the
    events), as matching would join them."""
    with store.session() as s, s.begin():
        conn = s.connection()
        rows = conn.exec_driver_sql(
            "SELECT id, type, date_start, date_end, date_value, granularity, document_id"
            " FROM events WHERE granularity IN ('time', 'day', 'week', 'month')"
            " ORDER BY type, date_start, id"
        ).all()
        sizes = rng.choice(np.arange(1, 11), size=len(rows), p=INCIDENT_SIZES)
        incidents: list[tuple[object, ...]] = []
        members: list[tuple[int, int]] = []
        i = 0
        while i < len(rows):
            first = rows[i]
            group = [first]
            docs = {first[6]}
            j = i + 1
            while j < len(rows) and len(group) < sizes[i]:
                row = rows[j]
                if row[1] != first[1] or row[2] > _days_after(first[2], 3) or row[6] in docs:
                    break
                group.append(row)
                docs.add(row[6])
                j += 1
            if len(group) > 1:
                incident_id = len(incidents) + 1
                incidents.append(
                    (
                        incident_id,
                        first[1],
                        first[2],
                        first[3],
                        first[4],
                        first[5],
                        0,
                        len(group),
                        len(docs),
                        len(docs),
                        "",
                        "machine",
                    )
                )
                members.extend((incident_id, row[0]) for row in group)
            i = j
        if not incidents:  # a store too small for any
            return 0
        conn.exec_driver_sql(
            "INSERT INTO incidents (id, type, date_start, date_end, date_value, granularity,"
            " disputed, events, documents, sources, disagreements, origin)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            incidents,
        )
        conn.exec_driver_sql("UPDATE events SET incident_id = ? WHERE id = ?", members)
    return len(incidents)


# how many reports an event's happening has: most are told once
INCIDENT_SIZES = [0.70, 0.12, 0.06, 0.04, 0.03, 0.02, 0.01, 0.01, 0.005, 0.005]


def _days_after(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    result = build(args.out, args.events, args.seed)
    for key, value in result.items():
        print(f"{key:>10}: {value:,}" if isinstance(value, int) else f"{key:>10}: {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
