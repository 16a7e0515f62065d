"""The names field: one key per name across scripts and spellings, and no key for common words."""

from __future__ import annotations

import pytest

from qidir.analyzers import analyze_names, query_forms
from qidir.analyzers.names import name_keys


def _indexed(text: str) -> set[str]:
    return {t.term for t in analyze_names(text)}


# (what a reader types, a document that must be found through the names field)
SAME_NAME = [
    ("Tokayev", "Президент Токаев прибыл в Анкару."),
    ("Tokayev", "Президент Тўқаев Анқарага келди."),
    ("Tokayev", "Тўқаевнинг Туркияга ташрифи бошланди."),
    ("Токаев", "President Tokayev arrived in Ankara."),
    ("Toqayev", "President Tokayev arrived in Ankara."),
    ("Erdogan", "President Erdoğan met the delegation."),
    ("Erdogan", "Президент Эрдоган встретился с делегацией."),
    ("Erdogan", "Президент Эрдўған делегацияни қабул қилди."),
    ("Эрдўған", "President Erdogan met the delegation."),
    ("Erdoğan", "Erdoğan'ın açıklaması bugün yayımlandı."),
    ("Hasanov", "Colonel General Z.Hasanov greeted the guests."),
    ("Hasanov", "Müdafiə naziri Zakir Həsənov qonaqları qəbul edib."),
    ("Həsənov", "Defence Minister Zakir Hasanov met his counterpart."),
    ("Aktau", "Учения пройдут в Ақтау в июне."),
    ("Aktau", "Порт Актау принял рекордный груз."),
    ("Ақтау", "The exercise will be held in Aktau in June."),
    ("Recep", "Президент Турции Реджеп Тайип Эрдоган."),
    ("Tayyip", "Президент Турции Реджеп Тайип Эрдоган."),
    ("Kasym-Jomart", "Президент Қасим-Жўмарт Тўқаев."),
    ("Jomart", "President Kassym-Jomart Tokayev spoke."),
    ("Zhaksylykov", "Министр обороны Руслан Жаксылыков."),
    ("Mirziyoyev", "Президент Шавкат Мирзиёев раислик қилди."),
    ("Shavkat", "Президент Шавкат Мирзиёев."),
    ("Aliyev", "Prezident İlham Əliyev bəyanat verib."),
    ("Ilham", "Президент Ильхам Алиев выступил."),
    ("Yermekbayev", "Министр Нурлан Ермекбаев."),
    ("Казахстан", "Kazakhstan and Turkey signed a deal."),
    ("Zelensky", "Президент Зеленский выступил."),
    ("Xalilov", "By Vugar Khalilov"),
    ("Hasanov", "Министр обороны Азербайджана Закир Гасанов."),
    ("Heydar", "Память Гейдара Алиева почтили минутой молчания."),
    ("Gasanov", "Министр обороны Азербайджана Закир Гасанов."),
    ("Herat", "Город Гера́т на западе страны."),  # a stress mark changes nothing
    # x read as ks (English) as well as h (Uzbek); ё typed as е
    ("Maxim", "Министр Максим Решетников прибыл."),
    ("Alexei", "Посол Алексей Иванов выступил."),
    ("Максим", "Minister Maxim Reshetnikov arrived."),
    ("Xalilov", "Министр Халилов выступил."),
    ("Мирзиеев", "Президент Шавкат Мирзиёев раислик қилди."),
    ("Мирзиёев", "Президент Шавкат Мирзиеев выступил."),
    # ş and ç typed without the cedilla, or as sh and ch
    ("Simsek", "Bakan Mehmet Şimşek'in açıklaması piyasaları rahatlattı."),
    ("Shimshek", "Bakan Mehmet Şimşek açıklama yaptı."),
    ("Cavusoglu", "Dışişleri Bakanı Mevlüt Çavuşoğlu konuştu."),
    ("Çavuşoğlu", "Foreign Minister Mevlut Cavusoglu said."),
    ("Чавушоглу", "Dışişleri Bakanı Mevlüt Çavuşoğlu konuştu."),
    # places named differently in different languages (exonyms), inflected
    ("Istanbul", "Переговоры пройдут в Стамбуле."),
    ("Стамбул", "İstanbul'da toplantı yapıldı."),
    ("Tashkent", "Toshkentda yangi metro bekati ochildi."),
    ("Tashkent", "Ҳукумат делегацияси эртага Тошкентга қайтади."),
    ("Toshkent", "Переговоры прошли в Ташкенте."),
    ("Ташкент", "Taşkent'te toplantı yapıldı."),
    ("Bukhara", "Бухорода туристлар кўпайди."),
    ("Buxoro", "Tourists returned to Bukhara this spring."),
    ("Moscow", "Переговоры в Москве завершились."),
    ("Moskva", "Talks in Moscow ended."),
    ("Turkey", "Türkiye'nin ihracatı arttı."),
    ("Türkiye", "Министр иностранных дел на этой неделе посетил Турцию."),
    ("Uzbekistan", "Oʻzbekistonning eksporti oʻsdi."),
    ("Oʻzbekiston", "Экспорт Узбекистана вырос."),
    ("Kazakhstan", "Қозоғистонда сайлов бўлди."),
    ("Qozogʻiston", "Kazakhstan held an election."),
    ("Beijing", "Делегация прибыла в Пекин."),
    ("Kyiv", "Переговоры в Киеве."),
    ("Baku", "Nazir Bakıya səfər edib."),
    ("Almaty", "Olmaotada koʻrgazma ochildi."),
]


