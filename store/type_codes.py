"""What each event type is in the field's codebooks: ACLED's event and sub-event type and the
CAMEO root code, read from ``resources/taxonomy.toml`` (the importer reads its triggers from
the same file). The store needs them to export events in terms other tools read."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CODE_COLUMNS = ("acled_event_type", "acled_sub_event_type", "cameo_root")

# ACLED's sub-event types and the event type each belongs to (ACLED codebook, 2023).
ACLED_SUB_EVENTS = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}


@dataclass(frozen=True)
class TypeCodes:
    acled_event_type: str = ""
    acled_sub_event_type: str = ""
    cameo_root: str = ""

    def as_dict(self) -> dict[str, str]:
        return {c: getattr(self, c) for c in CODE_COLUMNS}


@lru_cache(maxsize=1)
def type_codes() -> dict[str, TypeCodes]:
    """Codes by event type id; a type the file does not know has none."""
    raw = tomllib.loads(resources.files("resources").joinpath("taxonomy.toml").read_text("utf-8"))
    return {
        item["id"]: TypeCodes(**{c: str(item.get(c, "")) for c in CODE_COLUMNS})
        for item in raw.get("type", [])
    }


@lru_cache(maxsize=1)
def families() -> dict[str, str]:
    """Each event type's family: types whose reports may tell one happening."""
    raw = tomllib.loads(resources.files("resources").joinpath("taxonomy.toml").read_text("utf-8"))
    return {item["id"]: str(item.get("family", item["id"])) for item in raw.get("type", [])}


def codes_of(type_id: str, sub_event: str = "") -> TypeCodes:
    """The codes of an event of ``type_id`` whose sentence told ACLED's ``sub_event`` ('' for
    the type's own)."""
    codes = type_codes().get(type_id, TypeCodes())
    if sub_event in ACLED_SUB_EVENTS:
        return TypeCodes(ACLED_SUB_EVENTS[sub_event], sub_event, codes.cameo_root)
    return codes
