"""Entity rules on names no gazetteer knows: they must be general English, not lookups."""

from __future__ import annotations

from importers.entities import extract_mentions


def _groups(text: str) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = {}
    for m in extract_mentions(text):
        out.setdefault((m.entity.name, m.entity.kind), set()).add(m.text)
    return out


def test_a_surname_after_a_full_name_is_the_same_person():
    groups = _groups(
        "Defense official John Marlowe said the strike was lawful. Marlowe added that "
        "Colonel Petra Vasquez approved it, and Vasquez declined to comment."
    )
    assert groups[("John Marlowe", "person")] == {"John Marlowe", "Marlowe"}
    assert groups[("Petra Vasquez", "person")] == {"Petra Vasquez", "Vasquez"}


def test_an_acronym_defined_in_parentheses_joins_its_long_name():
    groups = _groups(
        "The Northern Valley Liberation Front (NVLF) attacked a post. Later the NVLF denied it."
    )
    assert groups[("Northern Valley Liberation Front", "organization")] == {
        "Northern Valley Liberation Front",
        "NVLF",
    }


def test_a_nickname_in_parentheses_is_an_alias():
    groups = _groups("Abdulrahim (Rahim) Karzaev leads the cell. Rahim Karzaev was seen in May.")
    assert "Rahim Karzaev" in groups[("Abdulrahim Karzaev", "person")]
    assert not any(name == "Rahim Karzaev" for name, _kind in groups)


def test_place_heads_and_organization_heads():
    groups = _groups(
        "Fighters entered the Shorabak district before the Kelvar Regional Council met."
    )
    assert ("Shorabak", "place") in groups
    assert ("Kelvar Regional Council", "organization") in groups


def test_gazetteer_names_fold_diacritics_and_respect_acronym_case():
    groups = _groups("Raids in Khōst and Paktiyā. The US said us.")
    assert ("Khost", "place") in groups and ("Paktiya", "place") in groups
    assert groups[("United States", "place")] == {"US"}
