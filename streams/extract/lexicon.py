"""Word lists shared by the extraction stages: cue words for each metric, the
strike vocabulary, and each stage's trigger words.

This is the one place a stage's vocabulary is typed. The sentence prefilter
of the extractor (``PREFILTER_WORDS``) is derived from the
stages' trigger sets below (``STAGE_TRIGGERS``), never typed again, so a word
added to a stage reaches the prefilter by construction
(tests/unit/extract/test_lexicon.py checks the relation word by word).

Kept as plain frozensets and dicts so membership tests stay O(1) on the hot
path. Everything is lowercase, and every trigger word is one token (the
tokenizer splits at hyphens, so "passer-by" could never match).
"""

from __future__ import annotations

from streams.extract.lexicon_phrases import LEFT_PHRASES as LEFT_PHRASES
from streams.extract.lexicon_phrases import RIGHT_PHRASES as RIGHT_PHRASES
from streams.extract.numbers import NUMBER_WORDS, VAGUE
from streams.extract.tokens import words

#: Participles and adjectives after a counted subject: "3 people were killed", "12 hurt".
RIGHT_CUES: dict[str, str] = {
    "killed": "killed", "dead": "killed", "died": "killed", "perished": "killed", "slain": "killed",
    "murdered": "killed", "executed": "killed", "bodies": "killed", "die": "killed", "dies": "killed",
    "deaths": "killed", "fatalities": "killed", "dying": "killed",
    "fatality": "killed", "succumbed": "killed", "lynched": "killed", "fatally": "killed",
    "massacred": "killed", "assassinated": "killed", "beheaded": "killed", "corpses": "killed",
    "drowned": "killed", "martyred": "killed", "slaughtered": "killed", "executions": "killed",
    "killings": "killed",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "hospitalised": "injured",
    "hospitalized": "injured", "injuries": "injured",
    "casualties": "casualties",
    "missing": "missing", "disappeared": "missing",
    "captured": "captured", "prisoners": "captured", "pows": "captured", "captives": "captured",
    "hostages": "captured", "abducted": "captured", "surrendered": "captured", "kidnapped": "captured",
    "displaced": "displaced", "fled": "displaced", "evacuated": "displaced", "refugees": "displaced",
    "evacuees": "displaced", "relocated": "displaced", "flee": "displaced", "homeless": "displaced",
    "arrested": "arrested", "detained": "arrested", "arrests": "arrested", "detainees": "arrested",
    "detentions": "arrested",
    "downed": "downed", "intercepted": "downed", "destroyed": "downed", "neutralised": "downed",
    "neutralized": "downed", "repelled": "downed",
    "launched": "launched", "fired": "launched",
}  # fmt: skip

#: Nouns that carry the metric on their own, with no verb: "12 deaths", "3 casualties".
NOUN_ONLY: frozenset[str] = words(
    """
    deaths fatalities injuries casualties prisoners pows captives hostages refugees evacuees
    arrests detainees detentions dead fatality executions killings
    """
)

#: Active verbs before the number: "killing 3", "shot down 83 drones".
LEFT_CUES: dict[str, str] = {
    "killing": "killed", "killed": "killed", "kills": "killed", "kill": "killed",
    "assassinated": "killed", "beheaded": "killed", "beheading": "killed", "murdered": "killed",
    "lynched": "killed", "executed": "killed", "executing": "killed",
    "massacred": "killed", "massacring": "killed", "massacres": "killed", "slaughtered": "killed",
    "slaughtering": "killed", "murdering": "killed", "assassinating": "killed",
    "injuring": "injured", "injured": "injured", "injures": "injured", "wounding": "injured",
    "wounded": "injured", "wounds": "injured", "hurting": "injured", "hurt": "injured",
    "captured": "captured", "capturing": "captured", "captures": "captured",
    "displacing": "displaced", "displaced": "displaced", "evacuated": "displaced",
    "evacuating": "displaced", "evacuate": "displaced",
    "arrested": "arrested", "arresting": "arrested", "detained": "arrested", "detaining": "arrested",
    "detains": "arrested", "arrests": "arrested",
    "downed": "downed", "intercepted": "downed", "destroyed": "downed", "neutralised": "downed",
    "neutralized": "downed", "downing": "downed", "destroying": "downed", "intercepting": "downed",
    "intercepts": "downed", "downs": "downed", "destroys": "downed", "repelled": "downed",
    "launched": "launched", "launching": "launched", "fired": "launched", "firing": "launched",
    "launches": "launched", "fires": "launched", "testfired": "launched",
    "losing": "casualties", "lost": "casualties", "loses": "casualties",
    "deployed": "troops", "deploying": "troops", "sent": "troops", "sending": "troops",
}  # fmt: skip


