"""The site's name cut from a <title>-style headline wherever the site put it.

Invented examples of the shapes real pages use: "Headline - Site - Tagline",
"Headline » Section » Site Region", "Tagline: Headline" after "Site | Tagline", and what
must stay (a headline whose own words start with the site's name, a dash inside it).
"""

from __future__ import annotations

import pytest

from qidir.search.ingest.metadata.title import strip_site_name


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        ("Harbour bridge reopens after repairs - Coastline 24 - News of the bay",
         ["Coastline 24 - News of the bay", "coastline24.example"],
         "Harbour bridge reopens after repairs"),
        ("Council approves new budget » Local » News » Daily Courier Riverside",
         ["DCriverside", "dailycourier.example"],
         "Council approves new budget"),
        ("The valley's own voice: Farmers protest over water rights",
         ["ValleyVoice | The valley's own voice", "valleyvoice.example"],
         "Farmers protest over water rights"),
        ("Steppe Ledger | Grain exports rise again", ["Steppe Ledger"], "Grain exports rise again"),
        # The site's name as the start of a longer phrase is the headline's own words.
        ("Go green - Ledgerco at the Expo 2018", ["Ledgerco", "ledgerco.example"],
         "Go green - Ledgerco at the Expo 2018"),
        # A dash inside the headline, no site name: unchanged.
        ("Elections - what changes in May", ["Steppe Ledger", "steppeledger.example"],
         "Elections - what changes in May"),
        ("Grain exports rise again", [], "Grain exports rise again"),
    ],
)
def test_site_name_is_cut_from_the_title(title: str, names: list[str], expected: str) -> None:
    assert strip_site_name(title, names) == expected


def _links(*hrefs: str) -> str:
    return "<html><body>" + "".join(f'<a href="{h}">x</a>' for h in hrefs) + "</body></html>"


def test_a_page_without_address_or_name_is_the_site_its_links_point_to() -> None:
    from qidir.search.ingest.metadata.htmlpage import most_linked_domain

    own = [f"https://world.steppeledger.kz/{i}.html" for i in range(4)]
    own += ["https://www.steppeledger.kz/", "//sport.steppeledger.kz/a"]
    social = ["https://www.facebook.com/steppeledger"] * 10
    page = _links(*own, *social, "https://ads.other.example.com/x")
    assert most_linked_domain(page) == "steppeledger.kz"
    # A saved copy's links point into the archive: they count for the site saved.
    archived = [f"https://web.archive.org/web/2019/https://kunlik.uz/{i}" for i in range(6)]
    assert most_linked_domain(_links(*archived)) == "kunlik.uz"
    # Too few links, or no domain clearly ahead: no answer rather than a guess.
    assert most_linked_domain(_links("https://a.example.com/", "https://b.example.org/")) is None
    assert most_linked_domain(_links("/relative/only", "#top")) is None


def test_a_site_heading_taken_for_the_headline_gives_way_to_the_title_element() -> None:
    from qidir.search.ingest.metadata.htmlpage import extract_html

    article = " ".join(["The regional council approved the new water plan on Monday."] * 12)
    html = (
        "<html><head><title>Water plan approved for the valley - Valley Courier</title></head>"
        '<body><div id="header"><h1 id="site-title">Valley Courier</h1></div>'
        f"<div id='content'><p>{article}</p><p>{article}</p></div></body></html>"
    )
    assert extract_html(html).title == "Water plan approved for the valley"
