"""The bundled sample corpus is sound as data.

These tests check the corpus and its recorded ground truth, not the extractor: the demo and
the metadata accuracy measurement both lean on `search/sample/truth.jsonl`, so a file without
truth, a truth row pointing nowhere, or a facet with too little spread would silently weaken
everything measured against it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pycountry
import pytest
from testsupport import SEEDS

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "search" / "sample"
CORPUS = SAMPLE / "corpus"
TRUTH = SAMPLE / "truth.jsonl"

LANGS = {"en", "ru", "uz", "kk", "az", "tr"}
RECORD_FIELDS = {"id", "title", "text", "url", "source", "published", "lang", "countries"}
DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")
# oʻ / gʻ and the tutuq belgisi are typed with any of these in the wild.
UZ_APOSTROPHES = "\u02bb\u02bc'\u2018\u2019`"
VOID_TAGS = {"meta", "link", "img", "br", "hr", "input", "source", "area", "base", "col", "wbr"}


def _truth() -> list[dict]:
    with TRUTH.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _records(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


TRUTH_ROWS = _truth()


def _row_id(row: dict) -> str:
    return row["path"] + ("#" + row["record_id"] if "record_id" in row else "")


def _raw(row: dict) -> str:
    """The whole stored input of one article: a file, or one jsonl record as JSON text."""
    path = CORPUS / row["path"]
    if "record_id" in row:
        rec = next(r for r in _records(path) if r["id"] == row["record_id"])
        return "\n".join(str(v) for v in rec.values())
    return path.read_text(encoding="utf-8")


class _TextOfHtml(HTMLParser):
    """Collects text, checks that non-void tags nest properly, and keeps head metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.metas: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.tags: Counter[str] = Counter()
        self.html_lang: str | None = None
        self.h1 = ""
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags[tag] += 1
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key:
                self.metas[key] = a.get("content", "")
        if tag == "link" and a.get("rel"):
            self.links[a["rel"]] = a.get("href", "")
        if tag not in VOID_TAGS:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.stack and self.stack[-1] == "h1":
            self.h1 += data
        if self.stack and self.stack[-1] == "title":
            self.title += data


def _parse_html(path: Path) -> _TextOfHtml:
    p = _TextOfHtml()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    return p


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _shingles(text: str, n: int = 9) -> set[tuple[str, ...]]:
    w = _words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


# ---------------------------------------------------------------- truth rows themselves


def test_truth_rows_are_well_formed() -> None:
    assert TRUTH_ROWS, "truth.jsonl is empty"
    for row in TRUTH_ROWS:
        rid = _row_id(row)
        for key in ("path", "title", "published", "source", "lang", "script", "countries", "parts"):
            assert key in row, f"{rid}: missing {key}"
        assert row["title"].strip() == row["title"] and row["title"], rid
        if row["published"] is not None:
            assert date.fromisoformat(row["published"]).isoformat() == row["published"], rid
        assert row["lang"] in LANGS, rid
        assert row["script"] in {"Latn", "Cyrl"}, rid
        assert row["countries"] == sorted(set(row["countries"])), f"{rid}: countries not sorted"
        for code in row["countries"]:
            assert pycountry.countries.get(alpha_2=code) is not None, f"{rid}: bad code {code}"
        assert row["lang"] in row["parts"], f"{rid}: main language missing from parts"
        assert set(row["parts"]) <= LANGS, rid
        src = row["source"]
        assert src == "unknown" or DOMAIN.match(src) or src[:1].isupper(), f"{rid}: source {src}"


def test_truth_rows_are_unique() -> None:
    ids = Counter(_row_id(r) for r in TRUTH_ROWS)
    assert [i for i, n in ids.items() if n > 1] == []


# ---------------------------------------------------------------- spread of the facets


@pytest.mark.parametrize(
    ("lang", "script", "minimum"),
    [
        ("en", "Latn", 20),
        ("ru", "Cyrl", 12),
        ("uz", "Cyrl", 10),
        ("uz", "Latn", 8),
        ("kk", "Cyrl", 5),
        ("az", "Latn", 5),
        ("tr", "Latn", 6),
    ],
)
def test_articles_per_language(lang: str, script: str, minimum: int) -> None:
    n = sum(1 for r in TRUTH_ROWS if r["lang"] == lang and r["script"] == script)
    assert n >= minimum


