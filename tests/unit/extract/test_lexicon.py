"""One vocabulary, one place: every stage's trigger words pass the sentence prefilter.

The prefilter (``extractor._triggers``) skips a sentence with no digit and no
trigger word before it is even tokenised. It is built from the stages' word
lists in the lexicon; these tests read each stage's words where the stage
reads them, so a word added to a stage but missing from the prefilter (one
typed separately, say) fails here by name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from schemas.facts import entry_text
from streams.extract import attribution, context, implicit, numbers
from streams.extract import extractor as ex
from streams.extract import lexicon as lx
from streams.extract.evaluate import load_corpus
from streams.extract.tokens import tokenize

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "extraction.jsonl"

#: A sentence of its own for one word: no digit, and nothing else in it triggers.
FRAME = "Officials mentioned {} yesterday."


def _stage_words() -> list[tuple[str, str]]:
    """(stage, word) for every trigger word of every stage, read where the stage reads it."""
    stages: dict[str, frozenset[str]] = {
        **{f"lexicon: {name}": ws for name, ws in lx.STAGE_TRIGGERS.items()},
        "numbers: NUMBER_WORDS": numbers.NUMBER_WORDS,
        "numbers: VAGUE": frozenset(numbers.VAGUE),
        "strike context: find_strike's gate": context.STRIKE_TRIGGERS,
        "strike context: strike nouns": lx.STRIKE_NOUNS,
        "strike context: hitting verbs": lx.STRIKE_VERBS | lx.HIT_VERBS | lx.ATTACK_VERBS,
        "strike context: falls and drops": lx.FELL_VERBS | lx.DROP_VERBS,
        "zeros and ones: zero words": lx.ZERO_WORDS,
        "zeros and ones: single air objects": frozenset(implicit._AIR_SINGULAR),
        "zeros and ones: single persons": lx.PERSON_SINGULAR,
        "it downed: downing cues": lx.DOWNED_CUES,
    }
    return sorted((stage, w) for stage, ws in stages.items() for w in ws)


STAGE_WORDS = _stage_words()
SAY_WORDS = sorted(attribution.SAY_VERBS | attribution._ATTRIBUTION_WORDS)


def test_the_frame_alone_does_not_pass() -> None:
    assert ex._triggers(FRAME.format("nothing").lower()) == (False, False)


@pytest.mark.parametrize(("stage", "word"), STAGE_WORDS)
def test_every_trigger_word_passes_the_prefilter(stage: str, word: str) -> None:
    sentence = FRAME.format(word)
    assert not re.search(r"\d", sentence)
    assert ex._triggers(sentence.lower())[0], f"{stage}: {word!r} is a trigger the prefilter does not let through"


@pytest.mark.parametrize("word", SAY_WORDS)
def test_every_speech_verb_reaches_the_attribution_stage(word: str) -> None:
    assert ex._triggers(FRAME.format(word).lower())[1], f"speech verb {word!r} is missed by the prefilter"


@pytest.mark.parametrize(("stage", "word"), STAGE_WORDS)
def test_every_trigger_word_is_one_token_the_set_test_can_see(stage: str, word: str) -> None:
    """The tokenizer splits at hyphens and digits: "passer-by" could never match a token."""
    assert [t.low for t in tokenize(word)] == [word], f"{stage}: {word!r} is not one token"
    assert re.fullmatch(r"[a-z]+", word), f"{stage}: {word!r} is not a plain lowercase word"


def test_the_prefilter_is_the_union_of_the_stages() -> None:
    assert frozenset().union(*lx.STAGE_TRIGGERS.values()) == ex._TRIGGER_WORDS
    assert context.STRIKE_TRIGGERS <= ex._TRIGGER_WORDS


def test_hitting_verbs_nest_and_leave_the_counted_noun_alone() -> None:
    assert lx.ATTACK_VERBS <= lx.HIT_VERBS <= lx.STRIKE_VERBS
    assert "strikes" not in lx.HIT_VERBS  # "12 strikes" is a count; the subject must not stop at it
    assert lx.STRIKE_NOUNS.isdisjoint(lx.HIT_VERBS)


_NUMBER_CANDIDATES = sorted(
    w
    for w in numbers._STARTERS | numbers._CORE_WORDS | numbers._AFTER_ARTICLE | lx.NUMBER_EXTRA
    if re.fullmatch(r"[a-z]+", w)
)


@pytest.mark.parametrize("word", _NUMBER_CANDIDATES)
def test_every_word_that_begins_a_number_passes_the_prefilter(word: str) -> None:
    """Behaviour, not lists: whenever numbers.py reads a number with no digit, the prefilter agrees."""
    for sentence in (f"Officials counted {word} people.", f"Officials counted a {word} people."):
        if numbers.find_numbers(tokenize(sentence)):
            assert ex._triggers(sentence.lower())[0], f"{sentence!r} has a number the prefilter skips"


@pytest.mark.parametrize(
    "text",
    [
        "Russian drones pounded Kharkiv overnight.",
        "Russian drones targeted Odesa port.",
        "The rebels fired a cruise missile at Eilat. It was intercepted over the sea.",
        "A drone crashed into a warehouse in Sumy.",
        "A Russian drone dropped explosives on a bus stop in Kherson.",
        "Nobody was hurt when debris fell on a house in Kyiv.",
        "Tens of thousands fled the shelling, officials announced.",
    ],
)
def test_the_prefilter_never_changes_the_facts_of_a_sentence(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    filtered = ex.extract_text(text)
    monkeypatch.setattr(ex, "_triggers", lambda low: (True, True))
    assert ex.extract_text(text) == filtered


def test_the_prefilter_never_changes_the_facts_of_the_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [entry_text(e["title"], e["body"]) for e in load_corpus(CORPUS)]
    filtered = [ex.extract_text(t) for t in texts]
    monkeypatch.setattr(ex, "_triggers", lambda low: (True, True))
    unfiltered = [ex.extract_text(t) for t in texts]
    changed = [t[:80] for t, a, b in zip(texts, filtered, unfiltered, strict=True) if a != b]
    assert not changed
