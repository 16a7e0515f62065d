"""The country gazetteer: names, short forms, demonyms and capitals in six languages,
inflected forms, and words that look like countries but are not."""

from __future__ import annotations

import json

import pycountry
import pytest

from qidir.search.ingest.metadata import find_countries
from qidir.search.ingest.metadata.countries import DATA


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # English: names, possessives, demonyms, capitals, abbreviations
        ("talks in Azerbaijan's capital", "AZ"),
        ("Kazakhstan’s defence ministry", "KZ"),
        ("Turkish-Kazakh defence ties", "TR"),
        ("Turkish-Kazakh defence ties", "KZ"),
        ("the Kazakh delegation", "KZ"),
        ("an Uzbek engineer", "UZ"),
        ("talks in Kyiv", "UA"),
        ("Moscow's sphere of influence", "RU"),
        ("in the capital Nur-Sultan", "KZ"),
        ("NUR SULTAN", "KZ"),
        ("the U.S. embassy", "US"),
        ("the UK and the EU", "GB"),
        ("Hashemite Kingdom of Jordan", "JO"),
        ("Turkey, Jordan and Iraq", "JO"),
        ("Azerbaijan, Georgia and Turkey", "GE"),
        ("North Korea fired a missile", "KP"),
        ("Guinea-Bissau held elections", "GW"),
        ("Papua New Guinea", "PG"),
        # Russian: cases and adjectives
        ("Президент Казахстана", "KZ"),
        ("президент Турции", "TR"),
        ("в Турцию", "TR"),
        ("с Россией", "RU"),
        ("на Украине", "UA"),
        ("турецкого министра", "TR"),
        ("в Китае", "CN"),
        ("из Саудовской Аравии", "SA"),
        ("власти Южной Кореи", "KR"),
        ("в столице Киргизии", "KG"),
        ("США и ОАЭ", "US"),
        ("в Ташкенте", "UZ"),
        ("переговоры в Вене", "AT"),
        ("санкции Соединённых Штатов", "US"),
        ("в Объединённых Арабских Эмиратах", "AE"),
        ("из Новой Зеландии", "NZ"),
        ("в Нидерландах", "NL"),
        ("на Кубе", "CU"),
        ("Кишинёве", "MD"),
        # Uzbek (Cyrillic)
        ("Қозоғистоннинг мудофаа вазири", "KZ"),
        ("Туркияга давлат ташрифи", "TR"),
        ("Россиянинг ҳарбий ҳужуми", "RU"),
        ("Украинага бостириб кириш", "UA"),
        ("Анқарада учрашув", "TR"),
        ("АҚШнинг элчиси", "US"),
        ("Хитойдан келтирилган", "CN"),
        ("Тошкентда", "UZ"),
        # Uzbek (Latin), with every apostrophe form
        ("O'zbekiston va Turkiya", "UZ"),
        ("Qozog‘istonning", "KZ"),
        ("Qozogʻistonga", "KZ"),
        ("Turkiyalik sheriklar", "TR"),
        ("Afg'onistonda", "AF"),
        ("AQShning General Motors kompaniyasi", "US"),
        ("AQSh, Buyuk Britaniya va Germaniya", "US"),
        ("Toshkentda", "UZ"),
        # Kazakh
        ("Қазақстанның көлік министрлігі", "KZ"),
        ("Өзбекстанмен арадағы", "UZ"),
        ("Ресейге жүк", "RU"),
        ("Мәскеуде", "RU"),
        ("қазақ тілі", "KZ"),
        # Azerbaijani
        ("Azərbaycanın energetika nazirliyi", "AZ"),
        ("Türkiyəyə uzanan", "TR"),
        ("Gürcüstanla sərhəd", "GE"),
        ("Rusiyanın mövqeyi", "RU"),
        ("Bakıya gəlib", "AZ"),
        # Turkish
        ("Türkiye'nin ulusal", "TR"),
        ("Kazakistan'a sefer", "KZ"),
        ("Rusya'ya", "RU"),
        ("ABD'nin tutumu", "US"),
        ("Türk heyeti", "TR"),
        ("Ankara'da", "TR"),
        ("Güney Kore'nin", "KR"),
        ("Birleşik Arap Emirlikleri", "AE"),
        ("Amerika Birləşmiş Ştatlarının", "US"),
        ("Bişkek'te", "KG"),
        ("Alman şirketi", "DE"),
        ("немис компанияси", "DE"),
        ("ағылшын тілі", "GB"),
    ],
)
def test_mentions(text: str, code: str) -> None:
    assert code in find_countries(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Michael Jordan signed autographs", "JO"),
        ("Jordan Peterson gave a talk", "JO"),
        ("Chad Williams scored twice", "TD"),
        ("he grew up in Atlanta, Georgia, and moved", "GE"),
        ("a university in Athens, Georgia, offered", "GE"),  # a capital's name, a US town
        ("a university in Athens, Georgia, offered", "GR"),
        ("she grew up in Paris, Texas.", "FR"),
        ("the mayor of Moscow, Idaho, said", "RU"),
        ("Their First Turkey Dinner", "TR"),
        ("a Turkey Day parade", "TR"),
        ("the St. George ribbon", "GE"),
        ("Georgian ribbons were banned", "GE"),
        ("Георгиевская лента", "GE"),
        ("Георгий ленталари", "GE"),
        ("Georgi ribbons at the events", "GE"),
        ("a guinea pig", "GN"),
        ("a Guinea pig at the fair", "GN"),
        ("roast turkey at the holidays", "TR"),
        ("a Nigerian musician", "NE"),
        ("the Turkic states", "TR"),
        ("Turkiy davlatlar", "TR"),
        ("the Indian Ocean", "IN"),
        ("Latin American markets", "US"),
        ("chinaware and fine china", "CN"),
        ("Qatar stansiyaya çatdı.", "QA"),
        ("Limanın girişi", "PE"),
        ("Того же мнения придерживаются другие.", "TG"),
        ("малая часть", "ML"),
        ("Малы и велики.", "ML"),
        ("Hint Okyanusu", "IN"),
        ("hind legs of a horse", "IN"),
        ("Same rules apply.", "SY"),
        ("Male voters", "MV"),
        ("Abstain from voting", "US"),
        ("Caddesi üzerinde", "TD"),
        ("Cinsinden ödeme", "CN"),
        ("Indiana Jones", "IN"),
        ("Frances Smith", "FR"),
        ("Fasten your belts", "MA"),
        ("Дела идут хорошо.", "IN"),
        ("Самое главное", "WS"),
        ("В Малой Азии", "ML"),
        ("ruse and trick", "RU"),
        ("New Jersey", "JE"),
        ("us and them", "US"),
        ("Central Asian states", "KZ"),
        ("Dominican monks", "DM"),
        ("Nigeria", "NE"),
    ],
)
def test_not_mentions(text: str, code: str) -> None:
    assert code not in find_countries(text)


