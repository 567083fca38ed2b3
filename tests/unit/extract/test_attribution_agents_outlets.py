"""Sources given by a passive agent, a "more now from" credit, and outlets named around a descriptor.

Each text is our own, in normal case and lowercased and tokenised as the live-blog corpus is.
"""

from __future__ import annotations

import pytest

from streams.extract.evaluate import same_relay
from streams.extract.outlets import outlet, outlet_id

from .helpers import facts_of, one
from .test_attribution_live_blogs import both, who


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("the Lakeside Herald newspaper", "Lakeside Herald"),
        ("Morgen Blatt newspaper", "Morgen Blatt"),
        ("state broadcaster Radio Vesna", "Radio Vesna"),
        ("the Harbour news agency in Portvale", "Harbour news agency"),
        ("the Harbour news agency (HNA)", "Harbour news agency"),
        ("Yonhap news agency in Seoul", "Yonhap"),
        ("a BBC translation", "BBC"),
        ("Chinese state TV", "Chinese state TV"),
    ],
)
def test_outlet_named_around_its_descriptor(phrase: str, name: str) -> None:
    assert outlet(phrase) == name
    assert outlet(phrase.lower()) == name.lower()


@pytest.mark.parametrize("phrase", ["the local newspaper", "a British newspaper", "the newspaper", "the news agency"])
def test_a_descriptor_alone_names_no_paper(phrase: str) -> None:
    assert outlet(phrase) is None


def test_outlet_ids_join_wordings_of_one_outlet_only() -> None:
    assert outlet_id("the Kyodo news agency") == outlet_id("Kyodo") == "kyodo"
    assert outlet_id("Miami Herald newspaper") == outlet_id("the miami herald")
    assert outlet_id("Kyodo") != outlet_id("Yonhap")
    assert outlet_id("Chinese state TV") != outlet_id("state TV")
    assert same_relay("Kyodo", "kyodo news")
    assert not same_relay("Kyodo", "yonhap news agency")
    assert not same_relay(None, "kyodo")
    assert not same_relay("Kyodo", None)
    assert same_relay(None, None)


@pytest.mark.parametrize("text", both("Public broadcaster Radio Vesna reports 12 confirmed deaths in the valley."))
def test_an_outlet_ending_in_news_word_reports_a_figure(text: str) -> None:
    # an outlet naming no source of its own makes the claim itself
    assert who(text) == ("radio vesna", None)


@pytest.mark.parametrize(
    "text",
    both("Harbour TV news reports 12 confirmed deaths in the valley. Unconfirmed news reports say more died."),
)
def test_news_reports_as_a_verb_after_an_outlet_and_as_a_noun_after_an_adjective(text: str) -> None:
    # an outlet naming no source of its own makes the claim itself
    assert who(text) == ("harbour tv news", None)


@pytest.mark.parametrize("text", both("There are so far no reports of deaths after the tremor on Sunday."))
def test_no_reports_of_deaths_has_no_claimant(text: str) -> None:
    f = one(text, "killed")
    assert (f.best, f.claimant) == (0, None)


@pytest.mark.parametrize(
    "text",
    both("The plan of 40,000 allied ground troops suggested by the defence secretary is not realistic, she says."),
)
def test_a_passive_speech_verb_gives_its_agent_as_claimant(text: str) -> None:
    assert who(text, "troops")[0] == "defence secretary"


@pytest.mark.parametrize("text", both("At least 40 people were killed by the army in the raid, she said."))
def test_a_killing_agent_is_no_claimant(text: str) -> None:
    assert who(text)[0] != "army"


@pytest.mark.parametrize(
    "text",
    both(
        "A little more now from Marta Kovacs, the border agency's deputy head. "
        "She says three guards were hurt when the fence was pushed over."
    ),
)
def test_more_now_from_a_person_is_what_she_stands_for(text: str) -> None:
    f = one(text, "injured")
    assert (f.best, (f.claimant or "").lower()) == (3, "marta kovacs")


def test_facts_helper_sees_the_passive_agent_sentence() -> None:
    assert facts_of("The 30 arrests announced by police on Sunday were all in the north.", "arrested")


# --- embedded tweets whose handle is split or spells nothing of the name ---


def test_a_handle_split_by_tokenising_is_still_a_tweet() -> None:
    text = "valley radio news ( @ valley radio ) # alert : 4 to 6 people feared dead in the flood , says ana pereira ."
    f = one(text, "killed")
    assert ((f.claimant or "").lower(), (f.relay or "").lower()) == ("ana pereira", "valley radio news")


