"""Everyday senses of conflict words give no conflict facts (issue 9).

Live blogs of sport, labour disputes, markets, campaigns, weather and tech use
the words of war in other senses: a striker's shot, a strike entering its
third day, shares hammered, an army of canvassers, a storm that hit homes, a
killer app. None of those is a casualty, a strike, an interception or a force
figure. Every entry below is invented for this test.

Decisions, taken from shared/guide/domain.md:

- **Arrests stay.** ``arrested`` is a people metric, and the datasets we follow
  (ACLED) code arrests at protests and pickets. "30 arrested at the picket
  line" keeps its arrest fact; only the other metrics must stay out.
- **A player's injury is no casualty.** The casualty metrics count the people
  hurt by violence or by disaster, the events the conflict datasets record. A
  hamstring strain, a player stretchered off or a rider taken to hospital after
  a crash in a race are part of the game, not such an event, so a sport
  sentence gives no ``injured`` fact unless it also names violence (a weapon,
  a blast, an attack with a weapon): "a missile hit the stadium, injuring 12
  fans" is a real report and keeps its facts.
- **A storm is not an attack.** ``strikes`` are attacks only; "the storm hit
  40,000 homes" and "2,000 lightning strikes" are no strike figures.
- **A labour strike is no attack.** "3 strikes this year" said of a union,
  "walkouts" and "strikers" give no ``strikes`` fact.
- **Civil drones and space rockets are no air-defence figures.** "launched 30
  delivery drones" and "launched 2 rockets into orbit" are no launch counts.

The positive controls at the end are conflict reports that share words with
the everyday entries and must keep their facts.
"""

from __future__ import annotations

import pytest

from schemas.facts import METRICS

from .helpers import facts_of

#: The metrics that an everyday sense must never produce (schemas/facts.py ``METRICS``
#: less ``captured``, ``displaced`` and ``arrested``, which are decided case by case).
#: Every metric but the people counts everyday life also has (arrests, captures, displacement).
CONFLICT_METRICS = frozenset(METRICS) - {"captured", "displaced", "arrested"}

FOOTBALL = [
    "GOAL! The striker fires home from the edge of the box and it is 1-0 after 12 minutes.",
    "Another shot from the visitors, fired wide of the far post. That makes 7 shots for them.",
    "The home attack looks sharp, with three corners in five minutes.",
    "What a killer pass from the midfielder, and the winger hit the post from 10 yards.",
    "Bad news for the hosts: their captain has an injured hamstring and goes off after 34 minutes.",
    "The keeper's 4 saves have kept this at 3-1.",
    "A 15,000 crowd is here tonight, the biggest of the season.",
    "The visitors' attack has managed just 2 shots on target all evening.",
    "The full-back was stretchered off after a heavy challenge, and 6 minutes of stoppage time were added.",
    "They have blocked 11 shots so far, a superb defence.",
    "Half-time: the defence held firm against 9 attacks down the left flank.",
    "The striker has now scored 20 goals in 25 games this season.",
    "The home side struck twice in four minutes to lead 2-0.",
    "Injury worry: 3 first-team players are injured ahead of the derby.",
    "They fired 18 shots at goal but hit the target only twice.",
    "Two midfielders were hurt in a clash of heads and the referee stopped play.",
    "The manager sent on 3 substitutes at the break, chasing the game.",
    "The visitors launched 5 attacks in the opening ten minutes without a shot on target.",
    "The coach named his 23 troops for the World Cup squad this morning.",
    "City killed the game off with a third goal, and 2 defenders limped off injured.",
]

CRICKET = [
    "India won by 5 wickets with 8 balls to spare.",
    "His strike rate of 140 is the best in the tournament.",
    "The opener made 42 runs off 30 balls, including four sixes.",
    "The hosts were bowled out for 180 in the 46th over.",
    "The pace attack took 7 wickets between them in the morning session.",
    "A bouncer hit him on the helmet and he retired hurt on 23.",
    "The spinners struck 3 times before lunch to put the visitors in trouble.",
    "The bowling attack has been ruthless, with 4 batsmen out for ducks.",
    "The captain hit 6 sixes and 10 fours in a knock of 112.",
    "Rain hit the second day and only 30 overs were possible.",
]

