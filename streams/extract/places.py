"""Finding place names in a sentence and resolving them with the gazetteer.

Rules against false towns: a town must be capitalised (unless the whole
sentence is lowercase, when it needs a locative word such as "in" before it),
must not be an ordinary English word, and small towns need a place context
("in Sudzha", "the village of X", "Vovchansk district"). A capitalised word
next to another capitalised word that is not a place is read as part of a
person's name ("Lloyd Austin", "Vladimir Putin"), except in title-case
headlines. Described places come only from an explicit table.
"""

from __future__ import annotations

from streams.extract.gazetteer import (
    LOCATIVE,
    REGION_WORDS,
    SETTLEMENT_WORDS,
    Gazetteer,
    Place,
    _Candidate,
    admin_word_country_at,
)
from streams.extract.place_areas import compass_area
from streams.extract.place_around import outside_cities
from streams.extract.place_capitals import country_capital, demonym_capital, entry_capital
from streams.extract.place_compass import compass_region
from streams.extract.place_rules import (
    LOCALITY_NOUNS,
    NAME_ARTICLES,
    NEIGHBOURHOOD_PREFIXES,
    divided_region,
    foreign_region,
    foreign_town,
    inside,
    longest_country,
    outlet_spans,
    region_over_town,
    run_end,
    settle_pairs,
)
from streams.extract.place_senses import (
    AREA_WORDS,
    PART_NOUNS,
    county_abroad,
    in_named_region,
    name_goes_on,
    seat_of_source,
    surname_after_title,
    wider_area,
)
from streams.extract.place_slots import common_city_at, in_modifier_slot, town_part_after
from streams.extract.place_towns import (
    DIRECTIONS,
    OPENERS,
    country_pairs,
    key_of,
    lone_town,
    loose_region_at,
    may_start_known,
    may_start_town,
    measured_from,
    plausible_town,
)
from streams.extract.tokens import Token, words

_SPEAKER_VERBS = words(
    """
    says said claims claimed accuses accused blames blamed denies denied warns warned updates
    updated insists insisted announces announced urges urged rejects rejected vows vowed
    """
)
_SPEAKER_NOUNS = words(
    """
    official officials governor mayor spokesperson spokesman spokeswoman authorities ministry
    minister administration police prosecutor prosecutors ombudsman envoy diplomat diplomats
    """
)
#: Nouns after which a name in apposition is the place they name ("the capital, Kathmandu").
_NAMING_NOUNS = SETTLEMENT_WORDS | words("capital")


def _written(text: str, start: int, end: int) -> tuple[str, int]:
    """The place as written, without a possessive "'s"."""
    s = text[start:end]
    if s.endswith(("'s", "’s")) and end - start > 2:
        return s[:-2], end - 2
    return s, end


