"""Tricky pages written by the team (tests/metadata/pages/), each with the metadata a
reader would give it (pages/expected.json, with a note on what makes the page tricky)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qidir.search.ingest.metadata import Extracted, extract_html, extract_plain

PAGES = Path(__file__).with_name("pages")
EXPECTED: dict[str, dict] = json.loads((PAGES / "expected.json").read_text("utf-8"))


def _extract(name: str) -> Extracted:
    raw = (PAGES / name).read_text("utf-8")
    if name.endswith((".html", ".htm")):
        return extract_html(raw, path=name)
    return extract_plain(raw, path=name)


def test_every_page_has_expectations() -> None:
    files = {p.name for p in PAGES.iterdir() if p.suffix in (".txt", ".md", ".html")}
    assert files == set(EXPECTED)
    assert len(files) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page(name: str) -> None:
    want = EXPECTED[name]
    got = _extract(name)
    assert got.title == want["title"]
    assert (got.published, got.published_precision) == (
        want["published"],
        want["published_precision"],
    )
    assert got.source == want["source"]
    assert (got.lang, got.script) == (want["lang"], want["script"])
    assert sorted(got.countries) == want["countries"]
    searchable = f"{got.title}\n{got.text}"
    for word in want.get("absent", []):
        assert word.casefold() not in searchable.casefold(), f"chrome word {word!r} kept"
    for word in want.get("present", []):
        assert word in got.text, f"article word {word!r} lost"