#: Between subject and participle: "were", "have been", "reportedly".
AUX: frozenset[str] = words(
    """
    were was are is have has had been being be reportedly also all now later still feared
    believed thought confirmed officially reported said to either already so far presumed listed
    as got since initially subsequently likely lightly slightly seriously critically severely badly
    declared
    """
)

PREPS: frozenset[str] = words(
    """
    in near on at from across outside inside during over around along into within by
    """
)
CONJ: frozenset[str] = frozenset(
    ["and", "but", "or", "while", "whereas", "as", "after", "when", "including", "because"]
)

DRONE_NOUNS: frozenset[str] = frozenset(
    ["drones", "drone", "uavs", "uav", "shaheds", "shahed", "geran", "gerans", "quadcopters"]
)
MISSILE_NOUNS: frozenset[str] = frozenset(["missiles", "missile", "rockets", "rocket", "icbms", "icbm"])
TROOP_NOUNS: frozenset[str] = words(
    """
    troops soldiers servicemen personnel fighters reservists conscripts mercenaries marines
    paratroopers servicemembers force contingent
    """
)
STRIKE_COUNT_NOUNS: frozenset[str] = frozenset(
    ["strikes", "airstrikes", "attacks", "raids", "shellings", "bombardments"]
)
#: Nouns whose count is something else: "destroyed 5 tanks" is no drone figure.
OTHER_OBJECT_NOUNS: frozenset[str] = words(
    """
    tanks tank aircraft planes jets helicopters vehicles buildings houses homes targets boats ships vessels guns
    systems launchers positions settlements villages towns regions oblasts times bombs shells artillery km
    ambulances buses lorries trucks cars chickens cattle livestock sheep goats cows birds animals
    """
)

#: Singular people nouns for implicit one: "a woman was killed".
PERSON_SINGULAR: frozenset[str] = words(
    """
    man woman child boy girl person civilian soldier resident teenager pensioner driver mother
    policeman officer worker firefighter rescuer journalist volunteer medic infant baby toddler
    serviceman passerby student teacher doctor nurse farmer reservist conscript paramedic father wife
    photographer cameraman reporter guard fisherman shepherd pedestrian motorist employee husband son
    militant fighter gunman villager policewoman constable trader shopkeeper businessman vendor
    youth protester demonstrator activist leader commander official suspect inmate herder miner
    pilot cleric priest elder jawan trooper rebel insurgent prisoner detainee colonel lieutenant
    sergeant captain delegate agent hawker member cadre thief robber biker tourist citizen daughter chief
    migrant passenger pilgrim worshipper bystander labourer laborer lawyer judge mayor ranger tribesman
    """
)

#: Phrases that make a figure a running total over a war or period.
CUMULATIVE_AFTER_SINCE: frozenset[str] = words(
    """
    the start beginning war invasion outbreak full-scale conflict onset february october 2014
    2022 2023 2024 2025 2026 january march april may june july august september november
    december
    """
)

PER_UNITS: dict[str, str] = {"day": "day", "night": "day", "week": "week", "month": "month",
                             "year": "year", "hour": "hour"}  # fmt: skip
