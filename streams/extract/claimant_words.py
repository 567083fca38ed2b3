"""The words claimant ids are read by: titles, institutions, descriptors, and the marks they drop.

``claimants`` parses a mention with them; other stages read the public ones
(``INSTITUTION_WORDS``) through ``claimants``.
"""

from __future__ import annotations

import re

from streams.extract.tokens import words

#: Words that make a phrase a title: what precedes a person's name.
TITLE_WORDS = words(
    """
    governor governors mayor mayors minister ministers spokesperson spokesman spokeswoman
    president vice premier chancellor chief commander secretary prosecutor ombudsman
    adviser advisor envoy ambassador director director-general chairman chairwoman chair
    representative head leader deputy general lieutenant colonel major captain sergeant
    officer official aide senator lawmaker mp king prince emir sheikh pope
    commissioner coordinator administrator doctor dr editor correspondent reporter journalist
    analyst researcher mr mrs ms undersecretary lord lady baroness executive superintendent inspector ac dac
    """
)
#: Words that make a phrase an institution (or part of a title), never part of a name.
INSTITUTION_WORDS = words(
    """
    ministry ministries air force forces army military navy staff guard guards police service
    services office government authorities administration agency council committee command
    intelligence security defence defense interior health emergency emergencies foreign
    armed national border state regional local city district oblast region municipal
    department directorate authority unit brigade battalion troops officials military's kremlin pentagon
    observatory mission monitors monitoring network union organisation organization
    """
)
#: Institutions that belong to one country, so an unqualified mention takes the entry's country.
NATIONAL_WORDS = words(
    """
    ministry air force forces army military navy staff guard guards police service services
    government authorities intelligence security
    """
)
FUNCTION_WORDS = words("of the a an in and for on at to from by with its their his her")
#: Words that place a post below the country's without naming where: "the regional governor".
VAGUE_LEVELS = words("regional local provincial district municipal city oblast")
#: Words that describe a body whose name follows "the": "monitoring group the Syrian Observatory".
DESCRIPTOR_WORDS = words("monitoring monitor group organisation organization charity watchdog body rights aid agency")
MAX_DESCRIPTOR = 3
#: Kind words after a description and before the body's own name: "the UN refugee agency UNHCR".
BODY_KINDS = words("agency group charity organisation organization watchdog")
#: Kinds of business named before a body's own name, without "the": "the airline TransAsia".
KINDS = words("casino airline carrier operator company firm charity")
ARTICLES = words("the a an")
LEADING_DROP = words("the a an unnamed anonymous one")
SPELLINGS = {"defense": "defence", "forces'": "forces", "military's": "military"}
TOKEN_RE = re.compile(r"[^\s,;:()\"“”]+")
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})
GOVERNMENT = "government"
SEPARATORS = str.maketrans({"/": "-", "|": "-"})
#: Words no body's own name is made of, after its kind word: "agency in Geneva", "group has".
NOT_NAMES = INSTITUTION_WORDS | FUNCTION_WORDS | DESCRIPTOR_WORDS | words("has have had is are was were said says")