def find_places(
    text: str, toks: list[Token], gaz: Gazetteer, war: bool, countries: frozenset[str] = frozenset()
) -> list[Place]:
    """Places named or described in one sentence, left to right; ``countries`` settle ambiguous names."""
    n = len(toks)
    words = [t for t in toks if t.kind == "word"]
    lower_mode = not any(t.is_cap for t in words)
    title_case = len(words) >= 4 and sum(1 for t in words if t.is_cap) >= 0.7 * len(words)
    out: list[Place] = []
    outlets = outlet_spans(text, toks[0].start, toks[-1].end) if toks else []
    pairs = country_pairs(text, toks, gaz, war, lower_mode)  # "in Bentiu, South Sudan": that country's town
    i = 0
    while i < n:
        t = toks[i]
        if t.kind != "word" or not (t.is_cap or lower_mode or t.low == "capital") or inside(t.start, outlets):
            i += 1
            continue
        described = _described_at(toks, i, gaz) or demonym_capital(toks, i) or entry_capital(toks, i, gaz, countries)
        if described is not None:
            out.append(described[0])
            i = described[1]
            continue
        if t.low in NEIGHBOURHOOD_PREFIXES and i + 1 < n and toks[i + 1].is_cap and not lower_mode:
            i = run_end(toks, i, lower_mode)  # "in Colonia Miguel Hidalgo": a neighbourhood of the town named
            continue
        pair = pairs.get(i)
        if pair is not None and pair[0] is None:
            i = pair[1]  # "Bor, Sudan": a name only another country has a place of is none here
            continue
        hit = (pair[0], pair[1]) if pair is not None and pair[0] is not None else None
        if hit is None and (t.is_cap or lower_mode) and may_start_known(t.text, gaz):  # not a lowercase "capital"
            hit = _name_at(text, toks, i, gaz, war, lower_mode, title_case, countries)
        elif hit is None and (t.is_cap or lower_mode) and may_start_town(t.text, gaz, countries):
            hit = _name_at(text, toks, i, gaz, war, lower_mode, title_case, countries)
            if hit is not None and (hit[0].region_code is None or hit[0].region_code not in countries):
                # a small town counts where the entry names its region, or is its country's only one of that name
                hit = hit if lone_town(text, toks, i, hit[0], gaz, countries) else None
        if hit is None:
            hit = loose_region_at(text, toks, i, gaz, war, countries) or common_city_at(toks, i, gaz, lower_mode)
        if hit is None:
            i += 1
            continue
        start_i = i
        place, i = country_capital(*hit, toks, gaz)  # "Burundi's capital": the capital city
        if start_i >= 2 and toks[start_i - 1].low in ("in", "at") and toks[start_i - 2].low == "based":
            # "a reporter based in Kabul": where a source works, not where it happened
            place = Place(place.start, place.end, place.text, place.region_code, place.country, "mention")
        if place.kind != "described" and (seat_of_source(toks, start_i) or surname_after_title(toks, start_i)):
            # "the embassy in Brussels", "told reporters in Geneva": where a source sits; "sheriff Scott Israel"
            place = Place(place.start, place.end, place.text, place.region_code, place.country, "mention")
        elif place.kind == "city" and start_i >= 1 and toks[start_i - 1].low == "for":
            # "to fight for Moscow", "bound for Kyiv": a side or a destination, not a scene
            place = Place(place.start, place.end, place.text, place.region_code, place.country, "mention")
        elif place.kind == "city" and i < n and toks[i].low in _SPEAKER_VERBS:
            # "Kyiv says", "Moscow denied": a capital standing for its government, not a scene
            place = Place(place.start, place.end, place.text, place.region_code, place.country, "mention")
        elif i < n and toks[i].low in _SPEAKER_NOUNS and place.kind != "described":
            # "a Seoul official", "the Belgorod governor": who speaks, not where it happened
            place = Place(place.start, place.end, place.text, place.region_code, place.country, "mention")
        elif place.kind in ("city", "region") and measured_from(text, place.start, toks[0].start):
            # "Jilib, 120 km north of Kismayu": the landmark a distance is measured from, not the scene
            place = Place(place.start, place.end, place.text, place.region_code, place.country, "mention")
        out.append(place)
    return outside_cities(text, divided_region(text, toks, settle_pairs(text, out, gaz) if len(out) > 1 else out), gaz)


def _described_at(toks: list[Token], i: int, gaz: Gazetteer) -> tuple[Place, int] | None:
    for parts, name, iso in gaz.described.get(toks[i].low, ()):
        if i + len(parts) > len(toks):
            continue
        if all(toks[i + k].low == p for k, p in enumerate(parts)):
            j = i + len(parts)
            return Place(toks[i].start, toks[j - 1].end, name, iso, iso[:2], "described"), j
    return None