def test_at_least_66_articles() -> None:
    assert len(TRUTH_ROWS) >= 66


@pytest.mark.parametrize(
    ("kind", "minimum"), [(".txt", 25), (".html", 12), (".jsonl", 12), (".md", 2)]
)
def test_articles_per_format(kind: str, minimum: int) -> None:
    n = sum(1 for r in TRUTH_ROWS if r["path"].endswith(kind))
    assert n >= minimum


def test_jsonl_has_full_and_partial_records() -> None:
    """Records with every field test the override path; text+url only tests extraction."""
    full = partial = 0
    for path in sorted(CORPUS.rglob("*.jsonl")):
        for rec in _records(path):
            if RECORD_FIELDS <= rec.keys():
                full += 1
            elif set(rec) <= {"id", "text", "url"}:
                partial += 1
    assert full >= 6
    assert partial >= 4


def test_countries_sources_and_years_are_spread() -> None:
    countries = {c for r in TRUTH_ROWS for c in r["countries"]}
    sources = {r["source"] for r in TRUTH_ROWS} - {"unknown"}
    years = {r["published"][:4] for r in TRUTH_ROWS if r["published"]}
    assert len(countries) >= 14, countries
    assert len(sources) >= 8, sources
    assert {str(y) for y in range(2018, 2027)} <= years
    assert all("2018" <= y <= "2026" for y in years)


def test_some_articles_are_undated_and_some_are_unknown_source() -> None:
    assert sum(1 for r in TRUTH_ROWS if r["published"] is None) >= 4
    assert sum(1 for r in TRUTH_ROWS if r["source"] == "unknown") >= 2


def test_some_articles_mix_languages() -> None:
    mixed = [r for r in TRUTH_ROWS if len(set(r["parts"])) >= 2]
    assert len(mixed) >= 4
    assert len({r["lang"] for r in mixed}) >= 3, "mixing should happen in several main languages"


def test_a_third_of_text_files_carry_chrome() -> None:
    txt = [r for r in TRUTH_ROWS if r["path"].endswith((".txt", ".md"))]
    with_chrome = [r for r in txt if r.get("chrome_words")]
    assert len(with_chrome) * 4 >= len(txt)


# ---------------------------------------------------------------- truth <-> files


def test_every_truth_path_exists() -> None:
    for row in TRUTH_ROWS:
        path = CORPUS / row["path"]
        assert path.is_file(), row["path"]
        if "record_id" in row:
            assert row["record_id"] in {r["id"] for r in _records(path)}, _row_id(row)
        else:
            assert path.suffix != ".jsonl", f"{row['path']}: jsonl truth needs record_id"


def test_every_corpus_file_and_record_has_truth() -> None:
    have = {_row_id(r) for r in TRUTH_ROWS}
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file()):
        rel = path.relative_to(CORPUS).as_posix()
        assert path.suffix in {".txt", ".md", ".html", ".jsonl"}, f"unexpected file {rel}"
        if path.suffix == ".jsonl":
            for rec in _records(path):
                assert f"{rel}#{rec['id']}" in have, f"{rel}#{rec['id']} has no truth"
        else:
            assert rel in have, f"{rel} has no truth"


def test_jsonl_lines_parse_and_agree_with_truth() -> None:
    truth = {_row_id(r): r for r in TRUTH_ROWS}
    for path in sorted(CORPUS.rglob("*.jsonl")):
        rel = path.relative_to(CORPUS).as_posix()
        lines = path.read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(lines, 1):
            rec = json.loads(line)
            assert isinstance(rec, dict), f"{rel}:{n}"
            assert rec.get("text") and rec.get("url") and rec.get("id"), f"{rel}:{n}"
            row = truth[f"{rel}#{rec['id']}"]
            for key in ("title", "published", "source", "lang", "countries"):
                if key in rec:
                    assert rec[key] == row[key], f"{rel}:{n} {key}"
            if "title" not in rec:
                assert rec["text"].splitlines()[0] == row["title"], f"{rel}:{n} headline line"