PER_WORDS: dict[str, str] = {"daily": "day", "nightly": "day", "weekly": "week", "monthly": "month",
                             "annually": "year", "hourly": "hour"}  # fmt: skip

TOLL_NOUNS: dict[str, str] = {
    "toll": "killed", "deaths": "killed", "dead": "killed", "fatalities": "killed",
    "injuries": "injured", "injured": "injured", "wounded": "injured", "casualties": "casualties",
    "killed": "killed", "victims": "killed", "missing": "missing", "displaced": "displaced",
    "refugees": "displaced", "prisoners": "captured", "arrests": "arrested", "detained": "arrested",
}  # fmt: skip
#: Words of a toll updated in the sentence, which an increment ("after three more died") only feeds.
TOLL_UPDATE_WORDS = words("toll tolls total tally bringing brings brought risen rose rises climbed raising taking")
TOLL_LINKS: frozenset[str] = words(
    """
    to at reached reaches hit hits stood stands is was now of totalled totaled totals exceeded
    passed surpassed topped climbed rose risen increased jumped range ranged ranging
    """
)

#: Missiles named by system: "9 ATACMS", "3 Iskanders".
MISSILE_NOUNS = MISSILE_NOUNS | words("atacms iskander iskanders kinzhal kinzhals kalibr kalibrs kh-101 shadow scalp")
#: Bombs and shells: each one dropped or landing is a strike.
BOMB_NOUNS: frozenset[str] = words("bombs bomb shells")
LEFT_CUES["dropped"] = "dropped"
LEFT_CUES["dropping"] = "dropped"
# "gunmen kidnapped 12 students"
LEFT_CUES.update(dict.fromkeys(("kidnapped", "abducted", "kidnapping", "abducting"), "captured"))

# --- The strike stage (context.py) -------------------------------------------------------------

#: Nouns that report a strike: "a guided-bomb strike on Kharkiv", "shelling".
STRIKE_NOUNS: frozenset[str] = words(
    """
    strike strikes airstrike airstrikes attack attacks shelling shellings bombardment bombing
    raid raids barrage
    """
)
#: Verbs of hitting: a strike ("Russian drones pounded Kharkiv"), after drones/missiles
#: ("eight drones attacked") or bombs ("bombs hit"), and before "with" ("attacked Kyiv with 50 drones").
#: Never "strikes": it is also a counted noun ("12 strikes"), see ``STRIKE_VERBS``.
HIT_VERBS: frozenset[str] = words(
    """
    hit hits struck attacked targeted slammed shelled pounded bombed bombarded hammered battered
    """
)
#: Of those, the verbs of an attack wave (a launch count), not of a hit (a strike): "eight drones attacked Kazan".
ATTACK_VERBS: frozenset[str] = words("attacked targeted")
#: The hitting verbs of a strike sentence: "a missile strikes Kyiv" too.
STRIKE_VERBS: frozenset[str] = HIT_VERBS | {"strikes"}
#: Verbs of falling, a strike when followed by "on"/"onto"/"into": "a drone fell on an oil depot".
FELL_VERBS: frozenset[str] = words("fell crashed landed")
#: "a drone dropped explosives on a bus stop": a drop of munitions onto something is a strike.
DROP_VERBS: frozenset[str] = words("dropped drops dropping")
MUNITIONS: frozenset[str] = words("explosives explosive grenade grenades bomb bombs munition munitions ordnance charge")
#: Without one of these, a sentence holds no strike.
STRIKE_TRIGGERS: frozenset[str] = STRIKE_NOUNS | STRIKE_VERBS | FELL_VERBS | DROP_VERBS
#: Other senses, by the word before: "hunger strike", "workers' strike".
NOT_MILITARY_BEFORE: frozenset[str] = words(
    """
    hunger labour labor general heart panic cyber cyberattack counter counterattack asthma
    anxiety ransomware rail teachers workers doctors nurses miners ram
    """
)
#: Before "strike"/"strikes" only ("a lightning attack" is one): "a 24-hour strike", "the tube strike".
NOT_MILITARY_BEFORE_STRIKE: frozenset[str] = NOT_MILITARY_BEFORE | words(
    "lightning lightening wildcat solidarity indefinite day hour tube bus postal staff sector dockers pilots"
    " employees railway transit junior nationwide"  # who walks out: "junior doctors' strike" (possessive skipped)
)
#: Other senses, by the word after: "strike rate", "strike action", "strike price".
NOT_MILITARY_AFTER: frozenset[str] = words(
    "rate rates action ballot pay price prices zone talks vote votes debate debates motion"
    " warden wardens shelter shelters siren sirens alert alerts alarm alarms drill drills"  # "air raid sirens"
)
#: Words of sport and finance: with no weapon named, a "strike" or "pounded" near them is no attack
#: ("the team pounded their rivals", "the striker's strike in the second half").
NOT_CONFLICT: frozenset[str] = words(
    """
    team teams rivals opponents scored goals league tournament championship striker strikers
    coach squad innings batsman wicket wickets inflation spinners bowlers seamers batsmen
    crude brent barrel shares stocks investors oversupply ftse nasdaq
    """
)

