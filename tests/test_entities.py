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


def test_a_name_explained_later_is_found_where_it_opens_a_sentence_too():
    text = (
        "Zentrix said on Monday that it would cut jobs. Analysts expect shares of Zentrix to fall."
    )
    found = [(m.text, m.entity.kind) for m in extract_mentions(text)]
    assert found.count(("Zentrix", "organization")) == 2


def test_an_unexplained_name_mid_sentence_is_kept_as_other_but_not_title_words():
    text = (
        "Forces Search Compounds in Remote Valleys\n\n"
        "Yesterday the patrol reached Qarabel after a long march. Yesterday was quiet.\n"
    )
    groups = _groups(text)
    assert groups[("Qarabel", "other")] == {"Qarabel"}
    named = {name for name, _kind in groups}
    assert not named & {"Forces", "Search", "Compounds", "Remote Valleys", "Yesterday"}


def test_a_title_between_two_names_splits_the_company_from_its_chief():
    groups = _groups("The launch was led by Zentrix CEO Maren Tollak in March.")
    assert ("Maren Tollak", "person") in groups
    assert ("Zentrix", "other") in groups or ("Zentrix", "organization") in groups


def test_a_demonym_a_city_and_an_airline_named_after_a_country():
    groups = _groups(
        "Canadian officials met in Detroit. American Airlines cancelled flights, and "
        "Senator Jack Austin arrived in Austin later."
    )
    assert groups[("Canada", "place")] == {"Canadian"}
    assert ("Detroit", "place") in groups
    assert ("American Airlines", "organization") in groups
    assert ("United States", "place") not in groups
    assert ("Jack Austin", "person") in groups
    assert groups[("Austin", "place")] == {"Austin"}


def test_a_name_that_only_ever_opens_sentences_is_found_as_their_subject():
    text = (
        "Zentrix unveils a long-range jet\n"
        "Zentrix has unveiled a new jet. Zentrix's rivals were caught out. "
        "Officials said orders would follow. Security was tight; security staff said so. "
        "Revolutionary designs are rare.\n"
    )
    named = {name for name, _kind in _groups(text)}
    assert "Zentrix" in named
    assert not named & {"Officials", "Security", "Revolutionary"}


def test_a_kind_guessed_from_a_preposition_gives_way_to_a_clear_cue_later():
    # "at Zentrix" only hints at a place; "Zentrix's shares" shows a company, for every mention.
    text = "Workers walked out at Zentrix on Monday. By Friday, Zentrix's shares had fallen."
    assert _groups(text) == {("Zentrix", "organization"): {"Zentrix"}}


def test_a_name_in_apposition_to_a_company_word_is_an_organization():
    groups = _groups("Talks stalled at Veltrax, another Detroit car maker, on Monday.")
    assert ("Veltrax", "organization") in groups


def test_a_place_name_with_an_apostrophe_or_an_ezafe_is_one_name():
    groups = _groups(
        "Forces detained two men in the Musa Qal’ah district and in the Panjwa'i district. "
        "Others were seen in the Nahr-e Saraj district and the Nawah-ye Barakzai district."
    )
    for name in ("Musa Qal’ah", "Panjwa'i", "Nahr-e Saraj", "Nawah-ye Barakzai"):
        assert (name, "place") in groups
    # a possessive is not part of the name
    found = _groups("Analysts expect shares of Zentrix's unit to fall.")
    assert [texts for (name, _kind), texts in found.items() if name.startswith("Zentrix")] == [
        {"Zentrix"}
    ]


def test_a_headline_verb_after_a_role_is_no_person():
    groups = _groups(
        "Taliban District Chief Targeted in Uruzgan\n\nForces targeted the district chief.\n"
        "Taliban Leader Captured in Kandahar\n\nForces captured a leader. Governor Rahmat Zai said "
        "so.\nHaqqani Network Leader Arrested in Khost\n\nForces detained him.\n"
    )
    assert not any(
        kind == "person" and name in ("Targeted", "Captured", "Arrested") for name, kind in groups
    )
    assert ("Rahmat Zai", "person") in groups


def test_a_name_does_not_run_on_from_one_header_line_to_the_next():
    groups = _groups(
        "Regional Command North\nCombined Joint Special Operations Task Force\n\nForces of the "
        "Regional Command North detained a man. The Combined Joint Special Operations Task Force "
        "said so.\n"
    )
    assert not any("\n" in text for texts in groups.values() for text in texts)


