"""Accuracy of the metadata extractor on the bundled sample corpus, against the
ground truth recorded with it (`search/sample/truth.jsonl`).

Prints a table (run with `-s` to see it) and holds floors, so a change that makes the
extractor worse on pages the team wrote and labelled by hand fails the suite.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from qidir.search.ingest.metadata import Extracted, extract_html, extract_plain

SAMPLE = Path(__file__).resolve().parents[2] / "search" / "sample"
TRUTH = SAMPLE / "truth.jsonl"
CORPUS = SAMPLE / "corpus"

FLOORS = {
    "title": 0.90,
    "date": 0.85,
    "source": 0.80,
    "country_precision": 0.85,
    "country_recall": 0.85,
    "lang": 0.90,
    "chrome_clean": 0.90,
}


@dataclass
class Score:
    n: int = 0
    title: int = 0
    date: int = 0
    source: int = 0
    lang: int = 0
    chrome_checked: int = 0
    chrome_clean: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def rates(self) -> dict[str, float]:
        return {
            "title": self.title / self.n,
            "date": self.date / self.n,
            "source": self.source / self.n,
            "country_precision": self.tp / max(1, self.tp + self.fp),
            "country_recall": self.tp / max(1, self.tp + self.fn),
            "lang": self.lang / self.n,
            "chrome_clean": self.chrome_clean / max(1, self.chrome_checked),
        }


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _file_records() -> list[dict]:
    """Truth records for files the extractor reads (jsonl records carry their own fields)."""
    records = []
    for line in TRUTH.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if rec.get("format") in ("jsonl", "json") or "record_id" in rec:
            continue
        if Path(rec["path"]).suffix.lower() in (".txt", ".md", ".html", ".htm"):
            records.append(rec)
    return records


def _extract(path: Path) -> Extracted:
    raw = path.read_text("utf-8")
    if path.suffix.lower() in (".html", ".htm"):
        return extract_html(raw, path=path.name)
    return extract_plain(raw, path=path.name)


def _score(records: list[dict]) -> Score:
    score = Score()
    for rec in records:
        path = CORPUS / rec["path"]
        assert path.is_file(), f"truth names {rec['path']} but the corpus has no such file"
        ex = _extract(path)
        score.n += 1
        name = rec["path"]
        if _squash(ex.title) == _squash(rec.get("title")):
            score.title += 1
        else:
            score.misses.append(f"{name}: title {ex.title!r} != {rec.get('title')!r}")
        if ex.published == rec.get("published"):
            score.date += 1
        else:
            score.misses.append(f"{name}: date {ex.published} != {rec.get('published')}")
        want_source = rec.get("source") or "unknown"
        if (ex.source or "unknown").lower() == want_source.lower():
            score.source += 1
        else:
            score.misses.append(f"{name}: source {ex.source} != {want_source}")
        if ex.lang == rec.get("lang"):
            score.lang += 1
        else:
            score.misses.append(f"{name}: lang {ex.lang} != {rec.get('lang')}")
        got, want = set(ex.countries), set(rec.get("countries") or [])
        score.tp += len(got & want)
        score.fp += len(got - want)
        score.fn += len(want - got)
        if got != want:
            score.misses.append(f"{name}: countries +{sorted(got - want)} -{sorted(want - got)}")
        chrome = rec.get("chrome_words") or []
        if chrome:
            score.chrome_checked += 1
            searchable = f"{ex.title or ''}\n{ex.text}".casefold()
            leaked = [w for w in chrome if w.casefold() in searchable]
            if leaked:
                score.misses.append(f"{name}: chrome words leaked {leaked}")
            else:
                score.chrome_clean += 1
    return score


def test_sample_corpus_accuracy() -> None:
    if not TRUTH.exists():
        # A corpus without its ground truth is a packaging error, not a reason to skip.
        assert not CORPUS.exists(), f"{CORPUS} exists but its ground truth {TRUTH} is missing"
        pytest.skip("the sample corpus has not landed yet (no search/sample/truth.jsonl)")
    records = _file_records()
    assert records, "truth.jsonl lists no .txt/.md/.html files to measure"
    score = _score(records)
    rates = score.rates()
    print(f"\nmetadata accuracy on {score.n} sample files")
    for key, value in rates.items():
        print(f"  {key:<18} {value:6.1%}   (floor {FLOORS[key]:.0%})")
    for miss in score.misses:
        print("  miss:", miss)
    low = {k: round(v, 3) for k, v in rates.items() if v < FLOORS[k]}
    assert not low, f"below floor: {low}"
