"""The fixed vocabulary of figure-history subjects.

A fact keeps its subject as written ("North Korean troops", "Iskander-M
ballistic missiles", "two soldiers seen"); a figure history keys on the
vocabulary word it names, found from the right (the head noun comes last in
English), two-word terms first. A subject the vocabulary does not know, or no
subject at all, takes its metric's default: people for casualty metrics,
drones or missiles for air defence, strikes, troops. A subject key is never a
place or a region code: every value is a word of :data:`SUBJECTS`.

>>> subject_key("North Korean troops", "troops")
'troops'
>>> subject_key("Iskander-M ballistic missiles", "missiles_launched")
'ballistic missiles'
>>> subject_key(None, "killed")
'people'
"""

from __future__ import annotations

import re
from functools import lru_cache

from schemas.facts import CASUALTY_METRICS

#: Each vocabulary word and the words that name it.
_ALIASES: dict[str, str] = {
    "people": """people person persons individuals residents inhabitants locals man men passengers
                 bodies palestinians israelis ukrainians russians lebanese sudanese syrians villagers
                 pilgrims worshippers shoppers patients workers victims""",
    "civilians": "civilian civilians noncombatants non-combatants",
    "children": """child children kids minors boys boy girls girl teenagers teenager teens babies baby
                   infants toddlers schoolchildren pupils""",
    "women": "woman women",
    "soldiers": """soldier soldiers servicemen serviceman servicemembers reservist reservists conscripts
                   conscript personnel marines paratroopers sailors recruits""",
    "troops": "troops troop forces",
    "fighters": """fighter fighters militants militant combatants gunmen insurgents militiamen rebels
                   guerrillas jihadists operatives mercenaries""",
    "police": "police policemen policeman police_officers",
    "prisoners": "prisoner prisoners pows prisoners_of captives detainees",
    "hostages": "hostage hostages",
    "journalists": "journalist journalists reporters media_workers",
    "medics": "medics medic paramedics doctors nurses health_workers medical_workers",
    "rescuers": "rescuers rescuer firefighters emergency_workers first_responders",
    "aid workers": "aid_workers humanitarian_workers",
    "suspects": "suspect suspects agents spies saboteurs collaborators",
    "refugees": "refugees refugee migrants evacuees asylum_seekers",
    "drones": "drone drones uav uavs shahed shaheds attack_drones",
    "missiles": "missile missiles atacms iskanders kinzhals kalibrs",
    "ballistic missiles": "ballistic_missiles ballistic_missile",
    "cruise missiles": "cruise_missiles cruise_missile",
    "rockets": "rocket rockets projectiles",
    "guided bombs": "guided_bombs glide_bombs guided_bomb glide_bomb kabs",
    "bombs": "bomb bombs",
    "shells": "shells shell artillery_shells",
    "strikes": "strike strikes attacks attack airstrikes raids",
    "aircraft": "aircraft jets planes helicopters",
}
#: Alias (one word, or two joined by ``_``) -> vocabulary word.
_VOCAB: dict[str, str] = {a.replace("_", " "): word for word, aliases in _ALIASES.items() for a in aliases.split()}
#: Every subject key there is.
SUBJECTS: frozenset[str] = frozenset(_ALIASES) | {"unspecified"}

_DEFAULTS: dict[str, str] = {
    **dict.fromkeys(CASUALTY_METRICS, "people"),
    "drones_launched": "drones",
    "drones_downed": "drones",
    "missiles_launched": "missiles",
    "missiles_downed": "missiles",
    "strikes": "strikes",
    "troops": "troops",
}
_WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")


def default_subject(metric: str) -> str:
    """The subject of a figure that names none: ``"people"`` for ``killed``."""
    return _DEFAULTS.get(metric, "unspecified")


@lru_cache(maxsize=65536)
def subject_key(subject: str | None, metric: str) -> str:
    """The vocabulary word of a written subject, else the metric's default; never a place."""
    if subject:
        ws = _WORD_RE.findall(subject.casefold().replace("’", "'"))
        for k in range(len(ws) - 1, -1, -1):
            if k >= 1 and (hit := _VOCAB.get(f"{ws[k - 1]} {ws[k]}")) is not None:
                return hit
            hit = _VOCAB.get(ws[k]) or _VOCAB.get(ws[k].rsplit("-", 1)[-1])
            if hit is not None:
                return hit
    return default_subject(metric)
