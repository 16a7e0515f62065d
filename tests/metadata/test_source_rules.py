"""Source rules learnt from real copied pages, pinned on invented lines of the same kinds.

Where a page names its own site — its header and footer, its copyright line, its calls to
action — against the other names and addresses a page carries (menus of sister sites,
products named after a kind of page, press releases quoting a company's address). The
development set in ``shared/realpages`` measures the whole; these pin each rule, with
near misses that must stay as they are.
"""

from __future__ import annotations

import pytest

from qidir.search.ingest.metadata.lines import Line, LineKind, split_lines
from qidir.search.ingest.metadata.sitename import find_brand


def _lines(spec: list[tuple[LineKind, str]]) -> list[Line]:
    lines = split_lines("\n".join(text for _, text in spec))
    for ln, (kind, _) in zip(lines, spec, strict=True):
        ln.kind = kind
    return lines


def _brand(spec: list[tuple[LineKind, str]]) -> str | None:
    brand = find_brand(_lines(spec))
    return brand.name if brand else None


H, T, F = LineKind.HEAD, LineKind.TITLE, LineKind.TAIL


@pytest.mark.parametrize(
    ("menu", "brand"),
    [
        # "Talk" only ever follows other names: a kind of page, not the site
        (["Market Talk", "Grain Talk", "Rail Talk", "Tech Talk", "Ledger", "Ledger Live",
          "Ledger Store"], "Ledger"),
        (["Hava Durumu", "Yol Durumu", "Puan Durumu", "Bozkır", "Bozkır Spor", "Bozkır TV"],
         "Bozkır"),
        # near miss: the word also stands alone, so it may be the site's name
        (["Talk", "Market Talk", "Grain Talk", "Tech Talk", "Ledger", "Ledger Live",
          "Ledger Store"], "Talk"),
        # near miss: after an article the name opens its part ("The Ledger")
        (["The Herald", "Morning Herald", "Evening Herald", "Weekly Herald", "Grain",
          "Grain Live", "Grain Store"], "Herald"),
        # near miss: a name always after the same word is one name ("Al Jazeera")
        (["Al Rayya", "Al Rayya Live", "Al Rayya Sport", "Al Rayya Store"], "Al Rayya"),
    ],
)
def test_a_word_that_only_follows_other_names_is_no_brand(menu: list[str], brand: str) -> None:
    assert _brand([(F, line) for line in menu]) == brand


_HEADLINE = "Grain trains to run daily across the steppe"
_PROMPT = "Günlük haberler için bozkırhaber uygulamasını indirin"
_GALLERY = [(F, "Galeri Haber"), (F, "Galeri Video"), (F, "Galeri Foto")]


@pytest.mark.parametrize(
    ("spec", "brand"),
    [
        # the app prompt printed in the header and again in the footer
        ([(H, "Spor"), (H, _PROMPT), (T, _HEADLINE), *_GALLERY, (F, _PROMPT)], "bozkırhaber"),
        # near miss: printed twice in the footer, it is one line
        ([(H, "Spor"), (T, _HEADLINE), *_GALLERY, (F, _PROMPT), (F, _PROMPT)], "Galeri"),
    ],
)
def test_a_call_to_action_in_header_and_footer_counts_in_both(
    spec: list[tuple[LineKind, str]], brand: str
) -> None:
    assert _brand(spec) == brand


@pytest.mark.parametrize(
    ("menu", "brand"),
    [
        # as often in the menu as in the copyright line: the copyright line's name
        (["Women", "Women on Boards", "Power Women", "Copyright © 2019 SteppeAM. Limited"],
         "SteppeAM"),
        # near miss: the menu's word written more often still wins
        (["Women", "Women on Boards", "Power Women", "Women in Rail",
          "Copyright © 2019 SteppeAM. Limited"], "Women"),
    ],
)
def test_a_tie_goes_to_the_name_a_copyright_line_states(menu: list[str], brand: str) -> None:
    assert _brand([(F, line) for line in menu]) == brand