RACING_AND_RINGS = [
    "The champion was knocked down twice in the fourth round but won on points.",
    "A crash on lap 12 brought out the safety car, and 2 cars retired.",
    "Brutal hits from both fighters: 120 punches landed in the third round alone.",
    "She fired 15 aces and saved 4 break points in the second set.",
    "The driver crashed into the barrier on lap 40 but walked away unhurt.",
    "Two riders who crashed on the final descent were taken to hospital, the race organisers said.",
    "The challenger attacked from the first bell and landed 40 power shots.",
]

LABOUR = [
    "10,000 nurses walked out across the country on Tuesday morning.",
    "The strike entered its third day with no talks scheduled.",
    "2,000 workers picketed the plant gates at dawn.",
    "Unions threatened strikes at 12 plants if the pay offer is not improved.",
    "Around 5,000 rail workers have joined the strike, the union said.",
    "The union said 3 strikes had been held this year over pay.",
    "Dock workers staged 4 one-day strikes in March.",
    "The walkout hit 40 hospitals across the region.",
    "Union leaders attacked the offer as an insult to 500,000 workers.",
    "Teachers will strike for 5 days next month.",
    "The 24-hour tube strike closed 40 stations and commuters walked.",
    "Staff are striking over an attack on their pensions, and 3 campuses are shut.",
]

#: Labour entries with an arrest: the arrest stays (domain.md: ``arrested`` is a people metric).
LABOUR_ARRESTS = [
    ("Police said 30 people were arrested at the picket line.", 30),
    ("Officers arrested 12 strikers who blocked the depot entrance.", 12),
]

FINANCE = [
    "Shares were hammered, losing 12% by midday.",
    "The bank targeted 2% inflation for next year.",
    "The carmaker said 3,000 jobs would be cut by 2027.",
    "The group reported losses of 12 million pounds.",
    "Stocks plunged 5% as the profit warning hit the market.",
    "The fund lost 40 clients and 2 billion dollars in assets.",
    "The bank's shares were battered after 3 downgrades in a week.",
    "Housebuilders have lost 8 % since the vote, and sterling has lost 2 %.",
]

POLITICS = [
    "The campaign attacked the rival's record on housing in 3 new adverts.",
    "Troops of volunteers knocked on 40,000 doors on Saturday.",
    "An army of 500 canvassers has been deployed in the marginal seats.",
    "The party deployed 2,000 activists to the swing districts.",
    "The opposition launched 4 attacks on the budget during the debate.",
    "The minister faced a barrage of 20 questions from reporters.",
    "The senator launched a personal attack on her rival in front of 3,000 voters.",
]

WEATHER = [
    "The storm hit 40,000 homes, cutting power along the coast.",
    "Forecasters counted 2,000 lightning strikes overnight.",
    "Hail battered 3 counties and flights were grounded.",
    "The hurricane struck the coast with winds of 150 mph.",
]

TECH = [
    "A killer app: 2 million downloads in its first week.",
    "The retailer completed drone deliveries of 200 parcels in a pilot scheme.",
    "The startup's missile-shaped speaker sold 10,000 units.",
    "The courier firm launched 30 delivery drones in the city.",
    "The light show used 500 drones over the harbour.",
    "The space agency launched 2 rockets this week, carrying 40 satellites into orbit.",
]

EVERYDAY = FOOTBALL + CRICKET + RACING_AND_RINGS + LABOUR + FINANCE + POLITICS + WEATHER + TECH


def test_enough_entries() -> None:
    assert len(EVERYDAY) + len(LABOUR_ARRESTS) >= 60


