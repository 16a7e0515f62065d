"""Uzbek: Cyrillic → official Latin transliteration and suffix stripping (real words from the
Uzbek seed and the sample corpus)."""

from __future__ import annotations

import pytest

from qidir.analyzers import analyze, query_forms
from qidir.analyzers.uzbek import MAX_SIGN_POSITIONS, analyze_word, latin_form, spelling_variants

# Apostrophe in expected values: the canonical ʼ (U+02BC) every variant folds to.
TRANSLIT = [
    ("Қозоғистон", "qozogʼiston"),
    ("Туркия", "turkiya"),
    ("ҳарбий", "harbiy"),
    ("ҳамкорлик", "hamkorlik"),
    ("тўғрисида", "toʼgʼrisida"),
    ("шартнома", "shartnoma"),
    ("имзолади", "imzoladi"),
    ("ўртасида", "oʼrtasida"),
    ("бўйича", "boʼyicha"),
    ("келишув", "kelishuv"),
    ("бермоқда", "bermoqda"),
    ("радиосининг", "radiosining"),
    ("хизмати", "xizmati"),
    ("таяниб", "tayanib"),
    ("Тўқаевнинг", "toʼqayevning"),
    ("Туркияга", "turkiyaga"),
    ("ташрифи", "tashrifi"),
    ("доирасида", "doirasida"),
    ("ҳужжатлар", "hujjatlar"),
    ("тафсилотлар", "tafsilotlar"),
    ("келтирилмаган", "keltirilmagan"),
    ("таъкидлаганидек", "taʼkidlaganidek"),
    ("Ҳулуси", "hulusi"),
    ("алоқаларини", "aloqalarini"),
    ("жумладан", "jumladan"),
    ("қўшма", "qoʼshma"),
    ("машғулотлар", "mashgʼulotlar"),
    ("муҳимлигига", "muhimligiga"),
    ("шериклигимизни", "sherikligimizni"),
    ("даражасига", "darajasiga"),
    ("кўтардик", "koʼtardik"),
    ("қардош", "qardosh"),
    ("Эрдўған", "erdoʼgʼan"),
    ("учрашувдан", "uchrashuvdan"),
    ("сўнг", "soʼng"),
    ("делегациялари", "delegatsiyalari"),
    ("музокаралар", "muzokaralar"),
    ("якунлари", "yakunlari"),
    ("ахборот", "axborot"),
    ("халқаро", "xalqaro"),
    ("божхона", "bojxona"),
    ("соддалаштириш", "soddalashtirish"),
    ("технологиялари", "texnologiyalari"),
    ("Россиянинг", "rossiyaning"),
    ("Украинага", "ukrainaga"),
    ("этаётган", "etayotgan"),
    ("экспертларнинг", "ekspertlarning"),
    ("Анқарада", "anqarada"),
    ("таъсир", "taʼsir"),
    ("Марказий", "markaziy"),
    ("Осиё", "osiyo"),
    ("мустаҳкамлаш", "mustahkamlash"),
    ("имконияти", "imkoniyati"),
    ("воситачилардан", "vositachilardan"),
    ("ҳисобланади", "hisoblanadi"),
    ("Георгий", "georgiy"),
    ("ленталари", "lentalari"),
    ("ҳарфини", "harfini"),
    ("тақиқлади", "taqiqladi"),
    ("Мирзиёев", "mirziyoyev"),
    ("Иқтисодиёт", "iqtisodiyot"),
    ("Сурхондарё", "surxondaryo"),
    ("поезд", "poyezd"),
    ("Цзиньпин", "szinpin"),
    ("модернизация", "modernizatsiya"),
    ("станцияси", "stansiyasi"),
    ("аъзо", "aʼzo"),
    ("эътибор", "eʼtibor"),
    ("ёшларни", "yoshlarni"),
    ("юклар", "yuklar"),
    ("Япония", "yaponiya"),
    ("сентябрь", "sentyabr"),
    ("Самарқандда", "samarqandda"),
    ("фуқаролари", "fuqarolari"),
    ("ўғит", "oʼgʼit"),
    ("Ҳиндистонда", "hindistonda"),
    ("Ташқи", "tashqi"),
    ("етказишни", "yetkazishni"),
    ("Ўзбекистоннинг", "oʼzbekistonning"),
    ("объект", "obʼyekt"),
    # ц by the 1995 rules: s at the start, at the end and after a consonant; ts after a vowel
    # inside a word
    ("цех", "sex"),
    ("абзац", "abzas"),
    ("кварц", "kvars"),
    ("милиционер", "militsioner"),
    ("революция", "revolyutsiya"),
    ("Цельсий", "selsiy"),
]


@pytest.mark.parametrize(("cyrillic", "latin"), TRANSLIT)
def test_cyrillic_to_official_latin(cyrillic: str, latin: str) -> None:
    assert latin_form(cyrillic) == latin


def test_table_is_big_enough() -> None:
    assert len(TRANSLIT) >= 60