@pytest.mark.parametrize(
    ("run", "generic"),
    [
        (("The", "Tuesday"), False),  # a paper's name: a date takes no article
        (("Le", "Mars"), False),
        (("Tuesday",), True),  # near misses: a weekday or month alone is a date's word
        (("Tuesday", "Bingo"), True),
        (("May", "Ledger"), True),
    ],
)
def test_a_weekday_or_month_after_an_article_is_a_name(
    run: tuple[str, ...], generic: bool
) -> None:
    from qidir.search.ingest.metadata.sitename import _is_generic

    assert _is_generic(run) is generic


def test_a_paper_named_like_a_weekday_is_its_brand() -> None:
    menu = ["Follow The Tuesday", "The Tuesday", "Sign Up To The Tuesday", "Ledger Bingo",
            "Ledger Savers", "Tuesday, 8 April 2024"]
    assert _brand([(H, line) for line in menu]) == "The Tuesday"


@pytest.mark.parametrize(
    ("menu", "domain"),
    [
        # a group's network menu: other sites' addresses a few lines apart
        (["Steppe Group", "Grainpost.com", "Rail Weekly", "Harrow Books", "Herder.com.kz",
          "Services"], None),
        # near miss: one bare address in the header is the page's own
        (["Grainpost.com", "Steppe Group", "Rail Weekly", "Harrow Books", "Services"],
         "grainpost.com"),
        # near miss: the same address twice is no list of other sites
        (["Grainpost.com", "Rail Weekly", "Grainpost.com"], "grainpost.com"),
    ],
)
def test_addresses_listed_together_are_sister_sites(menu: list[str], domain: str | None) -> None:
    from qidir.search.ingest.metadata.sitename import find_site_domain

    assert find_site_domain(_lines([(H, line) for line in menu])) == domain


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("«Сетевое издание «Steppe'sWeek.kz (СтеппсВик)»", []),  # a name, not "sweek.kz"
        ("Read Ledger’sDaily.com every morning", []),
        # near misses: an address after a quote mark or a possessive word stays one
        ("Visit 'steppeledger.kz' today", ["steppeledger.kz"]),
        ("The ministry's steppeledger.kz page", ["steppeledger.kz"]),
    ],
)
def test_no_address_starts_after_an_apostrophe_inside_a_word(
    line: str, found: list[str]
) -> None:
    from qidir.search.ingest.metadata.domains import domains_in

    assert domains_in(line) == found


@pytest.mark.parametrize(
    ("menu", "linked"),
    [
        # one more item of a menu: a link to a partner's site or a product
        (["CHAT", "TICKETS.COM", "MY BUSINESS", "PAYSTEPPE"], True),
        (["Sections", "Steppe.tv", "Video"], True),
        # near misses: by the copyright line, among counters, or standing first
        (["Follow us", "Steppeledger.kz", "© 1996-2024 Steppe Communications"], False),
        (["21", "steppeledger.kz", "7"], False),
        (["Steppeledger.kz", "Sections", "Video"], False),
        (["Sections", "Steppeledger.kz", "The grain trains will run every day from May."], False),
    ],
)
def test_a_bare_address_inside_a_menu_is_a_link(menu: list[str], linked: bool) -> None:
    from qidir.search.ingest.metadata.sitename import menu_links

    lines = _lines([(H, line) for line in menu])
    address = next(ln for ln in lines if "." in ln.text and " " not in ln.text)
    assert (address.index in menu_links(lines)) is linked


def test_a_menu_link_to_a_product_is_no_source() -> None:
    from qidir.search.ingest.metadata import extract_plain

    body = "\n\n".join(
        f"The steppe railway will carry {n} more wagons of grain a day from next spring,"
        " the ministry said on Tuesday after talks with the operators." for n in range(4)
    )
    menu = "PUBLICITY\nTICKETS.COM\nCHAT\nMY BUSINESS\nLEDGER PLAY\nCANAL LEDGER\nNEWS\n"
    page = f"{menu}Grain trains to run daily\nMaria Lima\nFrom LEDGER, in Almaty\n{body}\n"
    assert extract_plain(page).source == "LEDGER"


