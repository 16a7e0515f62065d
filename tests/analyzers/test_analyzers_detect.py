"""Language and script detection per part: rules, mixed paragraphs, and measured accuracy."""

from __future__ import annotations

import pytest
from analyzer_corpus import Doc, sample_docs, seed_docs

from qidir.analyzers import Part, analyze_all, detect_language, detect_parts, language_hint

CASES = [
    # (text, lang, script)
    ("Kazakhstan and Turkey signed a military cooperation agreement on Tuesday.", "en", "Latn"),
    ("The ministers discussed the situation in the region.", "en", "Latn"),
    ("Президент подписал указ о создании нового министерства.", "ru", "Cyrl"),
    ("В среду в Ташкенте открылась новая станция метро.", "ru", "Cyrl"),
    ("Қозоғистон ва Туркия ҳарбий ҳамкорлик тўғрисида шартнома имзолади.", "uz", "Cyrl"),
    ("Тошкентда янги метро бекати очилди.", "uz", "Cyrl"),
    ("Президент бугун вазирлар билан учрашди ва янги қарор қабул қилинди.", "uz", "Cyrl"),
    ("Oʻzbekiston va Turkiya oʻrtasida hamkorlik toʻgʻrisida kelishuv imzolandi.", "uz", "Latn"),
    ("Toshkentda yangi metro bekati ochildi va yoʻlovchilar soni oshdi.", "uz", "Latn"),
    ("O'zbekiston prezidenti bugun Samarqandga bordi.", "uz", "Latn"),
    ("Қазақстан мен Түркия әскери ынтымақтастық туралы келісімге қол қойды.", "kk", "Cyrl"),
    ("Біз бұл мәселені жақын арада шешеміз деп үміттенеміз.", "kk", "Cyrl"),
    ("Azərbaycan və Türkiyə arasında hərbi əməkdaşlıq genişlənir.", "az", "Latn"),
    ("Müdafiə naziri Zakir Həsənov qonaqları qəbul edib.", "az", "Latn"),
    ("Türkiye ile Kazakistan arasında askeri işbirliği anlaşması imzalandı.", "tr", "Latn"),
    ("Cumhurbaşkanı bugün yeni bir açıklama yaptı ve bakanlarla görüştü.", "tr", "Latn"),
    # no letter of its own: frequent words and suffixes decide
    ("Тошкентда янги метро бекати очилди.", "uz", "Cyrl"),
    ("Мирзиёев Тошкентда Тўқаевни кутиб олди.", "uz", "Cyrl"),
    ("Президент Мирзиёев выступил с речью.", "ru", "Cyrl"),
    ("Газ экспорти ўсди.", "uz", "Cyrl"),
    ("Экспорт газа вырос.", "ru", "Cyrl"),
    ("Mirziyoyev met Tokayev in Tashkent on Monday.", "en", "Latn"),
    ("Toshkent shahrida kuchli shamol esdi.", "uz", "Latn"),
    ("Prezident bugun vazirlar bilan uchrashdi.", "uz", "Latn"),
    ("Қазақстан Президенті Тоқаев Анкараға барды.", "kk", "Cyrl"),
    # Azerbaijani without ə, Turkish with the same letters
    ("Bakıda yeni metro stansiyası açılıb.", "az", "Latn"),
    ("Ankarada yeni metro istasyonu açıldı.", "tr", "Latn"),
    ("Kars Valiliği, vatandaşların zorunlu olmadıkça evlerinden çıkmamasını istedi.", "tr", "Latn"),
]


@pytest.mark.parametrize(("text", "lang", "script"), CASES)
def test_detect_language(text: str, lang: str, script: str) -> None:
    assert detect_language(text) == (lang, script)


def test_parts_cover_text_without_gaps() -> None:
    text = "Kazakhstan and Turkey sign a deal.\n\nТошкентда янги метро бекати очилди.\n\n2024\n"
    parts = detect_parts(text)
    assert parts[0].start == 0 and parts[-1].end == len(text)
    for a, b in zip(parts, parts[1:], strict=False):
        assert a.end == b.start
    assert [(p.lang, p.script) for p in parts] == [("en", "Latn"), ("uz", "Cyrl")]


