"""The pipeline as a whole: normalisation, offsets, index/query agreement, Turkic languages."""

from __future__ import annotations

import re
import unicodedata

import pytest
from analyzer_corpus import SEEDS, sample_docs
from hypothesis import given, settings
from hypothesis import strategies as st

from qidir.analyzers import (
    LANGUAGES,
    analyze,
    analyze_all,
    analyze_names,
    detect_parts,
    query_forms,
    tokenize,
)
from qidir.analyzers.normalize import APOSTROPHE, fold, turkic_lower

# --- normalisation ------------------------------------------------------------------------


@pytest.mark.parametrize("apostrophe", ["'", "`", "‘", "’", "ʻ", "ʼ", "´"])
def test_apostrophe_forms_fold_to_one(apostrophe: str) -> None:
    assert fold(f"O{apostrophe}zbekiston") == f"o{APOSTROPHE}zbekiston"
    assert [t.term for t in analyze(f"g{apostrophe}arb", lang="uz")] == [f"g{APOSTROPHE}arb"]


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("ко\u00adопе\u00adра\u00adция", "кооперация"),  # soft hyphens
        ("Tash\u200bkent", "tashkent"),  # zero-width space
        ("Ta\u200dsh\ufeffkent", "tashkent"),  # zero-width joiner, BOM
        (unicodedata.normalize("NFD", "Erdoğan"), "erdoğan"),  # decomposed input
        ("İstanbul", "istanbul"),
        ("Гера́т", "герат"),  # stress mark on a Cyrillic vowel
        ("ÖZBEKİSTAN", "özbekistan"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_yo_is_e_in_russian_but_yo_in_uzbek() -> None:
    assert query_forms("ёлка", lang="ru").text == query_forms("елка", lang="ru").text
    assert [t.term for t in analyze("ёзувчи", lang="uz")] == ["yozuvchi"]


def test_turkic_dotless_i() -> None:
    assert turkic_lower("IŞIK") == "ışık"
    assert turkic_lower("İZMİR") == "izmir"


# --- offsets -----------------------------------------------------------------------------

OFFSET_TEXTS = [
    "Kasym-Jomart Tokayev’s visit to Turkey",
    "Тўқаевнинг Туркияга давлат ташрифи",
    "ко\u00adопе\u00adра\u00adция и партнёрство",
    unicodedata.normalize("NFD", "Erdoğan ve Həsənov"),
    "Z.Hasanov — O‘zbekiston, Nur-Sultan.",
]


@pytest.mark.parametrize("text", OFFSET_TEXTS)
def test_offsets_point_at_surface_words(text: str) -> None:
    words = {(s, e) for _w, s, e in tokenize(text)}
    parts = {(s + m.start(), s + m.end()) for _w, s, e in tokenize(text)
             for m in re.finditer(r"[^\W_]+(?:\S*[^\W_])?", text[s:e])}
    for tok in analyze(text) + analyze_names(text):
        assert (tok.start, tok.end) in words | parts or any(
            s <= tok.start < tok.end <= e for s, e in words
        ), tok
        surface = text[tok.start : tok.end]
        assert surface == surface.strip() and surface[0].isalnum(), tok


def test_offsets_of_possessive_and_compound() -> None:
    text = "Kasym-Jomart Tokayev’s visit"
    got = [(t.term, text[t.start : t.end]) for t in analyze(text, lang="en")]
    assert ("tokayev", "Tokayev’s") in got
    assert ("kasym", "Kasym") in got and ("kasymjomart", "Kasym-Jomart") in got


# --- index and query agree -----------------------------------------------------------------

SCRIPT_LANGS = {"Cyrl": ("ru", "uz", "kk", "und"), "Latn": ("en", "uz", "kk", "az", "tr", "und")}


def _corpus_words() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [d.text for d in sample_docs()]
    seen: dict[str, None] = {}
    for text in texts:
        for word, _s, _e in tokenize(text):
            seen.setdefault(word, None)
    return list(seen)


def test_query_forms_contain_the_index_terms_of_every_plausible_language() -> None:
    """The invariant: analyze(w, lang=L) ⊆ query_forms(w) for every L plausible for w.

    Stop words are the one exception, by design: a word that is a stop word in any plausible
    language gets empty forms (the query drops it, as the index dropped it there).
    """
    words = _corpus_words()
    assert len(words) > 1000
    failures = []
    stop = 0
    for word in words:
        if not query_forms(word).text:
            stop += 1
            continue
        cyr = any("\u0400" <= c <= "\u04ff" for c in word)
        lat = any(c.isascii() and c.isalpha() for c in word) or not cyr
        langs: tuple[str, ...] = ()
        if cyr and not lat:
            langs = SCRIPT_LANGS["Cyrl"]
        elif lat and not cyr:
            langs = SCRIPT_LANGS["Latn"]
        forms = query_forms(word)
        for lang in langs:
            # a hyphenated word in a query stands for its joined compound (at the full span)
            text_terms = {t.term for t in analyze(word, lang=lang) if t.end - t.start == len(word)}
            names = {t.term for t in analyze_names(word, lang=lang)
                     if t.end - t.start == len(word)}
            if not text_terms <= forms.text:
                failures.append((word, lang, text_terms - forms.text))
            elif text_terms and forms.names and not names <= forms.names:
                failures.append((word, lang, names - forms.names))
    assert not failures, failures[:20]
    assert stop < len(words) // 10


# --- the contract's search examples, at the analysis level --------------------------------------


def _meets(query: str, document: str) -> bool:
    a = analyze_all(document)
    forms = query_forms(query)
    return bool(forms.text & {t.term for t in a.text} or forms.names & {t.term for t in a.names})


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("cooperation", "The two countries cooperate closely."),
        ("exercises", "A joint military exercise was held."),
        ("подписать", "Президенты подписали совместное заявление."),
        ("Казахстан", "Президент Казахстана прибыл в Анкару."),
        ("ёлка", "В центре города поставили елку."),
        ("Туркияга", "Turkiya va Qozogʻiston harbiy hamkorlik qilmoqda."),
        ("Turkiya", "Туркияга давлат ташрифи билан келди."),
        ("O‘zbekiston", "Ўзбекистон ва Туркия ўртасидаги ҳамкорлик ўсмоқда."),
        ("O'zbekiston", "Ўзбекистон ва Туркия ўртасидаги ҳамкорлик ўсмоқда."),
        ("Tokayev", "Президент Токаев прибыл в Анкару."),
        ("Tokayev", "Тўқаев Туркияга давлат ташрифи билан келди."),
        ("Erdogan", "Cumhurbaşkanı Erdoğan açıklama yaptı."),
        ("Erdogan", "Президент Турции Реджеп Тайип Эрдоган."),
        ("Erdogan", "Тўқаев Эрдўған билан учрашди."),
        ("Hasanov", "Colonel General Z.Hasanov greeted his colleague."),
        ("Hasanov", "Müdafiə naziri Zakir Həsənov qonaqları qəbul edib."),
        ("Aktau", "Учения пройдут в городе Ақтау."),
    ],
)
def test_contract_examples(query: str, document: str) -> None:
    assert _meets(query, document)


