"""Entry points: front matter, site names glued to headlines, HTML edge cases, bad input."""

from __future__ import annotations

import pytest

from qidir.search.ingest.metadata import Extracted, extract_html, extract_plain

BODY = (
    "The two governments signed a long-awaited agreement on rail freight on Tuesday, "
    "officials in both capitals said."
)


def test_front_matter_wins_over_extraction() -> None:
    raw = (
        '---\ntitle: "Kazakh grain reaches Iran by rail"\ndate: 2024-03-05T10:00:00Z\n'
        "source: steppe-herald.kz\nurl: https://steppe-herald.kz/a/1\ntags: [rail]\n---\n\n"
        "# A different heading in the body\n\n14 May 2020\n\n"
        "The first train with Kazakh wheat reached northern Iran after crossing "
        "Turkmenistan, the railway said on Tuesday.\n"
    )
    got = extract_plain(raw)
    assert got.title == "Kazakh grain reaches Iran by rail"
    assert (got.published, got.published_precision) == ("2024-03-05", "day")
    assert got.source == "steppe-herald.kz"
    assert got.url == "https://steppe-herald.kz/a/1"
    assert "tags" not in got.text
    assert set(got.countries) == {"IR", "KZ", "TM"}


def test_front_matter_with_an_unreadable_date_is_not_guessed() -> None:
    got = extract_plain(f"---\ndate: sometime in spring\n---\nRail deal signed\n\n{BODY}")
    assert got.published is None


@pytest.mark.parametrize(
    ("first_line", "title", "source"),
    [
        (
            "Rail deal signed with Georgia | Azernews.Az",
            "Rail deal signed with Georgia",
            "azernews.az",
        ),
        ("Rail deal signed with Georgia - kun.uz", "Rail deal signed with Georgia", "kun.uz"),
        (
            "Rail deal signed with Georgia - a first for the region",
            "Rail deal signed with Georgia - a first for the region",
            None,
        ),
    ],
)
def test_site_name_glued_to_the_headline(first_line: str, title: str, source: str) -> None:
    got = extract_plain(f"{first_line}\n\n{BODY}")
    assert (got.title, got.source) == (title, source)


def test_title_media_tags_are_dropped() -> None:
    got = extract_plain(f"Rail deal signed [PHOTOS/VIDEO]\n\n{BODY}")
    assert got.title == "Rail deal signed"


def test_url_gives_the_source() -> None:
    got = extract_plain(f"Rail deal signed\n\n{BODY}", url="https://www.Trend.az/news/1")
    assert (got.source, got.url) == ("trend.az", "https://www.Trend.az/news/1")


def test_empty_page() -> None:
    got = extract_plain("")
    assert got == Extracted(
        title=None,
        text="",
        published=None,
        published_precision=None,
        source=None,
        url=None,
        countries={},
        lang="und",
        script="Zyyy",
    )


