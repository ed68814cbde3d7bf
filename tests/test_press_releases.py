"""A press release read as an analyst would read it: the filing date is not the operation's
date, a yearless dateline takes its year only from the release number, one raid is one event.
The text is our own, written in the style of military press releases."""

from __future__ import annotations

import datetime as dt

from importers.pipeline import build_document
from importers.readers.base import ReadResult

RELEASE = """Forces Detain Insurgents in Example Province
NEWS RELEASE
Joint Command

{stamp}For Immediate Release

KABUL, Afghanistan ({dateline}) - A combined security force detained two suspected insurgents
during an operation in the Sample district, yesterday.

The leader is responsible for several roadside bomb attacks against local police.

During the search, the force found weapons and detained a third suspect without incident.
"""


def _events(stamp: str, dateline: str):  # type: ignore[no-untyped-def]
    text = RELEASE.format(stamp=stamp, dateline=dateline)
    return build_document(ReadResult(text=text, title=""), path=None, option=None)


def test_yesterday_counts_from_the_dateline_not_the_filing_date_itself():
    doc = _events("2011-06-S-917\n", "June 21, 2011")
    assert doc.reference_date == dt.date(2011, 6, 21)
    assert [(e.type, e.date_value, e.date_inferred) for e in doc.events] == [
        ("arrest", "2011-06-20", False)
    ]


def test_a_yearless_dateline_takes_the_year_of_the_release_number_and_says_so():
    doc = _events("2009-12-CA-908\n", "Dec. 9")
    assert doc.reference_date == dt.date(2009, 12, 9)
    assert [(e.date_value, e.date_inferred) for e in doc.events] == [("2009-12-08", True)]


def test_without_a_year_anywhere_nothing_is_dated():
    doc = _events("", "Dec. 9")
    assert doc.reference_date is None
    assert all(e.date_start is None for e in doc.events)


def _doc(text: str):  # type: ignore[no-untyped-def]
    return build_document(ReadResult(text=text, title=""), path=None, option=None)


def test_a_headline_that_opens_with_the_day_dates_the_release():
    doc = _doc(
        "Dec. 6: Operations Conducted in Two Provinces\n\n2009-12-CA-904\n"
        "For Immediate Release\n\nYesterday a security force detained a commander.\n"
    )
    assert doc.reference_date == dt.date(2009, 12, 6)
    assert [(e.type, e.date_value, e.date_inferred) for e in doc.events] == [
        ("arrest", "2009-12-05", True)
    ]


def test_a_dateline_indented_by_a_no_break_space_is_still_a_dateline():
    doc = _doc("2010-08-CA-931\n\n\xa0KABUL, Afghanistan (August 2) - Soldiers detained a man.\n")
    assert doc.reference_date == dt.date(2010, 8, 2)


def test_an_afghan_led_force_detaining_someone_is_an_arrest_not_a_record():
    # "-led" is not "led": the sentence reports the detention itself.
    doc = _doc(
        "KABUL, Afghanistan (July 5, 2011)\nIn the district yesterday, an Afghan-led security "
        "force detained one suspected insurgent.\n"
    )
    assert [(e.type, e.date_value) for e in doc.events] == [("arrest", "2011-07-04")]


def test_a_named_device_is_not_a_bombing_but_one_that_goes_off_is():
    doc = _doc(
        "KABUL, Afghanistan (April 14, 2011)\n"
        "A security force detained two suspects while searching for an IED and weapons "
        "facilitator, yesterday.\n\n"
        "Insurgents were seen emplacing a roadside bomb near the road on Monday.\n\n"
        "On Sunday a roadside bomb exploded near a checkpoint, wounding two police officers.\n\n"
        "Supporting aircraft dropped a 500 kg bomb on the compound on Saturday.\n"
    )
    assert [(e.type, e.date_value) for e in doc.events] == [
        ("arrest", "2011-04-13"),
        ("bombing", "2011-04-10"),
        ("airstrike", "2011-04-09"),
    ]


