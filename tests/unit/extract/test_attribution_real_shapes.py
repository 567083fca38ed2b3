"""Attribution shapes seen in real live blogs, in our own words, lowercased and in normal case."""

from __future__ import annotations

import pytest

from streams.extract.attribution import find_attribution
from streams.extract.tokens import tokenize
from tests.unit.extract.helpers import both


def attr(s: str) -> tuple[str | None, str | None, bool] | None:
    a = find_attribution(s, tokenize(s))
    return None if a is None else (a.claimant, a.relay, a.pronoun)


@pytest.mark.parametrize(
    "text",
    [
        *both("This takes the estimated number of dead to more than 60."),
        *both("Reports are now arriving that 12 people died in the north."),
        *both("The spokesman, quoting a local paper, said three other men were detained."),
        *both("Around a dozen people were reported to be hurt."),
        *both("There are unverified reports that 40 people died."),
        *both("Many bodies were found amid reports that the hospital was full of 20 wounded."),
    ],
)
def test_fragments_are_no_claimant(text: str) -> None:
    got = attr(text)
    assert got is None or got[0] is None or got[0].lower() in ("spokesman",)


@pytest.mark.parametrize("text", both("A local reporter cited rescuers for the toll of 9."))
def test_cited_source_stops_before_for(text: str) -> None:
    assert attr(text)[0].lower() == "rescuers"  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        *[
            (t, "un's office for the coordination of humanitarian affairs")
            for t in both(
                "According to data from the UN's office for the coordination of humanitarian affairs, 300 died."
            )
        ],
        *[(t, "jane doe") for t in both("Four died, according to an unverified tweet by Jane Doe, a reporter.")],
        *[(t, "israeli army") for t in both("The Israeli army has issued a statement saying two soldiers died.")],
        *[(t, "un") for t in both("The UN now puts the number of displaced people at 9,000.")],
        *[
            (t, "interior office of the presidency")
            for t in both("In all 70 people died, according to the interior office of the presidency.")
        ],
    ],
)
def test_document_gives_its_source(text: str, claimant: str) -> None:
    assert attr(text)[0].lower().replace(" 's", "'s") == claimant  # type: ignore[index]


@pytest.mark.parametrize(
    "text", both("Its Telegram account said 300 bodies were found.") + both("The report said 4,000 had died.")
)
def test_document_alone_stands_for_the_source_before(text: str) -> None:
    assert attr(text) == (None, None, True)


@pytest.mark.parametrize("text", both("According to a Le Monde report, six were hurt."))
def test_outlet_report_is_a_relay(text: str) -> None:
    got = attr(text)
    assert got is not None and got[0] is None and (got[1] or "").lower() == "le monde"


@pytest.mark.parametrize("text", both("According to a police spokesman quoted by AFP, 8 strikes hit the town."))
def test_quoted_by_ends_the_claimant(text: str) -> None:
    got = attr(text)
    assert got is not None and (got[0] or "").lower() == "police spokesman" and (got[1] or "").lower() == "afp"


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("another official , sami rahim , said at least 6 people were killed .", "sami rahim"),
        ("the health minister , lena berg , said 30 people died .", "health minister lena berg"),
        (
            "a spokesman for the city police , omar lale , has told the bbc 5 died .",
            "spokesman for the city police omar lale",
        ),
        ("the official , confirming a report by a local agency , said 4 were held .", "official"),
    ],
)
def test_lowercase_appositions(text: str, claimant: str) -> None:
    assert attr(text)[0] == claimant  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "claimant", "relay"),
    [
        ("sara lind ( @ saralind ) 7 dead after the blast in the square", "sara lind", None),
        ("Sara Lind (@SaraLind) 7 dead after the blast in the square", "Sara Lind", None),
        ("a grim day rt unhcr ( @ unhcr ) 9,000 displaced in the camps", "unhcr", None),
        ("city news ( @ citynews ) 14 killed as bomb hits market", None, "city news"),
        (
            "city news ( @ citynews ) # region health ministry : # death toll reaches 40",
            "region health ministry",
            "city news",
        ),
        ("bob marsh ( @ bobmarsh ) sr @ someone military officer says they see 500 troops", "military officer", None),
    ],
)
def test_embedded_tweets(text: str, claimant: str | None, relay: str | None) -> None:
    got = attr(text)
    assert got is not None and got[0] == claimant and got[1] == relay


@pytest.mark.parametrize("text", both("9 civilians hurt in market attack: health officials"))
def test_closing_colon_source(text: str) -> None:
    assert (attr(text)[0] or "").lower() == "health officials"  # type: ignore[index]


@pytest.mark.parametrize("text", both("Update: 12 injured, three seriously") + both("Breaking: 5 dead"))
def test_colon_without_a_role_is_no_source(text: str) -> None:
    assert attr(text) is None


@pytest.mark.parametrize("text", both("/x/agency photos leeuw said 31 people were killed."))
def test_photo_credit_is_dropped(text: str) -> None:
    got = attr(text)
    assert got is not None and got[0] is not None and "/" not in got[0]


@pytest.mark.parametrize("text", both("It said 70 of those killed were fighters."))
def test_pronoun_still_a_pronoun(text: str) -> None:
    assert attr(text) == (None, None, True)