@pytest.mark.parametrize(("text", "codes"), [
    ("Talks in Tbilisi, Georgia, ended.", {"GE"}),
    ("Delegations from Baku, Georgia and Turkey met.", {"AZ", "GE", "TR"}),
    ("Armenia, Georgia and Azerbaijan signed.", {"AM", "GE", "AZ"}),
    ("Leaders met in Paris, France.", {"FR"}),
    ("Turkey and its turkey farms", {"TR"}),
])
def test_places_in_lists_still_count(text: str, codes: set[str]) -> None:
    assert set(find_countries(text)) == codes


def test_counts_every_mention() -> None:
    text = "Kazakhstan and Turkey. Kazakhstan's ministry, the Kazakh side, Astana."
    assert find_countries(text) == {"KZ": 4, "TR": 1}


def test_longest_name_wins() -> None:
    assert find_countries("South Sudan and Sudan") == {"SD": 1, "SS": 1}
    assert find_countries("Equatorial Guinea") == {"GQ": 1}


def test_every_iso_country_is_covered() -> None:
    generated = json.loads((DATA / "countries_generated.json").read_text("utf-8"))
    assert {c.alpha_2 for c in pycountry.countries} <= set(generated)
    for code, names in generated.items():
        assert names.get("en"), code


@pytest.mark.parametrize("lang", ["ru", "uz", "uz-Cyrl", "kk", "az", "tr"])
def test_region_names_in_every_language(lang: str) -> None:
    generated = json.loads((DATA / "countries_generated.json").read_text("utf-8"))
    for code in ("KZ", "UZ", "TR", "AZ", "RU", "KG", "TJ", "TM"):
        names = generated[code][lang]
        assert names and find_countries(names[0]) == {code: 1}, (code, lang, names)


def test_rejects_non_text() -> None:
    with pytest.raises(TypeError, match="expects str"):
        find_countries(None)  # type: ignore[arg-type]
