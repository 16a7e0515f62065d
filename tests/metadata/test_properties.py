"""Invariants that hold for any input, checked on generated pages."""

from __future__ import annotations

import datetime as dt
import re

import pycountry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qidir.search.ingest.metadata import extract_plain, find_countries

CODES = {c.alpha_2 for c in pycountry.countries}

# Lines drawn from the kinds of things pages contain, in several languages.
PIECES = [
    "Kazakhstan and Turkey sign a defence agreement",
    "The ministry said on Tuesday that the talks in Ankara had been useful.",
    "Президент Казахстана провёл переговоры в Турции.",
    "Қозоғистон ва Туркия ўртасида келишув имзоланди.",
    "O'zbekiston va Qozog'iston chegarasida yangi bozor ochildi.",
    "Azərbaycan və Türkiyə yeni layihəyə başlayıb.",
    "Türkiye'nin ulusal havayolu Kazakistan'a sefer başlattı.",
    "MOST POPULAR",
    "Читайте также",
    "Share",
    "XS",
    "Leave a Reply",
    "© 2024 Example News",
    "Monday, 3 March 2025",
    "8 February 2022 15:47",
    "10 мая 2022 года",
    "June 7",
    "Home | World | Sport",
    "example.kz",
    "Follow us @ExampleNews",
    "Georgia",
    "Jordan",
    "",
    "   ",
    "1.",
    "«»",
    "2024",
    "Photo: Reuters",
]


@st.composite
def pages(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=80)), max_size=30))
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_extraction_invariants(raw: str) -> None:
    got = extract_plain(raw)
    # Dates are real calendar dates, and precision is stated exactly when a date is.
    if got.published is None:
        assert got.published_precision is None
    else:
        dt.date.fromisoformat(got.published)
        assert got.published_precision in ("day", "day-inferred-year")
    # Nothing is invented: every word kept comes from the input, and so does the title.
    for word in re.findall(r"\w+", f"{got.title or ''} {got.text}"):
        assert word in raw, word
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", got.text)
    assert set(got.countries) <= CODES
    assert all(n > 0 for n in got.countries.values())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_find_countries_never_fails(text: str) -> None:
    found = find_countries(text)
    assert set(found) <= CODES
