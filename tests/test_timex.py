"""Temporal expressions: what an analyst reads in the text, and the value it must become."""

from __future__ import annotations

import datetime as dt

import pytest

from importers.refdate import fallback_reference
from importers.timex import Reference, tag

REF = Reference(dt.date(2020, 1, 27))  # a Monday

CASES = [
    # (sentence, expression, type, value, granularity)
    ("Prices should fall in the coming weeks.", "coming weeks", "DURATION", "PXW", "duration"),
    ("Selling may grow in the weeks ahead.", "weeks ahead", "DURATION", "PXW", "duration"),
    (
        "Orders rose from the low levels of the early summer.",
        "early summer",
        "DATE",
        "2019-SU",
        "season",
    ),
    (
        "The dynasty ruled for almost a hundred years.",
        "almost a hundred years",
        "DURATION",
        "P100Y",
        "duration",
    ),
    ("The index fell in eight trading days.", "eight trading days", "DURATION", "P8D", "duration"),
    ("The decades-long feud ended.", "decades-long", "DURATION", "PXY", "duration"),
    ("The day-long strike ended.", "day-long", "DURATION", "P1D", "duration"),
    ("The post-1959 politics split families.", "post-1959", "DATE", "1959", "year"),
    (
        "He was freed Friday and went to court the next morning.",
        "the next morning",
        "TIME",
        "2020-01-25TMO",
        "day",
    ),
    ("Islam will one day be the second religion.", "one day", "DATE", "FUTURE_REF", "ref"),
    ("The action followed by one day an announcement.", "one day", "DURATION", "P1D", "duration"),
    ("They will live without power for a while.", "a while", "DURATION", "PXX", "duration"),
    ("He was shot to death last Oct. 23 at his home.", "last Oct. 23", "DATE", "2019-10-23", "day"),
    ("The vote is set for next March 3.", "next March 3", "DATE", "2020-03-03", "day"),
    (
        "He was hounded the day before last Tuesday.",
        "the day before last Tuesday",
        "DATE",
        "2020-01-20",
        "day",
    ),
    ("They left the day after Christmas.", "the day after Christmas", "DATE", "2019-12-26", "day"),
    (
        "Sales rose in each of the last three years.",
        "each of the last three years",
        "SET",
        "P1Y",
        "set",
    ),
    ("He planned the 2001 attacks.", "2001", "DATE", "2001", "year"),
    ("Iraq's 2005 elections were peaceful.", "2005", "DATE", "2005", "year"),
    (
        "He would not travel at this crucial moment.",
        "this crucial moment",
        "DATE",
        "PRESENT_REF",
        "ref",
    ),
    # "will" states the future: December said in January is the coming one
    ("Collins will command a mission in December.", "December", "DATE", "2020-12", "month"),
    ("Collins commanded a mission in December.", "December", "DATE", "2019-12", "month"),
    # both days of a range
    ("The summit is on April 24 and 25.", "25", "DATE", "2020-04-25", "day"),
    ("Talks ran Dec. 24-26, 2018 in Doha.", "26, 2018", "DATE", "2018-12-26", "day"),
    ("Talks ran Dec. 24-26, 2018 in Doha.", "Dec. 24", "DATE", "2018-12-24", "day"),
    ("Clashes on 3 and 4 May 2011 killed five.", "3", "DATE", "2011-05-03", "day"),
    # a number after a weekday is a date only when a month follows it
    (
        "In a poll completed on Saturday, 69 percent agreed.",
        "Saturday",
        "DATE",
        "2020-01-25",
        "day",
    ),
    (
        "The bid, due to expire last Thursday, 12 days ago, was extended.",
        "last Thursday",
        "DATE",
        "2020-01-23",
        "day",
    ),
    # a deadline lies ahead of the act that sets it; "until" alone does not
    (
        "The court gave them until 9 a.m. Tuesday to sign.",
        "9 a.m. Tuesday",
        "TIME",
        "2020-01-28T09:00",
        "time",
    ),
    ("Officials postponed the vote until Friday.", "Friday", "DATE", "2020-01-31", "day"),
    (
        "Up until Thursday, they had described him as a witness.",
        "Thursday",
        "DATE",
        "2020-01-23",
        "day",
    ),
    # "next to" is a place; a full stop after an abbreviation does not end the sentence
    ("A bomb went off next to the embassy Friday.", "Friday", "DATE", "2020-01-24", "day"),
    (
        "A bomb ripped through a shop next to the U.S. embassy Friday.",
        "Friday",
        "DATE",
        "2020-01-24",
        "day",
    ),
    (
        "The future of the talks is decided in the future.",
        "the future",
        "DATE",
        "FUTURE_REF",
        "ref",
    ),
    ("He said, ''We meet Monday.''", "Monday", "DATE", "2020-01-27", "day"),
    ("It was founded in 2019.", "2019", "DATE", "2019", "year"),
    ("The raid took place in September 2019.", "September 2019", "DATE", "2019-09", "month"),
    (
        "He was killed on Sept. 23, 2019, officials said.",
        "Sept. 23, 2019",
        "DATE",
        "2019-09-23",
        "day",
    ),
    ("The report of 23 Sept. 2019 says so.", "23 Sept. 2019", "DATE", "2019-09-23", "day"),
    ("Lima, 2 Oct 88 (AFP) -- Peru said", "2 Oct 88", "DATE", "1988-10-02", "day"),
    ("It has lied since the 1990s.", "the 1990s", "DATE", "199", "decade"),
    ("The talks were called off last September.", "last September", "DATE", "2019-09", "month"),
    ("The raid happened in September.", "September", "DATE", "2019-09", "month"),
    ("The summit will be held in March.", "March", "DATE", "2020-03", "month"),
    ("The group was formed two years ago.", "two years ago", "DATE", "2018", "year"),
    ("Gunmen attacked a checkpoint yesterday.", "yesterday", "DATE", "2020-01-26", "day"),
    ("Militants attacked the base on Tuesday.", "Tuesday", "DATE", "2020-01-21", "day"),
    ("The envoy will return on Thursday.", "Thursday", "DATE", "2020-01-30", "day"),
    ("Talks resume next week.", "next week", "DATE", "2020-W06", "week"),
    ("Output fell last year.", "last year", "DATE", "2019", "year"),
    ("Output fell late last year.", "late last year", "DATE", "2019", "year"),
    ("Violence rose earlier this month.", "earlier this month", "DATE", "2020-01", "month"),
    ("The fighting lasted three years.", "three years", "DURATION", "P3Y", "duration"),
    ("He was held for 10 days.", "10 days", "DURATION", "P10D", "duration"),
    ("The camp was shelled for five hours.", "five hours", "DURATION", "PT5H", "duration"),
    ("They meet every week.", "every week", "SET", "P1W", "set"),
    ("Estimates are published annually.", "annually", "SET", "P1Y", "set"),
    ("The offensive began in mid-2019.", "mid-2019", "DATE", "2019", "year"),
    ("Fighting resumed in early January.", "early January", "DATE", "2020-01", "month"),
    ("Clashes broke out in the summer of 2019.", "summer of 2019", "DATE", "2019-SU", "season"),
    (
        "Profits fell in the first quarter of 2019.",
        "the first quarter of 2019",
        "DATE",
        "2019-Q1",
        "quarter",
    ),
    ("The blast came at 2:30 p.m. local time.", "2:30 p.m.", "TIME", "2020-01-27T14:30", "time"),
    ("The group is now weaker.", "now", "DATE", "PRESENT_REF", "ref"),
    ("It has recently expanded.", "recently", "DATE", "PAST_REF", "ref"),
    ("It may strike in the future.", "the future", "DATE", "FUTURE_REF", "ref"),
    ("It may list in the near future.", "the near future", "DATE", "FUTURE_REF", "ref"),
    ("Profits will suffer in the short term.", "the short term", "DATE", "FUTURE_REF", "ref"),
    ("The statement was dated 2020-01-15.", "2020-01-15", "DATE", "2020-01-15", "day"),
    ("Fighting in the 21st century differs.", "the 21st century", "DATE", "20", "century"),
    # The nearest tense cue governs: "said" dates Tuesday, not the later "would".
    (
        "The envoy said on Tuesday that the group would retaliate.",
        "Tuesday",
        "DATE",
        "2020-01-21",
        "day",
    ),
    ("The firm said profit rose in the quarter.", "the quarter", "DATE", "2019-Q4", "quarter"),
    (
        "Sales fell from the year-ago quarter.",
        "the year-ago quarter",
        "DATE",
        "2018-Q4",
        "quarter",
    ),
    ("Two posts were attacked over the weekend.", "the weekend", "DATE", "2020-W04-WE", "weekend"),
    # A count bounded by "the past"/"the next" is one duration, not "the past" and a count.
    (
        "Attacks doubled in the past three months.",
        "the past three months",
        "DURATION",
        "P3M",
        "duration",
    ),
    (
        "Clashes went on for the last twenty four hours.",
        "the last twenty four hours",
        "DURATION",
        "PT24H",
        "duration",
    ),
    (
        "Troops will stay over the next couple of years.",
        "the next couple of years",
        "DURATION",
        "P2Y",
        "duration",
    ),
    (
        "The siege lasted two and a half years.",
        "two and a half years",
        "DURATION",
        "P2Y6M",
        "duration",
    ),
    ("He was held for 5 1/2 hours.", "5 1/2 hours", "DURATION", "PT5H30M", "duration"),
    (
        "The blast lasted a minute and a half.",
        "a minute and a half",
        "DURATION",
        "PT1M30S",
        "duration",
    ),
    ("They march on Mondays.", "Mondays", "SET", "XXXX-WXX-1", "set"),
    ("Flights leave Tuesday nights.", "Tuesday nights", "SET", "XXXX-WXX-2TNI", "set"),
    ("Orangemen march each July.", "each July", "SET", "XXXX-07", "set"),
    (
        "A hearing is set for the week of March 6.",
        "the week of March 6",
        "DATE",
        "2020-W10",
        "week",
    ),
    ("He left a week or so ago.", "a week or so ago", "DATE", "2020-W04", "week"),
    ("Sales fell in the last half of 1989.", "the last half of 1989", "DATE", "1989-H2", "half"),
    ("The war dragged on for two decades.", "two decades", "DURATION", "P20Y", "duration"),
    ("Deaths fell over the past year.", "the past year", "DATE", "2019", "year"),
    # "a year earlier" is the period the report is about, a year before.
    (
        "Third-quarter profit rose to $5 million from $4 million a year earlier.",
        "a year earlier",
        "DATE",
        "2018-Q3",
        "quarter",
    ),
    ("Wages were 3% higher than a year earlier.", "a year earlier", "DATE", "2019", "year"),
    (
        "Second-quarter losses narrowed from the year-ago figure.",
        "year-ago",
        "DATE",
        "2018-Q2",
        "quarter",
    ),
    ("The ceasefire ended in July last year.", "July last year", "DATE", "2019-07", "month"),
    # Broadcast transcripts say years aloud.
    (
        "It began in January nineteen ninety-seven.",
        "January nineteen ninety-seven",
        "DATE",
        "1997-01",
        "month",
    ),
    (
        "Talks are due to end in the year two thousand.",
        "the year two thousand",
        "DATE",
        "2000",
        "year",
    ),
    # The nearest reading wins unless it goes against the tense and is not half a year nearer:
    # a deadline set in late January is this February's, though "decided" is past tense.
    ("The court decided the boy must leave by Feb. 10.", "Feb. 10", "DATE", "2020-02-10", "day"),
    ("The plan was announced Nov. 21.", "Nov. 21", "DATE", "2019-11-21", "day"),
    # A count after a quantity is a rate: a set, not a duration.
    ("The plant builds 15 tankers a year.", "a year", "SET", "P1Y", "set"),
    ("It is expected to save $2 million a year.", "a year", "SET", "P1Y", "set"),
    ("The move comes a day after the raid.", "a day", "DURATION", "P1D", "duration"),
    # "the year" of a report is the current one, unless it is a year's length ending on a day.
    ("Sales for the full year rose 5%.", "the full year", "DATE", "2020", "year"),
    ("Net income for the year ended June 30 fell.", "the year", "DURATION", "P1Y", "duration"),
    # A quarter still ahead is a forecast, not the period "a year earlier" compares with.
    (
        "Profit should rise in the third quarter of 2020. Sales were flat a year earlier.",
        "a year earlier",
        "DATE",
        "2019",
        "year",
    ),
    # A clock time followed by its day is one time on that day.
    (
        "The deadline passed at 10 p.m. Wednesday.",
        "10 p.m. Wednesday",
        "TIME",
        "2020-01-22T22:00",
        "time",
    ),
    (
        "Bids are due by 5 p.m. EST, Feb. 6.",
        "5 p.m. EST, Feb. 6",
        "TIME",
        "2020-02-06T17:00",
        "time",
    ),
    ("The group split almost four years ago.", "almost four years ago", "DATE", "2016", "year"),
    ("Profit rose in fiscal 2019.", "fiscal 2019", "DATE", "2019", "year"),
    ("Rallies are held on a daily basis.", "daily", "SET", "P1D", "set"),
    (
        "In the year-ago third quarter it earned $2 million.",
        "the year-ago third quarter",
        "DATE",
        "2018-Q3",
        "quarter",
    ),
    ("Jobs were cut today.", "today", "DATE", "2020-01-27", "day"),
    # A unit of the last date the text named.
    (
        "He was shot on Oct. 23, 1998. Later that night police came.",
        "Later that night",
        "TIME",
        "1998-10-23TNI",
        "day",
    ),
    (
        "She left in June 1998 and returned later that year.",
        "later that year",
        "DATE",
        "1998",
        "year",
    ),
    (
        "He was promoted in 1995, and the following year he retired.",
        "the following year",
        "DATE",
        "1996",
        "year",
    ),
    (
        "January sales fell 10% from the same month a year ago.",
        "the same month a year ago",
        "DATE",
        "2019-01",
        "month",
    ),
    # Holidays the calendar fixes.
    ("The boy was found on Thanksgiving Day.", "Thanksgiving Day", "DATE", "2019-11-28", "day"),
    ("The truce broke down last Christmas Eve.", "last Christmas Eve", "DATE", "2019-12-24", "day"),
    ("Pilgrims will gather as Easter week begins.", "Easter week", "DATE", "2020-W15", "week"),
    ("Talks resume after Easter 2020.", "Easter 2020", "DATE", "2020-04-12", "day"),
    # "until" alone does not look ahead; the past tense nearby dates the weekday.
    ("Until Thursday, they had not named a suspect.", "Thursday", "DATE", "2020-01-23", "day"),
    ("Troops will stay two more weeks.", "two more weeks", "DURATION", "P2W", "duration"),
    ("He was given an additional year.", "an additional year", "DURATION", "P1Y", "duration"),
    (
        "It returned to profit after several quarters of losses.",
        "several quarters",
        "DURATION",
        "PXQ",
        "duration",
    ),
    (
        "The convoy leaves at 4 in the morning.",
        "4 in the morning",
        "TIME",
        "2020-01-27T04:00",
        "time",
    ),
    ("Shelling resumed at 9 at night.", "9 at night", "TIME", "2020-01-27T21:00", "time"),
    ("The judge sits at midday.", "midday", "TIME", "2020-01-27T12:00", "time"),
    (
        "Shares fell by mid-afternoon yesterday.",
        "mid-afternoon yesterday",
        "TIME",
        "2020-01-26TAF",
        "time",
    ),
    # Phrases that look ahead, though no "will" is near: the weekday is the coming one.
    ("He could arrive as soon as Thursday, he said.", "Thursday", "DATE", "2020-01-30", "day"),
    ("Talks are set to resume Wednesday in Doha.", "Wednesday", "DATE", "2020-01-29", "day"),
    ("Trading is to resume Thursday, the exchange said.", "Thursday", "DATE", "2020-01-30", "day"),
    ("Crowds were planning to march on Friday.", "Friday", "DATE", "2020-01-31", "day"),
    ("On Friday, the Arts and Crafts Union plans a fair.", "Friday", "DATE", "2020-01-31", "day"),
    # A capitalised name ending in -ed is no past verb.
    (
        "She would be flying to the United States Thursday.",
        "Thursday",
        "DATE",
        "2020-01-30",
        "day",
    ),
    # A participle after its noun carries no tense: "untouched by" is no past verb.
    (
        "Airlines will add flights by August in markets untouched by the crisis.",
        "August",
        "DATE",
        "2020-08",
        "month",
    ),
    ("Troops captured a Taliban leader overnight.", "overnight", "TIME", "2020-01-26TNI", "day"),
    ("Convoys will move overnight.", "overnight", "TIME", "2020-01-27TNI", "day"),
    # ... and phrases that look back.
    ("The offer had been due to expire Friday.", "Friday", "DATE", "2020-01-24", "day"),
    ("They had planned to march on Friday.", "Friday", "DATE", "2020-01-24", "day"),
    # The month just gone is "last month"; "last December" in January is a year further back.
    ("The ship sank last December.", "last December", "DATE", "2018-12", "month"),
    ("The ship sank last November.", "last November", "DATE", "2019-11", "month"),
    (
        "Shares rose sharply on heavy volume across every exchange in the region, lifting the"
        " main index to within a few points of its high of June.",
        "June",
        "DATE",
        "2019-06",
        "month",
    ),
    # A possessive weekday names a known event; the verbs nearby date something else.
    (
        "They would look for ways around Wednesday's ruling.",
        "Wednesday",
        "DATE",
        "2020-01-22",
        "day",
    ),
    ("Nobody has seen him since July 24.", "July 24", "DATE", "2019-07-24", "day"),
    ("Stocks fell back from the record set on July 24.", "July 24", "DATE", "2019-07-24", "day"),
    ("The board named a new chief, effective Aug. 1.", "Aug. 1", "DATE", "2020-08-01", "day"),
]