def test_titles_and_domains_appear_in_their_input() -> None:
    for row in TRUTH_ROWS:
        path = CORPUS / row["path"]
        raw = _parse_html(path) if path.suffix == ".html" else None
        text = "".join(raw.text) if raw else _raw(row)
        assert row["title"] in text, f"{_row_id(row)}: title not in input"
        if DOMAIN.match(row["source"]):
            shown = row["source"] in _raw(row).lower()
            assert shown, f"{_row_id(row)}: {row['source']} not shown"
        if row["published"]:
            assert row["published"][:4] in text, f"{_row_id(row)}: year not stated"


def test_chrome_words_are_in_the_input_but_not_the_title() -> None:
    for row in TRUTH_ROWS:
        words = row.get("chrome_words", [])
        assert len(words) <= 3
        raw = _raw(row).lower()
        for w in words:
            assert w.lower() in raw, f"{_row_id(row)}: chrome word {w} not in input"
            assert w.lower() not in row["title"].lower(), _row_id(row)


@pytest.mark.parametrize("path", sorted(CORPUS.rglob("*.html")), ids=lambda p: p.name)
def test_html_pages_parse_and_carry_metadata(path: Path) -> None:
    page = _parse_html(path)
    row = next(r for r in TRUTH_ROWS if r["path"] == path.relative_to(CORPUS).as_posix())
    assert page.errors == [] and page.stack == [], (page.errors, page.stack)
    assert page.html_lang == row["lang"]
    for tag in ("head", "title", "nav", "article", "h1", "figure", "figcaption", "aside", "footer"):
        assert page.tags[tag] >= 1, f"no <{tag}>"
    assert page.h1 == row["title"] == page.metas["og:title"]
    assert page.title.startswith(row["title"])
    assert page.metas.get("og:site_name")
    assert page.links.get("canonical", "").startswith("https://")
    stated = page.metas.get("date") or page.metas.get("article:published_time", "")[:10] or None
    assert stated == row["published"]


# ---------------------------------------------------------------- writing


def test_no_sentence_copied_from_the_seeds() -> None:
    assert SEEDS.is_dir(), f"seed articles expected at {SEEDS}"
    seeds = set().union(*(_shingles(p.read_text(encoding="utf-8")) for p in SEEDS.iterdir()))
    assert seeds
    for row in TRUTH_ROWS:
        path = CORPUS / row["path"]
        text = "".join(_parse_html(path).text) if path.suffix == ".html" else _raw(row)
        copied = _shingles(text) & seeds
        assert not copied, f"{_row_id(row)} repeats a seed: {' '.join(sorted(copied)[0])}"


def test_uzbek_latin_uses_several_apostrophe_forms() -> None:
    forms: Counter[str] = Counter()
    for row in TRUTH_ROWS:
        if row["lang"] == "uz" and row["script"] == "Latn":
            for m in re.finditer(rf"[oOgG]([{UZ_APOSTROPHES}])", _raw(row)):
                forms[m.group(1)] += 1
    assert len(forms) >= 4, forms
    tutuq = "".join(_raw(r) for r in TRUTH_ROWS if r["lang"] == "uz" and r["script"] == "Latn")
    assert "maʼlum" in tutuq and "ma'lum" in tutuq


@pytest.mark.parametrize(
    ("lang", "script", "letters"),
    [
        ("uz", "Cyrl", "ўқғҳ"),
        ("kk", "Cyrl", "әғқңөұүі"),
        ("az", "Latn", "ə"),
        ("tr", "Latn", "ığş"),
    ],
)
def test_language_specific_letters_are_used(lang: str, script: str, letters: str) -> None:
    for row in TRUTH_ROWS:
        if row["lang"] == lang and row["script"] == script:
            raw = _raw(row).lower()
            assert any(ch in raw for ch in letters), _row_id(row)
            if lang == "tr":
                assert "ə" not in raw, f"{_row_id(row)}: Turkish has no schwa"
            if lang == "uz" and script == "Cyrl":
                assert not set("ңөұүәі") & set(raw), f"{_row_id(row)}: Kazakh letters in Uzbek"
