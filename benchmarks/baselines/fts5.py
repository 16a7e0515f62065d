"""Baseline (b): SQLite FTS5 with `porter unicode61`, facet counts with GROUP BY.

Text lives in an FTS5 table; metadata in plain tables (`meta`, one row per document, and
`doc_country`, one row per document and country) with indexes. A faceted search is two
statements: the ranked top 10 with the filters, and one statement that materialises the
filtered match set once and counts all four facets over it with GROUP BY ... UNION ALL.
FTS5 has no fuzzy operator: fuzzy queries are reported as n/a. Indexing is single-threaded
by design, so the "all cores" build is the same one-process build.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.baselines.common import Outcome, documents, filter_years, year_of

NAME = "fts5"
DB = "fts5.sqlite"


class Unsupported(Exception):
    """The engine has no equivalent for this kind of query."""


def build(corpus: Path, index_dir: Path, procs: int) -> int:
    index_dir.mkdir(parents=True, exist_ok=True)
    path = index_dir / DB
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.executescript(
        """
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE VIRTUAL TABLE fts USING fts5(title, text, tokenize='porter unicode61');
        CREATE TABLE meta(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, url TEXT, source TEXT,
                          lang TEXT, year TEXT);
        CREATE TABLE doc_country(rowid INTEGER, country TEXT);
        """
    )
    n = 0
    batch_fts, batch_meta, batch_cc = [], [], []

    def flush() -> None:
        con.executemany("INSERT INTO fts(rowid, title, text) VALUES (?,?,?)", batch_fts)
        con.executemany("INSERT INTO meta VALUES (?,?,?,?,?,?)", batch_meta)
        con.executemany("INSERT INTO doc_country VALUES (?,?)", batch_cc)
        batch_fts.clear()
        batch_meta.clear()
        batch_cc.clear()

    with con:
        for doc in documents(corpus):
            n += 1
            batch_fts.append((n, doc["title"], doc["text"]))
            batch_meta.append((n, doc["id"], doc.get("url"), doc["source"], doc["lang"],
                               year_of(doc)))
            batch_cc.extend((n, c) for c in doc["countries"])
            if len(batch_fts) >= 2000:
                flush()
        flush()
    con.executescript(
        """
        CREATE INDEX meta_source ON meta(source); CREATE INDEX meta_lang ON meta(lang);
        CREATE INDEX meta_year ON meta(year);
        CREATE INDEX cc_country ON doc_country(country, rowid);
        CREATE INDEX cc_rowid ON doc_country(rowid, country);
        INSERT INTO fts(fts) VALUES('optimize');
        ANALYZE;
        """
    )
    con.close()
    return n


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def match_expression(q: dict) -> str:
    op, terms = q["op"], q["terms"]
    if op == "fuzzy":
        raise Unsupported("FTS5 has no fuzzy matching")
    if op == "phrase":
        return _quote(" ".join(terms))
    if op == "prefix":
        return _quote(terms[0]) + " *"
    return " AND ".join(_quote(t) for t in terms)


def _where(filters: dict) -> tuple[str, list[str]]:
    clauses: list[str] = []
    args: list[str] = []
    for field in ("source", "lang"):
        values = filters.get(field) or []
        if values:
            clauses.append(f"meta.{field} IN ({','.join('?' * len(values))})")
            args += values
    years = filter_years(filters)
    if years:
        clauses.append(f"meta.year IN ({','.join('?' * len(years))})")
        args += years
    countries = filters.get("country") or []
    if countries:
        clauses.append(
            "EXISTS (SELECT 1 FROM doc_country dc WHERE dc.rowid = fts.rowid AND dc.country IN "
            f"({','.join('?' * len(countries))}))"
        )
        args += countries
    return "".join(f" AND {c}" for c in clauses), args


class Fts5Engine:
    name = NAME

    def __init__(self, index_dir: Path) -> None:
        self.con = sqlite3.connect(index_dir / DB, check_same_thread=False)

    def search(self, q: dict, filters: dict | None, facets: bool) -> Outcome:
        match = match_expression(q)
        if not facets:
            rows = self.con.execute(
                "SELECT meta.id, fts.title FROM fts JOIN meta ON meta.rowid = fts.rowid "
                "WHERE fts MATCH ? ORDER BY rank LIMIT 10", (match,),
            ).fetchall()
            return Outcome(total=None, hits=len(rows))
        where, args = _where(filters or {})
        rows = self.con.execute(
            "SELECT meta.id, fts.title FROM fts JOIN meta ON meta.rowid = fts.rowid "
            f"WHERE fts MATCH ?{where} ORDER BY rank LIMIT 10", (match, *args),
        ).fetchall()
        counts = self.con.execute(
            f"""
            WITH m AS MATERIALIZED (
                SELECT fts.rowid AS r FROM fts JOIN meta ON meta.rowid = fts.rowid
                WHERE fts MATCH ?{where})
            SELECT 'lang', meta.lang, count(*) FROM m JOIN meta ON meta.rowid = m.r
                GROUP BY meta.lang
            UNION ALL SELECT 'source', meta.source, count(*) FROM m JOIN meta ON meta.rowid = m.r
                GROUP BY meta.source
            UNION ALL SELECT 'year', meta.year, count(*) FROM m JOIN meta ON meta.rowid = m.r
                GROUP BY meta.year
            UNION ALL SELECT 'country', dc.country, count(*) FROM m
                JOIN doc_country dc ON dc.rowid = m.r GROUP BY dc.country
            """,
            (match, *args),
        ).fetchall()
        total = sum(c for facet, _, c in counts if facet == "lang")
        return Outcome(total=total, hits=len(rows), facet_values=len(counts))

    def close(self) -> None:
        self.con.close()