@pytest.mark.parametrize(("query", "document"), SAME_NAME)
def test_same_name_across_scripts_and_spellings(query: str, document: str) -> None:
    assert query_forms(query).names & _indexed(document), (query_forms(query), document)


# (what a reader types, a document that must NOT be found through the names field)
NOT_SAME = [
    # different names that look alike
    ("Hasanov", "Minister Husanov spoke."),
    ("Aliyev", "Academician Zarifa Aliyeva."),
    ("Karimov", "Mr Kerimov arrived."),
    ("Tokayev", "The Tokay wine festival."),
    ("Erdogan", "Minister Erdem spoke."),
    ("Akar", "Mr Aker spoke."),
    ("Putin", "Mr Petin spoke."),
    ("Dere", "Mr Dare spoke."),
    ("Baku", "The Bako river."),
    ("Kazakh", "The city of Kazan."),
    ("Sultan", "Mr Sultanov spoke."),
    ("Aktau", "The city of Aktobe."),
    ("Ankara", "The city of Antalya."),
    ("Ilham", "Mr Ilhan spoke."),
    ("Heydar", "Mr Haydar spoke."),
    ("Tashkent", "The Tashkan hills."),
    ("Maxim", "Mr Makim spoke."),  # x as ks or h, never dropped
    ("Максим", "Mr Maksud spoke."),
    ("Simsek", "Mr Simsar spoke."),
    # the place table joins the names of one place, never two places
    ("Tashkent", "Toshkentov spoke."),
    ("Turkey", "Turkmaniston bilan savdo."),
    ("Iran", "Ирак и Сирия."),
    ("Samarkand", "The city of Samara."),
    ("Moscow", "Mr Moskvin spoke."),
    ("Kabul", "The Kobuleti resort."),
    ("Uzbekistan", "Tojikiston bilan chegara."),
    ("Georgia", "Делегация из Грузии."),  # left out of the table: also a name and a US state

    # common words never enter the names field from running text …
    ("мир", "Переговоры о мире продолжатся."),
    ("sin", "Его сын вернулся домой."),
    ("harbiy", "Қозоғистон билан ҳарбий ҳамкорлик."),
    ("hamkorlik", "ҳарбий ҳамкорлик тўғрисида"),
    ("military", "The military exercises began."),
    # … and frequent words typed in a query are not looked up as names
    ("president", "President Tokayev spoke."),
    ("said", "Said Ahmad spoke."),
    ("yil", "Yil Tokayev"),
    ("the", "The Hague"),
]


