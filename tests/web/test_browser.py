"""The pages in a real browser (Debian's chromium via Playwright) against `qidir serve`.

Each flow runs twice: with JavaScript on (app.js submits the filter form on a tick) and off
(the reader presses "Apply filters"); both must reach the same URLs and results. One server
per module keeps the run short.
"""

from __future__ import annotations

import json
import re
import weakref
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from web_support import ARTIFACTS, HOSTILE_TITLE, run_axe

pytestmark = pytest.mark.timeout(120)


def params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def total(page: Page) -> int:
    """The result count the page states ("1–10 of 42 results", "3 results", "No results")."""
    text = page.locator("#results-title").inner_text()
    if text.startswith("No results"):
        return 0
    m = re.search(r"([\d,]+) results?", text)
    assert m, text
    return int(m.group(1).replace(",", ""))


def facet_count(page: Page, facet: str, value: str) -> int:
    box = page.locator(f'#facet-{facet} input[value="{value}"]')
    label = page.locator(f'label[for="{box.get_attribute("id")}"] .count')
    return int(label.evaluate("e => e.firstChild.textContent"))


#: Whether each open browser context runs scripts (the flows differ only in how they submit).
_JS: weakref.WeakKeyDictionary[BrowserContext, bool] = weakref.WeakKeyDictionary()