@pytest.mark.parametrize(("sentence", "expr", "typ", "value", "gran"), CASES)
def test_expression_is_found_whole_and_normalised(sentence, expr, typ, value, gran):
    found = tag(sentence, REF)
    hits = [t for t in found if t.text == expr]
    assert hits, f"{expr!r} not found whole in {sentence!r}: {[t.text for t in found]}"
    t = hits[0]
    assert (t.type, t.value, t.granularity) == (typ, value, gran)
    assert sentence[t.start : t.end] == expr


@pytest.mark.parametrize(
    "sentence",
    [
        "You may go if you like.",
        "About 1,500 troops and 400 to 600 fighters remain.",
        "The march was peaceful.",
        "They fall back when pressed.",
        "Call 555-2019 for details.",
        "The now-cancelled deal hurt near-term earnings.",
        "The Communist Party daily Granma ran the letter.",
        "Overnight rates rose as banks hoarded cash.",
    ],
)
def test_ordinary_words_and_numbers_are_not_dates(sentence):
    assert [t for t in tag(sentence, REF) if t.type in ("DATE", "SET")] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "A 6-year-old boy was wounded.",
        "The firm posted quarterly earnings.",
        "The annual meeting was calm.",
        "A second bomb went off.",
        "The quarter-to-quarter comparison was flattering.",
        "It shapes today's youth and the world of tomorrow.",
        "Some two thousand people marched.",
        "Mr. Reupke, 52 years old, resigned.",
        "Bronislaw Geremek and Jan Kavan signed.",
        "Iraq imports about three-quarters of its food.",
        "Funds hold more than a quarter of the market.",
        'He spoke on ABC\'s "This Week With David Brinkley."',
        "He showed a poster of Gary Cooper from the film ``High Noon.''",
        "For the people of Poland, high noon comes with membership.",
        "Gonzalez said on CBS's ''60 Minutes.''",
        "This is VOA Today.",
        "Talks are very important to the future of our peoples.",
        "He spent the past three summers in Maine.",
        "Flight 2004 landed safely.",
        "They set up a joint venture called Orion 1980.",
        "Intel chips run many of today's personal computers.",
        "Some 2000 soldiers arrived at the base.",
        "The 1988 Committee met in New York.",
        "See paragraph 2010 of the code.",
    ],
)
def test_ages_shares_titles_and_kinds_of_figure_are_not_time_expressions(sentence):
    assert tag(sentence, REF) == []