@pytest.mark.parametrize(("query", "document"), NOT_SAME)
def test_different_words_do_not_meet_in_the_names_field(query: str, document: str) -> None:
    assert not query_forms(query).names & _indexed(document), (query_forms(query), document)


def test_tables_are_big_enough() -> None:
    assert len(SAME_NAME) >= 20 and len(NOT_SAME) >= 20


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Tokayev", "tokaev"),
        ("Тўқаев", "tokaev"),
        ("Erdoğan", "erdogan"),
        ("Эрдўған", "erdogan"),
        ("Həsənov", "hasanov"),
        ("Ақтау", "aktau"),
        ("Тайип", "taip"),
        ("Tayyip", "taip"),
        ("Жаксылыков", "jaksilikov"),
        ("Мирзиёев", "mirzioev"),
        ("Mirziyoyev", "mirzioev"),
        ("Qozogʻiston", "kozogiston"),
        ("Қозоғистон", "kozogiston"),
        ("Khalilov", "halilov"),
        ("Xəlilov", "halilov"),
        ("Tokayev’s", "tokaev"),
        ("Erdoğan'ın", "erdogan"),
    ],
)
def test_fold_table(word: str, key: str) -> None:
    assert key in name_keys(word)


def test_bare_c_gets_english_and_turkish_readings() -> None:
    assert set(name_keys("Recep")) == {"resep", "rejep"}
    assert name_keys("Реджеп") == ("rejep",)


def test_lowercase_words_in_documents_get_no_names_tokens() -> None:
    assert analyze_names("military cooperation between the two countries") == []


def test_names_tokens_point_at_the_surface_name() -> None:
    text = "Президент Тўқаевнинг ташрифи"
    spans = {text[t.start : t.end] for t in analyze_names(text) if t.term == "tokaev"}
    assert spans == {"Тўқаевнинг"}


def test_scripts_without_a_table_fall_back_to_unidecode() -> None:
    assert name_keys("Αθήνα") == ("athena",)


# (text, a capitalised word in it that is an ordinary word, not a name)
ORDINARY_AT_SENTENCE_START = [
    ("Такой подход выбрали в министерстве.", "Такой"),
    ("Тогда делегация уехала. Последний раунд прошёл в Астане.", "Последний"),
    ("Coalition talks went on. The coalition met again on Monday.", "Coalition"),
    ("Last week the last train left. Tokayev spoke.", "Last"),
    ("President Tokayev spoke in Ankara.", "President"),
    ("«Новый закон вступит в силу», — сказал он.", "Новый"),
    ("Davlat rahbari gapirdi. Bu yil hosil yaxshi.", "Davlat"),
]

# (text, a name at a sentence start that keeps its key, the key)
NAMES_AT_SENTENCE_START = [
    ("Токаев заявил о новом соглашении.", "tokaev"),
    ("Tokayev said the deal was signed.", "tokaev"),
    ("Эрдоган прибыл в Баку.", "erdogan"),
    ("Путин и Токаев встретились.", "putin"),
    ("Oʻzbekiston va Turkiya kelishdi.", "ozbekiston"),  # a frequent word, but a place
    ("Коалиция Reform и Токаев.", "koalisia"),  # a noun: no evidence it is ordinary
    ("Talks began. Zakir Həsənov arrived.", "zakir"),
]


@pytest.mark.parametrize(("text", "word"), ORDINARY_AT_SENTENCE_START)
def test_ordinary_words_at_a_sentence_start_get_no_names_key(text: str, word: str) -> None:
    spans = {text[t.start:t.end] for t in analyze_names(text)}
    assert word not in spans, (text, analyze_names(text))


@pytest.mark.parametrize(("text", "key"), NAMES_AT_SENTENCE_START)
def test_names_at_a_sentence_start_keep_their_key(text: str, key: str) -> None:
    assert key in _indexed(text)


def test_the_same_word_inside_a_sentence_is_still_a_name() -> None:
    # "Coalition" is ordinary only where capitalisation says nothing (a sentence start).
    assert "koalition" in _indexed("Members of the Coalition Provisional Authority met.")
