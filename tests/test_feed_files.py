"""Feed files (RSS 2.0, RSS 1.0, Atom 1.0, in several scripts and encodings) and WARC
archives (written here with warcio) become documents."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from qidir.search.ingest.documents import Document
from qidir.search.ingest.readers import Note, Skipped, ingest

RSS2 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Vodiy xabarlari</title><link>https://vodiy.example.uz/</link>
<item><title>Fargʻonada paxta terimi boshlandi</title>
<link>https://vodiy.example.uz/news/paxta</link><guid>vodiy-101</guid>
<pubDate>Tue, 02 Sep 2025 09:00:00 GMT</pubDate><dc:creator>Dilnoza Karimova</dc:creator>
<description>Qisqacha: terim boshlandi.</description>
<content:encoded><![CDATA[<p>Fargʻona viloyatida paxta terimi rasman boshlandi.</p>
<p>Fermerlar bu yil hosil yaxshi ekanini aytmoqda.</p><script>track()</script>]]>
</content:encoded></item>
<item><title>Qisqa xabar</title><link>https://vodiy.example.uz/news/qisqa</link>
<description>Toshkentda ob-havo salqinlashdi.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Степные новости</title>
<link href="https://step.example.kz/"/><id>urn:step</id><updated>2024-03-05T12:00:00Z</updated>
<entry><title>В Актау открыли новый терминал</title>
<link href="https://step.example.kz/2024/03/terminal"/><id>urn:step:1</id>
<published>2024-03-05T08:30:00Z</published><author><name>Айгерим Сатпаева</name></author>
<summary>Новый контейнерный терминал в порту Актау в Казахстане принял первое судно.</summary>
</entry>
</feed>
"""

RSS1 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://caspian.example.com/"><title>Caspian wire</title>
<link>https://caspian.example.com/</link><description>x</description></channel>
<item rdf:about="https://caspian.example.com/sturgeon">
<title>Sturgeon numbers keep falling in the Caspian</title>
<link>https://caspian.example.com/sturgeon</link><dc:date>2023-11-20</dc:date>
<description>Scientists in Baku and Atyrau report another drop in wild sturgeon.</description>
</item></rdf:RDF>
"""

#: Russian in cp1251 while the declaration says UTF-8 (a common mistake of old CMSs).
MISDECLARED = ("""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Новости</title><link>http://old.example.ru/</link>
<item><title>Сессия парламента завершилась</title><link>http://old.example.ru/1</link>
<description>Депутаты приняли бюджет на следующий год.</description></item>
</channel></rss>""").encode("cp1251")


def _docs(path: Path) -> tuple[list[Document], list[Skipped], list[Note]]:
    items = list(ingest([path]))
    return ([i for i in items if isinstance(i, Document)],
            [i for i in items if isinstance(i, Skipped)],
            [i for i in items if isinstance(i, Note)])


@pytest.mark.parametrize("name", ["news.rss", "news.xml", "news.atom"])
def test_rss2_items_with_full_content(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(RSS2, encoding="utf-8")
    docs, skipped, _ = _docs(path)
    assert not skipped and len(docs) == 2
    full, short = docs
    assert full.title == "Fargʻonada paxta terimi boshlandi"
    assert full.url == "https://vodiy.example.uz/news/paxta"
    assert full.published == "2025-09-02" and full.source == "vodiy.example.uz"
    assert full.text.splitlines() == ["Fargʻona viloyatida paxta terimi rasman boshlandi.",
                                      "Fermerlar bu yil hosil yaxshi ekanini aytmoqda."]
    assert full.lang == "uz"
    assert full.origin == {"kind": "feed", "feed": name, "item": "vodiy-101",
                           "content": "full", "author": "Dilnoza Karimova"}
    assert short.text == "Toshkentda ob-havo salqinlashdi."
    assert short.origin is not None and short.origin["content"] == "summary"


def test_atom_entry_in_cyrillic(tmp_path: Path) -> None:
    path = tmp_path / "step.atom"
    path.write_text(ATOM, encoding="utf-8")
    [doc], skipped, _ = _docs(path)
    assert not skipped
    assert doc.title == "В Актау открыли новый терминал" and doc.script == "Cyrl"
    assert doc.published == "2024-03-05" and doc.source == "step.example.kz"
    assert doc.lang == "ru" and "KZ" in doc.countries
    assert doc.origin is not None and doc.origin["author"] == "Айгерим Сатпаева"


def test_rss1_rdf_item(tmp_path: Path) -> None:
    path = tmp_path / "caspian.rdf.xml"
    path.write_text(RSS1, encoding="utf-8")
    [doc], _, _ = _docs(path)
    assert doc.title == "Sturgeon numbers keep falling in the Caspian"
    assert doc.published == "2023-11-20" and doc.url == "https://caspian.example.com/sturgeon"


def test_a_feed_declared_in_the_wrong_encoding_reads_right(tmp_path: Path) -> None:
    path = tmp_path / "old.rss"
    path.write_bytes(MISDECLARED)
    [doc], _, _ = _docs(path)
    assert doc.title == "Сессия парламента завершилась"
    assert doc.text == "Депутаты приняли бюджет на следующий год."


@pytest.mark.parametrize(("content", "reason"), [
    ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
     "<url><loc>https://a.example/</loc></url></urlset>", "not an RSS or Atom feed"),
    ('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>broken',
     "malformed feed"),
    ('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
     "feed has no items"),
])
def test_what_is_not_a_usable_feed_is_named(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "thing.xml"
    path.write_text(content, encoding="utf-8")
    docs, skipped, _ = _docs(path)
    assert docs == [] and len(skipped) == 1 and reason in skipped[0].reason


# -- WARC -------------------------------------------------------------------------------

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Steppe Post</title>
<meta property="article:published_time" content="{date}T07:00:00+05:00">
<meta property="og:site_name" content="Steppe Post"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>{title}</h1><p>{body}</p><p>{body2}</p></article>
<footer>© Steppe Post</footer></body></html>"""