@pytest.mark.parametrize("text", EVERYDAY)
def test_an_everyday_sense_gives_no_conflict_fact(text: str) -> None:
    got = [(f.metric, f.best) for f in facts_of(text) if f.metric in CONFLICT_METRICS]
    assert got == [], text


@pytest.mark.parametrize(("text", "arrested"), LABOUR_ARRESTS)
def test_arrests_at_a_picket_stay_and_nothing_else_comes(text: str, arrested: int) -> None:
    facts = facts_of(text)
    assert [f.best for f in facts if f.metric == "arrested"] == [arrested]
    assert [f.metric for f in facts if f.metric in CONFLICT_METRICS] == []


def test_a_whole_match_blog_gives_nothing() -> None:
    """The entries above joined into one live-blog entry each, as a blog posts them."""
    for blog in (FOOTBALL, CRICKET, LABOUR, FINANCE):
        got = [(f.metric, f.best) for f in facts_of(" ".join(blog)) if f.metric in CONFLICT_METRICS]
        assert got == []


#: Conflict reports sharing the everyday words: (text, metric, best).
POSITIVES = [
    ("A Russian missile hit the stadium in Kharkiv during a match, killing 3 fans.", "killed", 3),
    ("A Russian missile hit the stadium in Kharkiv during a match, injuring 12 fans.", "injured", 12),
    ("A Russian missile hit the stadium in Kharkiv where the team trains.", "strikes", 1),
    ("Four soldiers were injured when their vehicle hit a mine near Bakhmut.", "injured", 4),
    ("Troops massed at the border: some 40,000 soldiers are now in place, officials said.", "troops", 40000),
    ("Russia has deployed 10,000 troops to the Kursk region.", "troops", 10000),
    ("Three footballers were killed in a Russian drone strike on Kharkiv.", "killed", 3),
    ("Two players were injured by shelling near the training ground in Donetsk.", "injured", 2),
    ("Gunmen attacked a football match in the village, killing 7 spectators.", "killed", 7),
    ("A drone strike on the league's offices in Kherson injured 5 staff.", "injured", 5),
    ("Police arrested 40 striking miners after clashes in which 2 officers were injured.", "injured", 2),
    ("Israeli airstrikes killed 12 people in Gaza overnight.", "killed", 12),
    ("Ukraine's air force said it shot down 83 drones overnight.", "drones_downed", 83),
    ("Russia launched 120 drones and 8 missiles at Ukraine overnight.", "drones_launched", 120),
    ("Russia launched 120 drones and 8 missiles at Ukraine overnight.", "missiles_launched", 8),
    ("Air defences intercepted 6 missiles over Kyiv.", "missiles_downed", 6),
    ("Russian forces carried out 40 air strikes on the region.", "strikes", 40),
    ("Russian artillery shelled the town 12 times on Sunday.", "strikes", 12),
    ("The attack on the market in Kharkiv left 9 civilians wounded.", "injured", 9),
    ("A teacher was killed when a Russian missile struck a school in Zaporizhzhia.", "killed", 1),
    ("The strike on the power plant in Odesa killed 2 workers, the governor said.", "killed", 2),
    ("Shelling hit 3 hospitals in Kherson, and 14 people were wounded.", "injured", 14),
    ("A bus bombing in the capital killed 4 people during the election campaign.", "killed", 4),
    ("Two terror attacks during the campaign killed 9 people.", "killed", 9),
    ("Ukrainian forces launched a lightning attack near Kupiansk, capturing 30 soldiers.", "captured", 30),
    ("Russia lost 30 soldiers in the assault on the village.", "casualties", 30),
]


@pytest.mark.parametrize(("text", "metric", "best"), POSITIVES)
def test_conflict_reports_keep_their_facts(text: str, metric: str, best: int) -> None:
    got = [f.best for f in facts_of(text, metric)]
    assert best in got, (text, [(f.metric, f.best) for f in facts_of(text)])
