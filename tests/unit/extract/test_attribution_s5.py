"""Claimant and relay rules of the fifth session, in our own words, normal case and lowercased.

Each test pins one class of real live-blog misses: a country name read as a
speech verb, a second speech verb kept in the speaker's name, titles and bodies
the claimant ids did not know, and outlets known only by their name.
"""

from __future__ import annotations

import pytest

from streams.extract.claimants import claimant_ids
from streams.extract.outlets import outlet
from tests.unit.extract.helpers import both_tokenised as both

from .helpers import facts_of


@pytest.mark.parametrize(
    "text",
    both(
        "Those hurt included 9 Canadians, two Dutch tourists and one visitor each from Chile, Peru "
        "and the United States."
    ),
)
def test_the_united_states_states_nothing(text: str) -> None:
    found = facts_of(text, "injured")
    assert found, text
    assert all(f.claimant is None for f in found), [f.claimant for f in found]


@pytest.mark.parametrize(
    "text",
    both("Defence minister Lord Hartwell responds saying that 300 troops will stay in the region."),
)
def test_a_second_speech_verb_is_not_part_of_the_speaker(text: str) -> None:
    (f,) = facts_of(text, "troops")
    assert f.claimant is not None
    assert f.claimant.lower() == "defence minister lord hartwell"
    assert f.claimant_id == "hartwell"


def test_lord_and_chief_executive_are_titles() -> None:
    ids = claimant_ids(["defence minister lord hartwell", "lord hartwell", "hartwell"], [])
    assert set(ids.values()) == {"hartwell"}
    ids = claimant_ids(["the council's chief executive Mara Quist", "Mara Quist"], [])
    assert set(ids.values()) == {"mara quist"}


def test_a_person_after_an_authority_is_their_name() -> None:
    ids = claimant_ids(["the Port Authority director Ilse Varga", "Ilse Varga"], [])
    assert set(ids.values()) == {"ilse varga"}


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Süddeutsche Zeitung", "Süddeutsche Zeitung"),
        ("suddeutsche zeitung", "suddeutsche zeitung"),
        ("the Rheinische Zeitung", "Rheinische Zeitung"),
        ("chilevision", "chilevision"),
        ("Kathimerini", "Kathimerini"),
    ],
)
def test_outlets_known_by_name(phrase: str, name: str) -> None:
    assert outlet(phrase) == name


@pytest.mark.parametrize("phrase", ["dawn", "the punch", "nova", "the united states", "the regional zeitung office"])
def test_common_words_are_no_outlets(phrase: str) -> None:
    assert outlet(phrase) is None


@pytest.mark.parametrize("text", both("Süddeutsche Zeitung cites a police spokesman as saying four were killed."))
def test_a_paper_citing_a_source_is_the_relay(text: str) -> None:
    (f,) = facts_of(text, "killed")
    assert (f.claimant or "").lower() == "police spokesman"
    assert (f.relay or "").lower() == "süddeutsche zeitung"


# --- a speaker named before the verb, and what "he" then stands for ---


@pytest.mark.parametrize(
    "text",
    both("Mira Lund, the Danish premier, said 14 people were killed in the fire."),
)
def test_a_name_then_its_role_before_the_verb(text: str) -> None:
    (f,) = facts_of(text, "killed")
    assert (f.claimant or "").lower() == "mira lund"


@pytest.mark.parametrize(
    "text",
    both(
        "Oskar Brandt, the regional police chief, is giving a press conference in Graz. "
        "He said six people were injured in the blast."
    )
    + both("Oskar Brandt, the regional police chief, is addressing reporters. He said six people were injured.")
    + both("Police chief Oskar Brandt is speaking now in Graz. He says six people were injured.")
    + both("Oskar Brandt, a deputy police chief, described the attack as cowardly. He added six people were injured."),
)
def test_a_speaker_introduced_by_a_press_conference_is_he(text: str) -> None:
    (f,) = facts_of(text, "injured")
    assert f.claimant_id == "oskar brandt", f.claimant


@pytest.mark.parametrize(
    "text",
    both("Aid workers are giving food to 300 displaced families in the camp.")
    + both("Five people were killed in what police described as a targeted attack."),
)
def test_giving_and_described_as_name_no_speaker(text: str) -> None:
    found = facts_of(text)
    assert found, text
    assert all(f.claimant is None for f in found), [f.claimant for f in found]


def test_a_name_with_its_role_after_a_comma_is_the_person() -> None:
    ids = claimant_ids(["Mira Lund, the Danish premier", "mira lund , the danish premier", "Mira Lund"], [])
    assert set(ids.values()) == {"mira lund"}
    # a body and its description stays the body
    ids = claimant_ids(["the health ministry, the main source of figures"], [])
    assert ids["the health ministry, the main source of figures"] != ""


# --- how far a quote and a credit go on ---


@pytest.mark.parametrize(
    "text",
    [
        *both('The judge said: "This robbery was planned with care." Four officers were injured in the arrest.'),
        "the judge said : `` this robbery was planned with care . '' four officers were injured in the arrest .",
    ],
)
def test_a_quote_closed_in_its_sentence_goes_on_no_further(text: str) -> None:
    (f,) = facts_of(text, "injured")
    assert f.claimant is None


