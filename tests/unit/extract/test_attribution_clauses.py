"""Per-clause sources and the noun-phrase limits of real reporting, in our own words.

Normal case and lowercased-tokenised, as the live-blog samples are.
"""

from __future__ import annotations

import pytest

from streams.extract.attribution import find_attribution
from streams.extract.claimants import claimant_id, claimant_ids
from streams.extract.tokens import tokenize
from tests.unit.extract.helpers import both_tokenised as both

from .helpers import attr, facts_of


def by_value(text: str, metric: str) -> dict[int | None, tuple[str | None, str | None]]:
    return {
        (f.best if f.best is not None else f.low if f.low is not None else f.high): (
            f.claimant.lower() if f.claimant else None,
            f.relay.lower() if f.relay else None,
        )
        for f in facts_of(text, metric)
    }


@pytest.mark.parametrize(
    "text",
    both("The district hospital said 12 people were hurt, though rescuers say at least 20 people were hurt."),
)
def test_a_contrastive_clause_has_its_own_source(text: str) -> None:
    got = by_value(text, "injured")
    assert got[12] == ("district hospital", None)
    assert got[20] == ("rescuers", None)


@pytest.mark.parametrize(
    "text",
    both("Reuters is reporting 30 dead, while the Kenya Times is reporting that 41 people died in the blast."),
)
def test_each_outlet_keeps_its_own_figure(text: str) -> None:
    got = by_value(text, "killed")
    # an outlet naming no source of its own makes the claim itself
    assert got[30] == ("reuters", None)
    assert got[41] == ("kenya times", None)


@pytest.mark.parametrize(
    "text", both("At least six people died in the fire, although some reports say up to ten died.")
)
def test_unnamed_reports_are_no_claimant(text: str) -> None:
    got = by_value(text, "killed")
    assert got[6] == (None, None)
    assert got[10] == (None, None)


@pytest.mark.parametrize(
    "text", both("Seven people were killed and 20 were hurt, while 3 are missing, the coastguard said.")
)
def test_a_source_closing_the_sentence_speaks_for_every_clause(text: str) -> None:
    assert by_value(text, "killed")[7] == ("coastguard", None)
    assert by_value(text, "missing")[3] == ("coastguard", None)


@pytest.mark.parametrize(
    "text", both("Maria Ionescu, of the county emergency hospital, said 14 wounded people had been admitted.")
)
def test_a_person_before_an_of_aside_is_the_source(text: str) -> None:
    assert by_value(text, "injured")[14][0] == "maria ionescu"


def test_a_pronoun_ends_the_phrase_before_the_verb() -> None:
    s = "the minister did not say why he said 40 soldiers had died ."
    a = find_attribution(s, tokenize(s))
    assert a is not None and a.claimant is None and a.pronoun


@pytest.mark.parametrize("text", both("The Kabul-based Afghan health monitor said 9 people were killed."))
def test_where_a_body_sits_is_no_part_of_its_name(text: str) -> None:
    assert by_value(text, "killed")[9][0] == "afghan health monitor"


def test_tokenised_possessives_do_not_use_up_the_phrase() -> None:
    s = "the head of chile ' s civil protection agency rosa al-varez has told reporters 8 died ."
    a = find_attribution(s, tokenize(s))
    assert a is not None and a.claimant is not None and a.claimant.startswith("head of chile")


def test_courtesy_titles_join_the_full_name() -> None:
    ids = claimant_ids(["foreign minister Anna-Lena Okafor", "Ms Okafor"], ["DE"])
    assert ids["Ms Okafor"] == ids["foreign minister Anna-Lena Okafor"] == "anna-lena okafor"
    low = claimant_ids(["foreign minister anna-lena okafor", "mr okafor"], [])
    assert low["mr okafor"] == "anna-lena okafor"
    assert claimant_id("the undersecretary for civil defence") != "civil defence"


@pytest.mark.parametrize(
    "text",
    both("Our correspondent says about 60 homes were flattened.")
    + both("My colleague Ana Diaz tells me 9 people were arrested."),
)
def test_the_blogs_own_staff_are_no_claimant(text: str) -> None:
    assert attr(text) == (None, None)


@pytest.mark.parametrize(
    "text", both("My colleague in Lima, Ana Diaz, says the Peruvian government has reported 4 deaths.")
)
def test_a_claimant_quoted_by_our_staff_is_the_claimant(text: str) -> None:
    assert attr(text)[0] == "peruvian government"