@pytest.fixture(params=[True, False], ids=["js", "nojs"])
def ctx(request: pytest.FixtureRequest, browser: Browser,
        browser_context_args: dict) -> Iterator[BrowserContext]:
    context = browser.new_context(**browser_context_args, java_script_enabled=request.param)
    _JS[context] = request.param
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def tab(ctx: BrowserContext) -> Iterator[Page]:
    page = ctx.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # A page may be a 404 or 400 on purpose; its stylesheet, script and icon never may.
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type != "document" else None)
    page.on("console", lambda m: errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    yield page
    assert not dialogs, f"a dialog opened: {dialogs}"
    assert not errors, f"errors in the page: {errors}"


def js_on(page: Page) -> bool:
    return _JS.get(page.context, True)


def apply_filters(page: Page) -> None:
    """With JS a tick or a sort change submits by itself; without, press the button."""
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()


def tick(page: Page, facet: str, value: str) -> None:
    box = page.locator(f'#facet-{facet} input[value="{value}"]')
    if js_on(page):
        with page.expect_navigation():
            box.click()
    else:
        box.click()
        apply_filters(page)


def test_search_facets_dates_sort_pages_and_back(server: str, tab: Page) -> None:
    page = tab
    page.goto(server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    everything = total(page)
    box = page.get_by_label("Search query", exact=True)
    box.fill("port")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=port$"))
    expect(page.get_by_label("Search query", exact=True)).to_have_value("port")
    found = total(page)
    assert 0 < found < everything
    assert page.locator(".hit .snippet mark").count() > 0

    # Tick a country: results and the other facets' counts change, its own stay honest.
    values = page.locator("#facet-country input").evaluate_all("els => els.map(e => e.value)")
    country = next(v for v in values if facet_count(page, "country", v) < found)
    before = facet_count(page, "country", country)
    lang_before = {v: facet_count(page, "lang", v) for v in
                   page.locator("#facet-lang input").evaluate_all("els => els.map(e => e.value)")}
    tick(page, "country", country)
    assert params(page)["country"] == [country] and params(page)["q"] == ["port"]
    expect(page.locator(f'#facet-country input[value="{country}"]')).to_be_checked()
    assert total(page) == before < found
    assert facet_count(page, "country", country) == before
    lang_after = {v: facet_count(page, "lang", v) for v in
                  page.locator("#facet-lang input").evaluate_all("els => els.map(e => e.value)")}
    # Each document has one language: the language counts now add up to the country's.
    assert sum(lang_after.values()) == before and sum(lang_before.values()) == found
    assert page.locator("#facet-country li").first.locator("input").get_attribute(
        "value") == country, "the selected value is listed first"

    # Back shows the page as it was (the box unticked), forward as it is now.
    page.go_back()
    page.wait_for_load_state()
    assert "country" not in params(page)
    expect(page.locator(f'#facet-country input[value="{country}"]')).not_to_be_checked()
    assert total(page) == found
    page.go_forward()
    page.wait_for_load_state()
    expect(page.locator(f'#facet-country input[value="{country}"]')).to_be_checked()

    # Untick it: back to where we were.
    tick(page, "country", country)
    assert "country" not in params(page)
    assert total(page) == found

    # A date range, applied with the button (dates never submit by themselves).
    page.goto(server + "/")
    page.get_by_label("From", exact=True).fill("2019-01-01")
    page.get_by_label("To", exact=True).fill("2022-12-31")
    page.get_by_role("button", name="Apply dates and sort").click()
    page.wait_for_load_state()
    assert params(page)["from"] == ["2019-01-01"] and params(page)["to"] == ["2022-12-31"]
    dates = page.locator(".hit time").evaluate_all("els => els.map(e => e.dateTime)")
    assert dates and all("2019-01-01" <= d <= "2022-12-31" for d in dates)
    dated = total(page)
    assert 10 < dated < everything

    # Sort oldest first.
    select = page.get_by_label("Sort by", exact=True)
    if js_on(page):
        with page.expect_navigation():
            select.select_option("oldest")
    else:
        select.select_option("oldest")
        apply_filters(page)
    assert params(page)["sort"] == ["oldest"]
    dates = page.locator(".hit time").evaluate_all("els => els.map(e => e.dateTime)")
    assert dates == sorted(dates)
    if js_on(page):
        assert "q" not in params(page), "app.js leaves empty fields out of the URL"

    # Page 2, then back.
    first_page_url = page.url
    first_titles = page.locator(".hit h3").all_inner_texts()
    page.get_by_role("navigation", name="Result pages").get_by_role("link", name="Next").click()
    page.wait_for_load_state()
    assert params(page)["page"] == ["2"] and params(page)["sort"] == ["oldest"]
    assert page.locator("#results-title").inner_text().startswith("11–")
    assert page.locator(".hit h3").all_inner_texts() != first_titles
    expect(page.locator('nav.pager a[aria-current="page"]')).to_have_text("2")
    page.go_back()
    page.wait_for_load_state()
    assert page.url == first_page_url
    assert page.locator(".hit h3").all_inner_texts() == first_titles
    expect(page.get_by_label("Sort by", exact=True)).to_have_value("oldest")
    expect(page.get_by_label("From", exact=True)).to_have_value("2019-01-01")


def test_document_country_link_and_suggestion(server: str, tab: Page) -> None:
    page = tab
    page.goto(server + "/search?q=Tashkent")
    hit = page.locator(".hit h3 a").first
    title = hit.inner_text()
    hit.click()
    page.wait_for_url(re.compile(r"/doc/[^?]+\?q=Tashkent$"))
    expect(page.locator("h1")).to_have_text(title)
    assert page.locator(".text mark").count() > 0
    expect(page.get_by_role("heading", name="Related coverage")).to_be_visible()

    link = page.locator(".doc-meta a.country").first
    name = link.inner_text()
    code = link.get_attribute("href").rsplit("=", 1)[1]
    link.click()
    page.wait_for_url(re.compile(rf"/search\?country={code}$"))
    expect(page.locator(f'#facet-country input[value="{code}"]')).to_be_checked()
    expect(page.locator(".active-filters")).to_contain_text(name)
    assert total(page) > 0

    page.goto(server + "/search?q=Tashknet")
    suggestion = page.locator("a.suggestion-link")
    expect(suggestion).to_have_count(1)
    corrected = suggestion.inner_text()
    suggestion.click()
    page.wait_for_url(re.compile(r"q=" + re.escape(corrected)))
    expect(page.get_by_label("Search query", exact=True)).to_have_value(corrected)
    assert total(page) > 0


def test_relaxed_search_says_what_was_left_out_and_lets_the_reader_insist(
        server: str, tab: Page) -> None:
    page = tab
    page.goto(server + "/search?q=Tashkent+qwxzvbnm")
    note = page.locator(".relaxed")
    expect(note).to_contain_text("No article has all your words; showing those with most "
                                 "of them: missing qwxzvbnm")
    assert total(page) > 0
    expect(page.locator(".hit .missing").first).to_have_text("Missing: qwxzvbnm")
    note.locator("a.insist-link").click()
    page.wait_for_url(re.compile(r"q=Tashkent\+%2Bqwxzvbnm"))
    expect(page.get_by_label("Search query", exact=True)).to_have_value("Tashkent +qwxzvbnm")
    expect(page.locator(".relaxed")).to_have_count(0)
    assert total(page) == 0


def test_hostile_document_runs_no_script(server: str, tab: Page) -> None:
    page = tab
    page.goto(server + "/search?q=budget+leak")
    expect(page.locator(".hit h3").first).to_have_text(HOSTILE_TITLE)
    page.locator(".hit h3 a").first.click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(HOSTILE_TITLE)
    expect(page.locator(".text")).to_contain_text("<img src=x onerror=")
    assert page.locator(".text img, .text script, .text b").count() == 0
    if js_on(page):
        assert page.evaluate("typeof window.__pwned") == "undefined"
    # The javascript: URL of the record is shown as text, never as a link.
    assert page.locator("a[href^='javascript']").count() == 0


def test_help_examples_run(server: str, tab: Page) -> None:
    page = tab
    page.goto(server + "/help")
    page.get_by_role("link", name="Oʻzbekiston").click()
    page.wait_for_load_state()
    expect(page.get_by_label("Search query", exact=True)).to_have_value("Oʻzbekiston")
    assert total(page) > 0


def test_error_pages_keep_the_layout(server: str, tab: Page) -> None:
    page = tab
    resp = page.goto(server + "/search?page=0")
    assert resp is not None and resp.status == 400
    expect(page.get_by_role("alert")).to_contain_text("page")
    page.get_by_role("link", name="Back to search").click()
    page.wait_for_load_state()
    assert total(page) > 0
    resp = page.goto(server + "/doc/nothing-here")
    assert resp is not None and resp.status == 404
    expect(page.get_by_role("search")).to_be_visible()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900},
                                      {"width": 390, "height": 844}], ids=["desktop", "phone"])