# --- Kazakh, Azerbaijani, Turkish ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "document", "lang"),
    [
        ("Qazaqstan", "Қазақстан мен Түркия келісімге қол қойды.", "kk"),
        ("Қазақстанның", "Қазақстан мен Түркия келісімге қол қойды.", "kk"),
        ("Aqtau", "Ақтау портында жүк көбейді.", "kk"),
        ("келісімдер", "Екі ел арасындағы келісім.", "kk"),
        ("арасында", "Екі ел арасындағы келісім.", "kk"),
        ("сот", "Аудандық сотта іс қаралды.", "kk"),  # a three-letter stem
        ("жер", "Бұл жерде жаңа мектеп салынады.", "kk"),
        ("Azərbaycanın", "Azərbaycan və Türkiyə arasında əməkdaşlıq.", "az"),
        ("naziri", "Müdafiə nazirləri görüşdü.", "az"),
        ("ölkələr", "İki ölkə arasında əlaqələr.", "az"),
        ("Türkiye'nin", "Türkiye ile Kazakistan anlaştı.", "tr"),
        ("anlaşması", "İki ülke anlaşma imzaladı.", "tr"),
        ("işbirliği", "Savunma işbirliğini genişletiyorlar.", "tr"),
        ("İstanbul", "İSTANBUL'DA toplantı yapıldı.", "tr"),
        ("ışık", "IŞIK gösterisi başladı.", "tr"),
    ],
)
def test_turkic_languages(query: str, document: str, lang: str) -> None:
    indexed = {t.term for t in analyze(document, lang=lang)}
    assert query_forms(query).text & indexed, (query_forms(query).text, indexed)