def test_a_date_in_someones_record_does_not_date_the_operation_told_after_it():
    doc = _doc(
        "KABUL, Afghanistan (March 3, 2012) - A security force searched for a Taliban leader.\n"
        "He was responsible for an attack on a school in June 2011. During the operation, "
        "the force called in an airstrike which killed the leader.\n"
    )
    (strike,) = [e for e in doc.events if e.type == "airstrike"]
    assert strike.date_value == "2012-03-03"  # the day told, not the month of the record


def test_a_weekday_is_not_dated_from_a_month_the_text_happens_to_name():
    # No dateline: the only explicit date is a month. "Thursday" could be any Thursday after
    # it, so the airstrike stays undated rather than pinned to the month's last Thursday.
    doc = _doc(
        "For Immediate Release\n\nCoalition aircraft struck a weapons cache in the valley "
        "Thursday. The cache had been used in attacks since June 2011.\n"
    )
    assert doc.reference_source == "inferred"
    strikes = [e for e in doc.events if e.type == "airstrike"]
    assert strikes and all(e.date_start is None for e in strikes)


def test_an_overnight_operation_is_dated_the_night_before_the_dateline():
    doc = _doc(
        "Facilitator Captured Overnight\n\nKABUL, Afghanistan (Sept. 28, 2010) - A combined force"
        " captured a facilitator during an overnight operation in Khost province.\n"
    )
    assert [(e.type, e.date_value) for e in doc.events] == [("arrest", "2010-09-27TNI")]


def test_the_release_number_gives_the_month_so_a_named_day_is_dated_but_yesterday_is_not():
    doc = _doc(
        "Forces Detain a Commander in Kabul\n2010-07-CA-962\nFor Immediate Release\n\n"
        "A combined force conducted an operation in Kabul City July 16 to detain a commander.\n\n"
        "Yesterday the force detained two more suspects in the same district.\n"
    )
    assert (doc.reference_source, doc.reference_value) == ("release number", "2010-07")
    assert [(e.type, e.date_value, e.date_inferred) for e in doc.events] == [
        ("arrest", "2010-07-16", True),
        ("arrest", "XXXX-XX-XX", True),
    ]


def test_a_yearless_dateline_is_filed_no_earlier_than_the_latest_date_the_release_names():
    # Filed on a Jan. 14 after June 2011: the earliest is Jan. 14, 2012, and it is only inferred.
    doc = _doc(
        "KABUL, Afghanistan (Jan. 14) - A security force detained a Taliban leader in the "
        "district Thursday.\n\nHe led an attack on a school in June 2011.\n"
    )
    assert (doc.reference_date, doc.reference_source) == (dt.date(2012, 1, 14), "dateline")
    # the attack he led is an event of its own, of its own month
    assert [(e.type, e.date_value, e.date_inferred) for e in doc.events] == [
        ("arrest", "2012-01-12", True),
        ("attack", "2011-06", False),
    ]


def test_a_month_in_someone_s_record_does_not_date_the_operation_of_the_day_before():
    doc = _doc(
        "KABUL, Afghanistan (Dec. 30, 2010) - Forces detained a facilitator linked to the "
        "murder of a shopkeeper in March in Kandahar province yesterday.\n"
    )
    assert [(e.type, e.date_value, e.date_text) for e in doc.events] == [
        ("arrest", "2010-12-29", "yesterday")
    ]


def test_the_day_of_someone_s_record_is_not_the_day_of_their_detention():
    doc = _doc(
        "KABUL, Afghanistan (Dec. 30, 2010) - Forces detained a facilitator linked to the "
        "murder of a shopkeeper on Dec. 2.\n"
    )
    assert [(e.type, e.date_value) for e in doc.events] == [("arrest", "")]


def test_insurgents_killed_by_an_airstrike_told_later_are_one_airstrike():
    doc = _doc(
        "KABUL, Afghanistan (Oct. 6, 2012)\nSoldiers killed several fighters in an operation "
        "in the valley today. The unit had called in an airstrike on the compound, which "
        "killed the fighters.\n"
    )
    assert [(e.type, e.date_value) for e in doc.events] == [("airstrike", "2012-10-06")]


