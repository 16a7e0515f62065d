"""Deterministic benchmark query sets and filter sets, drawn from the corpus itself.

Queries come from the first documents of the corpus (10k at most), and corpora of every size
share those documents (see `benchmarks.corpus`), so the same query set runs at 10k, 30k and
100k and latency against size compares like with like. Drawing words from real documents
makes each term, AND and phrase query match at least one document.

Each query is structured (`op`, `terms`) besides its qidir/Whoosh syntax string (`q`), so each
baseline can translate it to its own syntax without re-parsing.

    python -m benchmarks.queries --corpus benchmarks/data/corpus-10k.jsonl --out queries.json
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from benchmarks.corpus import PERSONS, lang_key, read_corpus
from benchmarks.vocab import (
    APOSTROPHE_STYLES,
    GLOTTAL,
    OKINA,
    Vocabulary,
    uz_cyrillic_vocabulary,
    vocabulary,
)

KINDS = ("term", "and2", "phrase", "prefix", "fuzzy", "cyrillic", "uz_apostrophe", "name",
         "relaxed")
PER_KIND = 300
QUERIES_VERSION = 4
SAMPLE_DOCS = 10_000
#: Words this frequent are function words: no one searches for them alone.
MIN_RANK = 100

_APOSTROPHES = "'`\u2018\u2019\u02bb\u02bc"
_WORD = re.compile(rf"[^\W\d_](?:[^\W\d_]|[{_APOSTROPHES}](?=[^\W\d_]))*")
_UZ_MARK = re.compile(rf"(?<=[oOgG])[{_APOSTROPHES}]|[{_APOSTROPHES}]")


def _canonical_uz(word: str) -> str:
    """Bring any apostrophe form back to the vocabulary's ʻ (after o/g) and ʼ (elsewhere)."""
    out = []
    for i, ch in enumerate(word):
        if ch in _APOSTROPHES:
            out.append(OKINA if i and word[i - 1] in "oOgG" else GLOTTAL)
        else:
            out.append(ch)
    return "".join(out)


def _vocab(key: str) -> Vocabulary:
    return uz_cyrillic_vocabulary() if key == "uz-Cyrl" else vocabulary(key.split("-")[0])


def _doc_words(doc: dict[str, object], field: str | None = None) -> list[str]:
    """The document's words, lower-cased, in order (punctuation dropped; apostrophes kept);
    of one field when given (a phrase must not span the title and the text)."""
    text = str(doc[field]) if field else f"{doc['title']}\n{doc['text']}"
    words = [m.group(0).lower() for m in _WORD.finditer(text)]
    if doc["lang"] == "uz" and doc["script"] == "Latn":
        words = [_canonical_uz(w) for w in words]
    return words


def _content_words(doc: dict[str, object], min_len: int = 1) -> list[str]:
    vocab = _vocab(lang_key(str(doc["lang"]), str(doc["script"])))
    n = len(vocab.words)
    return [
        w for w in _doc_words(doc) if MIN_RANK <= vocab.rank_of(w) < n and len(w) >= min_len
    ]


def _render(word: str, rng: random.Random) -> str:
    """Uzbek Latin words go out in a random apostrophe style, as users type them."""
    if OKINA in word or GLOTTAL in word:
        okina, glottal = rng.choice(APOSTROPHE_STYLES)
        return word.replace(OKINA, okina).replace(GLOTTAL, glottal)
    return word


def _q(op: str, terms: Sequence[str]) -> str:
    if op == "phrase":
        return '"' + " ".join(terms) + '"'
    if op == "prefix":
        return terms[0] + "*"
    if op == "fuzzy":
        return terms[0] + "~"
    return " ".join(terms)


def _query(kind: str, op: str, terms: Sequence[str], doc: dict[str, object] | None) -> dict:
    return {
        "kind": kind,
        "op": op,
        "terms": list(terms),
        "q": _q(op, terms),
        "lang": lang_key(str(doc["lang"]), str(doc["script"])) if doc else None,
        "from_doc": doc["id"] if doc else None,
    }


def _typo(word: str, rng: random.Random) -> str:
    """One edit (substitution, deletion or transposition) inside the word, keeping its script."""
    if len(word) < 5 or rng.random() < 0.4:
        return word
    i = rng.randrange(1, len(word) - 1)
    edit = rng.choice(("sub", "del", "swap"))
    if edit == "sub":
        return word[:i] + rng.choice(word) + word[i + 1:]
    if edit == "del":
        return word[:i] + word[i + 1:]
    return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]


_SPELLINGS = sorted({s for _, forms in PERSONS for s in forms.values() if " " not in s})


def _pools(docs: Sequence[dict]) -> dict[str, Sequence[dict]]:
    return {
        "cyrillic": [d for d in docs if d["script"] == "Cyrl"],
        "uz_apostrophe": [d for d in docs if d["lang"] == "uz" and d["script"] == "Latn"],
    }