@pytest.mark.parametrize(("query", "document"), [
    ("ел", "Елде сайлау өтті."),  # two letters stay whole: елде is not ел + де
    ("ал", "Ол кітапты алды."),
])
def test_kazakh_two_letter_words_are_not_stems(query: str, document: str) -> None:
    indexed = {t.term for t in analyze(document, lang="kk")}
    assert not query_forms(query, lang="kk").text & indexed


# --- parts and errors -------------------------------------------------------------------------


def test_each_part_is_analysed_in_its_own_language() -> None:
    text = "Тошкентда учрашув бўлди.\n\nПрезиденты подписали соглашения."
    a = analyze_all(text)
    assert [p.lang for p in a.parts] == ["uz", "ru"]
    terms = [t.term for t in a.text]
    assert "toshkent" in terms and "подписать" in terms and "соглашение" in terms


def test_positions_count_kept_words_and_share_for_one_word() -> None:
    tokens = analyze("the Nur-Sultan summit and the talks", lang="en")
    assert [(t.term, t.pos) for t in tokens] == [
        ("nur", 0), ("sultan", 1), ("nursultan", 0), ("summit", 2), ("talk", 3)
    ]


def test_languages_constant_and_bad_input() -> None:
    assert set(LANGUAGES) == {"en", "ru", "uz", "kk", "az", "tr", "und"}
    with pytest.raises(ValueError, match="unknown language 'xx'"):
        analyze("text", lang="xx")
    with pytest.raises(ValueError, match="unknown language"):
        query_forms("text", lang="xx")
    with pytest.raises(TypeError, match="must be str"):
        analyze(b"bytes")  # type: ignore[arg-type]
    assert analyze("") == [] and detect_parts("") == []
    assert query_forms("—") == query_forms("") and not query_forms("...").text


# --- any input ------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    list("aoʻgʼ'’`-‐ .,\n«»İIıəğşçöüўқғҳёеЁцъьәңөұүһі_")
    + ["\u00ad", "\u200b", "\u0301", "Tokayev", "Тўқаев", "Nur-Sultan", "the", "и", " "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join) | st.text(max_size=40))
def test_any_text_analyses_without_error_and_offsets_stay_in_bounds(text: str) -> None:
    a = analyze_all(text)
    if text:
        assert a.parts[0].start == 0 and a.parts[-1].end == len(text)
    for tok in a.text + a.names:
        assert 0 <= tok.start < tok.end <= len(text)
        assert tok.term
    # every kept word has the next position: positions are 0, 1, 2, … without holes
    positions = {t.pos for t in a.text}
    assert positions == set(range(len(positions)))
    for word, _s, _e in tokenize(text):
        forms = query_forms(word)
        assert isinstance(forms.text, frozenset) and isinstance(forms.names, frozenset)


@pytest.mark.parametrize("word", ["states", "Монреаля", "cooperation", "Qozogʻiston",
                                  "Nur-Sultan", "Тўқаев", "1995", "the", "и"])
def test_query_readings_are_the_query_forms_by_language(word: str) -> None:
    """query_readings splits query_forms(word).text by the language each term comes from."""
    from qidir.analyzers import query_readings

    readings = query_readings(word)
    union: set[str] = set()
    for _, terms in readings:
        union |= terms
    assert union == query_forms(word).text
    assert len({lang for lang, _ in readings}) == len(readings)