@pytest.mark.parametrize("bad", [None, b"bytes", 3])
def test_bad_input_is_named(bad: object) -> None:
    with pytest.raises(TypeError, match="expects str"):
        extract_plain(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expects str"):
        extract_html(bad)  # type: ignore[arg-type]


def test_html_url_argument_beats_canonical() -> None:
    html = (
        "<html><head><title>Rail deal signed</title>"
        '<link rel="canonical" href="https://mirror.example.org/x"></head>'
        f"<body><article><h1>Rail deal signed</h1><p>{BODY}</p><p>{BODY}</p></article>"
        "</body></html>"
    )
    got = extract_html(html, url="https://news.example.kz/rail")
    assert got.source == "news.example.kz"
    assert got.title == "Rail deal signed"


def test_html_without_an_article() -> None:
    got = extract_html("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert got.text == ""
    assert got.countries == {}


def test_switchers_comments_updates_and_share_links() -> None:
    raw = (
        "EN | RU | UZ\nO'zbekcha Русский English\n\nKazakh wheat exports rise\n\n"
        "Updated: 12 May 2022 | Published: 10 May 2022\n\n"
        "Kazakhstan exported more wheat to Iran this year than ever before, traders said.\n\n"
        "Comments (3)\nGreat news for the farmers of Turkey!\n"
        "Follow us: t.me/examplenews facebook.com/examplenews\n"
    )
    got = extract_plain(raw)
    assert got.title == "Kazakh wheat exports rise"
    assert got.published == "2022-05-10"  # not the update
    assert got.source is None  # a social platform is not the outlet
    assert set(got.countries) == {"IR", "KZ"}  # the comment's Turkey does not count
    assert "Русский" not in got.text and "farmers" not in got.text


def test_social_addresses_do_not_hide_the_outlet() -> None:
    raw = f"Rail deal signed\n\n{BODY}\n\nFollow us: t.me/examplenews\n© 2024 example-news.kz\n"
    assert extract_plain(raw).source == "example-news.kz"


def test_html_trafilatura_cannot_read_falls_back_to_the_page_text() -> None:
    html = (
        "<html><body><table><tr><td><b>Kazakh wheat exports rise</b><br>Kazakhstan exported "
        "more wheat to Iran this year than ever before, traders said on Monday. Most of it "
        "travelled by rail.</td></tr></table></body></html>"
    )
    got = extract_html(html)
    assert "Kazakhstan exported more wheat" in got.text
    assert set(got.countries) == {"IR", "KZ"}


def test_html_sidebar_time_is_not_the_date_and_footer_names_the_outlet() -> None:
    html = (
        "<html><head><title>Kazakh rail link opens</title></head><body>"
        "<article><h1>Kazakh rail link opens</h1>"
        f"<p>The new rail link between Kazakhstan and China opened on Friday. {BODY}</p>"
        f"<p>{BODY}</p></article>"
        '<aside><h3>Related</h3><ul><li><time datetime="2020-01-01">1 January 2020</time>'
        " <a href=/x>Old story about Mongolia</a></li></ul></aside>"
        "<footer>© 2024 steppe-herald.kz</footer></body></html>"
    )
    got = extract_html(html)
    assert got.published is None
    assert got.source == "steppe-herald.kz"
    assert "MN" not in got.countries


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # A headline in capitals is not a logo.
        (
            "KAZAKHSTAN AND TURKEY SIGN DEFENCE PACT\n\nThe two sides agreed on joint drills\n\n"
            + BODY,
            "KAZAKHSTAN AND TURKEY SIGN DEFENCE PACT",
        ),
        # A short logo in capitals is.
        (
            "STEPPE HERALD\n\nKazakhstan and Turkey sign defence pact\n\n" + BODY,
            "Kazakhstan and Turkey sign defence pact",
        ),
        # A category label and a date widget above the headline.
        (
            "WORLD\n\nMonday, 3 March 2025\n\nKazakhstan and Turkey sign defence pact\n\n" + BODY,
            "Kazakhstan and Turkey sign defence pact",
        ),
        # A breadcrumb.
        (
            "Home › World › Asia\n\nKazakhstan and Turkey sign defence pact\n\n" + BODY,
            "Kazakhstan and Turkey sign defence pact",
        ),
        # No headline line at all.
        (BODY + "\n\n" + BODY, None),
    ],
)
def test_titles(raw: str, title: str | None) -> None:
    assert extract_plain(raw).title == title


def test_follow_us_handle_is_the_last_resort_for_the_source() -> None:
    got = extract_plain(f"Rail deal signed\n\n{BODY}\n\nFollow us on Twitter @SilkRoadNews\n")
    assert got.source == "SilkRoadNews"
    assert "SilkRoadNews" not in got.text


def test_html_title_with_the_site_name_first() -> None:
    html = (
        "<html><head><title>Caucasus Herald | Armenia and Georgia extend rail deal</title>"
        '<meta property="og:site_name" content="Caucasus Herald"></head><body>'
        f"<div><p>{BODY}</p><p>{BODY}</p></div></body></html>"
    )
    got = extract_html(html)
    assert got.title == "Armenia and Georgia extend rail deal"
    assert got.source == "Caucasus Herald"


@pytest.mark.parametrize("line", [
    "© Caspian Ledger 2025. All rights reserved.",
    "© Caspian Ledger, 2014–2025",
    "Copyright 2019-2025 Caspian Ledger",
])
def test_copyright_years_are_not_part_of_the_outlet(line: str) -> None:
    assert extract_plain(f"Rail deal signed\n\n{BODY}\n\n{line}\n").source == "Caspian Ledger"


def test_a_bare_copyright_year_is_no_outlet() -> None:
    got = extract_plain(f"Rail deal signed\n\n{BODY}\n\nTüm hakları saklıdır. © 2023\n")
    assert got.source is None