def test_a_group_named_before_a_member_noun_is_the_group():
    groups = _groups(
        "Forces captured a Haqqani commander and two Haqqani insurgents. The Haqqani Network "
        "denied it. Sirajuddin Haqqani leads it."
    )
    assert groups[("Haqqani Network", "organization")] == {"Haqqani", "Haqqani Network"}
    assert ("Sirajuddin Haqqani", "person") in groups


def test_a_title_ending_a_paragraph_gives_no_title_to_the_next_one():
    groups = _groups(
        "He planned to kill an army general.\n\nIntelligence reports led the force there. "
        "It was an army general. Insurgents fled. Gen. Gary Volesky said so."
    )
    assert not any(kind == "person" for name, kind in groups if name != "Gary Volesky")
    assert ("Gary Volesky", "person") in groups


def test_a_city_named_like_a_given_name_is_a_person_before_a_surname():
    groups = _groups("The board named Mary Barra as its chief. Flights to Mary resumed.")
    assert ("Mary Barra", "person") in groups
    assert ("Mary", "place") in groups


def test_a_settlement_named_after_its_kind_is_a_place():
    groups = _groups("Forces searched the village of Goldar and the town of Sonjaray.")
    assert ("Goldar", "place") in groups and ("Sonjaray", "place") in groups


def test_an_organization_is_later_called_by_its_first_word():
    groups = _groups(
        "Zentrix Aerospace Corporation won the contract from the Long River Company. Officials "
        "said Zentrix will deliver in May, after a long wait. Long delays are expected."
    )
    assert groups[("Zentrix Aerospace Corporation", "organization")] == {
        "Zentrix Aerospace Corporation",
        "Zentrix",
    }
    # "long" is a word the text writes in lower case: "Long delays" is not the company
    assert groups[("Long River Company", "organization")] == {"Long River Company"}


def test_a_headline_subject_is_found_once_the_body_names_it():
    # "-ing" is the shape of a common word ("Declining sales"), so only the mid-sentence
    # mention shows Veltring is a name; the headline and the lead then follow it.
    text = (
        "Veltring unveils a new jet\nMay 1, 2005\nVeltring today launched a jet for long "
        "routes. Airlines said Veltring delivered it early."
    )
    found = [m.text for m in extract_mentions(text)]
    assert found.count("Veltring") == 3


def test_a_dateline_s_agency_or_station_is_no_alias_of_its_city(store, tmp_path):
    from importers.pipeline import ImportOptions, import_paths
    from store.query import EventQuery

    orleans, memphis = tmp_path / "orleans.txt", tmp_path / "memphis.txt"
    orleans.write_text("NEW ORLEANS (AP) — A man was shot on Bourbon Street on Sunday.\n")
    memphis.write_text("MEMPHIS (AP) — Four people were shot outside a bar on Saturday.\n")
    minneapolis = tmp_path / "minneapolis.txt"
    minneapolis.write_text("MINNEAPOLIS (WCCO) — A teenager was shot on Friday night.\n")
    import_paths(store, [orleans, memphis, minneapolis], ImportOptions())
    with store.session() as s:
        in_orleans = EventQuery(entity_names=("New Orleans",)).event_ids(s)
        in_memphis = EventQuery(entity_names=("Memphis",)).event_ids(s)
        assert len(in_orleans) == 1 and len(in_memphis) == 1
        assert set(in_orleans).isdisjoint(in_memphis)
    groups = _groups("MINNEAPOLIS (WCCO) — A teenager was shot on Friday night.")
    assert "WCCO" not in next(v for (n, _k), v in groups.items() if n == "Minneapolis")


def test_a_short_acronym_in_capitals_text_is_a_word():
    text = (
        "TRANSCRIPT: POLICE SAY WHAT IS DESCRIBED AS A DRIVE-BY SHOOTING LEFT TWO PEOPLE "
        "HURT ON THE EAST SIDE.\n\nIn Syria, IS fighters attacked a checkpoint."
    )
    found = [m.start for m in extract_mentions(text) if m.entity.name == "Islamic State"]
    assert found == [text.index("IS fighters")]  # the second paragraph's only


def test_an_alias_learned_in_one_document_merges_nothing_in_another(store, tmp_path):
    from importers.pipeline import ImportOptions, import_paths
    from store.read import entity_rows

    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text("The Northern Valley Liberation Front (NVLF) attacked a post on Monday.\n")
    two.write_text(
        "The Northern Valley Liberation Front attacked again on Friday. "
        "Nadia Valley Land Front (NVLF) is another group.\n"
    )
    import_paths(store, [one, two], ImportOptions())
    with store.session() as s:
        names = {e.name for e in entity_rows(s)}
    assert {"Northern Valley Liberation Front", "Nadia Valley Land Front"} <= names