_FINANCE = words("inflation crude brent barrel shares stocks investors oversupply ftse nasdaq")

# --- Everyday senses (senses.py) ---------------------------------------------------------------

#: Words of a game being played: a sentence with one of these and no word of violence is sport.
SPORT_WORDS: frozenset[str] = NOT_CONFLICT - _FINANCE | words(
    """
    goal goalkeeper keeper midfielder midfielders defender defenders winger wingers referee
    penalty derby fixture cup match matches overs runs lap laps podium race teammates game
    substitutes mins
    """
)
#: People who play: hurt in the game, they are no casualties ("3 players are injured ahead of the derby").
ATHLETES: frozenset[str] = words(
    """
    players player footballers footballer midfielders midfielder goalkeepers goalkeeper keepers
    wingers strikers batsmen batsman bowlers bowler jockeys jockey cyclists riders rider boxers
    boxer sprinters athletes athlete teammates defenders defender forwards drivers
    """
)
#: Of those, the ones that name fighters, police or civilians too: only a sport word makes them athletes.
ATHLETES_IF_SPORT: frozenset[str] = words("defenders defender forwards drivers riders rider")
#: Words of a labour dispute (not mere occupations: an attack on nurses is an attack): a count of
#: "strikes" among them is of walkouts.
LABOUR_WORDS: frozenset[str] = words(
    """
    union unions unionised walkout walkouts picket pickets picketed picketing pay wages wage employer
    salary salaries ballot stoppage stoppages strikers striking pension pensions commuters worker contract
    """
)
#: Words of a political fight: "launched 4 attacks on the budget during the debate".
POLITICS_WORDS: frozenset[str] = words(
    "debate budget election candidate candidates adverts ads manifesto personal democracy voters"
)
#: Words of real violence: with one of them, a sport, labour or politics word silences nothing.
VIOLENCE_WORDS: frozenset[str] = words(
    """
    drone drones uav uavs missile missiles rocket rockets shelling shelled shell shells artillery
    mortar mortars airstrike airstrikes bomb bombs bombing bombed bombardment explosion explosions
    blast blasts explosive explosives grenade grenades gunmen gunman gunfire gunshot sniper mine
    landmine militants militant insurgents rebels jihadists wounded stabbed stabbing clashes
    rioters riot shooting terror terrorist terrorists suicide arson
    """
)
#: Words of armed forces: like violence, they keep a strike or an injury a conflict report.
FORCE_WORDS: frozenset[str] = TROOP_NOUNS - {"force", "personnel", "contingent"} | words(
    "military army forces brigade battalion regiment"
)
#: Of those, all but "troops", the one that sport borrows ("the coach named his 23 troops").
SOLDIERY: frozenset[str] = FORCE_WORDS - {"troops"}
#: Drones of everyday use: "30 delivery drones", "a light show of 500 drones".
CIVIL_DRONE_WORDS: frozenset[str] = words(
    """
    delivery courier camera racing toy hobby consumer agricultural crop survey show light
    """
)
#: Words of spaceflight: "launched 2 rockets carrying 40 satellites into orbit".
SPACE_WORDS: frozenset[str] = words("orbit orbital spacecraft astronauts payload payloads spaceport satellites")
HYPOTHETICAL: frozenset[str] = words(
    """
    will would could might may threatened threatens threaten warned warns warning plan plans
    planned planning if possible potential future prepare preparing vowed vows threat risk
    unless should any retaliatory fear fears feared avoid prevent deter no
    join joining joined vote votes voted authorise authorised authorize authorized approve approved
    authorising authorizing authorises authorizes
    considering consider considers contemplating mulling weighing
    """
)
#: Nouns of intent before "for": "details for a missile strike", "plans for an attack" are no event yet.
INTENT_NOUNS: frozenset[str] = words("details plan plans preparations proposal proposals options blueprint threat")

