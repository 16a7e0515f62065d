"""The pages in every interface language, in a real browser (chromium) against `qidir serve`.

For each language: the search and the document page show its labels, a country's name and a
date as that language writes them, the plural form its grammar asks for, `<html lang>`, and
a switcher whose plain links lead to the same page in another language; axe-core finds no
serious violation in any of them. The expected names, dates and plural forms are computed
with Babel from the same CLDR data and catalogs, and the labels are written out here.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import Translations
from playwright.sync_api import Browser, BrowserContext, Page, expect
from web_support import run_axe

from qidir.search.labels import country_name

pytestmark = pytest.mark.timeout(180)

CATALOGS = Path(__file__).resolve().parents[2] / "web" / "translations"

#: ui code → (Babel locale, <html lang>, the search button, the date fieldset's legend).
LANGUAGES = {
    "en": ("en", "en", "Search", "Published"),
    "ru": ("ru", "ru", "Найти", "Опубликовано"),
    "uz": ("uz", "uz-Latn", "Qidirish", "Eʼlon qilingan"),
    "uz-Cyrl": ("uz_Cyrl", "uz-Cyrl", "Қидириш", "Эълон қилинган"),
    "kk": ("kk", "kk", "Іздеу", "Жарияланған"),
}


@pytest.fixture
def page(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    # The CSP (rightly) blocks the injected axe script; the check bypasses it.
    context: BrowserContext = browser.new_context(**browser_context_args, bypass_csp=True)
    tab = context.new_page()
    yield tab
    context.close()


def summary(locale: str, total: int, shown: int) -> str:
    """The results heading as the catalog's plural rule says it (first page)."""
    t = Translations.load(str(CATALOGS), [locale])
    num = format_decimal(total, locale=locale)
    if total > shown:
        text = t.ngettext("%(first)s–%(last)s of %(num)s result",
                          "%(first)s–%(last)s of %(num)s results", total)
        return text % {"first": "1", "last": str(shown), "num": num}
    return t.ngettext("%(num)s result", "%(num)s results", total) % {"num": num}


def day(value: str, locale: str) -> str:
    return format_date(datetime.date.fromisoformat(value), "long", locale=locale)


def no_serious_violation(page: Page) -> None:
    serious = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
    assert not serious, json.dumps(serious, indent=1)


@pytest.mark.parametrize("ui", list(LANGUAGES))
def test_search_page_in_each_language(server: str, page: Page, ui: str) -> None:
    locale, tag, button, legend = LANGUAGES[ui]
    api = json.loads(page.request.get(f"{server}/api/search?q=Tashkent&ui={ui}").text())
    page.goto(f"{server}/search?q=Tashkent&ui={ui}")
    assert page.locator("html").get_attribute("lang") == tag
    expect(page.locator(".searchbox button")).to_have_text(button)
    expect(page.locator("fieldset.dates legend")).to_have_text(legend)
    # A country's name from CLDR, the same the API gives for this language.
    uz = page.locator('#facet-country input[value="UZ"]')
    label = page.locator(f'label[for="{uz.get_attribute("id")}"] .label')
    expect(label).to_have_text(country_name("UZ", locale))
    assert {r["value"]: r["label"] for r in api["facets"]["country"]}["UZ"] == \
        country_name("UZ", locale)
    # The plural form of the result count.
    heading = page.locator("#results-title").inner_text()
    assert heading.startswith(summary(locale, api["total"], len(api["hits"]))), heading
    # A date as the language writes it, with the ISO date kept for machines.
    dated = next(h for h in api["hits"] if h["published"])
    first_time = page.locator(".hit time").first
    expect(first_time).to_have_attribute("datetime", dated["published"])
    expect(first_time).to_have_text(day(dated["published"], locale))
    no_serious_violation(page)

    # A link (the next page) opens in the same language.
    page.get_by_role("link", name=re.compile(r"›")).click()
    assert parse_qs(urlsplit(page.url).query).get("page") == ["2"]
    assert page.locator("html").get_attribute("lang") == tag

    # The switcher: plain links to this page in every other language, Uzbek's scripts together.
    switcher = page.locator(".ui-switcher")
    expect(switcher.locator("a[aria-current=true]")).to_have_attribute("data-ui", ui)
    expect(switcher.locator("li").filter(has=page.locator('a[data-ui="uz"]'))
           .locator('a[data-ui="uz-Cyrl"]')).to_have_count(1)
    other = "ru" if ui != "ru" else "kk"
    switcher.locator(f'a[data-ui="{other}"]').click()
    assert page.locator("html").get_attribute("lang") == LANGUAGES[other][1]
    params = parse_qs(urlsplit(page.url).query)
    assert params["q"] == ["Tashkent"] and params["page"] == ["2"] and params["ui"] == [other]
    expect(page.locator(".searchbox button")).to_have_text(LANGUAGES[other][2])


@pytest.mark.parametrize("ui", list(LANGUAGES))
def test_document_page_in_each_language(server: str, page: Page, ui: str) -> None:
    locale, tag, button, legend = LANGUAGES[ui]
    page.goto(f"{server}/doc/web-test-uz-latin?q=metro&ui={ui}")
    assert page.locator("html").get_attribute("lang") == tag
    # The document's own text keeps its language; the page around it speaks the reader's.
    expect(page.locator("#doc-title")).to_have_attribute("lang", "uz")
    expect(page.locator(".doc-meta dt").first).to_have_text(legend)
    expect(page.locator(".doc-meta time")).to_have_text(day("2023-02-14", locale))
    expect(page.locator("a.badge.country")).to_have_text(country_name("UZ", locale))
    no_serious_violation(page)
    # Its facet links keep the language: the country link lists that country's documents.
    page.locator("a.badge.country").click()
    assert parse_qs(urlsplit(page.url).query) == {"country": ["UZ"], "ui": [ui]}
    assert page.locator("html").get_attribute("lang") == tag
    expect(page.locator(".searchbox button")).to_have_text(button)


def test_the_browsers_language_is_the_default(server: str, browser: Browser,
                                              browser_context_args: dict) -> None:
    context = browser.new_context(**{**browser_context_args, "locale": "uz-Cyrl-UZ"})
    try:
        tab = context.new_page()
        tab.goto(f"{server}/search?q=Tashkent")
        assert tab.locator("html").get_attribute("lang") == "uz-Cyrl"
        expect(tab.locator(".searchbox button")).to_have_text("Қидириш")
        assert "ui=" not in tab.url
    finally:
        context.close()
