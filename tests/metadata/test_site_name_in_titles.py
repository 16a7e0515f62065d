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