@pytest.mark.parametrize(
    "text",
    both("The relief office says the count is final. Relief Desk (@rlfhq) 210 people evacuated from the school."),
)
def test_an_author_the_handle_does_not_spell_who_opens_the_sentence(text: str) -> None:
    assert who(text, "displaced")[0] == "relief desk"


@pytest.mark.parametrize(
    "text",
    both(
        "Relief Desk (@rlfhq) sirens heard in the old town tonight. "
        "Later strikes near the port killed at least three, officials said."
    ),
)
def test_an_unspelled_tweet_does_not_run_into_the_next_sentence(text: str) -> None:
    assert who(text)[0] == "officials"
    prose = both("Relief Desk (@rlfhq) sirens heard in the old town. Strikes near the port killed at least three.")
    for t in prose:
        assert who(t)[0] is None


# --- a quote opened by a colon goes on until a sentence names its own source ---


@pytest.mark.parametrize(
    "text",
    both(
        "Here is the statement from Northvale police about the search: we are searching a flat in the east. "
        "A man was arrested there this morning. In total 9 people have been arrested."
    ),
)
def test_a_statement_from_a_body_speaks_for_the_sentences_after_its_colon(text: str) -> None:
    got = {f.best: (f.claimant or "").lower() for f in facts_of(text, "arrested")}
    assert got == {1: "northvale police", 9: "northvale police"}


@pytest.mark.parametrize(
    "text",
    both(
        "Senator Ruiz said: the war was a grave error. It is clear now. "
        "That error resulted in the deaths of 300 soldiers. Separately, the ministry said 4 were killed in a raid."
    ),
)
def test_a_colon_quote_ends_where_a_sentence_names_its_own_source(text: str) -> None:
    got = {f.best: (f.claimant or "").lower() for f in facts_of(text, "killed")}
    assert got == {300: "senator ruiz", 4: "ministry"}


@pytest.mark.parametrize(
    "text",
    [
        *both("Two guards were hurt, the Lakeside Herald reports: both are in hospital. A fall killed 3 people there."),
        *both("Harbour ministry: 12 dead in the strike. Later 3 people were killed in a second strike."),
        *both("Our reporter Jo Lane writes from the port: the ministry said 5 died. A 2010 storm killed 3 people."),
    ],
)
def test_no_block_after_a_closing_source_a_bare_colon_source_or_a_quote_with_its_own_source(text: str) -> None:
    last = next(f for f in facts_of(text, "killed") if f.best == 3)
    assert last.claimant is None and last.relay is None


# --- speech verbs and the phrases before them ---


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        *[
            (t, "lakeland health ministry")
            for t in both("The Lakeland health ministry has just announced that 6 died.")
        ],
        *[(t, "mayor ortiz") for t in both("Mayor Ortiz has repeatedly said that 9 were killed in the fire.")],
        *[(t, "harbour police") for t in both("Harbour police have issued a statement confirming 4 people died.")],
        *[(t, "rights commission") for t in both("The rights commission has accused the army of killing 47 people.")],
        *[
            (t, "regional government")
            for t in both("The regional government has declared the end of the outbreak, which killed 33 people.")
        ],
    ],
)
def test_speech_verbs_and_the_adverbs_before_them(text: str, claimant: str) -> None:
    assert who(text)[0] == claimant


@pytest.mark.parametrize(
    "text",
    [
        *both("Forty people reported missing by relatives are still not found."),
        *both("The 13 men accused of the bombings that killed 76 people were in court."),
        *both("The official, confirming a report by a local radio, said 4 people were killed."),
    ],
)
def test_participles_are_no_speakers(text: str) -> None:
    claimants = {(f.claimant or "").lower() for f in facts_of(text)}
    assert not claimants & {"people", "men", "relatives", "local radio"}


def test_lowercased_the_who_is_the_organisation() -> None:
    f = one("reuters reports : the who said 2,917 people had died by the end of the week .", "killed")
    assert ((f.claimant or "").lower(), (f.relay or "").lower()) == ("who", "reuters")
    assert one("the man who said 4 were killed was arrested .", "killed").claimant is None


@pytest.mark.parametrize(
    ("text", "best", "claimant"),
    [
        ("He said 35 died (fewer than a provisional figure given by the city council) and 7 were hurt.", 35, None),
        (
            "The chief disputes a figure released by aid groups that 1.7 million people have fled their homes.",
            None,
            "aid groups",
        ),
    ],
)
def test_a_given_by_agent_needs_a_count_beside_it(text: str, best: int | None, claimant: str | None) -> None:
    f = next(f for f in facts_of(text) if best is None or f.best == best)
    assert (f.claimant or "").lower() != "city council"
    if claimant is not None:
        assert (f.claimant or "").lower() == claimant


