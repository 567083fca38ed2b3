"""A town written with its region, regions that share names with towns or districts, and parts of towns.

Sentences are our own; the shapes are those of coded event notes ("in Town, Region, ...").
"""

from __future__ import annotations

from schemas.facts import Fact
from streams.extract import extract
from streams.extract.entry_countries import entry_countries
from streams.extract.gazetteer import gazetteer
from tests.unit.extract.helpers import where


def killed(body: str) -> Fact:
    found = [f for f in extract("", body) if f.metric == "killed"]
    assert len(found) == 1, f"expected one killed fact in {body!r}, got {found}"
    return found[0]


def test_town_takes_the_region_written_after_it() -> None:
    # The better-known Orikhove lies elsewhere; the note says which one.
    assert where(killed("Mortar fire near Orikhove, Luhansk, killed two soldiers on Friday.")) == ("UA-09", "UA")


def test_town_without_a_namesake_in_the_written_region_still_lies_in_it() -> None:
    f = killed("On Monday, in Sao Goncalo, Rio de Janeiro, police raided a hillside and two suspects died.")
    assert where(f) == ("BR-RJ", "BR")


def test_town_and_region_in_brackets() -> None:
    f = killed("Gunmen stormed a checkpoint near Kagara village (Mahliyah, Marib), killing one guard.")
    assert where(f) == ("YE-MA", "YE")


def test_region_named_like_a_small_town_of_its_own_is_the_region() -> None:
    # "Sinaloa" is also a small town in Sinaloa; after a comma it cannot stand as that town.
    assert where(killed("On Sunday, in Navolata, Sinaloa, a man was shot dead outside a shop.")) == ("MX-SIN", "MX")


def test_a_state_outweighs_a_foreign_district_of_the_same_name() -> None:
    f = killed("On Tuesday, in Joinville, Santa Catarina, a prisoner was stabbed to death by cellmates.")
    assert where(f) == ("BR-SC", "BR")


def test_tail_of_a_longer_name_is_no_district_abroad() -> None:
    f = killed("A drone strike killed three fighters in Nahri Saraj district, Helmand, on Monday.")
    assert where(f) == ("AF-HEL", "AF")


def test_a_named_neighbourhood_is_not_a_town_elsewhere() -> None:
    body = "On Friday, in Celaya, Guanajuato, gunmen attacked a patrol in Camargo community. Three officers died."
    assert where(killed(body)) == ("MX-GUA", "MX")


def test_a_list_of_regions_is_not_a_town_and_its_region() -> None:
    body = "Police said 7 fighters were killed in raids in Kabul, Ghor, Laghman and Balkh provinces."
    assert killed(body).region_code != "AF-GHO"


def test_a_name_that_goes_on_with_a_connector_names_no_country() -> None:
    # "Colonia" is a department of Uruguay; "Colonia los Pinos" is a neighbourhood.
    text = "In Hermosillo, Sonora, two men attacked a driver in Colonia los Pinos."
    assert "UY" not in entry_countries(text, gazetteer())


def test_a_state_is_no_sign_of_its_namesake_city_abroad() -> None:
    text = "In Joinville, Santa Catarina, a prisoner died."
    assert "MX" not in entry_countries(text, gazetteer())


def test_a_district_written_with_its_province_lies_in_that_province() -> None:
    # "Ahmadabad" is a big Indian city; the province after it says where this district is.
    f = killed("Seven fighters were killed in the Borgi village of Ahmadabad district, Paktia, on Monday.")
    assert where(f) == ("AF-PIA", "AF")


def test_town_before_a_bracket_of_its_district_and_region() -> None:
    f = killed("Gunmen attacked a checkpoint in Rafah town (Rafah, North Sinai) and killed one soldier.")
    assert where(f) == ("EG-SIN", "EG")


def test_end_of_a_name_after_an_article_is_no_place() -> None:
    # "Ain" alone is a French department; here it is the end of "Ras al Ain".
    f = killed("A sniper killed a fighter near Ras al Ain on Saturday.")
    assert f.country != "FR"


def test_start_of_a_hyphenated_name_is_no_place() -> None:
    # "Mayo" alone is an Irish county; here it is the start of "Mayo-Tsanaga".
    f = killed("Militants killed a farmer in a village (Mayo-Tsanaga, Far North) on Monday.")
    assert f.country != "IE"


