"""What each event type is in the field's codebooks: ACLED's event and sub-event type and the
CAMEO root code, read from ``resources/taxonomy.toml`` (the importer reads its triggers from
the same file). The store needs them to export events in terms other tools read."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CODE_COLUMNS = ("acled_event_type", "acled_sub_event_type", "cameo_root")


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


def codes_of(type_id: str) -> TypeCodes:
    return type_codes().get(type_id, TypeCodes())


def codes_sql(column: str, code: str) -> str:
    """An SQL expression giving ``code`` of the type in ``column`` ('' for none)."""
    cases = " ".join(
        f"WHEN '{t}' THEN '{getattr(c, code)}'" for t, c in type_codes().items() if getattr(c, code)
    )
    return f"(CASE {column} {cases} ELSE '' END)" if cases else "''"