def test_without_a_reference_relative_dates_stay_unresolved():
    found = {t.text: t for t in tag("The talks were called off last September, two years ago.")}
    assert found["last September"].value == "XXXX-09"
    assert found["last September"].span is None
    assert found["two years ago"].value == "XXXX"
    period = tag("Profit rose in the latest period.")[0]
    assert (period.value, period.granularity, period.relative) == ("XXXX-QX", "quarter", True)


def test_an_inferred_reference_marks_relative_dates_inferred():
    ref = Reference(dt.date(2019, 12, 31), inferred=True, source="inferred")
    (t,) = [t for t in tag("They met last September in Doha.", ref) if t.type == "DATE"]
    assert t.value == "2019-09"
    assert t.inferred
    (absolute,) = tag("They met in September 2019.", ref)
    assert not absolute.inferred


def test_month_spans_cover_the_whole_month():
    (t,) = tag("in September 2019", REF)
    span = t.span
    assert span is not None
    assert (span.start, span.end) == (dt.date(2019, 9, 1), dt.date(2019, 10, 1))


def test_that_day_without_a_day_named_before_stays_undated():
    found = {t.text: t for t in tag("The war began in 1998. That day was cold.", REF)}
    assert found["That day"].value == "XXXX-XX-XX"
    assert found["That day"].span is None  # never a day guessed from the year alone