def test_an_ambiguous_region_word_gives_no_town_of_that_name() -> None:
    # Bolivar is a state of Venezuela and a department of Colombia; nothing here says which.
    f = killed("In a village of Bolivar department, a man was shot dead on Sunday.")
    assert f.country is None


def test_a_region_known_by_its_english_spelling_names_the_entry_country() -> None:
    text = "Seven fighters died in Ahmadabad district, Paktia."
    assert "AF-PIA" in entry_countries(text, gazetteer())


def test_a_district_and_the_region_it_lies_in_agree() -> None:
    # Lilongwe (a district, MW-LI) lies in the Central Region (MW-C): one place, the finer code.
    body = "On Monday, youths set fire to party offices in Lilongwe (Lilongwe, Central). Three people died."
    assert where(killed(body)) == ("MW-LI", "MW")


def test_a_colonia_is_a_neighbourhood_of_the_town_named() -> None:
    body = "On Friday, in Hermosillo, Sonora, gunmen attacked a bar in Colonia Miguel Hidalgo. Two men were killed."
    assert where(killed(body)) == ("MX-SON", "MX")


def test_a_hyphenated_name_with_lowercase_inner_words() -> None:
    assert where(killed("Gunmen killed a shepherd near a village in Deir-ez-Zor on Sunday.")) == ("SY-DY", "SY")


def test_news_spellings_of_regions() -> None:
    assert where(killed("A roadside bomb killed two soldiers in Lower Shabelle on Monday.")) == ("SO-SH", "SO")
    assert where(killed("A roadside bomb killed two soldiers in Salahuddin on Monday.")) == ("IQ-SD", "IQ")


def test_a_district_in_brackets_settles_which_region_its_namesake_is() -> None:
    # "Bari" is an Italian city and a Somali region; "Bossaso" is a district of the Somali one.
    body = "Militants stormed a police post in Bossaso town (Bossaso, Bari) on Friday. Two men were killed."
    assert where(killed(body)) == ("SO-BR", "SO")


def test_a_district_and_its_governorate_in_brackets() -> None:
    # "Sahar" is a district of Sadah governorate; the bigger town of that name lies elsewhere.
    f = killed("Artillery fire hit a farm in the Naqa area (Sahar, Sadah), killing two herders.")
    assert where(f) == ("YE-SD", "YE")


def test_a_town_in_a_region_of_another_country_than_its_namesake_region() -> None:
    # "Karak" is also a Jordanian governorate; "in Dar'a" says this one is the Syrian town.
    assert where(killed("A feud in the town of Karak in Dar'a left two men dead, a monitor said.")) == ("SY-DR", "SY")


def test_articles_chain_inside_a_long_name() -> None:
    body = "On Friday, in Buena Vista de la Salud, Guerrero, gunmen shot three men dead."
    f = killed(body)
    assert f.country == "MX"
    assert "US" not in entry_countries(body, gazetteer())


def test_a_pair_settles_the_same_name_elsewhere_in_the_sentence() -> None:
    # The first "Tuzla" alone could be any Tuzla; "Tuzla, Istanbul" later says which.
    body = "Arsonists set fire to a depot in Tuzla industrial zone in Tuzla, Istanbul, killing a guard."
    assert where(killed(body)) == ("TR-34", "TR")


def test_a_compass_word_before_a_region_word_belongs_to_the_name() -> None:
    # "Twic" alone is a county of Warrap; "Twic East county" lies in Jonglei.
    f = killed("Raiders hit an army post by a village in Twic East county (Jonglei state), killing two soldiers.")
    assert where(f) == ("SS-JG", "SS")


def test_a_nigerian_local_government_area_is_a_region_word() -> None:
    f = killed("Gunmen killed a farmer at Naraguta (Jos North LGA, Plateau) on Monday.")
    assert where(f) == ("NG-PL", "NG")


def test_a_known_name_nothing_settles_gives_no_shorter_name() -> None:
    # "San Juan" is a town in many countries; its first word alone is a town in Mali.
    f = killed("On Thursday, in San Juan city, a police officer was shot dead by gunmen.")
    assert f.country != "ML"


def test_a_longer_name_with_articles_gives_no_town_of_its_first_word() -> None:
    f = killed("On Thursday, in San Juan de los Cerritos, gunmen shot a police officer dead.")
    assert f.country != "ML"