def _write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def response(writer: WARCWriter, uri: str, status: str, ctype: str, body: bytes,
                 date: str = "2026-01-05T10:00:00Z") -> None:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=http,
            warc_headers_dict={"WARC-Date": date}))

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        first = PAGE.format(title="Kazakhstan opens a new rail terminal at Khorgos",
                            date="2021-06-14",
                            body="The dry port on the border with China handled its first "
                                 "container train from Chongqing on Monday.",
                            body2="Officials in Astana expect traffic to double by 2025.")
        response(writer, "https://steppe.example.kz/khorgos", "200 OK",
                 "text/html; charset=utf-8", first.encode())
        second = PAGE.format(title="Uzbekistan and Turkey sign a textile agreement",
                             date="2022-03-01",
                             body="Ministers from Tashkent and Ankara signed the agreement on "
                                  "cotton processing in Samarkand.",
                             body2="The deal covers twelve new factories in the Fergana "
                                   "valley.")
        response(writer, "https://steppe.example.kz/textile", "200 OK", "text/html",
                 second.encode())
        response(writer, "https://steppe.example.kz/khorgos", "200 OK", "text/html",
                 first.encode(), date="2026-02-01T10:00:00Z")
        response(writer, "https://steppe.example.kz/missing", "404 Not Found", "text/html",
                 b"<html><body>Not found</body></html>")
        response(writer, "https://steppe.example.kz/report.pdf", "200 OK", "application/pdf",
                 b"%PDF-1.4 fake")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_revisit_record(
            "https://steppe.example.kz/textile", digest="sha1:AAAA",
            refers_to_uri="https://steppe.example.kz/textile",
            refers_to_date="2026-01-05T10:00:00Z", http_headers=http))


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_pages_become_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write_warc(path)
    docs, skipped, notes = _docs(path)
    assert not skipped
    assert [d.url for d in docs] == ["https://steppe.example.kz/khorgos",
                                     "https://steppe.example.kz/textile"]
    khorgos, textile = docs
    assert khorgos.title == "Kazakhstan opens a new rail terminal at Khorgos"
    # The page's own date, never the capture date (kept apart in the origin).
    assert khorgos.published == "2021-06-14"
    assert khorgos.origin is not None and khorgos.origin["kind"] == "warc"
    assert khorgos.origin["captured"] == "2026-01-05" and khorgos.origin["file"] == name
    assert khorgos.origin["record"].startswith("<urn:uuid:")
    assert "Home" not in khorgos.text and "container train" in khorgos.text
    assert "KZ" in khorgos.countries and {"UZ", "TR"} <= set(textile.countries)
    [note] = notes
    assert note.message == ("2 HTML page(s) indexed; passed over 1 non-HTML responses, "
                            "1 repeated captures of a URL, 1 responses with status 404, "
                            "1 revisit records")


def test_a_file_that_is_not_a_warc_is_named(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"this is not an archive at all\n" * 10)
    docs, skipped, _ = _docs(path)
    assert docs == [] and len(skipped) == 1 and "WARC" in skipped[0].reason


def test_reading_an_archive_reports_how_far_it_is(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A multi-gigabyte archive is one input: the progress bar moves inside it."""
    from qidir.search.ingest import warc
    from qidir.search.ingest.readers import read_documents

    monkeypatch.setattr(warc, "PROGRESS_EVERY", 1)
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path)
    seen: list[float] = []
    list(read_documents(tmp_path, path, on_progress=seen.append))
    assert len(seen) >= 5 and seen == sorted(seen) and 0 <= seen[0] < seen[-1] <= 1.0