def test_an_islamic_holiday_is_dated_by_its_calendar_and_marked_inferred():
    (eid,) = tag("The attack came during Eid al-Fitr.", REF)
    assert (eid.value, eid.granularity) == ("2019-06-04", "day")
    assert eid.inferred  # where the new moon is sighted a day later, so is the holiday
    (christmas,) = tag("Shops closed on Christmas Day.", REF)
    assert (christmas.value, christmas.inferred) == ("2019-12-25", False)


def test_a_reference_inferred_from_a_month_dates_only_what_a_month_can_date():
    text = "It began in June 2011. It ended last year, on a Thursday."
    ref = fallback_reference(tag(text))
    assert ref is not None and (ref.value, ref.granularity) == ("2011-06", "month")
    found = {t.text: t for t in tag(text, ref)}
    assert (found["last year"].value, found["last year"].inferred) == ("2010", True)
    assert found["Thursday"].value == "XXXX-WXX-4"


@pytest.mark.parametrize(
    ("sentence", "expr", "value", "mod"),
    [
        ("The bank expects to close the deal by year-end.", "year-end", "2020", "END"),
        ("The index is up 5% since year end.", "year end", "2019", "END"),
        ("Troops withdrew at the end of last year.", "the end of last year", "2019", "END"),
        (
            "Talks resume at the beginning of next month.",
            "the beginning of next month",
            "2020-02",
            "START",
        ),
        (
            "Troops will be in place by the end of the month.",
            "the end of the month",
            "2020-01",
            "END",
        ),
        ("The vote is due at the end of the week.", "the end of the week", "2020-W05", "END"),
    ],
)
def test_the_edge_of_a_period_is_one_expression_with_its_part(sentence, expr, value, mod):
    hits = [t for t in tag(sentence, REF) if t.text == expr]
    assert [(t.value, t.mod) for t in hits] == [(value, mod)]


