"""The words names are read by: titles before names, heads of organisations and places,
connectors and stop words, common nouns that are no names alone."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CONNECTORS = {
    "of",
    "the",
    "for",
    "and",
    "al",
    "bin",
    "ibn",
    "el",
    "de",
    "da",
    "van",
    "von",
    "ul",
    "ud",
    "la",
}
STOP = _words(
    """
    a an the according as in on at but and also this that these those however thus still instead
    therefore nevertheless again other various of for if when while after before since during
    under over it its he she they we i you his her their our my your there here then some many
    most all both each every no not yes so such what which who whom whose where why how nor or
    to from by with without about against between into through despite although though because
    unless until once meanwhile moreover furthermore indeed later earlier today yesterday
    tomorrow last next first second third new former mr mrs ms dr tags read more related see
    click share comments posted updated news breaking one two three several monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july august
    september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    amid among whether nothing everything something anything nobody everyone someone
    """
)
TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "secretary",
    "minister",
    "general",
    "gen",
    "lt",
    "col",
    "colonel",
    "sgt",
    "sergeant",
    "capt",
    "captain",
    "maj",
    "major",
    "admiral",
    "adm",
    "commander",
    "cmdr",
    "sheikh",
    "shaykh",
    "mullah",
    "maulana",
    "mawlawi",
    "maulvi",
    "mufti",
    "imam",
    "emir",
    "amir",
    "senator",
    "sen",
    "rep",
    "representative",
    "governor",
    "gov",
    "ambassador",
    "king",
    "queen",
    "prince",
    "princess",
    "judge",
    "justice",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chief",
    "director",
    "chairman",
    "chairwoman",
    "ceo",
    "pope",
    "rev",
    "lord",
    "sir",
    "professor",
    "prof",
    "leader",
    "deputy",
    "envoy",
    "founder",
    "qari",
    "hafiz",
    "mawlana",
    "analyst",
    "officer",
    "official",
    "pilot",
    "soldier",
    "militant",
    "chancellor",
    "premier",
    "diplomat",
    "lawyer",
    "attorney",
    "correspondent",
    "editor",
    "fellow",
    "columnist",
    "author",
    "reporter",
    "writer",
    "assemblyman",
    "vice",
    "acting",
    "executive",
    "cfo",
    "coo",
    # police and courts
    "detective",
    "det",
    "trooper",
    "sheriff",
    "lieutenant",
    "patrolman",
    "constable",
    "inspector",
    "superintendent",
    "coroner",
    "prosecutor",
    "pastor",
    "bishop",
    "mayor",
    "councilman",
    "councilwoman",
}
MULTI_TITLES = ("secretary of state", "prime minister", "secretary of defense", "defense secretary")
ORG_HEADS = _words(
    """
    group network movement party army front council ministry department team committee
    organization organisation brigade brigades battalion force forces command agency office
    union commission corporation corp inc company co ltd llc plc gmbh foundation institute
    university bank
    court assembly parliament government alliance coalition journal news times post service
    services police guard militia association center centre airlines airways motors board bureau
    administration federation league society church school college academy fund trust program
    programme mission authority senate congress cabinet tribunal caliphate brotherhood jihad
    mujahideen council regiment division corps fleet ministry reserve press hospital clinic
    """
)
PLACE_HEADS = _words(
    """
    district province village city town valley region county governorate mountains mountain
    river border camp base airport square street area island islands desert peninsula sea gulf
    lake strait parish municipality oblast prefecture avenue boulevard road neighborhood
    neighbourhood township borough ave blvd rd drive parkway highway freeway expressway plaza
    heights side
    """
)
STREET_HEADS = frozenset(
    {"street", "avenue", "road", "boulevard", "drive", "lane", "ave", "st", "rd", "blvd"}
)
# Adjectives of a part of a place, which alone name nothing.
REGION_ADJECTIVES = frozenset(
    {
        "eastern",
        "western",
        "northern",
        "southern",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
    }
)
PLACE_CUES = {"in", "near", "at", "outside", "across", "from", "into", "to", "toward", "towards"}
# English words of three letters that are also acronyms of names: in all-capitals text they
# are words (shorter ones always are there).
ENGLISH_CAPS = frozenset(
    {
        "aid",
        "art",
        "can",
        "car",
        "cut",
        "due",
        "end",
        "far",
        "few",
        "fit",
        "gas",
        "god",
        "job",
        "law",
        "lot",
        "man",
        "may",
        "men",
        "new",
        "now",
        "old",
        "one",
        "own",
        "pay",
        "per",
        "put",
        "red",
        "run",
        "sea",
        "see",
        "set",
        "sun",
        "tax",
        "two",
        "war",
        "was",
        "way",
        "who",
        "win",
        "won",
    }
)
# Capitalised in titles and headings, rarely a name on their own.
COMMON_NOUNS = _words(
    """
    chapter commission assembly university government house project terminal province company
    city highway soldiers commandos coalition republic release report section article page
    president minister state states national international federal central general member
    avenue ave street st road rd drive dr boulevard blvd lane ln highway hwy park hospital
    jail court channel ward sheriff children year weather sports video image caption photo
    javascript east west south north southeast southwest northeast northwest authorities
    police officials people christmas eve thanksgiving easter halloween day night morning
    officer officers investigator investigators staff witness witnesses victim victims suspect
    suspects firearm firearms degree club route copyright rights reserved photo photos buy
    close back caption image images traffic possession battery media everybody everyone
    nobody somebody corner minor bike bikes coroner video line support safety conference
    unit gang emergency happy public basic life charge charges murder robbery burglary
    assault homicide manslaughter metro transit campus
    """
)


def generic(word: str) -> bool:
    singular = word[:-1] if word.endswith("s") else word
    return any(w in COMMON_NOUNS or w in ORG_HEADS or w in PLACE_HEADS for w in (word, singular))


COMMON_ACRONYMS = _words(
    """
    ceo cfo coo cto vp tv am pm utc gmt est pst ok id pdf gdp dna hiv aids suv vip faq
    ied ieds ak usd eur gbp ph phd mp mps pr it uk us hq rpg rpgs ap afp mph km kg lb lbs
    cd dvd pc os sdk led usb gps sms mb gb kb
    """
)