def test_an_age_in_apposition_or_a_word_for_a_person_makes_a_name_a_person():
    groups = _groups(
        "Police said Chloe Marlin, 17, was shot near the park. Officers arrested suspect "
        "Derrick Stallworth on Tuesday. Her son, Jaxxon Bakerfield (4), was not hurt."
    )
    for name in ("Chloe Marlin", "Derrick Stallworth", "Jaxxon Bakerfield"):
        assert (name, "person") in groups, name


def test_streets_saints_state_abbreviations_and_departments_are_the_places_they_name():
    groups = _groups(
        "EUTAW, Ala. (AP) — A man was shot on Fremont Avenue, police in St. Louis said. "
        "Officials in Cordoba Department met in Albuquerque, N.M. on Monday."
    )
    for name in ("Alabama", "Fremont Avenue", "St. Louis", "Cordoba Department", "New Mexico"):
        assert (name, "place") in groups, name
    assert ("Fremont", "place") not in groups  # the street, not the city of that name


def test_a_street_suffix_a_caption_or_a_holiday_alone_is_no_entity():
    groups = _groups(
        "Hide Caption. Video Image. He was taken to Hospital. Police came to the Avenue on "
        "Christmas Eve. Authorities said the Sheriff arrived."
    )
    assert not any(kind == "other" for _name, kind in groups), groups


def test_organisations_named_by_their_heads_and_people_by_their_titles():
    groups = _groups(
        "Bank of America said profits rose. The Nigerian Air Force bombed a camp. The Federal "
        "Reserve held rates, the Associated Press reported. Detective Sarah Jones said the "
        "suspect fled. Chrysler president Jim Press said sales fell. Raul Pellegrin was killed."
    )
    for name, kind in (
        ("Bank of America", "organization"),
        ("Nigerian Air Force", "organization"),
        ("Federal Reserve", "organization"),
        ("Associated Press", "organization"),
        ("Sarah Jones", "person"),
        ("Jim Press", "person"),
        ("Raul Pellegrin", "person"),
    ):
        assert (name, kind) in groups, (name, kind)


def test_a_title_word_inside_a_name_and_a_particle_opening_it_are_part_of_it():
    groups = _groups(
        "President Hassan Sheikh Mohamud met the envoy. Fighting went on in El Baraf. "
        "Apple CEO Steve Jobs said so."
    )
    assert ("Hassan Sheikh Mohamud", "person") in groups
    assert any(name == "El Baraf" for name, _kind in groups)
    assert ("Steve Jobs", "person") in groups  # a title between two names still parts them


def test_an_organisation_keeps_its_full_name_with_the_list_inside_it():
    groups = _groups(
        "The Bureau of Alcohol, Tobacco, Firearms and Explosives is investigating. The Ministry "
        "of Defense, the police and NATO said so. Bank of America, Citigroup and Wells Fargo fell."
    )
    assert ("Bureau of Alcohol, Tobacco, Firearms and Explosives", "organization") in groups
    assert ("Ministry of Defense", "organization") in groups
    assert ("Bank of America", "organization") in groups  # a name, then a list of others


def test_a_region_s_demonym_is_no_mention_of_the_continent():
    groups = _groups("Central Asian fighters and West African troops met Afghan forces in Asia.")
    assert {name for name, _kind in groups} == {"Afghanistan", "Asia"}
    assert groups[("Asia", "place")] == {"Asia"}  # only where the text names Asia itself


def test_a_surname_met_after_the_full_name_is_the_person_not_a_town_of_that_name():
    text = (
        "Police said Nasser Austin was charged. Austin told the court he was at home, and "
        "his lawyer flew in from Austin."
    )
    found = [(m.text, m.entity.name, m.entity.kind) for m in extract_mentions(text)]
    assert found[1] == ("Austin", "Nasser Austin", "person")
    assert found[2] == ("Austin", "Austin", "place")  # "from Austin": the city


