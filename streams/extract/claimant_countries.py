"""The country words claimant ids know: names, demonyms and capitals -> ISO 3166-1 alpha-2.

Kept apart from the gazetteer so that ids do not depend on its data.
"""

from __future__ import annotations

#: Country names, possessives' bases, demonyms and capitals -> ISO 3166-1 alpha-2.
#: Multi-word keys are matched first. Kept here so ids do not depend on the gazetteer's data.
COUNTRY_WORDS: dict[str, str] = {
    "ukraine": "UA", "ukrainian": "UA", "kyiv": "UA", "kiev": "UA",
    "russia": "RU", "russian": "RU", "moscow": "RU", "russian federation": "RU",
    "united states": "US", "us": "US", "u.s.": "US", "american": "US", "washington": "US", "america": "US",
    "united kingdom": "GB", "uk": "GB", "britain": "GB", "british": "GB", "london": "GB",
    "israel": "IL", "israeli": "IL",
    "gaza": "PS", "palestinian": "PS", "palestine": "PS",
    "lebanon": "LB", "lebanese": "LB", "beirut": "LB",
    "syria": "SY", "syrian": "SY", "damascus": "SY",
    "yemen": "YE", "yemeni": "YE", "sanaa": "YE",
    "sudan": "SD", "sudanese": "SD", "khartoum": "SD",
    "iran": "IR", "iranian": "IR", "tehran": "IR",
    "iraq": "IQ", "iraqi": "IQ", "baghdad": "IQ",
    "north korea": "KP", "north korean": "KP", "pyongyang": "KP",
    "south korea": "KR", "south korean": "KR", "seoul": "KR",
    "china": "CN", "chinese": "CN", "beijing": "CN",
    "belarus": "BY", "belarusian": "BY", "minsk": "BY",
    "poland": "PL", "polish": "PL", "warsaw": "PL",
    "germany": "DE", "german": "DE", "berlin": "DE",
    "france": "FR", "french": "FR", "paris": "FR",
    "turkey": "TR", "turkish": "TR", "ankara": "TR",
    "egypt": "EG", "egyptian": "EG", "cairo": "EG",
    "jordan": "JO", "jordanian": "JO",
    "moldova": "MD", "moldovan": "MD",
    "georgia": "GE", "georgian": "GE",
    "japan": "JP", "japanese": "JP", "tokyo": "JP",
    "mali": "ML", "malian": "ML",
    "haiti": "HT", "haitian": "HT",
    "somalia": "SO", "somali": "SO",
    "ethiopia": "ET", "ethiopian": "ET",
    "congo": "CD", "congolese": "CD",
    "myanmar": "MM",
    "pakistan": "PK", "pakistani": "PK",
    "india": "IN", "indian": "IN",
}  # fmt: skip