@pytest.mark.parametrize("text", both("The AP reports Nigerian officials as saying 31 gunmen were killed."))
def test_an_outlet_reporting_a_source_as_saying(text: str) -> None:
    assert attr(text) == ("nigerian officials", "ap")


@pytest.mark.parametrize("text", both("Police tell local media that 11 people have died."))
def test_tell_in_the_present(text: str) -> None:
    assert attr(text) == ("police", "local media")


def test_a_web_address_is_no_speech_verb() -> None:
    s = "echoing reported.ly 's doubts , state tv is reporting that 13 people died ."
    assert attr(s) == (None, "state tv")


@pytest.mark.parametrize("text", both("According to Portuguese media, police confirmed that 5 people were killed."))
def test_a_countrys_media_are_a_relay_and_the_police_claim(text: str) -> None:
    assert attr(text) == ("police", "portuguese media")


def test_outlets_named_by_their_wording() -> None:
    from streams.extract.outlets import outlet

    assert outlet("the Nairobi Times") == "Nairobi Times"
    assert outlet("the China Times") == "China Times"
    assert outlet("Mainichi Shimbun") == "Mainichi Shimbun"
    assert outlet("Ukrainian television") is None
    assert outlet("social media") is None
    assert outlet("human media") is None


def test_a_tweeting_tv_station_is_the_claimant() -> None:
    # an outlet naming no source of its own makes the claim itself
    s = "Metro TV Ghana (@metrotvghana) 12 people injured in the market fire ."
    got = facts_of(s, "injured")
    assert got and (got[0].claimant or "").lower() == "metro tv ghana" and got[0].relay is None


@pytest.mark.parametrize(
    "text",
    both("At least 9 fighters died, according to a statement from the UK-based monitoring group the Kurdish Watch."),
)
def test_a_descriptor_before_a_name_gives_the_name(text: str) -> None:
    assert attr(text)[0] == "kurdish watch"


@pytest.mark.parametrize(
    "text", both("The regional aid network said 12 were killed. The charity said 30 people were wounded.")
)
def test_the_charity_stands_for_the_body_named_before(text: str) -> None:
    assert by_value(text, "injured")[30][0] == "regional aid network"


@pytest.mark.parametrize("text", both("This is an updated toll last night police said 6 had died."))
def test_a_time_phrase_ends_the_phrase_before_the_source(text: str) -> None:
    assert attr(text)[0] == "police"


@pytest.mark.parametrize("text", both("A local cell claimed responsibility for the bombing that left 4 dead."))
def test_claiming_responsibility_claims_no_figure(text: str) -> None:
    assert all(f.claimant is None for f in facts_of(text, "killed"))


@pytest.mark.parametrize(
    "text", both("Defence chief Lena Moss is speaking now at the ministry: we have flown over 90 air strikes so far.")
)
def test_a_speaker_announced_in_the_progressive_owns_the_colon_quote(text: str) -> None:
    assert attr(text)[0] == "defence chief lena moss"


@pytest.mark.parametrize("text", both("Earlier the AP said 15 people had died, quoting officials and local radio."))
def test_a_source_cited_together_with_media_is_the_claimant(text: str) -> None:
    assert attr(text) == ("officials", "ap")


def test_there_ends_the_listener_of_told() -> None:
    s = "the port authority chief has told afp there are 6 dead ."
    assert attr(s)[1] == "afp"


def test_a_verb_before_a_closing_quote_is_still_a_verb() -> None:
    s = 'Reuters reported "shelling killed 4 people in the old town, the rights observatory said."'
    assert attr(s) == ("rights observatory", "reuters")


def test_a_missing_space_after_a_verb_is_no_web_address() -> None:
    s = "The raid left 6 dead, medics said.Fighting went on."
    assert attr(s)[0] == "medics"


@pytest.mark.parametrize(
    "text", both("Local officials placed the toll at 8 dead, while a ministry spokesman stated that only 5 had died.")
)
def test_placed_the_toll_is_a_claim_of_its_own_clause(text: str) -> None:
    got = by_value(text, "killed")
    assert got[8][0] == "local officials"
    assert got[5][0] == "ministry spokesman"


def test_urges_tags_a_quote_only_at_the_end_of_its_clause() -> None:
    assert attr("There are 4,000 foreign troops on our soil, the president urges.")[0] == "president"
    s = "The acting leader on Sunday urged both sides to free 30 prisoners."
    assert find_attribution(s, tokenize(s)) is None