def test_towns_no_gazetteer_names_are_places_by_how_english_writes_them():
    groups = _groups(
        "Dwayne Curtis, 27, of Trotwood was killed. A 37-year-old Janesville man was hurt. "
        "She was shot in her Joplin, Missouri home, and a Shelton woman was held."
    )
    for town in ("Trotwood", "Janesville", "Joplin", "Shelton"):
        assert (town, "place") in groups, town
    # a comma after a name is no town's state when a possessive follows it
    assert ("Marlowe", "place") not in _groups("Officials praised Marlowe, Georgia's envoy.")


def test_a_name_ending_in_a_common_surname_is_a_person_but_not_after_a_place_word():
    groups = _groups("Witnesses saw Devone Raines run toward Lake Jackson on Friday.")
    assert ("Devone Raines", "person") in groups
    assert ("Lake Jackson", "place") in groups


def test_a_datelines_capitals_give_way_to_the_name_as_written():
    groups = _groups("MILLBROOK, Ohio (June 4) - A man was shot in Millbrook on Saturday.")
    assert groups[("Millbrook", "place")] == {"MILLBROOK", "Millbrook"}
    assert ("NATO", "organization") in _groups("NATO said so. Later Nato troops left.")


def test_a_child_named_by_first_name_is_a_person_and_page_furniture_is_no_entity():
    groups = _groups(
        "On Friday, Mariah and Anthony were hurt on the South Side. Buy Photo Officers arrived. "
        "Copyright 2015. Tips may go to Crime Stoppers or on Facebook."
    )
    assert ("Mariah", "person") in groups and ("Anthony", "person") in groups
    assert ("South Side", "place") in groups
    assert ("Crime Stoppers", "organization") in groups and ("Facebook", "organization") in groups
    assert not any(name in ("Buy Photo", "Officers", "Copyright") for name, _kind in groups)


def test_a_town_whose_name_opens_with_new_keeps_its_first_word():
    groups = _groups(
        "NEW HAVEN — Two men were shot. One was taken to Yale-New Haven Hospital, the other "
        "to a hospital in New Britain. New Bedford police helped."
    )
    for town in ("New Haven", "New Britain", "New Bedford"):
        assert (town, "place") in groups, town
    assert ("United Kingdom", "place") not in groups  # "Britain" alone is no town here
    assert ("Yale-New Haven Hospital", "organization") in groups
    # a headline's "New" before a word that is no town stays out of any name
    assert not any(name.startswith("New") for name, _ in _groups("New Rules For Police Announced"))


def test_a_name_that_reports_earnings_or_a_loss_is_a_business():
    groups = _groups("Kestrel reported record earnings. Dunmore posted a quarterly loss.")
    assert ("Kestrel", "organization") in groups and ("Dunmore", "organization") in groups
    # a person reports other things
    assert ("Kestrel", "organization") not in _groups("Kestrel reported the crime to police.")


def test_a_police_force_named_for_its_town_keeps_the_towns_whole_name():
    groups = _groups(
        "Officers of the Bayport Springs Police Department arrived. Kansas City Police and "
        "Colorado Springs Police are investigating."
    )
    assert ("Bayport Springs Police Department", "organization") in groups
    assert ("Kansas City Police", "organization") in groups
    assert ("Colorado Springs Police", "organization") in groups
    assert not any(name in ("Kansas", "Colorado") for name, _kind in groups)


def test_a_towns_part_its_police_and_its_dateline_make_it_a_place():
    groups = _groups(
        "Two men were shot on Rockford's west side. A woman was hurt on the east side of "
        "Janesville.\n\nRockford police said the men were friends.\n\n"
        "CROSSVILLE (WATE) – A man was arrested."
    )
    assert ("Rockford", "place") in groups
    assert ("Janesville", "place") in groups
    assert ("CROSSVILLE", "place") in groups
    # lower-case police after a word that is no town, or a common noun, names no place
    assert not _groups("Metro police said a man was shot. Transit police agreed.")


def test_a_part_of_a_place_or_its_head_alone_is_no_name_and_an_ayin_joins_one():
    groups = _groups(
        "Afghan forces conducted operations in Eastern, Southern and Northern Afghanistan.\n\n"
        "KANDAHAR PROVINCE, Afghanistan - A patrol was attacked.\n\n"
        "In Nad ‘Ali district, a force detained a leader of the ‘Shadow’ council."
    )
    names = {name for name, _kind in groups}
    assert not names & {"Eastern", "Southern", "PROVINCE", "Province", "Nad", "Ali"}
    assert ("Nad ‘Ali", "place") in groups
    assert not any("Shadow" in name for name in names)  # a quoted word is no part of a name
