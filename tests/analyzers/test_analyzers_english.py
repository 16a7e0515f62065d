"""English: Snowball stems, stop words, possessives, hyphenated compounds."""

from __future__ import annotations

import pytest

from qidir.analyzers import analyze, query_forms

# (query word, form in a document) — must meet.
MEET = [
    ("cooperation", "cooperate"),
    ("cooperate", "cooperation"),
    ("exercises", "exercise"),
    ("exercise", "exercising"),
    ("sign", "signed"),
    ("signing", "signs"),
    ("agreement", "agreements"),
    ("military", "military"),
    ("countries", "country"),
    ("defense", "defenses"),
    ("discussed", "discussing"),
    ("expanding", "expand"),
    ("delegations", "delegation"),
    ("ministry", "ministries"),
    ("visited", "visits"),
    ("strategic", "strategic"),
    ("relations", "relation"),
    ("officials", "official"),
    ("emphasized", "emphasize"),
    ("training", "trained"),
    ("meetings", "meeting"),
    ("industries", "industry"),
    ("Azerbaijan", "Azerbaijan's"),
    ("Azerbaijan", "Azerbaijan’s"),
    ("Kazakhstan", "Kazakhstan's"),
    ("Tokayev", "Tokayev’s"),
    ("countries", "countries'"),
    ("Nur-Sultan", "Nur-Sultan"),
    ("Nursultan", "Nur-Sultan"),
    ("NurSultan", "Nur-Sultan"),
    ("Nur-Sultan", "Nursultan"),
]


@pytest.mark.parametrize(("query", "form"), MEET)
def test_forms_meet(query: str, form: str) -> None:
    indexed = {t.term for t in analyze(form, lang="en")}
    assert query_forms(query).text & indexed, (query, form, indexed)


@pytest.mark.parametrize(
    ("a", "b"),
    [("army", "arm"), ("defense", "defeat"), ("general", "generous"), ("union", "unit")],
)
def test_different_words_stay_apart(a: str, b: str) -> None:
    assert not query_forms(a).text & {t.term for t in analyze(b, lang="en")}


@pytest.mark.parametrize("word", ["the", "and", "of", "in", "The", "was"])
def test_stop_words_are_not_indexed_and_drop_from_queries(word: str) -> None:
    assert analyze(word, lang="en") == []
    assert query_forms(word).text == frozenset()


def test_nur_sultan_written_apart_is_found_by_phrase_of_its_parts() -> None:
    apart = [t.term for t in analyze("in Nur Sultan today", lang="en")]
    hyphen = analyze("in Nur-Sultan today", lang="en")
    assert apart[:2] == ["nur", "sultan"]
    # parts at consecutive positions, joined term at the first part's position
    assert [(t.term, t.pos) for t in hyphen] == [
        ("nur", 0), ("sultan", 1), ("nursultan", 0), ("today", 2)
    ]