@pytest.mark.parametrize(
    ("lead", "counted"),
    [
        ("From Ledger, in Almaty", True),  # the byline names the reporter's outlet
        ("By Jane Roe, Ledger", True),
        # near miss: a sentence of the article mentions it in passing
        ("Officials told Ledger on Monday that the wagons would run again in May.", False),
    ],
)
def test_the_byline_names_the_outlet(lead: str, counted: bool) -> None:
    from qidir.search.ingest.metadata.sitename import name_counts

    body = "The steppe railway will carry more wagons of grain a day from next spring."
    lines = _lines([(T, _HEADLINE), (LineKind.BODY, lead), (LineKind.BODY, body)])
    assert (name_counts(lines).counts[("ledger",)] == 1) is counted


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("steppeworks GmbH", "steppeworks"),  # a footer's postal address opens with it
        ("Ledger Analytics Ltd.", "Ledger Analytics"),
        # near misses: a credit, a copyright line, a sentence, a bare legal form
        ("Designed by Ledger Ltd", None),
        ("© 2024 steppeworks GmbH", None),
        ("The steppeworks GmbH office opens in Almaty next spring", None),
        ("GmbH", None),
        ("Steppe Ledger", None),
    ],
)
def test_a_line_naming_a_company_alone(line: str, name: str | None) -> None:
    from qidir.search.ingest.metadata.sitename import company_line

    assert company_line(line) == name


def _page(head: str, lead: str, tail: str) -> str:
    body = "\n\n".join(
        f"The steppe railway will carry {n} more wagons of grain a day from next spring,"
        " the ministry said on Tuesday after talks with the operators." for n in range(4)
    )
    return f"{head}Grain trains to run daily\n{lead}{body}\n\nUnternehmen\nKontakt\n{tail}"


@pytest.mark.parametrize(
    ("head", "lead", "tail", "source"),
    [
        # the company a footer's address block opens with
        ("Home\n", "", "steppeworks GmbH\nRingstr. 12\n60314 Frankfurt\n", "steppeworks"),
        # a name the footer prints twice on a line of its own
        ("Home\n", "", "Steppe Focus\nAbout us\nEdition\nSteppe Focus\n", "Steppe Focus"),
        # a one-word byline spelt like a brand: the site posting as itself
        ("Home\n", "SteppeNews\nOctober 06, 2018\n", "", "SteppeNews"),
        # near misses: a person's byline, a dateline without an agency, a credit line
        ("Home\n", "Jane Roe\nOctober 06, 2018\n", "", None),
        ("Home\n", "", "Steppe Focus\nAbout us\n", None),  # once
        ("Home\n", "", "North Korea\nAbout us\nNorth Korea\n", None),  # a place
        ("Home\n", "", "Contact Us\nAbout us\nContact Us\n", None),  # menu words
        ("Home\n", "", "Popular Posts\nAbout us\nPopular Posts\n", None),  # a list heading
        ("Home\n", "", "Designed by Steppeworks Ltd\n", None),
        # near miss: a brand the furniture names wins over them all
        ("Steppe Ledger\nSteppe Ledger Live\nSteppe Ledger Store\n", "SteppeNews\n",
         "steppeworks GmbH\n", "Steppe Ledger"),
    ],
)
def test_last_resort_sources(head: str, lead: str, tail: str, source: str | None) -> None:
    from qidir.search.ingest.metadata import extract_plain

    assert extract_plain(_page(head, lead, tail)).source == source