# --- Air defence -------------------------------------------------------------------------------

#: Air-defence words: a sentence with one of these and no damage word reports an interception, not a strike.
INTERCEPT_WORDS: frozenset[str] = words(
    """
    downed intercepted repelled repel repelling thwarted shot destroyed neutralised neutralized
    downing intercepting
    """
)
DAMAGE_WORDS: frozenset[str] = words("hit struck damaged destroyed fell killed injured wounded debris")
#: Verbs of launching drones or missiles: "Russia launched 83 drones".
LAUNCH_VERBS: frozenset[str] = words("launched fired attacked sent launches fires attacks used")
#: A single launched object and its family: "a drone was shot down", "fired a missile at".
AIR_SINGULAR: dict[str, str] = {
    "drone": "drones", "uav": "drones", "shahed": "drones", "missile": "missiles", "rocket": "missiles",
}  # fmt: skip
#: Cues of a downing after "it": "it was intercepted" (a single launched object of the sentence before).
DOWNED_CUES: frozenset[str] = frozenset(w for w, m in RIGHT_CUES.items() if m == "downed") | frozenset(
    p[0] for p, m in RIGHT_PHRASES if m == "downed"
)

# --- Zeros and ones (implicit.py) --------------------------------------------------------------

#: Words of an explicit zero: "no casualties", "nobody was hurt", "none of the missiles".
ZERO_WORDS: frozenset[str] = words("no without nobody none")

# --- The stages' trigger words, and the prefilter built from them ------------------------------

#: Words besides ``NUMBER_WORDS`` and ``VAGUE`` that begin a number with no digit: "tens of
#: thousands", "a few" (numbers.py's private ``_CORE_WORDS`` and ``_AFTER_ARTICLE``).
NUMBER_EXTRA: frozenset[str] = words("tens few")

#: For each stage, the words without which it finds nothing in a sentence that has no digit.
STAGE_TRIGGERS: dict[str, frozenset[str]] = {
    "numbers": NUMBER_WORDS | frozenset(VAGUE) | NUMBER_EXTRA,
    "zeros": ZERO_WORDS,
    "implicit ones": PERSON_SINGULAR | frozenset(AIR_SINGULAR),
    "it downed": DOWNED_CUES,
    "strikes": STRIKE_TRIGGERS,
}
#: The prefilter: a sentence with none of these words (and no digit) is not tokenised. (Speech
#: verbs worth an attribution look are attribution.py's ``_ATTRIBUTION_WORDS``, imported from there.)
PREFILTER_WORDS: frozenset[str] = frozenset().union(*STAGE_TRIGGERS.values())
