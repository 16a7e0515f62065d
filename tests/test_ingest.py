"""Ingestion: every format is read, ids are stable, and bad inputs are reported, not lost."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from qidir.search.ingest.documents import Document
from qidir.search.ingest.readers import Skipped, decode, ingest, max_file_bytes

ARTICLE_EN = """Steppe Herald

Caspian ferry line to Aktau doubles its sailings

Aktau, 3 March 2023. The ferry operator serving the Caspian crossing between Baku and
Aktau said on Friday that it would run two sailings a week from April, citing demand
from freight companies in Kazakhstan and Azerbaijan.
"""

HTML_PAGE = """<!doctype html><html lang="en"><head>
<title>Grain harvest sets record | Field Post</title>
<meta property="og:title" content="Grain harvest sets record in northern Kazakhstan">
<meta property="og:site_name" content="Field Post">
<meta property="article:published_time" content="2022-09-14T08:00:00Z">
<link rel="canonical" href="https://fieldpost.example/grain-record"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Grain harvest sets record in northern Kazakhstan</h1>
<p>Farmers in the Kostanay region brought in more wheat this year than in any season on
record, the regional agriculture office said, crediting late summer rain.</p>
<p>Exporters expect much of the surplus to travel by rail through Uzbekistan and on to
buyers in Afghanistan and Iran over the coming months.</p></article>
<footer>Copyright Field Post</footer></body></html>"""


def docs(items: list[Document | Skipped]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def skips(items: list[Document | Skipped]) -> list[Skipped]:
    return [i for i in items if isinstance(i, Skipped)]


def test_txt_and_md(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "b.md").write_text("# Markdown headline about Baku\n\nBody text about Baku "
                                   "and the Caspian Sea, written for this test.\n",
                                   encoding="utf-8")
    found = docs(list(ingest([tmp_path])))
    assert [d.path for d in found] == ["a.txt", "b.md"]
    assert "ferry" in found[0].text
    assert found[0].title and "Steppe Herald" not in found[0].text[:0]


def test_html_reader_uses_page_metadata(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    [doc] = docs(list(ingest([tmp_path])))
    assert doc.title == "Grain harvest sets record in northern Kazakhstan"
    assert "Kostanay" in doc.text
    assert "Sport" not in doc.text  # the nav menu is not article text
    assert doc.published == "2022-09-14"


def test_jsonl_records_fields_win_and_bad_lines_are_reported(tmp_path: Path) -> None:
    good = {"id": "rec-1", "title": "Given title", "text": "Talks in Tashkent on water sharing.",
            "source": "Example.UZ", "published": "2020-05-01", "lang": "en",
            "countries": ["uz"]}
    lines = [json.dumps(good), "{not json", json.dumps({"title": "no text"}),
             json.dumps({"text": "A record without id but with a url.",
                         "url": "https://example.org/x"})]
    (tmp_path / "r.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(ingest([tmp_path]))
    found = docs(items)
    assert [d.id for d in found][0] == "rec-1"
    first = found[0]
    assert (first.title, first.source, first.published, first.countries) == \
        ("Given title", "example.uz", "2020-05-01", ["UZ"])
    bad = skips(items)
    assert [s.path.rsplit(":", 1)[1] for s in bad] == ["2", "3"]
    assert "malformed JSON" in bad[0].reason and "no 'text'" in bad[1].reason


def test_json_array(tmp_path: Path) -> None:
    records = [{"text": "First record about Ankara."}, {"text": "Second about Astana."}, 5]
    (tmp_path / "r.json").write_text(json.dumps(records), encoding="utf-8")
    items = list(ingest([tmp_path]))
    assert len(docs(items)) == 2
    assert "expected an object" in skips(items)[0].reason


def test_ids_are_stable_and_distinct(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_EN, encoding="utf-8")
    first = [d.id for d in docs(list(ingest([tmp_path])))]
    second = [d.id for d in docs(list(ingest([tmp_path])))]
    assert first == second and len(set(first)) == 2


def test_bad_files_are_named_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage" * 10)
    (tmp_path / "ok.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    items = list(ingest([tmp_path, tmp_path / "missing.txt"]))
    assert len(docs(items)) == 1
    reasons = {Path(s.path).name: s.reason for s in skips(items)}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "malformed JSON" in reasons["broken.json"]
    assert "no such file" in reasons["missing.txt"]


def test_legacy_cyrillic_encoding_is_decoded(tmp_path: Path) -> None:
    text = ("Переговоры в Ташкенте\n\nПредставители Казахстана и Узбекистана обсудили в "
            "Ташкенте новые правила использования воды из трансграничных рек, сообщили "
            "в министерстве. Стороны договорились продолжить консультации летом.\n")
    (tmp_path / "cp1251.txt").write_bytes(text.encode("cp1251"))
    [doc] = docs(list(ingest([tmp_path])))
    assert "Ташкенте" in doc.text


def test_symlink_loop_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    items = list(ingest([tmp_path]))
    assert len(docs(items)) == 1
    assert any("symlink loop" in s.reason for s in skips(items))


# -- bad input: each kind is reported with a reason, the rest is read ------------------------

SHORT_RU = [
    "Ташкент",
    "Привет, мир",
    "Новости дня",
    "Жители Алматы ждут снега",
    "Ёлка на площади",
    "Курс рубля вырос",
]


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
@pytest.mark.parametrize("text", SHORT_RU)
def test_short_legacy_cyrillic_decodes_exactly(text: str, encoding: str) -> None:
    # A headline-sized text carries too little evidence for a generic detector alone.
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_short_legacy_cyrillic_file_is_indexed_not_skipped(tmp_path: Path, encoding: str) -> None:
    text = "Выборы в Ташкенте\n\nИзбиратели пришли на участки рано утром.\n"
    (tmp_path / "note.txt").write_bytes(text.encode(encoding))
    items = list(ingest([tmp_path]))
    [doc] = docs(items)
    assert "Избиратели" in doc.text and not skips(items)


def test_turkish_legacy_encoding(tmp_path: Path) -> None:
    text = "Türkiye ve Azerbaycan işbirliği\n\nİki ülke çalışma grubunu genişletti.\n"
    assert decode(text.encode("cp1254")) == text


def test_fifo_named_like_an_article_is_skipped_not_read(tmp_path: Path) -> None:
    # Reading a FIFO would block the rebuild forever; root cannot read it either.
    (tmp_path / "ok.txt").write_text(ARTICLE_EN, encoding="utf-8")
    os.mkfifo(tmp_path / "feed.txt")
    items = list(ingest([tmp_path]))
    assert len(docs(items)) == 1
    [skip] = skips(items)
    assert skip.path.endswith("feed.txt") and "FIFO" in skip.reason


def test_size_limit_from_env_and_from_argument(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    big = ARTICLE_EN * 40  # ~13 kB
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    (tmp_path / "small.txt").write_text(ARTICLE_EN, encoding="utf-8")
    monkeypatch.setenv("QIDIR_MAX_FILE_MB", "0.005")
    items = list(ingest([tmp_path]))
    assert [Path(d.path).name for d in docs(items)] == ["small.txt"]
    assert "above the limit of 0.005 MB" in skips(items)[0].reason
    # An explicit limit (the --max-file-mb option) wins over the environment.
    assert len(docs(list(ingest([tmp_path], max_bytes=max_file_bytes(1.0))))) == 2


def test_file_symlink_loop_and_broken_link(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    items = list(ingest([tmp_path]))
    assert len(docs(items)) == 1
    reasons = {Path(s.path).name: s.reason for s in skips(items)}
    assert reasons == {"a.txt": "symlink loop", "b.txt": "symlink loop",
                       "gone.txt": "broken symlink"}


def test_directory_named_like_a_file_is_walked(tmp_path: Path) -> None:
    (tmp_path / "x.txt").mkdir()
    (tmp_path / "x.txt" / "inner.txt").write_text(ARTICLE_EN, encoding="utf-8")
    items = list(ingest([tmp_path]))
    assert [d.path for d in docs(items)] == ["x.txt/inner.txt"] and not skips(items)


def test_whitespace_only_and_undecodable_files(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    # Random-looking bytes without NULs: no encoding gives readable text.
    (tmp_path / "noise.txt").write_bytes(bytes(range(1, 32)) * 20 + b"\x81\x8d\x8f\x90" * 20)
    reasons = {Path(s.path).name: s.reason for s in skips(list(ingest([tmp_path])))}
    assert "empty" in reasons["blank.txt"]
    assert "undecodable" in reasons["noise.txt"]


def test_jsonl_is_streamed_and_the_limit_applies_per_record(tmp_path: Path) -> None:
    # A feed bigger than the per-file limit is fine; only an over-long record is skipped.
    records = [{"id": f"r{i}", "text": f"Record {i} about rail freight via Aktau. " * 20}
               for i in range(40)]
    lines = [json.dumps(r) for r in records]
    lines[7] = json.dumps({"id": "huge", "text": "x " * 6000})
    lines.insert(3, json.dumps({"id": "sep", "text": "Line\u2028separator inside a string."}))
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (tmp_path / "feed.jsonl").stat().st_size > 10_000
    items = list(ingest([tmp_path], max_bytes=10_000))
    assert len(docs(items)) == 40  # 39 ordinary records + the one with U+2028
    [skip] = skips(items)
    assert skip.path.endswith("feed.jsonl:9") and "longer than the limit" in skip.reason


def test_jsonl_lines_in_legacy_encoding_and_empty_feed(tmp_path: Path) -> None:
    line = json.dumps({"id": "ru1", "text": "Курс рубля вырос на торгах в Москве."},
                      ensure_ascii=False)
    (tmp_path / "legacy.jsonl").write_bytes(line.encode("cp1251") + b"\n")
    (tmp_path / "blank.jsonl").write_bytes(b"\n\n  \n")
    items = list(ingest([tmp_path]))
    [doc] = docs(items)
    assert "рубля" in doc.text
    [skip] = skips(items)
    assert skip.path.endswith("blank.jsonl") and "empty" in skip.reason


def test_record_with_every_field_skips_extraction(tmp_path: Path, monkeypatch) -> None:
    """A feed that states its metadata is indexed as stated, without the cost of reading
    the text for metadata (it was most of the indexing time of a 10k-record feed)."""
    import qidir.search.ingest.metadata as metadata

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("extraction ran for a record that gives every field")

    monkeypatch.setattr(metadata, "extract_plain", fail)
    record = {"id": "r1", "title": "Given", "text": "Переговоры в Ташкенте о воде.",
              "source": "example.uz", "published": None, "lang": "ru", "countries": ["UZ"]}
    (tmp_path / "r.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    [doc] = docs(list(ingest([tmp_path])))
    assert (doc.title, doc.lang, doc.script, doc.countries, doc.published) == \
        ("Given", "ru", "Cyrl", ["UZ"], None)