_PROSE = " ".join(["the players said the racing game was far better than the last one"] * 3)


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("© 2024 Steppe Ledger. All rights reserved.", "Steppe Ledger"),
        # a long footer blurb closing with the copyright still states it
        (f"{_PROSE}. © 2000-2024 Steppe Ledger", "Steppe Ledger"),
        # near misses: the sign inside a long comment, and a mis-decoded "é"
        (f"{_PROSE} © Kevin Racing 2023 {_PROSE}", None),
        ("Durante 2021, en MÃ©xico se contabilizaron muchas defunciones", None),
    ],
)
def test_a_copyright_line_opens_or_closes_its_line(line: str, owner: str | None) -> None:
    from qidir.search.ingest.metadata.sitename import copyright_owner

    assert copyright_owner(line) == owner


def test_a_run_of_other_sites_links_is_a_list() -> None:
    from qidir.search.ingest.metadata.sitename import site_lists

    comments = []
    for n, site in enumerate(["grainpost.com", "railtalk.net", "herder.kz", "wagons.org"]):
        comments += [f"Reader {n} says", "Great post, thanks for sharing this.",
                     f"https://{site}/u/{n}", "Reply"]
    head = ["https://steppeledger.kz/about", _HEADLINE, _PROSE]
    lines = _lines([(H, head[0]), (T, head[1]), (LineKind.BODY, head[2])]
                   + [(LineKind.LIST, line) for line in comments])
    listed = site_lists(lines)
    assert {ln.index for ln in lines if "/u/" in ln.text} <= listed
    # near miss: the page's own address, written before them, is not in the list
    assert lines[0].index not in listed
    # near miss: three links are not yet a list
    lines = _lines([(LineKind.LIST, line) for line in comments[:12]])
    assert site_lists(lines) == set()


@pytest.mark.parametrize(
    ("lead", "count"),
    [
        ("By Jane Roe, Ledger", 1),  # the outlet after the writer
        ("By Ledger Roe", 0),  # near miss: a writer whose name holds the word
    ],
)
def test_a_bylines_writer_is_no_outlet(lead: str, count: int) -> None:
    from qidir.search.ingest.metadata.sitename import name_counts

    body = "The steppe railway will carry more wagons of grain a day from next spring."
    lines = _lines([(T, _HEADLINE), (LineKind.BODY, lead), (LineKind.BODY, body)])
    assert name_counts(lines).counts[("ledger",)] == count


@pytest.mark.parametrize(
    ("run", "generic"),
    [
        (("Images",), True),  # the photo credit's word, under every picture
        (("Image",), True),
        (("Steppe", "Images"), False),  # near miss: a name holding it is a name
    ],
)
def test_a_photo_credit_word_is_no_name(run: tuple[str, ...], generic: bool) -> None:
    from qidir.search.ingest.metadata.sitename import _is_generic

    assert _is_generic(run) is generic


_MENU = ["Columns", "Steppe.TV", "Video", "Steppe Live", "Steppe Store", "Jobs", "STEPPE.TV",
         "Events"]


@pytest.mark.parametrize(
    ("footer", "domain"),
    [
        # the footer's address right above the copyright line
        (["Follow Us", "Steppeledger.com", "© 1996-2024 Grain Communication", "Terms"],
         "steppeledger.com"),
        # near miss: set apart from it, the menu's product wins
        (["Follow Us", "Steppeledger.com", "Terms", "© 1996-2024 Grain Communication"],
         "steppe.tv"),
    ],
)
def test_an_address_by_the_copyright_line_is_the_sites(footer: list[str], domain: str) -> None:
    from qidir.search.ingest.metadata.sitename import find_site_domain

    lines = _lines([(H, line) for line in _MENU] + [(F, line) for line in footer])
    assert find_site_domain(lines) == domain


@pytest.mark.parametrize("line", ["More From The Web", "Search the web"])
def test_the_web_is_no_site_name(line: str) -> None:
    from qidir.search.ingest.metadata.sitename import name_counts

    lines = _lines([(F, line)])
    assert ("the", "web") not in name_counts(lines).counts