def test_year_end_as_an_adjective_is_no_date():
    assert [t.text for t in tag("Year-end results beat forecasts; the year-end bonus", REF)] == []


def test_a_comparison_period_does_not_replace_the_period_reported():
    text = (
        "Profit rose 5% in the fourth quarter. In the 2018 period, the company lost money;"
        " year-ago sales were $3 million."
    )
    values = {t.text: t.value for t in tag(text, REF)}
    assert values["the 2018 period"] == "2018-Q4"
    assert values["year-ago"] == "2018-Q4"


def test_a_clock_time_before_an_aside_and_a_day_is_on_that_day():
    found = tag("The blast occurred at about 10:35 a.m. (0735 GMT) Friday.", REF)
    values = {t.text: t.value for t in found}
    assert values["10:35 a.m."] == "2020-01-24T10:35"
    assert values["0735 GMT"] == "2020-01-24T07:35Z"
    assert values["Friday"] == "2020-01-24"


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        ("The convoy was hit at 2200 hours.", "2200 hours", "2020-01-27T22:00"),
        ("The market opened at 08:30 UTC.", "08:30 UTC", "2020-01-27T08:30Z"),
        ("The market opened at 8:30 a.m. GMT.", "8:30 a.m. GMT", "2020-01-27T08:30Z"),
        ("Shelling began at 14:30 local time.", "14:30 local time", "2020-01-27T14:30"),
        ("The jet flew Tuesday in Everett at 18:00 UTC.", "18:00 UTC", "2020-01-21T18:00Z"),
        ("The talks opened Friday, and at 2 p.m. the envoys met.", "2 p.m.", "2020-01-24T14:00"),
    ],
)
def test_a_clock_time_is_on_the_day_its_sentence_names(sentence, expr, value):
    assert [t.value for t in tag(sentence, REF) if t.text == expr] == [value]


