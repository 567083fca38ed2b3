"""The context of a strike: is there one in this sentence, and with what weapon,
on what target, by whom.

A strike is reported by a strike noun ("a guided-bomb strike on Kharkiv",
"a drone attack on the region of Kursk", "shelling") or a hitting verb
("a drone fell on an oil depot", "Russia struck Kyiv"). Hypothetical
strikes ("threatened to strike"), other senses ("hunger strike", "went on
strike", "strike rate", "the team pounded their rivals") and air defence
alone ("repelled a drone attack") are not strikes; nor is a strike with no weapon and no
actor in a sentence of sport, labour or politics (:mod:`streams.extract.senses`). The words
themselves live in :mod:`streams.extract.lexicon`, where the sentence prefilter is built from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from streams.extract import lexicon as lx
from streams.extract.senses import senses_of
from streams.extract.strike_topics import launched_strike, of_past_war, policing, topic_before, walkout_sentence
from streams.extract.tokens import Token
from streams.extract.walkouts import follows_walker, in_dispute

#: The five weapon values (incident keys include the weapon, so every wording maps to one of them).
DRONE, MISSILE, GUIDED_BOMB, AIR_STRIKE, ARTILLERY = "drone", "missile", "guided bomb", "air strike", "artillery"

WEAPONS: dict[str, str] = {
    "drone": DRONE, "drones": DRONE, "uav": DRONE, "uavs": DRONE, "shahed": DRONE, "shaheds": DRONE,
    "geran": DRONE, "gerans": DRONE, "kamikaze": DRONE, "quadcopter": DRONE, "quadcopters": DRONE,
    "lancet": DRONE, "fpv": DRONE,
    "missile": MISSILE, "missiles": MISSILE, "iskander": MISSILE, "iskanders": MISSILE, "kinzhal": MISSILE,
    "kinzhals": MISSILE, "kalibr": MISSILE, "kalibrs": MISSILE, "ballistic": MISSILE, "cruise": MISSILE,
    "atacms": MISSILE, "tochka": MISSILE, "oreshnik": MISSILE, "rocket": MISSILE, "rockets": MISSILE,
    "artillery": ARTILLERY, "shelling": ARTILLERY, "shelled": ARTILLERY, "shells": ARTILLERY,
    "shell": ARTILLERY, "mortar": ARTILLERY, "mortars": ARTILLERY, "howitzer": ARTILLERY,
    "howitzers": ARTILLERY, "shellings": ARTILLERY, "grad": ARTILLERY, "grads": ARTILLERY,
    "mlrs": ARTILLERY, "himars": ARTILLERY, "uragan": ARTILLERY, "smerch": ARTILLERY,
    "tornado": ARTILLERY, "bombardment": ARTILLERY,
    "airstrike": AIR_STRIKE, "airstrikes": AIR_STRIKE, "warplane": AIR_STRIKE, "warplanes": AIR_STRIKE,
    "bomb": GUIDED_BOMB, "bombs": GUIDED_BOMB, "kab": GUIDED_BOMB, "kabs": GUIDED_BOMB,
}  # fmt: skip
#: Two-word names, by their two lowercase tokens (a hyphen between them is skipped).
_TWO_WORD_WEAPONS: dict[tuple[str, str], str] = {
    ("guided", "bomb"): GUIDED_BOMB, ("guided", "bombs"): GUIDED_BOMB, ("glide", "bomb"): GUIDED_BOMB,
    ("glide", "bombs"): GUIDED_BOMB, ("aerial", "bomb"): GUIDED_BOMB, ("aerial", "bombs"): GUIDED_BOMB,
    ("guided", "aerial"): GUIDED_BOMB, ("air", "strike"): AIR_STRIKE, ("air", "strikes"): AIR_STRIKE,
    ("air", "raid"): AIR_STRIKE, ("air", "raids"): AIR_STRIKE, ("aerial", "bombardment"): AIR_STRIKE,
    ("aerial", "attack"): AIR_STRIKE,
    ("artillery", "fire"): ARTILLERY, ("rocket", "launcher"): ARTILLERY, ("rocket", "launchers"): ARTILLERY,
    ("storm", "shadow"): MISSILE, ("kh", "101"): MISSILE, ("kh", "22"): MISSILE, ("kh", "59"): MISSILE,
    ("kh", "555"): MISSILE, ("s", "300"): MISSILE, ("tank", "fire"): ARTILLERY,
}  # fmt: skip
#: A bare "attack" or "bombing" on a place, with no weapon and no side named, is as often a terror
#: attack, a knife attack or a verbal one ("his attacks on migrants") as a strike: not enough alone.
_PLACE_ONLY_NOT_ENOUGH = frozenset({"attack", "attacks", "bombing", "bombings"})
#: "the bombing of the city" says no more than that: no weapon unless the text names one.
_WEAPONLESS_NOUNS = frozenset({"bombing", "bombings", "bombed"})

_TARGET_PHRASES = [
    "oil depot", "fuel depot", "oil refinery", "refinery", "residential building", "apartment building",
    "apartment block", "residential area", "high-rise", "private house", "private houses",
    "energy facility", "energy infrastructure", "power plant", "power station", "thermal power plant",
    "substation", "gas facility", "port", "port infrastructure", "grain terminal", "railway station",
    "train station", "railway infrastructure", "hospital", "school", "kindergarten", "university",
    "shopping centre", "shopping center", "shopping mall", "supermarket", "market", "church", "airfield",
    "air base", "airbase", "airport", "military base", "ammunition depot", "arms depot", "warehouse",
    "factory", "plant", "enterprise", "industrial facility", "industrial enterprise",
    "infrastructure facility", "critical infrastructure", "hotel", "office building",
    "administrative building", "bridge", "dam", "oil terminal", "fuel storage", "gas station",
    "petrol station", "residential buildings", "apartment buildings", "houses", "homes", "house", "home",
    "civilian infrastructure", "infrastructure", "cafe", "restaurant", "bus", "train", "car", "playground",
    "hostel", "dormitory", "clinic", "post office", "bakery", "pharmacy", "business centre", "store",
    "shop", "stadium", "oil facility", "fuel facility", "ammunition dump", "command post", "barracks",
    "headquarters", "nuclear power plant", "water supply", "pumping station", "boiler house",
]  # fmt: skip
#: Targets, longest phrases first; the written form is kept.
_TARGETS: tuple[tuple[str, ...], ...] = tuple(
    sorted((tuple(p.split()) for p in _TARGET_PHRASES), key=lambda p: -len(p))
)
_TARGET_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _p in _TARGETS:
    _TARGET_FIRST.setdefault(_p[0], []).append(_p)

_ACTORS: dict[str, str] = {
    "russian": "Russia", "russia": "Russia", "russia's": "Russia", "ukrainian": "Ukraine",
    "ukraine": "Ukraine", "ukraine's": "Ukraine", "israeli": "Israel", "israel": "Israel",
    "idf": "Israel", "iranian": "Iran", "iran": "Iran", "hezbollah": "Hezbollah", "hamas": "Hamas",
    "houthi": "Houthis", "houthis": "Houthis", "belarusian": "Belarus", "kremlin": "Russia",
    "moscow": "Russia", "kyiv": "Ukraine",
}  # fmt: skip
_ACTOR_VERB_ONLY = frozenset({"moscow", "kyiv", "kremlin"})


#: Without one of these words a sentence holds no strike; the extractor's prefilter includes them all.
STRIKE_TRIGGERS = lx.STRIKE_TRIGGERS


@dataclass(slots=True)
class StrikeContext:
    """A strike event in one sentence: the span of its wording and its context."""

    start: int
    end: int
    weapon: str | None
    target: str | None
    actor: str | None
    tok_i: int


def weapon_at(toks: list[Token], k: int) -> tuple[str | None, int]:
    """The weapon named at ``toks[k]`` and the first token index it covers."""
    low = toks[k].low
    if k >= 1:
        two = _TWO_WORD_WEAPONS.get((toks[k - 1].low, low))
        if two is not None:
            return two, k - 1
        if k >= 2 and toks[k - 1].text == "-" and (toks[k - 2].low, low) in _TWO_WORD_WEAPONS:
            return _TWO_WORD_WEAPONS[(toks[k - 2].low, low)], k - 2
    if low in ("strike", "strikes", "attack", "attacks", "raid", "raids"):
        return None, k
    w = WEAPONS.get(low)
    if w is not None and k >= 1 and toks[k - 1].low in WEAPONS:
        return WEAPONS[toks[k - 1].low], k - 1  # "Grad rockets": the system names the weapon, not the noun
    return w, k


def find_strike(toks: list[Token]) -> StrikeContext | None:
    """The first real strike event in a sentence, with its weapon, target and actor."""
    n = len(toks)
    lows = [t.low for t in toks]
    if STRIKE_TRIGGERS.isdisjoint(lows):
        return None  # no strike noun or hitting verb: nothing to look at
    if of_past_war(lows):
        return None  # "a raid of the Second World War", "remembering the WW2 bombing": history
    intercept = not lx.INTERCEPT_WORDS.isdisjoint(lows)
    damage = not lx.DAMAGE_WORDS.isdisjoint(lows)
    everyday: bool | None = None
    for k, t in enumerate(toks):
        low = t.low
        is_noun = low in lx.STRIKE_NOUNS
        is_verb = (
            low in lx.STRIKE_VERBS
            or (low in lx.FELL_VERBS and k + 1 < n and toks[k + 1].low in ("on", "onto", "into"))
            or (low in lx.DROP_VERBS and _drops_munitions(toks, k))
        )
        if not (is_noun or is_verb):
            continue
        if _hypothetical(toks, k):
            continue
        if k >= 1 and toks[k - 1].low in lx.NOT_MILITARY_BEFORE:
            continue
        if k >= 1 and low in ("strike", "strikes") and toks[k - 1].low in lx.NOT_MILITARY_BEFORE_STRIKE:
            continue  # "a 24-hour strike", "lightning strikes"
        if low in ("strike", "strikes") and follows_walker(toks, k):
            continue  # "the junior doctors' strike", "one of the largest US rail strikes"
        if is_noun and _other_sense(toks, k):
            continue
        if is_noun and _summary(toks, k, lows):
            continue
        weapon, w_start = _weapon_before(toks, k)
        if weapon == GUIDED_BOMB and _planted_bomb(toks, w_start, k):
            continue  # "a bomb attack on the shrine", "a roadside bomb hit the convoy": a planted bomb, no strike
        if weapon is None and low not in _WEAPONLESS_NOUNS:
            weapon = WEAPONS.get(low)  # "shelling", "airstrike", "bombardment" name their weapon
        if weapon is None and _civil(lows):
            continue  # "the team pounded their rivals", "the bank targeted inflation"
        actor = _actor_near(toks, w_start, is_verb)
        walkout = (
            weapon is None
            and actor is None
            and low in ("strike", "strikes")
            and (walkout_sentence(toks, lows) or in_dispute(toks, k))
        )
        if walkout and not launched_strike(toks, k):
            continue  # "a general strike in Belgium, huge strikes in Italy": walkouts
        if (
            weapon is None
            and actor is None
            and low in ("raid", "raids")
            and policing(lows)
            and lx.SOLDIERY.isdisjoint(lows)
            and "troops" not in lows
        ):
            continue  # "police arrested three in a raid", "a raid by immigration officers": no strike
        if weapon is None and (actor is None or low in ("strike", "strikes")):  # "the largest US strikes" of workers
            if everyday is None:
                everyday = senses_of(toks).everyday  # once per sentence: the work stays linear
            if everyday:
                continue  # "dock workers staged 4 one-day strikes", "attacks on the budget during the debate"
        target = _target_after(toks, k)
        if is_verb and k + 1 < n and _is_country(toks[k + 1].text):
            continue  # "Russia attacked Ukraine with 50 drones": a nationwide barrage, not one strike
        if is_noun:
            grounded = (
                weapon is not None
                or actor is not None
                or (_on_something(toks, k) and low not in _PLACE_ONLY_NOT_ENOUGH)
            )
        else:
            grounded = (weapon is not None or actor is not None) and (target is not None or _object_after(toks, k))
        if not grounded:
            continue
        if intercept and not (damage and is_verb) and low in ("attack", "attacks", "raid", "raids", "barrage"):
            continue
        if intercept and not damage:
            continue
        start = toks[w_start].start if weapon is not None and k - w_start <= 3 else t.start
        end = t.end
        if is_verb and low in lx.FELL_VERBS:
            end = toks[k + 1].end
        return StrikeContext(start, end, weapon, target, actor, k)
    return None


#: Words before "bomb" that make it a planted or carried bomb, not one dropped from the air.
_PLANTED = frozenset(
    {"car", "roadside", "suicide", "pipe", "nail", "parcel", "homemade", "crude", "petrol", "truck", "time", "letter"}
)


def _planted_bomb(toks: list[Token], w: int, k: int) -> bool:
    """ "a bomb attack", "a bomb blast", "a car bomb": the bare word "bomb" as a terror weapon."""
    if toks[w].low not in ("bomb", "bombs"):
        return False  # "a guided-bomb strike", "glide bombs"
    return (w >= 1 and toks[w - 1].low in _PLANTED) or (w == k - 1 and toks[k].low in ("attack", "attacks"))


def _drops_munitions(toks: list[Token], k: int) -> bool:
    """ "dropped explosives on", "dropped a grenade onto": munitions, then what they fell on."""
    n = len(toks)
    for p in range(k + 1, min(n, k + 5)):
        if toks[p].low in lx.MUNITIONS:
            return p + 1 < n and toks[p + 1].low in ("on", "onto", "into")
    return False


def _civil(lows: list[str]) -> bool:
    """Words of sport or finance in the sentence: "the striker's strike", "the bank targeted inflation"."""
    return not lx.NOT_CONFLICT.isdisjoint(w.removesuffix("'s") for w in lows)


def _other_sense(toks: list[Token], k: int) -> bool:
    """ "workers went on strike", "a strike rate of 140": a strike noun in another sense."""
    if k + 1 < len(toks) and toks[k + 1].low in lx.NOT_MILITARY_AFTER:
        return True
    if k >= 2 and toks[k - 1].low == "to" and toks[k - 2].low == "lost" and toks[k].low in ("strike", "strikes"):
        # "44,000 working days were lost to strikes": the labour statistic, unless arms were lost
        return any(toks[p].low in ("days", "day", "work", "hours") for p in range(max(0, k - 6), k - 2))
    return k >= 1 and toks[k - 1].low == "on" and toks[k].low in ("strike", "strikes")


def air_actor(toks: list[Token], i: int, j: int) -> str | None:
    """The side that launched the drones or missiles counted at ``toks[i:j]``.

    "47 Ukrainian drones" (the counted noun), "Russia launched 83 drones" (the
    subject of a launch verb before the count), "nine missiles fired by Ukraine".
    """
    n = len(toks)
    for p in range(i, min(n, j)):
        a = _ACTORS.get(toks[p].low)
        if a is not None and toks[p].low not in _ACTOR_VERB_ONLY:
            return a  # "47 Ukrainian drones"
    for p in range(j, min(n, j + 8)):
        if toks[p].text in (".", ";"):
            break
        if toks[p].low == "by" and p + 1 < n:
            a = _ACTORS.get(toks[p + 1].low)
            if a is not None:
                return a  # "fired by Ukraine"
    for p in range(i - 1, max(-1, i - 9), -1):
        t = toks[p]
        if t.text in (".", ";"):
            break
        if t.low in lx.LAUNCH_VERBS:
            for q in range(p - 1, max(-1, p - 4), -1):
                a = _ACTORS.get(toks[q].low)
                if a is not None and toks[q].is_cap:
                    return a  # "Russia launched 83 drones", "Russia had attacked with 90 drones"
            break
    return None


_PLURAL_STRIKE_NOUNS = frozenset({"strikes", "attacks", "raids", "airstrikes", "shellings", "bombardments"})
_REPEATED = frozenset({"daily", "nightly", "constant", "continuous", "regular", "repeated", "relentless", "ongoing"})
_WINDOW_WORDS = frozenset({"past", "last", "since", "so"})


def _summary(toks: list[Token], k: int, lows: list[str]) -> bool:
    """A campaign or a period summary rather than one attack: "daily shelling of the camps",
    "Russian attacks killed five civilians in the region over the past 24 hours"."""
    if k >= 1 and toks[k - 1].low in _REPEATED:
        return True
    if toks[k].low not in _PLURAL_STRIKE_NOUNS:
        return False
    if k >= 1 and toks[k - 1].kind == "num":
        return False  # a count of strikes is a figure, handled by the count itself
    if topic_before(toks, k):
        return True  # "voted against involvement in air strikes": the topic of a debate
    for p, low in enumerate(lows):
        if low in _WINDOW_WORDS and p + 1 < len(lows):
            nxt = lows[p + 1]
            if (low in ("past", "last") and nxt in ("day", "days", "week", "weeks", "month", "24", "night")) or (
                low == "since" or (low == "so" and nxt == "far")
            ):
                return True
    return False


def _is_country(word: str) -> bool:
    from streams.extract.gazetteer import gazetteer, normalize  # built lazily, never at import

    return normalize(word) in gazetteer().countries


def _hypothetical(toks: list[Token], k: int) -> bool:
    for p in range(max(0, k - 4), k):
        low = toks[p].low
        if low in lx.HYPOTHETICAL:
            return True
        if low == "for" and p >= 1 and toks[p - 1].low in lx.INTENT_NOUNS:
            return True  # "outlined details for a missile strike"
        if low == "to" and p == k - 1 and toks[k].low in ("strike", "attack", "hit", "shell", "bomb"):
            return True
    return False


def _weapon_before(toks: list[Token], k: int) -> tuple[str | None, int]:
    # "guided-bomb strike", "a Russian drone attack", "a drone fell", "missiles struck"
    for p in range(k, max(-1, k - 6), -1):
        t = toks[p]
        if p < k and t.text in (".", ",", ";", ":"):
            break
        w, s = weapon_at(toks, p)
        if w is not None:
            return w, s
    # "struck by a drone", "attack with missiles"
    n = len(toks)
    for p in range(k + 1, min(n, k + 5)):
        if toks[p].low in ("by", "with", "using") and p + 1 < n:
            for q in range(p + 1, min(n, p + 4)):
                w, _ = weapon_at(toks, q)
                if w is not None:
                    return w, k
    return None, k


def _actor_near(toks: list[Token], k: int, is_verb: bool) -> str | None:
    for p in range(k - 1, max(-1, k - 5), -1):
        t = toks[p]
        if t.text in (".", ",", ";", ":"):
            break
        a = _ACTORS.get(t.low)
        if a is not None and t.is_cap | (not any(c.isupper() for c in t.text)):
            if t.low in _ACTOR_VERB_ONLY and not is_verb:
                continue
            if p + 1 < len(toks) and toks[p + 1].low in ("air", "defence", "defences", "defense", "defenses"):
                continue
            return a
    return None


def _target_after(toks: list[Token], k: int) -> str | None:
    n = len(toks)
    for p in range(k + 1, min(n, k + 12)):
        t = toks[p]
        if t.text in (".", ";"):
            break
        for phrase in _TARGET_FIRST.get(t.low, ()):
            if all(p + q < n and toks[p + q].low == w for q, w in enumerate(phrase)):
                return " ".join(phrase)
    for p in range(max(0, k - 6), k):
        for phrase in _TARGET_FIRST.get(toks[p].low, ()):
            if all(p + q < k and toks[p + q].low == w for q, w in enumerate(phrase)):
                return " ".join(phrase)
    return None


def _on_something(toks: list[Token], k: int) -> bool:
    n = len(toks)
    if k + 2 < n and toks[k + 1].low in ("on", "against", "in", "near", "targeting", "hit", "struck"):
        return toks[k + 2].is_cap or toks[k + 2].low in ("a", "an", "the") or toks[k + 2].kind == "word"
    return False


def _object_after(toks: list[Token], k: int) -> bool:
    n = len(toks)
    if k + 1 >= n:
        return False
    nxt = toks[k + 1]
    return nxt.is_cap or nxt.low in ("the", "a", "an", "on", "onto", "into", "several", "two", "three")
