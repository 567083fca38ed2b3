"""Multiword cue phrases of the lexicon: "lost their lives", "shot down", "massacre of".

Split out of :mod:`streams.extract.lexicon` (which re-exports them, so ``lx.RIGHT_PHRASES`` and
``lx.LEFT_PHRASES`` stay the one place they are read from). Plain tuples of lowercase words.
"""

from __future__ import annotations

#: Multiword cues after the subject: "lost their lives", "shot down", "taken prisoner".
RIGHT_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("lost", "their", "lives"), "killed"),
    (("lost", "his", "life"), "killed"),
    (("lost", "her", "life"), "killed"),
    (("gunned", "down"), "killed"),
    (("wiped", "out"), "killed"),
    (("burnt", "alive"), "killed"),
    (("burned", "alive"), "killed"),
    (("sustained", "injuries"), "injured"),
    (("suffered", "injuries"), "injured"),
    (("shot", "down"), "downed"),
    (("brought", "down"), "downed"),
    (("taken", "prisoner"), "captured"),
    (("taken", "captive"), "captured"),
    (("taken", "hostage"), "captured"),
    (("taken", "alive"), "captured"),
    (("captured", "alive"), "captured"),
    (("placed", "under", "arrest"), "arrested"),
    (("placed", "under", "house", "arrest"), "arrested"),
    (("taken", "into", "custody"), "arrested"),
    (("taken", "to", "hospital"), "injured"),
    (("unaccounted", "for"), "missing"),
    (("forced", "to", "flee"), "displaced"),
    (("forced", "from"), "displaced"),
    (("left", "homeless"), "displaced"),
)

#: Multiword cues before the number: "shot down 83 drones", "the killing of 12 villagers".
LEFT_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("shot", "down"), "downed"),
    (("shooting", "down"), "downed"),
    (("shoots", "down"), "downed"),
    (("brought", "down"), "downed"),
    (("attacked", "with"), "launched"),
    (("attacked", "ukraine", "with"), "launched"),
    (("claimed", "the", "lives", "of"), "killed"),
    (("bodies", "of"), "killed"),
    (("corpses", "of"), "killed"),
    (("the", "body", "of"), "killed"),
    (("shot", "dead"), "killed"),
    (("shooting", "dead"), "killed"),
    (("shoot", "dead"), "killed"),
    (("took", "the", "lives", "of"), "killed"),
    (("gunned", "down"), "killed"),
    (("gunning", "down"), "killed"),
    (("death", "of"), "killed"),
    (("deaths", "of"), "killed"),
    (("killing", "of"), "killed"),
    (("killings", "of"), "killed"),
    (("murder", "of"), "killed"),
    (("murders", "of"), "killed"),
    (("massacre", "of"), "killed"),
    (("massacres", "of"), "killed"),
    (("execution", "of"), "killed"),
    (("executions", "of"), "killed"),
    (("slaughter", "of"), "killed"),
    (("fatally", "shot"), "killed"),
    (("fatally", "shooting"), "killed"),
    (("fatally", "stabbed"), "killed"),
    (("gun", "down"), "killed"),
    (("guns", "down"), "killed"),
    (("beat", "to", "death"), "killed"),
    (("beating", "to", "death"), "killed"),
    (("hacked", "to", "death"), "killed"),
    (("stabbed", "to", "death"), "killed"),
    (("burnt", "alive"), "killed"),
    (("burned", "alive"), "killed"),
    (("summarily", "executed"), "killed"),
)