def test_an_operation_the_text_does_not_date_takes_the_filing_day_only_as_an_inference():
    doc = _doc(
        "KABUL, Afghanistan (Feb. 1, 2011)\n\nIn the district, a patrol received small arms "
        "fire. Coalition forces engaged the enemy position, killing one insurgent.\n"
    )
    assert [(e.type, e.date_value, e.date_source, e.date_inferred) for e in doc.events] == [
        ("killing", "2011-02-01", "document", True)
    ]


def test_what_did_not_happen_or_is_someone_s_habit_is_no_event():
    doc = _doc(
        "KABUL, Afghanistan (Feb. 1, 2011) - Forces detained a Taliban leader in the district "
        "yesterday.\n\nThe leader directs roadside bomb attacks against Afghan forces and plans "
        "attacks on convoys. No women or children were injured or detained during the operation. "
        "He stockpiled explosives for upcoming attacks. "
        "The soldiers did not fire a shot, and the unit kept the families safe while it "
        "searched the house.\n"
    )
    assert [(e.type, e.date_value) for e in doc.events] == [("arrest", "2011-01-31")]


def test_a_rank_numbered_no_2_is_no_denial():
    doc = _doc("KABUL, Afghanistan (Feb. 1, 2011) - No. 2 leader Nafi was killed yesterday.\n")
    assert [(e.type, e.date_value) for e in doc.events] == [("killing", "2011-01-31")]


def test_what_forces_will_do_is_only_a_weak_event():
    doc = _doc("Forces will continue to track down and capture those responsible.\n")
    assert [(e.type, e.confidence) for e in doc.events] == [("arrest", 0.3)]


def test_an_attack_nobody_claimed_still_happened():
    doc = _doc(
        "KABUL, Afghanistan (Feb. 1, 2011)\n\nNo group claimed responsibility for the bombing "
        "in the city yesterday. The Taliban did not claim the attack either.\n"
    )
    assert [(e.type, e.date_value) for e in doc.events] == [("bombing", "2011-01-31")]


def test_talks_that_ended_without_an_agreement_are_talks_not_an_agreement():
    doc = _doc(
        "DOHA, Qatar (March 10, 2019) - Talks between the two delegations ended on Saturday "
        "without an agreement. Officials said no deal was in sight.\n"
    )
    assert [(e.type, e.date_value) for e in doc.events] == [("talks", "2019-03-09")]


def test_an_operation_counted_from_another_is_its_own_event_and_not_given_its_day():
    doc = _doc(
        "KUNDUZ, Afghanistan (March 12, 2019) - Fighters ambushed a convoy on Monday, killing "
        "seven soldiers.\n\nThe ambush came two days after security forces detained a commander "
        "in a raid in the district.\n"
    )
    # "two days after" the ambush is not Monday: the raid is kept apart and left undated
    assert [(e.type, e.date_value) for e in doc.events] == [
        ("killing", "2019-03-11"),
        ("raid", ""),
    ]


def test_a_headline_retelling_the_lead_with_its_own_verb_is_not_a_second_event():
    doc = _doc(
        "Taliban ambush convoy in Kunduz\n\nKUNDUZ, Afghanistan (March 12, 2019) - Fighters "
        "ambushed a convoy on Monday, killing seven soldiers.\n"
    )
    assert [(e.type, e.date_value) for e in doc.events] == [("killing", "2019-03-11")]


def test_a_headline_ending_in_an_abbreviation_is_still_a_headline():
    doc = _doc(
        "Taliban keep ties despite talks with U.S.\n\nDOHA, Qatar (March 10, 2019) - Talks "
        "between the delegations resumed on Saturday.\n"
    )
    assert [(e.type, e.date_value) for e in doc.events] == [("talks", "2019-03-09")]


def test_a_release_number_never_outranks_a_later_date_the_text_states():
    doc = _doc(
        "2010-07-CA-962\n\nKABUL - Forces detained a facilitator on Aug. 2, 2010. Two more were "
        "detained yesterday.\n"
    )
    assert doc.reference_source != "release number"
    assert doc.reference_date == dt.date(2010, 8, 2)
