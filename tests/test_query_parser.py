"""The query language: what parses to what, and every error names its problem and place."""

from __future__ import annotations

import pytest

from qidir.search.query.parser import And, Not, Or, Phrase, QueryError, Term, parse


@pytest.mark.parametrize("q, expected", [
    ("a", Term("a", position=0)),
    ("a b", And([Term("a", position=0), Term("b", position=2)])),
    ("a AND b", And([Term("a", position=0), Term("b", position=6)])),
    ("a OR b", Or([Term("a", position=0), Term("b", position=5)])),
    ("-a b", And([Not(Term("a", position=1)), Term("b", position=3)])),
    ("NOT a", Not(Term("a", position=4))),
    ('"a b"', Phrase(["a", "b"], position=0)),
    ('title:"a b"', Phrase(["a", "b"], "title", position=6)),
    ("country:KZ", Term("KZ", "country", position=0)),
    ("tok*", Term("tok", prefix=True, position=0)),
    ("erdgan~", Term("erdgan", fuzzy=1, position=0)),
    ("erdgan~2", Term("erdgan", fuzzy=2, position=0)),
    ("a (b OR c)",
     And([Term("a", position=0), Or([Term("b", position=3), Term("c", position=8)])])),
    ("title:(a OR b)", Or([Term("a", "title", position=7), Term("b", "title", position=12)])),
    ("Türkiye'nin", Term("Türkiye'nin", position=0)),
    ("o‘zbekiston", Term("o‘zbekiston", position=0)),
])
def test_parses(q: str, expected: object) -> None:
    assert parse(q) == expected


def test_empty_query_means_everything() -> None:
    assert parse("") is None
    assert parse("   ") is None


@pytest.mark.parametrize("q, fragment, column", [
    ('"open', "unclosed quotation mark", 1),
    ("(a", "unclosed parenthesis", 1),
    ("a)", "unmatched closing parenthesis", 2),
    ("OR a", "OR needs a term before it", 1),
    ("a OR", "OR needs a term after it", 3),
    ("a AND", "AND needs a term after it", 3),
    ("NOT", "NOT needs a term after it", 1),
    ("foo:bar", "unknown field 'foo'", 1),
    ("a~5", "fuzzy distance must be 1 to 2", 1),
    ("()", "empty parentheses", 1),
    ("x*y", "only a trailing * is supported", 1),
    ('""', "empty phrase", 1),
    ("title:", "has no value", 1),
])
def test_errors_name_problem_and_position(q: str, fragment: str, column: int) -> None:
    with pytest.raises(QueryError) as info:
        parse(q)
    assert fragment in info.value.message
    assert f"at character {column}" in info.value.message
    assert info.value.param == "q"


def test_length_and_term_bounds() -> None:
    with pytest.raises(QueryError, match="limit is 1000"):
        parse("a" * 1001)
    with pytest.raises(QueryError, match="too many terms"):
        parse(" ".join(f"w{i}" for i in range(65)))