def _one(
    kind: str, docs: Sequence[dict], pools: dict[str, Sequence[dict]], rng: random.Random
) -> dict | None:
    """One query of `kind`, or None when the drawn document offers no fitting words."""
    if kind == "name":
        return _query(kind, "term", [_render(rng.choice(_SPELLINGS), rng)], None)
    pool = pools.get(kind, docs)
    if not pool:
        raise ValueError(f"the corpus sample has no documents for {kind!r} queries")
    doc = rng.choice(pool)
    if kind in ("term", "cyrillic"):
        words = _content_words(doc, 3)
        if not words:
            return None
        if kind == "cyrillic" and rng.random() < 0.5 and len(words) > 1:
            return _query(kind, "and", rng.sample(words, 2), doc)
        return _query(kind, "term", [rng.choice(words)], doc)
    if kind == "and2":
        words = sorted(set(_content_words(doc, 3)))
        if len(words) < 2:
            return None
        return _query(kind, "and", rng.sample(words, 2), doc)
    if kind == "phrase":
        all_words = _doc_words(doc, "text")
        vocab = _vocab(lang_key(str(doc["lang"]), str(doc["script"])))
        pairs = [
            (a, b) for a, b in zip(all_words, all_words[1:], strict=False)
            if max(vocab.rank_of(a), vocab.rank_of(b)) >= MIN_RANK
        ]
        if not pairs:
            return None
        return _query(kind, "phrase", [_render(w, rng) for w in rng.choice(pairs)], doc)
    if kind == "prefix":
        words = _content_words(doc, 6)
        if not words:
            return None
        w = rng.choice(words)
        stem = w[: rng.choice((4, 5))]
        if stem[-1] in _APOSTROPHES or stem[-1] in (OKINA, GLOTTAL):
            stem = stem[:-1]
        return _query(kind, "prefix", [_render(stem, rng)], doc)
    if kind == "fuzzy":
        words = [w for w in _content_words(doc, 5) if OKINA not in w and GLOTTAL not in w]
        if not words:
            return None
        return _query(kind, "fuzzy", [_typo(rng.choice(words), rng)], doc)
    if kind == "relaxed":
        # A question typed as words: four words of one document and one of another, so
        # that (nearly always) no document has them all and qidir relaxes the search.
        words = sorted(set(_content_words(doc, 3)))
        other = sorted(set(_content_words(rng.choice(docs), 3)) - set(words))
        if len(words) < 4 or not other:
            return None
        return _query(kind, "and", rng.sample(words, 4) + [rng.choice(other)], doc)
    if kind == "uz_apostrophe":
        words = _content_words(doc, 3)
        marked = [w for w in words if OKINA in w or GLOTTAL in w]
        if not marked:
            return None
        terms = [rng.choice(marked)]
        if rng.random() < 0.5:
            others = [w for w in words if w != terms[0]]
            if others:
                terms.append(rng.choice(others))
        op = "and" if len(terms) > 1 else "term"
        return _query(kind, op, [_render(w, rng) for w in terms], doc)
    raise ValueError(f"unknown query kind {kind!r}")


def _year(doc: dict) -> int | None:
    return int(str(doc["published"])[:4]) if doc.get("published") else None


def _filters(doc: dict, docs: Sequence[dict], rng: random.Random) -> dict:
    """One or two selected values taken from the query's own document, as a user clicks a facet
    value shown for a result; so the filtered search still finds something."""
    f: dict = {"country": [], "source": [], "lang": [], "year_from": None, "year_to": None}
    roll = rng.random()
    year = _year(doc)

    def country() -> None:
        if doc["countries"]:
            f["country"].append(rng.choice(doc["countries"]))
        else:
            f["lang"].append(doc["lang"])

    def years() -> None:
        if year is None:
            f["source"].append(doc["source"])
            return
        width = rng.choice((0, 0, 1, 2, 3))
        f["year_from"], f["year_to"] = year - rng.randint(0, width), year + width

    if roll < 0.35:
        country()
    elif roll < 0.5:
        f["lang"].append(doc["lang"])
    elif roll < 0.65:
        f["source"].append(doc["source"])
    elif roll < 0.8:
        years()
    elif roll < 0.9:
        country()
        years()
    else:
        # Two values of one facet, OR-ed (disjunctive selection).
        other = rng.choice(docs)
        f["country"] = sorted({*doc["countries"][:1], *other["countries"][:1]}) or ["RU", "US"]
        if len(f["country"]) == 1:
            f["lang"] = [doc["lang"]]
    return f


def build_queries(docs: Iterable[dict], seed: int = 1, per_kind: int = PER_KIND) -> dict:
    """The query sets of every kind plus filter sets; deterministic for (docs, seed)."""
    docs = list(docs)
    if not docs:
        raise ValueError("cannot draw queries from an empty corpus")
    rng = random.Random(f"queries-{seed}")
    pools = _pools(docs)
    by_id = {d["id"]: d for d in docs}
    queries: dict[str, list[dict]] = {}
    for kind in KINDS:
        out: list[dict] = []
        attempts = 0
        while len(out) < per_kind:
            attempts += 1
            if attempts > per_kind * 50:
                raise ValueError(f"corpus too small or too uniform to draw {kind!r} queries")
            q = _one(kind, docs, pools, rng)
            if q is not None:
                doc = by_id[q["from_doc"]] if q["from_doc"] else rng.choice(docs)
                q["filters"] = _filters(doc, docs, rng)
                out.append(q)
        queries[kind] = out
    return {"seed": seed, "per_kind": per_kind, "version": QUERIES_VERSION, "queries": queries}


def filters_for(query_set: dict, kind: str, i: int) -> dict:
    """The filter set the i-th query of a kind runs with in the faceted variant."""
    return query_set["queries"][kind][i]["filters"]


def load_or_build(corpus: Path, out: Path, seed: int = 1, per_kind: int = PER_KIND) -> dict:
    if out.exists():
        data = json.loads(out.read_text(encoding="utf-8"))
        if (data.get("seed"), data.get("per_kind"), data.get("version")) == (
            seed, per_kind, QUERIES_VERSION,
        ):
            return data
    data = build_queries(read_corpus(corpus, SAMPLE_DOCS), seed, per_kind)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-kind", type=int, default=PER_KIND)
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        ap.error(f"no corpus at {args.corpus}")
    data = build_queries(read_corpus(args.corpus, SAMPLE_DOCS), args.seed, args.per_kind)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = ", ".join(f"{k} {len(v)}" for k, v in data["queries"].items())
    print(f"wrote {counts} queries, each with a filter set, to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