def _name_at(
    text: str,
    toks: list[Token],
    i: int,
    gaz: Gazetteer,
    war: bool,
    lower_mode: bool,
    title_case: bool,
    countries: frozenset[str],
) -> tuple[Place, int] | None:
    n = len(toks)
    prev = toks[i - 1] if i > 0 else None
    locative = prev is not None and prev.low in LOCATIVE
    if not locative and prev is not None and prev.low in DIRECTIONS and i >= 2:
        locative = toks[i - 2].low in LOCATIVE  # "to eastern Russia", "in northern Gaza"
        # "in the southern Niger Delta region": a part of a country, read as one only before a region word
        part_of = toks[i - 2].low == "the" and i >= 3 and toks[i - 3].low in _THROUGH_THE
        if not locative and i >= 4 and toks[i - 2].text == "-" and toks[i - 3].low in DIRECTIONS:
            locative = toks[i - 4].low in LOCATIVE  # "in north-east Syria", "across south-eastern Ukraine"
    else:
        part_of = False
    if not locative and i >= 2 and toks[i - 1].low == "the" and toks[i - 2].low in _THROUGH_THE:
        # "in the Kathmandu valley", "on the Moscow metro": a part of the place, which the article does not hide
        locative = i + 1 < n and toks[i + 1].low in PART_NOUNS and (lower_mode or toks[i + 1].text.islower())
    # A hashtag of a tweet names a town or region as a scene ("# charsadda : 25 killed"), not a country: topics.
    hashtag = prev is not None and prev.text == "#"  # towns of some size only: see _HASHTAG_POPULATION
    after_settlement = prev is not None and prev.low == "of" and i >= 2 and toks[i - 2].low in SETTLEMENT_WORDS
    if prev is not None and prev.text == "," and i >= 2 and toks[i - 2].low in _NAMING_NOUNS:
        after_settlement = True  # "in the capital, Kathmandu", "the village, Walcott"
    end_of_run = run_end(toks, i, lower_mode)
    # The tail of a longer capitalised name ("Saraj" of "Nahri Saraj"): never a place abroad.
    tail = (
        bool(countries)
        and not lower_mode
        and prev is not None
        and prev.kind == "word"
        and prev.is_cap
        and prev.low not in DIRECTIONS
        and i >= 2
        and toks[i - 2].text not in OPENERS
        and toks[i - 2].text not in ".!?"
    )
    article = prev is not None and prev.low in NAME_ARTICLES and prev.text.islower()
    if article and i >= 2 and toks[i - 2].is_cap and key_of(text, toks, i, i + 1) not in gaz.countries:
        return None  # "Ain" of "Ras al Ain", "Flores" of "Villas las Flores": the end of a longer name
    for j in range(end_of_run, i, -1):
        last = toks[j - 1]
        if last.kind != "word":
            continue
        # Only the start of a longer name ("Ain" of "Ain al Arab"): never a place abroad.
        prefix = j < end_of_run and bool(countries)
        key = key_of(text, toks, i, j)
        if not key or key in gaz.common:
            continue
        if name_goes_on(toks, j, n, lower_mode) and key not in gaz.countries:
            if key in gaz.names or key in gaz.regions:
                return None  # "San Juan" of "San Juan de los Cerritos": no shorter name ("San") either
            continue  # "Mayo" of "Mayo-Sava", "Wadi" of "Wadi al-Rabi", "Ain" of "Ras al Ain": a longer name
        if (
            key not in gaz.names
            and key not in gaz.regions
            and key not in gaz.countries
            and not any(key in gaz.towns(c) for c in countries if len(c) == 2)
        ):
            continue  # no place of that name at all
        nxt = toks[j] if j < n else None
        region_word = nxt is not None and nxt.low in REGION_WORDS
        # "the toll from the kabul bombing", "a quebec mosque where six were killed", "paris terror attacks :"
        modifier = lower_mode and not locative and in_modifier_slot(toks, i, j)
        locative, modifier = locative or modifier, modifier and not _in_event(toks, i)  # a town of any size there
        if region_word or (after_settlement and toks[i - 2].low == "region"):
            assert nxt is not None or not region_word
            region = gaz.lookup_region(key, countries, war)
            if region is not None and region.rank == 0 and region_word and nxt is not None and nxt.low in _TOP_WORDS:
                region = None  # "the island state", "Wainwright State Office": a county's name before "state"
            if region is not None and tail and region.country not in countries:
                continue  # "Nahri Saraj district" in an Afghan entry: not the Saraj of North Macedonia
            if region is None and key in gaz.regions:
                continue  # "Bolivar department" with nothing to say which country's: no town of that name either
            if region is None:
                cand = gaz.lookup_city(key, war, countries)
                iso = cand.region_code if cand is not None else None
                country = cand.country if cand is not None else None
            else:
                iso, country = region.iso, region.country
            if region_word and nxt is not None and nxt.low in AREA_WORDS:
                wide = wider_area(gaz, key, country, countries)
                if wide is not None:
                    iso, country = None, wide  # "the Kasai region", "the Darfur region": several units
            if country is not None and admin_word_country_at(text, last.end) not in (None, country):
                continue  # "Raipur upazila": a place of Bangladesh, not the Indian city
            if country is not None:
                end_tok = j + 1 if region_word else j
                end = toks[end_tok - 1].end
                return Place(toks[i].start, end, text[toks[i].start : end], iso, country, "region"), end_tok
            if key not in gaz.countries:
                continue  # "the Niger Delta region": the name of a country's part, read as that below
        cc = gaz.countries.get(key)
        if cc is not None and hashtag and not locative:
            continue  # "# gaza", "# syria": a topic, and no town of the country's name either
        if cc is not None and (not lower_mode or locative or (part_of and region_word)):
            i = longest_country(text, toks, i, j, gaz)  # "Democratic Republic of the Congo", not "Congo"
            cc, prev = gaz.countries[key_of(text, toks, i, j)], toks[i - 1] if i > 0 else None
            w, we = _written(text, toks[i].start, last.end)
            # "in Russia" is where something happened; "Russia launched" is who did it.
            # "in the Gaza Strip", "across the West Bank": the article does not break the locative.
            before = toks[i - 2] if prev is not None and prev.low == "the" and i >= 2 else prev
            scene = locative or (before is not None and (before.low in LOCATIVE or before.low in ("across", "inside")))
            scene = scene or (part_of and region_word)
            kind = "country" if scene else "mention"
            if prev is not None and prev.low == "from":
                kind = "mention"  # "soldiers from North Korea": where they come from, not where they are
            elif prev is not None and prev.low in ("and", "or") and i >= 3 and toks[i - 3].low == "from":
                kind = "mention"  # "men from Iraq and Iran": the second is a place of origin too
            found = compass_area(text, toks, i, gaz, Place(toks[i].start, we, w, None, cc, kind))
            return compass_region(text, toks, i, found), j  # "in northern Uganda": its Northern Region
        cand = gaz.lookup_city(key, war, countries)
        hinted = in_named_region(text, toks, j, gaz, key, cand, countries, war)
        if hinted is not None:
            cand = hinted
        region = gaz.lookup_region(key, countries, war) if hinted is None and key in gaz.regions else None
        if cand is None and region is None and j - i > 1 and not lower_mode and last.is_cap and key in gaz.names:
            return None  # "San Juan" that nothing here settles: not "San" in Mali either
        if region is not None and (
            foreign_region(region, toks, j, countries, war)
            or ((prefix or tail) and region.country not in countries)
            or county_abroad(gaz, key, region, cand, countries)
        ):
            region = None
        after_place = prev is not None and prev.text in ("(", ",") and i >= 2 and toks[i - 2].is_cap
        town_ok = cand is not None and (
            hinted is not None
            or plausible_town(toks, i, j, cand, key, locative or _hashtag_town(hashtag, cand, countries),
                              after_settlement, lower_mode, title_case, gaz, countries)
        )  # fmt: skip
        # A region wins over a namesake town that could not stand as a town here ("in Culiacan, Sinaloa,").
        if region is not None and (cand is None or not town_ok or region_over_town(cand, region, after_place)):
            if prev is not None and prev.low == "the" and key.endswith(_WATER):
                continue  # "in the Red Sea": the sea, not the Sudanese state named after it
            if nxt is not None and nxt.low in LOCALITY_NOUNS and not town_part_after(toks, i, j):
                continue  # "in Garden Street": a street named after some place, not that county
            # "(Bossaso, Bari)": a district named before its region in brackets stands as a place too
            bracketed = prev is not None and prev.text == "(" and nxt is not None and nxt.text == ","
            # A county's name needs a place word before it: "of Patrick Zamarripa", "part of Garden Street" are none.
            county_ok = (
                region.rank > 0
                or prev is None
                or prev.low not in _WEAK_LOCATIVE
                or (prev.low == "of" and i >= 2 and toks[i - 2].low in _OF_PLACE)
            )  # "the village of Kalakan", "outside of Giheta", "north of X" stand
            stands = (locative or (hashtag and region.rank > 0)) and county_ok
            if stands or bracketed or not (lower_mode or region.rank == 0):
                w, we = _written(text, toks[i].start, last.end)
                return Place(toks[i].start, we, w, region.iso, region.country, "region"), j
            continue
        if cand is None:
            continue
        abroad = (prefix or tail) and cand.country not in countries
        named_city = (
            prev is not None
            and prev.low in ("in", "at")  # "arrested in Dewsbury"; not "linked to Paris"
            and lower_mode  # cased notes name districts after namesake cities abroad ("in Samba", "in Shikarpur")
            and j - i == 1  # one word: a longer name abroad is more often a local place's ("Nossa Senhora de ...")
            and cand.population >= NAMED_CITY_POPULATION
            and cand.score >= 5 * cand.population  # its own name, not another spelling ("Human" for Uman)
            and (nxt is None or (nxt.text != "(" and nxt.low not in SETTLEMENT_WORDS and nxt.low not in _VILLAGES))
        )
        if hinted is None and (foreign_town(cand, countries, war, nxt) or abroad) and not named_city:
            continue
        if not town_ok or (modifier and cand.population < NAMED_CITY_POPULATION):
            continue
        if nxt is not None and nxt.low in LOCALITY_NOUNS and not town_part_after(toks, i, j):
            continue  # "in Camargo community", "Galo Branco neighborhood": a part of some town, not the town
        w, we = _written(text, toks[i].start, last.end)
        return Place(toks[i].start, we, w, cand.region_code, cand.country, "city"), j
    return None