MIXED = [
    # An Uzbek paragraph quoting a Russian statement.
    (
        "Вазирлик баёнот тарқатди. «Мы высоко оцениваем работу нашего председательства и "
        "благодарим всех участников». Учрашув якунида ҳужжатлар имзоланди.",
        ["uz", "ru", "uz"],
    ),
    # An English paragraph, then a Kazakh quotation, then English again.
    (
        "The farmer spoke to reporters in his field.\n"
        "«Біз мұндай суықты қазан айында күткен жоқпыз, енді не істейміз білмеймін.»\n"
        "He said that the loans would be hard to repay.",
        ["en", "kk", "en"],
    ),
    # A Russian sentence followed by an English one in the same line.
    (
        "Переговоры прошли в Астане и продолжатся в следующем месяце. "
        "The talks were held in Astana and will continue next month.",
        ["ru", "en"],
    ),
    # Uzbek Latin, then Uzbek Cyrillic.
    (
        "Bugun Toshkentda yangi bekat ochildi va yoʻlovchilar xursand.\n"
        "Бугун Тошкентда янги бекат очилди ва йўловчилар хурсанд.",
        ["uz", "uz"],
    ),
]


@pytest.mark.parametrize(("text", "langs"), MIXED)
def test_mixed_paragraphs_get_their_own_parts(text: str, langs: list[str]) -> None:
    assert [p.lang for p in detect_parts(text)] == langs


def test_headline_without_evidence_takes_its_neighbours_language() -> None:
    text = "Tokayev in Ankara\n\nThe president of Kazakhstan arrived in the capital of Turkey."
    assert {p.lang for p in detect_parts(text)} == {"en"}


def test_hint_labels_parts_without_evidence() -> None:
    title = "Tokayev — Erdogan"
    assert [p.lang for p in detect_parts(title)] == ["und"]
    assert [p.lang for p in detect_parts(title, hint="uz")] == ["uz"]
    # a hint in the other script does not apply; evidence beats the hint
    assert [p.lang for p in detect_parts(title, hint="ru")] == ["und"]
    assert [p.lang for p in detect_parts("The talks went well.", hint="uz")] == ["en"]


def test_language_hint_context_reaches_analysis() -> None:
    title = "Tokayev — Erdogan"
    assert [p.lang for p in analyze_all(title).parts] == ["und"]
    with language_hint("tr"):
        assert [p.lang for p in analyze_all(title).parts] == ["tr"]
    assert [p.lang for p in analyze_all(title).parts] == ["und"]
    with pytest.raises(ValueError, match="unknown language"), language_hint("xx"):
        pass


def test_text_without_letters_is_undetermined() -> None:
    assert detect_parts("2024 — 15:47") == [Part(0, 12, "und", "Zyyy")]
    assert detect_language("") == ("und", "Zyyy")
    assert detect_parts("") == []


def _paragraph_lang(doc: Doc, parts: list[Part], start: int, end: int) -> str:
    return max(parts, key=lambda p: min(end, p.end) - max(start, p.start)).lang


def _expected(doc: Doc, lang: str) -> bool:
    return lang in doc.parts if len(doc.parts) > 1 else lang == doc.lang


def _measure(docs: list[Doc]) -> tuple[int, int, int, list[str]]:
    in_context = alone = total = 0
    misses: list[str] = []
    for doc in docs:
        parts = detect_parts(doc.text)
        for s, e in doc.prose():
            total += 1
            lang = _paragraph_lang(doc, parts, s, e)
            in_context += _expected(doc, lang)
            alone += _expected(doc, detect_language(doc.text[s:e])[0])
            if not _expected(doc, lang):
                misses.append(f"{doc.name}: {lang} ≠ {doc.parts}: {doc.text[s:e][:60]}")
    return in_context, alone, total, misses


def test_accuracy_by_paragraph_on_sample_corpus_and_seeds(capsys: pytest.CaptureFixture) -> None:
    """Measured accuracy; the floor guards against regressions. Run with -s to see it."""
    sample = sample_docs()
    seeds = seed_docs()
    assert seeds, "seeds not found beside the repo (shared/corpus/seeds)"
    rows = []
    for name, docs in (("sample corpus", sample), ("seeds", seeds)):
        if not docs:
            continue
        ok, alone, total, misses = _measure(docs)
        rows.append((name, len(docs), total, ok / total, alone / total, misses))
    with capsys.disabled():
        print("\n| corpus | docs | prose paragraphs | in document | paragraph alone |")
        print("|---|---|---|---|---|")
        for name, ndocs, total, acc, acc_alone, misses in rows:
            print(f"| {name} | {ndocs} | {total} | {acc:.1%} | {acc_alone:.1%} |")
            for m in misses:
                print("    miss:", m)
    for name, _ndocs, _total, acc, acc_alone, _ in rows:
        assert acc >= 0.97, name
        assert acc_alone >= 0.93, name


def test_document_language_on_sample_corpus() -> None:
    docs = sample_docs()
    if not docs:
        pytest.skip("sample corpus not written yet")
    wrong = []
    for doc in docs:
        prose = "\n\n".join(doc.text[s:e] for s, e in doc.prose())
        if detect_language(prose)[0] != doc.lang:
            wrong.append(doc.name)
    assert len(wrong) <= len(docs) // 20, wrong