def test_a_day_in_another_paragraph_does_not_date_a_clock_time():
    found = tag("Talks resume Friday\n\nShelling began at 14:30 local time.", REF)
    assert [t.value for t in found if t.text == "14:30 local time"] == ["2020-01-27T14:30"]


def test_a_count_of_hours_is_no_clock_time():
    found = tag("Engineers logged 2200 hours on the engine.", REF)
    assert [t.type for t in found if t.text == "2200 hours"] == ["DURATION"]


def test_a_count_after_a_date_is_not_the_second_day_of_a_range():
    found = tag("The vote on April 24 and 25 percent of seats went to the party.", REF)
    assert [t.text for t in found] == ["April 24"]


def test_a_period_a_year_ago_is_one_expression_and_not_the_period_reported():
    text = (
        "Columbia lost $226 million in the third quarter. For the quarter a year ago, it earned "
        "$16 million. Assets rose from $12.4 billion a year earlier."
    )
    found = [(t.text, t.value) for t in tag(text, Reference(dt.date(1989, 10, 26)))]
    assert found == [
        ("the third quarter", "1989-Q3"),
        ("the quarter a year ago", "1988-Q3"),
        ("a year earlier", "1988-Q3"),
    ]


def test_resolution_numbers_are_not_years_but_their_bracketed_years_are():
    text = "Sanctions under resolutions 1267 (1999), 1989 (2011) and 2253 (2015) still apply."
    assert [t.text for t in tag(text, REF)] == ["1999", "2011", "2015"]


def test_the_previous_friday_counts_back_from_the_day_under_discussion():
    text = "Shares fell on Jan. 24. The index ended 4.5% below the previous Friday."
    found = [(t.text, t.value) for t in tag(text, REF)]
    assert found == [("Jan. 24", "2020-01-24"), ("previous Friday", "2020-01-17")]


def test_a_clock_time_without_a_day_is_on_the_reference_day_only_as_a_guess():
    ref = Reference(dt.date(2015, 7, 30))
    bare, on_day = tag("The child was shot about 8:20 p.m. Police came at 10 p.m. Wednesday.", ref)
    assert (bare.value, bare.inferred) == ("2015-07-30T20:20", True)
    assert (on_day.value, on_day.inferred) == ("2015-07-29T22:00", False)