@pytest.mark.parametrize(
    "text",
    [
        *both('The mayor said: "We have lost many. Four people were injured in the blast."'),
        "the mayor said : `` we have lost many . four people were injured in the blast . ''",
    ],
)
def test_a_quote_open_at_its_sentence_end_goes_on(text: str) -> None:
    (f,) = facts_of(text, "injured")
    assert (f.claimant or "").lower() == "mayor"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *(
            (t, ("police", "reuters"))
            for t in both("Reuters has a bit more on the search. At least 10 were killed, police said.")
        ),
        # an outlet naming no source of its own makes the claim itself
        *((t, ("ap", None)) for t in both("The AP has more on the flooding. Eleven people were killed in the valley.")),
        ("The mayor has more on the search. Eleven people were killed in the valley.", (None, None)),
        ("Reuters has more than 20 staff in the city. Eleven people were killed in the valley.", (None, None)),
    ],
)
def test_an_outlet_credited_for_what_follows(text: str, expected: tuple[str | None, str | None]) -> None:
    (f,) = facts_of(text, "killed")
    assert (f.claimant.lower() if f.claimant else None, f.relay.lower() if f.relay else None) == expected


@pytest.mark.parametrize("text", both("Ruritania has apparently declared a day of mourning for the 27 people killed."))
def test_an_adverb_is_no_source(text: str) -> None:
    (f,) = facts_of(text, "killed")
    assert f.claimant is None


# --- a parenthesis after a source's name, and the figure an outlet passes on ---


@pytest.mark.parametrize(
    "text",
    both("The Ruritanian news agency (RNA) said 27 people were killed in the blast.")
    + both("The Ruritanian news agency (RNA) has reported that 27 people were killed in the blast."),
)
def test_a_parenthesis_after_the_name_is_left_out(text: str) -> None:
    (f,) = facts_of(text, "killed")
    # an outlet naming no source of its own makes the claim itself
    assert ((f.claimant or "").lower(), f.relay) == ("ruritanian news agency", None)


@pytest.mark.parametrize(
    "text",
    both("The Ruritanian news agency (RNA) has reported an updated toll from the health ministry: 27 killed."),
)
def test_an_outlet_passing_on_a_toll_from_a_source(text: str) -> None:
    (f,) = facts_of(text, "killed")
    assert (f.claimant or "").lower() == "health ministry"
    assert (f.relay or "").lower() == "ruritanian news agency"


@pytest.mark.parametrize("text", both("The ministry reported a toll from the storm of 27 dead."))
def test_a_toll_from_an_event_is_no_source(text: str) -> None:
    (f,) = facts_of(text, "killed")
    assert (f.claimant or "").lower() == "ministry"


# --- people named beside their role, and what a document stands for ---


@pytest.mark.parametrize(
    "text",
    both("A special adviser to the Ruritanian president, Ilse Varga-Horn, said 20 people had been killed."),
)
def test_an_adviser_to_someone_is_the_adviser(text: str) -> None:
    (f,) = facts_of(text, "killed")
    assert f.claimant_id == "ilse varga-horn", f.claimant
    assert "adviser" in (f.claimant or "").lower()


@pytest.mark.parametrize(
    "text",
    both("Oskar Brandt, a spokesman for the interior ministry said 50 police officers were injured."),
)
def test_a_name_then_its_role_without_the_closing_comma(text: str) -> None:
    (f,) = facts_of(text, "injured")
    assert f.claimant_id == "oskar brandt", f.claimant


@pytest.mark.parametrize(
    "text",
    both("North Kivu, a spokesman for the governor said 50 people were injured.")
    + both("Earlier, a spokesman for the ministry said 50 people were injured."),
)
def test_a_place_or_a_time_before_the_role_is_no_name(text: str) -> None:
    (f,) = facts_of(text, "injured")
    assert "," not in (f.claimant or ""), f.claimant
    assert (f.claimant or "").lower().startswith("spokesman for the")


@pytest.mark.parametrize(
    "text",
    both("At least 60 people drowned, according to survivors' accounts, the AFP news agency reports."),
)
def test_accounts_stand_for_whose_they_are(text: str) -> None:
    (f,) = facts_of(text, "killed")
    assert ((f.claimant or "").lower(), (f.relay or "").lower()) == ("survivors", "afp")


@pytest.mark.parametrize("text", both('AC Hale: "Forty people were reported missing by their families last year."'))
def test_a_police_rank_before_a_colon_is_the_speaker(text: str) -> None:
    (f,) = facts_of(text, "missing")
    assert f.claimant_id == "hale", f.claimant


@pytest.mark.parametrize(
    "text",
    both("A rebel group fighting in the Republic of Ruritania (ROR) accused the army of killing eight civilians."),
)
def test_a_place_before_a_parenthesis_is_no_source(text: str) -> None:
    (f,) = facts_of(text, "killed")
    assert "ruritania" not in (f.claimant or "").lower()