@pytest.mark.parametrize(
    "text", both("There are differing reports about the injured: Harbour TV is saying 3 have died.")
)
def test_differing_reports_is_a_noun(text: str) -> None:
    # an outlet naming no source of its own makes the claim itself
    assert who(text) == ("harbour tv", None)


def test_a_colon_quote_in_quote_marks_goes_on() -> None:
    text = (
        "the home office has given us more details . a spokeswoman said : `` officers were called to the depot . "
        "`` police officers arrested five men on suspicion of illegal entry . ''"
    )
    assert (one(text, "arrested").claimant or "").lower() == "spokeswoman"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("news agency AFP", "Agence France-Presse"),
        ("the Associated Press", "AP"),
        ("the Daily Trust newspaper", "daily trust"),
    ],
)
def test_one_outlet_by_its_full_and_short_names(a: str, b: str) -> None:
    assert outlet_id(a) == outlet_id(b)


def test_daily_opens_a_papers_name_but_not_a_document() -> None:
    assert outlet("the Daily Courier") == "Daily Courier"
    assert outlet("the daily update") is None


# --- an outlet's report opened by a colon: its relay goes on ---


@pytest.mark.parametrize(
    "text",
    both(
        "This from Reuters: shelling killed 12 people in the town, the regional governor said. "
        "Another 5 people were killed in the next village, the mayor said."
    ),
)
def test_this_from_an_outlet_relays_the_sentences_after_it(text: str) -> None:
    got = {f.best: ((f.claimant or "").lower(), (f.relay or "").lower()) for f in facts_of(text, "killed")}
    assert got == {12: ("regional governor", "reuters"), 5: ("mayor", "reuters")}


@pytest.mark.parametrize(
    "text",
    both(
        "AP has the latest from the port town: police are searching two houses. "
        "A police spokesman says the blast killed at least 9 people."
    ),
)
def test_an_outlet_that_has_the_latest_relays_what_follows(text: str) -> None:
    assert who(text) == ("police spokesman", "ap")


@pytest.mark.parametrize(
    "text", both("This from our reporter: the ferry is late. Later 3 people were killed in a crash.")
)
def test_a_credit_needs_an_outlet(text: str) -> None:
    assert who(text) == (None, None)


@pytest.mark.parametrize(
    "text",
    both(
        "Harbour TV now reports at least 13 killed and 26 wounded, though the second number may count "
        "four whom paramedics found lifeless."
    ),
)
def test_a_source_inside_the_later_clause_does_not_reach_back_into_a_sourced_first_clause(text: str) -> None:
    # an outlet naming no source of its own makes the claim itself
    assert who(text, "injured") == ("harbour tv", None)


@pytest.mark.parametrize("text", both("At least 15 were killed in the blast, while 3 were hurt, police said."))
def test_a_closing_source_still_speaks_for_an_unsourced_first_clause(text: str) -> None:
    assert who(text)[0] == "police"


@pytest.mark.parametrize("text", both("Harbour TV says 3 have died, while others are reporting two deaths."))
def test_others_name_no_claimant(text: str) -> None:
    # Harbour TV, naming no source of its own, claims its 3; "others" name no claimant for the 2
    got = {f.best: ((f.claimant or "").lower() or None, f.relay) for f in facts_of(text, "killed")}
    assert got == {3: ("harbour tv", None), 2: (None, None)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an outlet naming no source of its own makes the claim itself
        *[(t, ("aap", None)) for t in both("Two walkers are missing in the hills, AAP reports.")],
        *[
            (t, ("security source at the gate", None))
            for t in both("A security source at the gate said 2 guards were killed.")
        ],
    ],
)
def test_more_agencies_and_a_source_at_a_place(text: str, expected: tuple[str | None, str | None]) -> None:
    f = facts_of(text)[0]
    assert ((f.claimant or "").lower() or None, (f.relay or "").lower() or None) == expected


@pytest.mark.parametrize(
    "phrase", ["", "the", "a", "The", "the newspaper", "daily", "the daily", "news", "( x )", "in"]
)
def test_outlet_of_a_fragment_is_none_or_a_name_and_never_raises(phrase: str) -> None:
    got = outlet(phrase)
    assert got is None or got.strip()
    assert outlet_id(phrase) is None or isinstance(outlet_id(phrase), str)


def test_a_sentence_said_on_the_is_no_crash() -> None:
    assert facts_of("The minister said on the 5 people were killed.", "killed")