STEMS = [
    # (word in either script, stem)
    ("Туркияга", "turkiya"),
    ("Turkiya", "turkiya"),
    ("ҳамкорликни", "hamkorlik"),
    ("hamkorligi", "hamkorlik"),
    ("Тўқаевнинг", "toʼqayev"),
    ("радиосининг", "radio"),
    ("алоқаларини", "aloqa"),
    ("муҳимлигига", "muhimlik"),
    ("шериклигимизни", "sheriklik"),
    ("шерикликнинг", "sheriklik"),
    ("ўртасидаги", "oʼrta"),
    ("ўртасида", "oʼrta"),
    ("тўғрисида", "toʼgʼri"),
    ("ташрифи", "tashrif"),
    ("делегациялари", "delegatsiya"),
    ("музокараларда", "muzokara"),
    ("экспертларнинг", "ekspert"),
    ("Анқарада", "anqara"),
    ("Ўзбекистоннинг", "oʼzbekiston"),
    ("Тошкентдан", "toshkent"),
    ("Тошкентдаги", "toshkent"),
    ("давлатдир", "davlat"),
    ("qishloqqa", "qishloq"),
    ("tilakka", "tilak"),
    # left alone: too short, or the ending is part of the word
    ("yozuvchi", "yozuvchi"),
    ("yangi", "yangi"),
    ("yangiga", "yangi"),
    ("kishi", "kishi"),
    ("to‘g‘ri", "toʼgʼri"),
    ("bosh", "bosh"),
    ("soda", "soda"),
    ("tani", "tani"),
    ("Рига", "riga"),
    ("harbiy", "harbiy"),
]


@pytest.mark.parametrize(("word", "stem"), STEMS)
def test_suffix_stripping(word: str, stem: str) -> None:
    assert analyze_word(word) == (stem,)


APOSTROPHES = ["'", "`", "‘", "’", "ʻ", "ʼ"]


@pytest.mark.parametrize("apostrophe", APOSTROPHES)
def test_every_apostrophe_form_meets_the_cyrillic_document(apostrophe: str) -> None:
    doc_terms = {t.term for t in analyze("Ўзбекистон ва Туркия ўртасидаги алоқалар", lang="uz")}
    for word in (f"O{apostrophe}zbekiston", f"o{apostrophe}rtasida"):
        assert query_forms(word).text & doc_terms, word


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("Туркияга", "Turkiya bilan kelishuv imzolandi."),
        ("Turkiya", "Туркияга давлат ташрифи."),
        ("ҳамкорликни", "harbiy hamkorlik haqida"),
        ("hamkorlik", "ҳарбий ҳамкорликни тартибга солувчи"),
        ("Oʻzbekiston", "Ўзбекистоннинг ташқи савдоси"),
        ("toʻgʻrisida", "шартнома тўғрисидаги меморандум"),
    ],
)
def test_queries_in_either_script_meet_documents_in_the_other(query: str, document: str) -> None:
    assert query_forms(query).text & {t.term for t in analyze(document, lang="uz")}


# (what a reader types, an Uzbek document that must be found): the oʻ/gʻ sign left out on
# either side, and the tutuq belgisi left out in the document, as much Uzbek writing online
# does. (A tutuq left out of the query cannot be put back: its place is not predictable.)
WITHOUT_SIGN = [
    ("yoqilgi", "Yoqilgʻi narxi yana oshdi."),
    ("ozbekistonda", "Oʻzbekistonda yangi qonun kuchga kirdi."),
    ("togda", "Togʻda qor yogʻdi."),
    ("xojaligi", "Qishloq xoʻjaligi vazirligi"),
    ("oqituvchilar", "Oʻqituvchilar maoshi oshiriladi."),
    ("gosht", "Goʻsht narxi barqaror."),
    ("qoshni", "Qoʻshni davlatlar bilan savdo."),
    ("boglar", "Bogʻlarda olma pishdi."),
    ("sogliqni", "Sogʻliqni saqlash vazirligi"),
    # the sign written in the query, left out in the document
    ("yoqilgʻi", "Yoqilgi narxi yana oshdi."),
    ("xoʻjaligi", "Qishloq xojaligi vazirligi"),
    ("ёқилғи", "Yoqilgi narxi yana oshdi."),
    ("taʼlim", "Talim vazirligi bayonot berdi."),
    ("maʼlumot", "Malumotlarga koʻra, hosil yaxshi."),
    ("oʻqituvchi", "Oqituvchilar maoshi oshiriladi."),
]


@pytest.mark.parametrize(("query", "document"), WITHOUT_SIGN)
def test_the_sign_may_be_left_out_on_either_side(query: str, document: str) -> None:
    assert query_forms(query).text & {t.term for t in analyze(document, lang="uz")}


@pytest.mark.parametrize(("query", "document"), [
    ("ozbek", "Uzbek growers"),  # a letter other than the sign differs
    ("tog", "tug"),
    ("gosht", "gush"),
    ("bog", "bag"),
    ("qol", "qul"),
])
def test_only_the_sign_is_optional(query: str, document: str) -> None:
    assert not query_forms(query).text & {t.term for t in analyze(document, lang="uz")}


@pytest.mark.parametrize(("typed", "variants"), [
    ("bank", {"bank"}),
    ("tog", {"tog", "toʼg", "togʼ", "toʼgʼ"}),
    ("oʻq", {"oʼq", "oq"}),
    ("taʼlim", {"taʼlim", "talim"}),
    ("ёқилғи", {"yoqilgʼi", "yoqilgi", "yoʼqilgi", "yoʼqilgʼi"}),
])
def test_spelling_variants(typed: str, variants: set[str]) -> None:
    got = spelling_variants(typed)
    assert got[0] == latin_form(typed) and set(got) == variants


def test_spelling_variants_stay_bounded() -> None:
    word = "gogogogo"  # eight places a sign could go
    assert word.count("o") + word.count("g") > MAX_SIGN_POSITIONS
    assert len(spelling_variants(word)) <= 2