_WATER = (" sea", " gulf", " ocean")
#: Locatives that reach a name past "the": "in the Kathmandu valley", "on the Moscow metro".
_THROUGH_THE = words("in at on near outside inside across around into over throughout")
#: A hashtag stands for a town this large, or for one of the entry's countries ("# peshawar", not "# bardo").
_HASHTAG_POPULATION = 100_000


def _hashtag_town(hashtag: bool, cand: _Candidate | None, countries: frozenset[str]) -> bool:
    return hashtag and cand is not None and (cand.population >= _HASHTAG_POPULATION or cand.country in countries)


#: Region words of a first-level unit: a county's or district's name (rank 0) before one is another thing.
_TOP_WORDS = words("state")
#: A locative word too loose for a county's name on its own ("the story of Patrick ...").
_WEAK_LOCATIVE = words("of")
#: Words before "of" that make the name after it a place: "the village of", "outside of", "north of".
_OF_PLACE = SETTLEMENT_WORDS | DIRECTIONS | LOCATIVE | words("area areas province county municipality commune")
#: A city this large written after "in" is meant even where the entry names only other countries
#: ("arrested in Dewsbury over a collection for a boy in Pakistan").
NAMED_CITY_POPULATION = 50_000
_VILLAGES = words("villages towns areas area")
#: Before "the <place> attack(s)": the figure's scene is that event's place ("wounded in the paris attacks"),
#: not after "linked to" or "in connection with" another event.
_EVENT_PREPS = words("in during from at")


def _in_event(toks: list[Token], i: int) -> bool:
    return i >= 2 and toks[i - 1].low == "the" and toks[i - 2].low in _EVENT_PREPS