def test_a_timeline_bar_narrows_the_search_to_its_period(server: str, tab: Page,
                                                         viewport: dict) -> None:
    page = tab
    page.set_viewport_size(viewport)
    page.goto(server + "/search?q=port")
    found = total(page)
    chart = page.locator("svg.timeline-chart")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] <= viewport["width"] and box["height"] > 40
    bars = chart.locator("a.bar")
    names = bars.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    counts = [int(re.search(r": (\d+) results?$", n).group(1)) for n in names]
    assert 0 < sum(counts) <= found
    busiest = counts.index(max(counts))
    bar = bars.nth(busiest)
    with page.expect_navigation():
        bar.click()
    narrowed = params(page)
    assert narrowed["q"] == ["port"] and "from" in narrowed and "to" in narrowed
    assert total(page) == counts[busiest]
    dates = page.locator(".hit time").evaluate_all("els => els.map(e => e.dateTime)")
    assert dates and all(narrowed["from"][0] <= d <= narrowed["to"][0] for d in dates)
    # The date fields show the range, and the chart still shows every period.
    expect(page.get_by_label("From", exact=True)).to_have_value(narrowed["from"][0])
    assert page.locator("svg.timeline-chart a.bar").count() == len(counts)
    expect(page.locator("svg.timeline-chart a.bar.selected")).to_have_count(1)


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900},
                                      {"width": 390, "height": 844}], ids=["desktop", "phone"])
def test_the_people_filter_narrows_to_one_person_in_every_script(server: str, tab: Page,
                                                                 viewport: dict) -> None:
    page = tab
    page.set_viewport_size(viewport)
    page.goto(server + "/")
    if not page.locator(".filter-panel").evaluate("d => d.open"):
        page.locator("#filters-title").click()  # a phone folds the panel (app.js)
    group = page.locator("#facet-person")
    expect(group.locator("legend")).to_have_text("Person")
    label = group.locator("label", has_text="Kassym-Jomart Tokayev")
    expect(label).to_be_visible()
    count = facet_count(page, "person", "tokaev-k")
    tick(page, "person", "tokaev-k")
    assert params(page)["person"] == ["tokaev-k"]
    assert total(page) == count
    expect(page.locator(".active-filters")).to_contain_text("Person: Kassym-Jomart Tokayev")
    # The hits are in several languages and scripts: one person, every spelling.
    langs = set(page.locator(".hit .badge.lang").all_inner_texts())
    assert {"English", "Russian", "Uzbek"} <= langs
    # The timeline follows the person filter.
    names = page.locator("svg.timeline-chart a.bar").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))")
    undated = page.locator(".timeline-desc .undated")
    hidden = int(re.search(r"[\d,]+", undated.inner_text()).group().replace(",", "")) \
        if undated.count() else 0
    assert sum(int(re.search(r": (\d+) results?$", n).group(1)) for n in names) + hidden \
        == count