def test_mixed_documents_of_the_sample_corpus_have_every_language() -> None:
    docs = [d for d in sample_docs() if len(d.parts) > 1]
    if not docs:
        pytest.skip("no mixed documents in the sample corpus yet")
    for doc in docs:
        parts = detect_parts(doc.text)
        found = {_paragraph_lang(doc, parts, s, e) for s, e in doc.prose()}
        assert found == set(doc.parts), doc.name


def _heldout() -> list[dict]:
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / "heldout_detect_paragraphs.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_accuracy_on_heldout_paragraphs(capsys: pytest.CaptureFixture) -> None:
    """Paragraphs a teammate wrote without reading the detector (tests/data/
    heldout_detect_paragraphs.jsonl): 105 in one language, 22 that switch language for a
    sentence or a quotation. First run: 103/105 and 60/64 parts; the misses were an ordinal
    ("12. haftasında") and a quoted name («Шугыла») taken for sentence and quotation edges.
    The three left are Turkish stretches in Azerbaijani-led paragraphs (or the reverse)."""
    from collections import Counter

    rows = _heldout()
    ok: Counter[str] = Counter()
    total: Counter[str] = Counter()
    parts_ok = parts_total = 0
    for row in rows:
        text = row["text"]
        detected = detect_parts(text)
        if "parts" not in row:
            key = f"{row['lang']}-{row['script']}"
            total[key] += 1
            by_size: Counter[tuple[str, str]] = Counter()
            for p in detected:
                by_size[(p.lang, p.script)] += p.end - p.start
            ok[key] += by_size.most_common(1)[0][0] == (row["lang"], row["script"])
            continue
        for want in row["parts"]:
            start = text.index(want["text"])
            end = start + len(want["text"])
            cover: Counter[str] = Counter()
            for p in detected:
                cover[p.lang] += max(0, min(end, p.end) - max(start, p.start))
            parts_total += 1
            parts_ok += cover.most_common(1)[0][0] == want["lang"]
    with capsys.disabled():
        print("\n| held-out | right |")
        print("|---|---|")
        for key in sorted(total):
            print(f"| {key} paragraphs | {ok[key]}/{total[key]} |")
        print(f"| parts of mixed paragraphs | {parts_ok}/{parts_total} |")
    assert sum(total.values()) >= 100 and parts_total >= 60
    assert sum(ok.values()) / sum(total.values()) >= 0.97
    assert parts_ok / parts_total >= 0.9


@pytest.mark.parametrize(("text", "lang"), [
    ("Trabzonspor, Süper Lig'in 12. haftasında deplasmanda Kayserispor'u 3-1 yendi.", "tr"),
    ("Аким Алматы встретился с жителями микрорайона «Шугыла», которые жалуются на "
     "отсутствие школы.", "ru"),
    ("Yangi «Pakhtakor Arena» stadionida oʻyin boʻlib oʻtdi va muxlislar mamnun qoldi.", "uz"),
])
def test_ordinals_and_quoted_names_do_not_split_a_sentence(text: str, lang: str) -> None:
    assert [p.lang for p in detect_parts(text)] == [lang]


# (text, the record's language, the language every part must get)
LOANWORDS = [
    ("Операция.", "uz", "uz"),
    ("Информация.", "uz", "uz"),
    ("Ўзбекистонда янги станция очилди.\n\nИнформация.\n\nБу ҳақда вазирлик хабар берди.",
     None, "uz"),
    ("Президент Шавкат Мирзиёев — Конституция ва революция.", "uz", "uz"),
    ("Делегация, миссия ва комиссия.", None, "uz"),
    ("Революция произошла в 1917 году.", "uz", "ru"),  # real Russian evidence stays Russian
    ("Экспорт газа вырос.", None, "ru"),
]


@pytest.mark.parametrize(("text", "hint", "lang"), LOANWORDS)
def test_a_part_too_short_to_carry_evidence_follows_the_paragraph_or_record(
        text: str, hint: str | None, lang: str) -> None:
    """A Russian loanword in an Uzbek article (-ция, -он, -ьон) is Uzbek there too: one
    Russian-looking ending is not evidence enough to analyse its part as Russian."""
    assert {p.lang for p in detect_parts(text, hint=hint)} == {lang}


def test_a_loanword_in_an_uzbek_record_is_found_by_its_latin_spelling() -> None:
    from qidir.analyzers import analyze, query_forms

    terms = {t.term for t in analyze("Операция.", hint="uz")}
    assert query_forms("operatsiya").text & terms
