"""Sentences of our own, three or more for each ACLED sub-event type, with what an analyst
reads in each: our type, ACLED's sub-event, the day, and an actor, a target and a place where
the sentence names them ("" where it does not, or where the check is not of names).

Every report is dated Wednesday 10 March 2021 (REFERENCE), so "on Monday" is 2021-03-08.
None of these come from a data set; they are written to be ordinary English of the kinds the
field reads (wire reports, coded-event notes, local news).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

REFERENCE = dt.date(2021, 3, 10)


class Case(NamedTuple):
    sentence: str
    type: str
    sub_event: str
    day: str = ""
    actor: str = ""
    target: str = ""
    place: str = ""
    known_miss: str = ""  # why the reading is still wrong (the test expects it to fail)


CASES: list[Case] = [
    # -- Battles ---------------------------------------------------------------------------
    Case(
        "Government troops clashed with al-Shabaab fighters near Afgoye on Monday.",
        "clash",
        "Armed clash",
        "2021-03-08",
        target="al-Shabaab",
        place="Afgoye",
    ),
    Case(
        "Heavy fighting broke out between the army and rebels in Kidal on 6 March 2021.",
        "clash",
        "Armed clash",
        "2021-03-06",
        place="Kidal",
    ),
    Case(
        "Soldiers exchanged fire with gunmen at a checkpoint outside Maiduguri on Tuesday.",
        "clash",
        "Armed clash",
        "2021-03-09",
        place="Maiduguri",
    ),
    Case(
        "The army retook the town of Palmyra from Islamic State militants on Sunday.",
        "territory",
        "Government regains territory",
        "2021-03-07",
        place="Palmyra",
    ),
    Case(
        "Iraqi forces recaptured the district of Tal Afar on 2 March 2021.",
        "territory",
        "Government regains territory",
        "2021-03-02",
        actor="Iraq",
    ),
    Case(
        "Security forces regained control of the airport in Mogadishu on Monday.",
        "territory",
        "Government regains territory",
        "2021-03-08",
        place="Mogadishu",
    ),
    Case(
        "ISWAP fighters overran an army base in Dikwa on Monday.",
        "territory",
        "Non-state actor overtakes territory",
        "2021-03-08",
        place="Dikwa",
    ),
    Case(
        "Taliban militants seized control of the district headquarters in Kunduz on Friday.",
        "territory",
        "Non-state actor overtakes territory",
        "2021-03-05",
        actor="Taliban",
        place="Kunduz",
    ),
    Case(
        "Rebels captured the town of Bunia on 3 March 2021 after a day of fighting.",
        "territory",
        "Non-state actor overtakes territory",
        "2021-03-03",
        place="Bunia",
    ),
    # -- Explosions/Remote violence ------------------------------------------------------
    Case(
        "A government helicopter dropped a chlorine gas bomb on Douma on Saturday.",
        "airstrike",
        "Chemical weapon",
        "2021-03-06",
        place="Douma",
    ),
    Case(
        "A chemical attack on Khan Shaykhun killed dozens of civilians on 4 March 2021.",
        "bombing",
        "Chemical weapon",
        "2021-03-04",
        place="Khan Shaykhun",
    ),
    Case(
        "Doctors said sarin was used in a gas attack on Ghouta on Tuesday.",
        "bombing",
        "Chemical weapon",
        "2021-03-09",
        place="Ghouta",
    ),
    Case(
        "A drone strike killed two al-Shabaab commanders near Jilib on Monday.",
        "airstrike",
        "Air/drone strike",
        "2021-03-08",
        target="al-Shabaab",
        place="Jilib",
    ),
    Case(
        "Coalition aircraft struck Islamic State positions near Mosul on 1 March 2021.",
        "airstrike",
        "Air/drone strike",
        "2021-03-01",
        target="Islamic State",
        place="Mosul",
    ),
    Case(
        "An airstrike hit a market in Hajjah on Sunday, killing eleven people.",
        "airstrike",
        "Air/drone strike",
        "2021-03-07",
        place="Hajjah",
    ),
    Case(
        "A suicide bomber blew himself up at a wedding in Kabul on Friday.",
        "bombing",
        "Suicide bomb",
        "2021-03-05",
        place="Kabul",
    ),
    Case(
        "A suicide car bomb exploded outside a hotel in Mogadishu on Tuesday.",
        "bombing",
        "Suicide bomb",
        "2021-03-09",
        place="Mogadishu",
    ),
    Case(
        "Two suicide attacks struck a mosque in Maiduguri on 7 March 2021.",
        "bombing",
        "Suicide bomb",
        "2021-03-07",
        place="Maiduguri",
    ),
    Case(
        "Rebels shelled residential areas of Donetsk on Monday.",
        "shelling",
        "Shelling/artillery/missile attack",
        "2021-03-08",
        place="Donetsk",
    ),
    Case(
        "Militants fired rockets at the airport in Baghdad on Tuesday.",
        "shelling",
        "Shelling/artillery/missile attack",
        "2021-03-09",
        place="Baghdad",
    ),
    Case(
        "Mortar rounds landed near a school in Gao on 5 March 2021.",
        "shelling",
        "Shelling/artillery/missile attack",
        "2021-03-05",
        place="Gao",
    ),
    Case(
        "A roadside bomb struck a police vehicle in Kandahar on Monday.",
        "bombing",
        "Remote explosive/landmine/IED",
        "2021-03-08",
        place="Kandahar",
    ),
    Case(
        "An improvised explosive device exploded near a patrol in Gao on Sunday.",
        "bombing",
        "Remote explosive/landmine/IED",
        "2021-03-07",
        place="Gao",
    ),
    Case(
        "A bus hit a landmine near Mopti on 2 March 2021, killing nine passengers.",
        "bombing",
        "Remote explosive/landmine/IED",
        "2021-03-02",
        place="Mopti",
    ),
    Case(
        "Unknown assailants threw a grenade into a bar in Bujumbura on Saturday.",
        "bombing",
        "Grenade",
        "2021-03-06",
        place="Bujumbura",
    ),
    Case(
        "A grenade attack on a police station in Srinagar wounded four officers on Monday.",
        "bombing",
        "Grenade",
        "2021-03-08",
        place="Srinagar",
    ),
    Case(
        "Gunmen hurled a grenade at a church in Garissa on 4 March 2021.",
        "bombing",
        "Grenade",
        "2021-03-04",
        place="Garissa",
    ),
    # -- Violence against civilians -----------------------------------------------------
    Case(
        "Militiamen raped several women in a village near Bunia on Sunday.",
        "attack",
        "Sexual violence",
        "2021-03-07",
        place="Bunia",
    ),
    Case(
        "Soldiers sexually assaulted two girls at a checkpoint in Goma on Tuesday.",
        "attack",
        "Sexual violence",
        "2021-03-09",
        place="Goma",
    ),
    Case(
        "Residents said armed men gang-raped a woman in Djibo on 1 March 2021.",
        "attack",
        "Sexual violence",
        "2021-03-01",
        place="Djibo",
    ),
    Case(
        "Gunmen attacked a village near Djibo on Monday and burned homes.",
        "attack",
        "Attack",
        "2021-03-08",
        place="Djibo",
    ),
    Case(
        "Herders attacked farmers in Benue on Saturday, the police said.",
        "attack",
        "Attack",
        "2021-03-06",
        place="Benue",
    ),
    Case(
        "A man was stabbed outside a bus station in Nairobi on Tuesday.",
        "attack",
        "Attack",
        "2021-03-09",
        place="Nairobi",
    ),
    Case(
        "Gunmen abducted 40 students from a school in Kagara on Monday.",
        "kidnapping",
        "Abduction/forced disappearance",
        "2021-03-08",
        place="Kagara",
    ),
    Case(
        "Two aid workers were kidnapped near Gao on 3 March 2021.",
        "kidnapping",
        "Abduction/forced disappearance",
        "2021-03-03",
        place="Gao",
    ),
    Case(
        "Masked men took a journalist hostage in Mogadishu on Sunday.",
        "kidnapping",
        "Abduction/forced disappearance",
        "2021-03-07",
        place="Mogadishu",
    ),
    # -- Protests -----------------------------------------------------------------------
    Case(
        "Hundreds of protesters rallied against fuel prices in Lagos on Monday.",
        "protest",
        "Peaceful protest",
        "2021-03-08",
        place="Lagos",
    ),
    Case(
        "Teachers took to the streets of Khartoum on Tuesday to demand unpaid wages.",
        "protest",
        "Peaceful protest",
        "2021-03-09",
        place="Khartoum",
    ),
    Case(
        "Students held a sit-in outside the parliament in Beirut on 2 March 2021.",
        "protest",
        "Peaceful protest",
        "2021-03-02",
        place="Beirut",
    ),
    Case(
        "Police fired tear gas to disperse demonstrators in Dakar on Friday.",
        "protest",
        "Protest with intervention",
        "2021-03-05",
        place="Dakar",
    ),
    Case(
        "Police arrested dozens of protesters in Minsk on Sunday.",
        "protest",
        "Protest with intervention",
        "2021-03-07",
        place="Minsk",
    ),
    Case(
        "Water cannon was used against a protest in Bangkok on 6 March 2021.",
        "protest",
        "Protest with intervention",
        "2021-03-06",
        place="Bangkok",
    ),
    Case(
        "Security forces shot dead five protesters in Mandalay on Wednesday.",
        "protest",
        "Excessive force against protesters",
        "2021-03-10",
        place="Mandalay",
    ),
    Case(
        "Soldiers fired live ammunition at demonstrators in Yangon on Monday.",
        "protest",
        "Excessive force against protesters",
        "2021-03-08",
        place="Yangon",
    ),
    Case(
        "Three demonstrators were killed when troops opened fire on a protest in Khartoum "
        "on 3 March 2021.",
        "protest",
        "Excessive force against protesters",
        "2021-03-03",
        place="Khartoum",
    ),
    # -- Riots --------------------------------------------------------------------------
    Case(
        "Rioters threw stones at police and burned tyres in Kinshasa on Monday.",
        "riot",
        "Violent demonstration",
        "2021-03-08",
        place="Kinshasa",
    ),
    Case(
        "A violent protest against the election result broke out in Conakry on Sunday.",
        "riot",
        "Violent demonstration",
        "2021-03-07",
        place="Conakry",
    ),
    Case(
        "Youths rioted in Dakar on Friday after the opposition leader's arrest.",
        "riot",
        "Violent demonstration",
        "2021-03-05",
        place="Dakar",
    ),
    Case(
        "A mob lynched a suspected thief in Kano on Tuesday.",
        "riot",
        "Mob violence",
        "2021-03-09",
        place="Kano",
    ),
    Case(
        "A mob burned a man accused of blasphemy in Sialkot on 4 March 2021.",
        "riot",
        "Mob violence",
        "2021-03-04",
        place="Sialkot",
        known_miss="a date after 'accused of' is read as the date of the accusation",
    ),
    Case(
        "Villagers formed a mob and beat two suspected kidnappers in Kaduna on Sunday.",
        "riot",
        "Mob violence",
        "2021-03-07",
        place="Kaduna",
    ),
    # -- Strategic developments ---------------------------------------------------------
    Case(
        "The government and the rebels signed a ceasefire agreement in Juba on Monday.",
        "agreement",
        "Agreement",
        "2021-03-08",
        place="Juba",
    ),
    Case(
        "The two militias agreed to a truce in Tripoli on 2 March 2021.",
        "agreement",
        "Agreement",
        "2021-03-02",
        place="Tripoli",
    ),
    Case(
        "Both sides signed a peace agreement in Doha on Saturday.",
        "agreement",
        "Agreement",
        "2021-03-06",
        place="Doha",
    ),
    Case(
        "Police arrested two al-Shabaab members in Mombasa on Tuesday.",
        "arrest",
        "Arrests",
        "2021-03-09",
        target="al-Shabaab",
        place="Mombasa",
    ),
    Case(
        "Security forces detained a senior Taliban commander in Kandahar on Sunday.",
        "arrest",
        "Arrests",
        "2021-03-07",
        target="Taliban",
        place="Kandahar",
    ),
    Case(
        "Soldiers captured three suspected insurgents near Gao on 1 March 2021.",
        "arrest",
        "Arrests",
        "2021-03-01",
        place="Gao",
    ),
    Case(
        "A faction of the group pledged allegiance to the Islamic State on Monday.",
        "group_change",
        "Change to group/activity",
        "2021-03-08",
    ),
    Case(
        "Dozens of fighters defected from the militia in Idlib on Tuesday.",
        "group_change",
        "Change to group/activity",
        "2021-03-09",
        place="Idlib",
    ),
    Case(
        "The group named a new leader on 4 March 2021 after its founder was killed.",
        "group_change",
        "Change to group/activity",
        "2021-03-04",
    ),
    Case(
        "Police seized a cache of weapons and ammunition in Mombasa on Monday.",
        "seizure",
        "Disrupted weapons use",
        "2021-03-08",
        place="Mombasa",
    ),
    Case(
        "Army engineers defused a roadside bomb near Gao on Sunday.",
        "seizure",
        "Disrupted weapons use",
        "2021-03-07",
        place="Gao",
    ),
    Case(
        "Troops discovered a large arms cache in a cave near Kidal on 5 March 2021.",
        "seizure",
        "Disrupted weapons use",
        "2021-03-05",
        place="Kidal",
    ),
    Case(
        "The militia established a new base in Tessit on Saturday.",
        "group_change",
        "Headquarters or base established",
        "2021-03-06",
        place="Tessit",
    ),
    Case(
        "Wagner mercenaries set up a military camp near Menaka on Monday.",
        "group_change",
        "Headquarters or base established",
        "2021-03-08",
        place="Menaka",
    ),
    Case(
        "The rebels opened a new headquarters in Kidal on 2 March 2021.",
        "group_change",
        "Headquarters or base established",
        "2021-03-02",
        place="Kidal",
    ),
    Case(
        "Gunmen looted shops in Bangui on Sunday.",
        "arson",
        "Looting/property destruction",
        "2021-03-07",
        place="Bangui",
    ),
    Case(
        "Militants torched a school in Mopti on Tuesday.",
        "arson",
        "Looting/property destruction",
        "2021-03-09",
        place="Mopti",
    ),
    Case(
        "Armed men set fire to a clinic in Djibo on 6 March 2021.",
        "arson",
        "Looting/property destruction",
        "2021-03-06",
        place="Djibo",
    ),
    Case(
        "Foreign troops handed over control of the base to the army in Kidal on Monday.",
        "territory",
        "Non-violent transfer of territory",
        "2021-03-08",
        place="Kidal",
    ),
    Case(
        "French forces withdrew from Tessalit and handed over the camp on Sunday.",
        "territory",
        "Non-violent transfer of territory",
        "2021-03-07",
        place="Tessalit",
    ),
    Case(
        "The peacekeepers transferred control of the airport in Gao on 5 March 2021.",
        "territory",
        "Non-violent transfer of territory",
        "2021-03-05",
        place="Gao",
    ),
    # -- the field's other happenings, ours where ACLED has no type ----------------------
    Case(
        "Gunmen opened fire outside a nightclub in Memphis on Saturday, wounding four people.",
        "shooting",
        "",
        "2021-03-06",
        place="Memphis",
    ),
    Case(
        "Four people were shot outside a bar in Kokomo on Sunday.",
        "shooting",
        "",
        "2021-03-07",
        place="Kokomo",
    ),
    Case(
        "A man was shot and killed in Chicago on Monday.",
        "killing",
        "",
        "2021-03-08",
        place="Chicago",
    ),
    Case(
        "A man was sentenced on Tuesday to 30 years in prison for the 2019 shooting.",
        "court",
        "",
        "2021-03-09",
    ),
]

# Sentences that must give no event of these types: metaphor, illness, business and sport.
NOT_VIOLENT: list[str] = [
    "The company said it is fighting cancer with a new drug.",
    "He died of a heart attack in 2008.",
    "The board killed the merger on Monday.",
    "The deal had been killed by regulators.",
    "Two hundred dealerships are to be eliminated next year.",
    "Stocks rallied on Monday after the announcement.",
    "The crew was shooting a film in Toronto.",
    "He got a flu shot on Tuesday.",
    "The striker took a shot at goal in the second half.",
    "The team's shooting guard scored 30 points.",
    "The plan was executed flawlessly.",
    "The plane crashed into the sea, killing all 120 people on board.",
    "The girl is fighting for her life in hospital.",
]