def test_timeline_bars_take_keyboard_focus(server: str, tab: Page) -> None:
    page = tab
    page.goto(server + "/search?q=port")
    first = page.locator("svg.timeline-chart a.bar").first
    first.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == \
        first.get_attribute("aria-label")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "from" in params(page) and "to" in params(page)


# -- keyboard, accessibility, screenshots (JavaScript on) ------------------------------------

@pytest.fixture
def js_page(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    yield page
    context.close()


def test_keyboard_only(server: str, js_page: Page) -> None:
    page = js_page
    page.goto(server + "/search?q=port")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # "/" jumps to the search box from anywhere but a field.
    page.locator("body").click(position={"x": 5, "y": 600})
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type(" OR metro")
    box_value = page.get_by_label("Search query", exact=True).input_value()
    assert box_value == " OR metro", "the old query was selected, so typing replaced it"
    # A checkbox can be ticked with the space bar, which applies it.
    box = page.locator("#facet-lang input").first
    box.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert "lang" in params(page)


@pytest.mark.parametrize("path, viewports", [
    ("/search?q=Tashkent&country=UZ", ({"width": 1280, "height": 900},
                                       {"width": 390, "height": 844})),
    ("/search?q=port", ({"width": 1280, "height": 900}, {"width": 390, "height": 844})),
    ("/doc/web-test-uz-latin?q=metro", ({"width": 1280, "height": 900},)),
    ("/search?q=Tashkent+qwxzvbnm", ({"width": 1280, "height": 900},
                                     {"width": 390, "height": 844})),
], ids=["search", "timeline", "document", "relaxed"])
def test_axe_finds_no_serious_violation(server: str, browser: Browser, path: str,
                                        viewports: tuple[dict, ...],
                                        browser_context_args: dict) -> None:
    # The CSP (rightly) blocks the injected axe script; the check bypasses it.
    context = browser.new_context(**browser_context_args, bypass_csp=True)
    try:
        page = context.new_page()
        for viewport in viewports:
            page.set_viewport_size(viewport)
            page.goto(server + path)
            violations = run_axe(page)
            serious = [v for v in violations if v["impact"] in ("serious", "critical")]
            assert not serious, json.dumps(serious, indent=1)
    finally:
        context.close()


SHOTS = [
    ("search-desktop", "/search?q=Tashkent", {"width": 1280, "height": 900}),
    ("search-phone", "/search?q=Tashkent", {"width": 390, "height": 844}),
    ("timeline-desktop", "/search?q=cooperation", {"width": 1280, "height": 900}),
    ("document-desktop", "/doc/web-test-uz-latin?q=metro", {"width": 1280, "height": 900}),
    ("document-phone", "/doc/web-test-uz-latin?q=metro", {"width": 390, "height": 844}),
    ("empty-desktop", "/search?q=qwxzvbnm&country=UZ", {"width": 1280, "height": 900}),
    ("relaxed-desktop", "/search?q=Tashkent+qwxzvbnm", {"width": 1280, "height": 900}),
    ("relaxed-phone", "/search?q=Tashkent+qwxzvbnm", {"width": 390, "height": 844}),
]


def test_screenshots(server: str, js_page: Page) -> None:
    """Desktop and phone screenshots for a person to look at; nothing may stick out sideways."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = js_page
    for name, path, viewport in SHOTS:
        page.set_viewport_size(viewport)
        page.goto(server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{name}: page is {width}px wide"
        target = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(target))
        assert target.stat().st_size > 5_000
