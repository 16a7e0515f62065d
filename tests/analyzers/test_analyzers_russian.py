"""Russian: pymorphy3 lemmas, so an inflected query finds every form (and ё = е)."""

from __future__ import annotations

import pytest

from qidir.analyzers import analyze, query_forms
from qidir.analyzers.russian import analyze_word, query_terms

# (query word, a form in a document) — must meet.
INFLECTIONS = [
    ("подписать", "подписали"),
    ("подписали", "подписать"),
    ("подписал", "подпишет"),
    ("Казахстан", "Казахстана"),
    ("Казахстана", "Казахстаном"),
    ("Казахстане", "Казахстан"),
    ("стратегическое", "стратегическом"),
    ("партнерство", "партнерстве"),
    ("партнёрство", "партнерства"),
    ("президент", "президентом"),
    ("президенты", "президентов"),
    ("соглашение", "соглашения"),
    ("соглашений", "соглашениями"),
    ("сотрудничество", "сотрудничества"),
    ("военный", "военного"),
    ("военные", "военных"),
    ("учения", "учениях"),
    ("министр", "министра"),
    ("министерство", "министерстве"),
    ("обороны", "оборона"),
    ("Турция", "Турции"),
    ("Турцию", "Турцией"),
    ("Узбекистан", "Узбекистану"),
    ("заявление", "заявлении"),
    ("совместное", "совместного"),
    ("граница", "границе"),
    ("переговоры", "переговорах"),
    ("встреча", "встречи"),
    ("обсудили", "обсудят"),
    ("ёлка", "елки"),
    ("расширенный", "расширенном"),
    ("делегация", "делегацией"),
]


@pytest.mark.parametrize(("query", "form"), INFLECTIONS)
def test_inflected_forms_meet(query: str, form: str) -> None:
    indexed = {t.term for t in analyze(form, lang="ru")}
    assert query_forms(query).text & indexed, (query, form, indexed)


def test_phrase_forms_meet_position_by_position() -> None:
    doc = analyze("о расширенном стратегическом партнерстве", lang="ru")
    query = analyze("стратегическое партнерство", lang="ru")
    doc_by_pos: dict[int, set[str]] = {}
    for t in doc:
        doc_by_pos.setdefault(t.pos, set()).add(t.term)
    assert [t.term for t in query] == ["стратегический", "партнерство"]
    assert query[0].term in doc_by_pos[1] and query[1].term in doc_by_pos[2]


def test_ambiguous_form_indexes_its_likely_lemma_and_queries_reach_all() -> None:
    assert "стать" in analyze_word("стали") and "сталь" not in analyze_word("стали")
    assert "сталь" in query_terms("стали")


@pytest.mark.parametrize(
    ("a", "b"),
    [("граница", "гражданин"), ("мир", "мирный"), ("казах", "Казахстан"), ("сталь", "стать")],
)
def test_unrelated_words_stay_apart(a: str, b: str) -> None:
    assert not query_forms(a).text & {t.term for t in analyze(b, lang="ru")}


def test_stop_words_are_dropped_and_positions_stay_consecutive() -> None:
    tokens = analyze("Президент и министр встретились в Ташкенте", lang="ru")
    assert [t.term for t in tokens] == ["президент", "министр", "встретиться", "ташкент"]
    assert [t.pos for t in tokens] == [0, 1, 2, 3]
    assert query_forms("и") == query_forms("в") and not query_forms("и").text
