"""Which legacy code pages a text file is read back in as written, on short samples of our own.

    python benchmarks/code_pages.py

Each sample (a sentence or two of conflict reporting in one language) is encoded in a code
page an old editor would have used and decoded by ``importers.readers.text.decode``, as an
imported ``.txt`` file is. Prints each sample as read, and how many came back unchanged.
Short texts are the hard case: the fewer the words, the less the bytes tell code pages apart.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SAMPLES = [
    (
        "Polish",
        "cp1250",
        "Żołnierze zatrzymali dowódcę w Kandaharze 3 maja 2019 r. "
        "Świadkowie mówią, że dom przeszukano. Według rzecznika operacja trwała dwie godziny.",
    ),
    ("Polish, one sentence", "cp1250", "Żołnierze zatrzymali dowódcę w Kandaharze 3 maja 2019 r."),
    (
        "Czech",
        "cp1250",
        "Vojáci zadrželi velitele v Kandaháru 3. května 2019. Svědci říkají, že dům byl prohledán.",
    ),
    (
        "French",
        "cp1252",
        "Les forces afghanes ont arrêté un commandant à Kandahar le 3 mai "
        "2019. Selon les témoins, l’opération a duré deux heures.",
    ),
    ("French, one sentence", "cp1252", "Le raid à Kaboul le 3 mai 2019 a tué un émir."),
    (
        "German",
        "cp1252",
        "Die Streitkräfte nahmen am 3. Mai 2019 einen Kommandeur in Kandahar "
        "fest. Zeugen zufolge dauerte die Durchsuchung zwei Stunden.",
    ),
    (
        "Spanish",
        "latin-1",
        "Las fuerzas detuvieron a un comandante en Kandahar el 3 de mayo de "
        "2019. Según testigos, la operación duró dos horas.",
    ),
    (
        "English, typographic",
        "cp1252",
        "The commander said “we will fight” – and the raid’s outcome was clear… 3 May 2019.",
    ),
    (
        "Russian",
        "cp1251",
        "Силы задержали командира в Кандагаре 3 мая 2019 года. По словам "
        "свидетелей, операция длилась два часа.",
    ),
    (
        "Turkish",
        "cp1254",
        "Güvenlik güçleri 3 Mayıs 2019 tarihinde Kandahar'da bir komutanı "
        "gözaltına aldı. Tanıklara göre operasyon iki saat sürdü.",
    ),
    ("Greek", "cp1253", "Οι δυνάμεις συνέλαβαν έναν διοικητή στην Κανταχάρ στις 3 Μαΐου 2019."),
    ("Arabic", "cp1256", "اعتقلت القوات قائدا في قندهار يوم 3 مايو 2019."),
    (
        "French, Mac",
        "mac_roman",
        "Les forces ont arrêté un commandant à Kandahar le 3 mai 2019, selon les témoins.",
    ),
]


def main() -> int:
    from importers.readers.text import decode

    right = 0
    for language, code_page, words in SAMPLES:
        text, warning = decode(words.encode(code_page))
        ok = text == words
        right += ok
        print(
            f"{'as written' if ok else 'WRONG     '}  {language:<22} {code_page:<9} "
            f"{warning or ''}: {text[:48]}"
        )
    print(f"{right} of {len(SAMPLES)} samples read as written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
