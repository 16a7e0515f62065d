"""The HTML pages through Flask's test client: structure, escaping, facets, paging, errors.

Fast and browser-free; the browser tests (test_browser.py) drive the same pages in chromium.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from flask.testing import FlaskClient

STATIC = Path(__file__).resolve().parents[2] / "web" / "static"


def page(client: FlaskClient, url: str, status: int = 200) -> lxml.html.HtmlElement:
    resp = client.get(url)
    assert resp.status_code == status, (url, resp.status_code)
    assert resp.mimetype == "text/html"
    body = resp.get_data(as_text=True)
    assert "Traceback" not in body
    return lxml.html.document_fromstring(body)


def api(client: FlaskClient, url: str) -> dict:
    resp = client.get(url)
    assert resp.status_code == 200
    return resp.get_json()


def query_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def assert_accessible_structure(doc: lxml.html.HtmlElement) -> None:
    """What every page needs: language, skip link, landmarks, labelled controls,
    headings in order, and nothing inline that the CSP would have to allow."""
    assert doc.get("lang") == "en"
    skip = doc.cssselect("a.skip")[0]
    assert skip.get("href") == "#main" and doc.cssselect("main#main")
    assert doc.cssselect("header") and doc.cssselect("footer")
    assert doc.cssselect("form[role=search] input#q")
    for control in doc.cssselect("input, select, textarea"):
        if control.get("type") == "hidden":
            continue
        cid = control.get("id")
        assert cid, lxml.html.tostring(control)
        assert doc.cssselect(f'label[for="{cid}"]'), f"control #{cid} has no label"
    levels = [int(h.tag[1]) for h in doc.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}"
    for script in doc.iter("script"):
        assert script.get("src"), "inline <script> would need 'unsafe-inline'"
    assert not list(doc.iter("style"))
    assert not doc.xpath("//*[@style]"), "style= attributes would need 'unsafe-inline'"
    assert not doc.xpath("//@*[starts-with(name(), 'on')]"), "inline event handlers"


def test_search_page_structure(app_client: FlaskClient) -> None:
    doc = page(app_client, "/search?q=port")
    assert_accessible_structure(doc)
    assert doc.cssselect("input#q")[0].get("value") == "port"
    assert "port" in doc.findtext(".//title")
    atom = doc.cssselect('head link[rel=alternate][type="application/atom+xml"]')[0]
    assert atom.get("href").startswith("/search.atom?") and query_of(atom.get("href"))["q"] == [
        "port"]
    csv = [a.get("href") for a in doc.cssselect(".exports a")]
    assert any(h.startswith("/api/search.csv?") and query_of(h)["q"] == ["port"] for h in csv)
    summary = doc.cssselect("#results-title")[0].text_content()
    total = api(app_client, "/api/search?q=port")["total"]
    assert f"{total} result" in summary and "ms" in summary


def test_front_page_lists_everything_newest_first(app_client: FlaskClient) -> None:
    doc = page(app_client, "/")
    dates = [t.get("datetime") for t in doc.cssselect(".hit time")]
    assert dates and dates == sorted(dates, reverse=True)
    assert len(doc.cssselect(".hit")) == 10


def test_hits_link_to_documents_with_lang_attributes(app_client: FlaskClient) -> None:
    data = api(app_client, "/api/search?q=Tashkent&per_page=10")
    doc = page(app_client, "/search?q=Tashkent")
    hits = doc.cssselect("li.hit")
    assert len(hits) == len(data["hits"]) > 0
    langs = set()
    for li, hit in zip(hits, data["hits"], strict=True):
        title = li.cssselect("h3")[0]
        link = title.cssselect("a")[0]
        assert link.get("href") == f"/doc/{hit['id']}?q=Tashkent"
        want = "" if hit["lang"] == "und" else hit["lang"]
        if hit["lang"] == "uz" and hit["script"] == "Cyrl":
            want = "uz-Cyrl"  # BCP 47: Uzbek is Latin unless the tag says otherwise
        assert title.get("lang") == want and title.get("dir") == "ltr"
        assert li.cssselect(".snippet")[0].get("lang") == want
        langs.add(hit["lang"])
        if hit["url"] and hit["url"].startswith("http"):
            assert li.cssselect("a.original")[0].get("href") == hit["url"]
    assert doc.cssselect(".snippet mark"), "the query's words are highlighted"
    assert len(langs) > 1, "Tashkent is found in more than one language"
    assert any(li.cssselect("h3")[0].get("lang") == "uz-Cyrl" for li in hits), \
        "an Uzbek Cyrillic hit is tagged with its script"


def facet_boxes(doc: lxml.html.HtmlElement, name: str) -> list[tuple[str, bool, str]]:
    out = []
    for box in doc.cssselect(f"#facet-{name} input[type=checkbox]"):
        label = doc.cssselect(f'label[for="{box.get("id")}"]')[0]
        out.append((box.get("value"), box.get("checked") is not None,
                    label.cssselect(".count")[0].text.strip()))
    return out


def test_facet_form_has_checkboxes_with_api_counts(app_client: FlaskClient) -> None:
    doc = page(app_client, "/search?q=port")
    form = doc.cssselect("form#filters")[0]
    assert form.get("method") == "get" and form.get("action") == "/search"
    assert form.cssselect('input[type=hidden][name=q]')[0].get("value") == "port"
    assert form.cssselect("button[type=submit]"), "an apply button that works without JS"
    data = api(app_client, "/api/search?q=port")
    for name in ("country", "source", "lang"):
        want = [(v["value"], v["selected"], str(v["count"])) for v in data["facets"][name]]
        assert facet_boxes(doc, name) == want, name
    # Years are listed newest first, undated last.
    years = facet_boxes(doc, "year")
    want = {(v["value"], v["selected"], str(v["count"])) for v in data["facets"]["year"]}
    assert set(years) == want
    order = [y[0] for y in years]
    dated = [y for y in order if y != "unknown"]
    assert dated == sorted(dated, reverse=True) and order[:len(dated)] == dated


def test_selected_values_come_first_and_are_checked(app_client: FlaskClient) -> None:
    data = api(app_client, "/api/search?q=port")
    last = data["facets"]["country"][-1]["value"]
    doc = page(app_client, f"/search?q=port&country={last}")
    boxes = facet_boxes(doc, "country")
    assert boxes[0][:2] == (last, True)
    assert [b for b in boxes if b[1]] == [boxes[0]]
    # The filter shows in the summary with a link that removes it.
    remove = doc.cssselect(".active-filters a")[0].get("href")
    assert "country" not in query_of(remove) and query_of(remove)["q"] == ["port"]


def test_comma_lists_toggle_like_repeated_parameters(app_client: FlaskClient) -> None:
    doc = page(app_client, "/search?country=KZ,UZ")
    hrefs = [a.get("href") for a in doc.cssselect(".active-filters a")]
    assert sorted(query_of(h).get("country", []) for h in hrefs) == [["KZ"], ["UZ"]]


def test_show_more_is_a_link(app_client: FlaskClient) -> None:
    data = api(app_client, "/api/search")
    assert data["facets_more"]["country"], "the test corpus has more than 10 countries"
    doc = page(app_client, "/")
    more = doc.cssselect("#facet-country .more a")[0].get("href")
    assert query_of(more)["facet_limit"] == ["100"] and more.endswith("#facet-country")
    wide = page(app_client, more.split("#")[0])
    assert len(facet_boxes(wide, "country")) > 10
    # The wider list is kept by the filter form, and can be folded again.
    assert wide.cssselect("form#filters input[name=facet_limit]")[0].get("value") == "100"
    assert "facet_limit" not in query_of(wide.cssselect("#facet-country .more a")[0].get("href"))


def pager_links(doc: lxml.html.HtmlElement) -> dict[str, str]:
    return {a.text_content().strip(): a.get("href") for a in doc.cssselect("nav.pager a")}


def test_pagination(app_client: FlaskClient) -> None:
    total = api(app_client, "/api/search?sort=oldest")["total"]
    assert total > 30
    first = pager_links(page(app_client, "/search?sort=oldest"))
    assert "« First" not in first and "‹ Previous" not in first
    assert query_of(first["Next ›"])["page"] == ["2"]
    assert query_of(first["Next ›"])["sort"] == ["oldest"], "paging keeps the state"
    doc = page(app_client, "/search?sort=oldest&page=3")
    links = pager_links(doc)
    assert "page" not in query_of(links["« First"])
    assert query_of(links["‹ Previous"])["page"] == ["2"]
    assert query_of(links["Next ›"])["page"] == ["4"]
    assert doc.cssselect('nav.pager a[aria-current="page"]')[0].text_content() == "3"
    assert doc.cssselect("ol.hits")[0].get("start") == "21"
    last = -(-total // 10)
    assert "Next ›" not in pager_links(page(app_client, f"/search?sort=oldest&page={last}"))
    beyond = page(app_client, f"/search?sort=oldest&page={last + 1}")
    assert "first page" in beyond.cssselect(".empty")[0].text_content()


def test_dates_and_sort_are_kept_and_applied(app_client: FlaskClient) -> None:
    doc = page(app_client, "/search?from=2020-01-01&to=2022-12-31&sort=oldest")
    assert doc.cssselect("input#from")[0].get("value") == "2020-01-01"
    assert doc.cssselect("input#to")[0].get("value") == "2022-12-31"
    assert doc.cssselect("input#from")[0].get("type") == "date"
    selected = doc.cssselect("select#sort option[selected]")
    assert [o.get("value") for o in selected] == ["oldest"]
    dates = [t.get("datetime") for t in doc.cssselect(".hit time")]
    assert dates and dates == sorted(dates)
    assert all("2020-01-01" <= d <= "2022-12-31" for d in dates)


def test_suggestion_is_a_link(app_client: FlaskClient) -> None:
    data = api(app_client, "/api/search?q=Tashknet")
    assert data["suggestion"], "the index suggests a correction for a misspelt place name"
    doc = page(app_client, "/search?q=Tashknet&country=UZ")
    link = doc.cssselect("a.suggestion-link")[0]
    assert link.text_content() == data["suggestion"]
    assert query_of(link.get("href")) == {"q": [data["suggestion"]], "country": ["UZ"]}


def test_nothing_found_explains_and_offers_a_way_out(app_client: FlaskClient) -> None:
    doc = page(app_client, "/search?q=qwxzvbnm")
    empty = doc.cssselect(".empty")[0].text_content()
    assert "Nothing matches" in empty and "qwxzvbnm" in empty
    assert doc.cssselect('.empty a[href="/help"]')
    assert not doc.cssselect("nav.pager")
    filtered = page(app_client, "/search?q=port&country=AQ")
    way_out = filtered.cssselect(".tips a")[0]
    assert "without filters" in way_out.text_content()
    assert query_of(way_out.get("href")) == {"q": ["port"]}


def test_hostile_document_is_shown_as_text(app_client: FlaskClient, hostile_title: str) -> None:
    resp = app_client.get("/search?q=budget+leak")
    body = resp.get_data(as_text=True)
    assert "<script>window" not in body and "<img src=x" not in body
    assert "&lt;script&gt;" in body
    doc = lxml.html.document_fromstring(body)
    titles = [h.text_content() for h in doc.cssselect(".hit h3")]
    assert hostile_title in titles
    assert not doc.xpath("//a[starts-with(normalize-space(@href), 'javascript:')]")

    resp = app_client.get("/doc/web-test-hostile?q=budget")
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "<script>window" not in body and "<img src" not in body
    doc = lxml.html.document_fromstring(body)
    assert doc.cssselect("h1")[0].text_content() == hostile_title
    assert "<b>bold?</b> & ampersands" in doc.cssselect(".text")[0].text_content()
    assert not doc.xpath("//a[starts-with(normalize-space(@href), 'javascript:')]")
    assert [s.get("src") for s in doc.iter("script")] == ["/static/app.js"]


def test_document_page(app_client: FlaskClient) -> None:
    hit = api(app_client, "/api/search?q=Tashkent&lang=ru")["hits"][0]
    full = api(app_client, f"/api/documents/{hit['id']}")
    doc = page(app_client, f"/doc/{hit['id']}?q=Tashkent")
    assert_accessible_structure(doc)
    h1 = doc.cssselect("h1")[0]
    assert h1.text_content() == full["title"] and h1.get("lang") == "ru"
    assert doc.cssselect(".text")[0].get("lang") == "ru"
    marks = [m.text_content() for m in doc.cssselect(".text mark")]
    assert marks and all(m.casefold().startswith("ташкент") for m in marks), marks
    countries = [a.get("href") for a in doc.cssselect(".doc-meta a.country")]
    assert countries == [f"/search?country={c}" for c in full["countries"]]
    assert doc.cssselect(f'.doc-meta a[href="/search?lang={full["lang"]}"]')
    if full["url"]:
        assert doc.cssselect("a.original")[0].get("href") == full["url"]
    back = doc.cssselect(".way-back a")[0].get("href")
    assert query_of(back) == {"q": ["Tashkent"]}
    plain = page(app_client, f"/doc/{hit['id']}")
    assert not plain.cssselect(".text mark")
    assert doc.cssselect("section.related h2")


def test_back_from_a_document_returns_to_the_same_results(app_client: FlaskClient) -> None:
    search = "/search?q=Uzbekistan&lang=en&lang=ru&sort=newest&per_page=5&page=2"
    results = page(app_client, search)
    link = results.cssselect("#results h3 a")[0].get("href")
    assert urlsplit(link).path.startswith("/doc/")
    state = {"q": ["Uzbekistan"], "lang": ["en", "ru"], "sort": ["newest"],
             "per_page": ["5"], "page": ["2"]}
    assert query_of(link) == state
    doc = page(app_client, link)
    back = doc.cssselect(".way-back a")[0]
    assert urlsplit(back.get("href")).path == "/search" and query_of(back.get("href")) == state
    assert "Uzbekistan" in back.text_content()
    assert doc.cssselect(".text mark")  # the query still marks the text
    # filters without a query: the way back still returns to them
    link = page(app_client, "/search?country=KZ").cssselect("#results h3 a")[0].get("href")
    back = page(app_client, link).cssselect(".way-back a")[0]
    assert query_of(back.get("href")) == {"country": ["KZ"]}
    assert back.text_content().strip() == "‹ Back to results"
    # a hand-edited link with a bad parameter still shows the document
    doc = page(app_client, urlsplit(link).path + "?q=Tashkent&page=zero")
    assert query_of(doc.cssselect(".way-back a")[0].get("href")) == {"q": ["Tashkent"]}


@pytest.mark.parametrize("q, marked", [
    ("metro", "metro"),
    ("Toshkent", "Toshkentda"),
    ("Тошкент", "Toshkentda"),  # a Cyrillic query marks the Latin spelling
    ("yo'lovchi", "yo‘lovchiga"),  # any apostrophe, and the suffix
    ("metro -bekat", "metro"),
])
def test_document_page_marks_the_query_in_title_and_text(app_client: FlaskClient, q: str,
                                                          marked: str) -> None:
    doc = page(app_client, "/doc/web-test-uz-latin?q=" + q)
    marks = {m.text_content() for m in doc.cssselect("h1 mark, .text mark")}
    assert marked in marks
    if "-" in q:
        assert not any(m.startswith("bekat") for m in marks), "negated words are not marked"
    assert doc.cssselect("h1")[0].text_content() == "Toshkentda yangi metro bekati ochildi"


def test_document_page_shows_related_coverage(app_client: FlaskClient) -> None:
    hit = api(app_client, "/api/search?q=Tashkent")["hits"][0]
    doc = page(app_client, f"/doc/{hit['id']}")
    links = doc.cssselect("section.related li a")
    assert links and all(a.get("href").startswith("/doc/") for a in links)
    assert f"/doc/{hit['id']}" not in [a.get("href") for a in links]


def test_document_page_with_a_bad_query_still_shows_the_text(app_client: FlaskClient) -> None:
    hit = api(app_client, "/api/search?q=port")["hits"][0]
    doc = page(app_client, f"/doc/{hit['id']}?q=%22open")
    assert doc.cssselect(".text p") and doc.cssselect('[role="alert"]')


@pytest.mark.parametrize("lang", ["en", "ru", "uz-Cyrl", "uz-Latn", "kk", "az", "tr"])
def test_help_has_examples_in_each_language(app_client: FlaskClient, lang: str) -> None:
    doc = page(app_client, "/help")
    examples = doc.cssselect(f'a.example code[lang="{lang}"]')
    assert examples, f"no example in {lang}"


def test_help_examples_all_run(app_client: FlaskClient) -> None:
    doc = page(app_client, "/help")
    assert_accessible_structure(doc)
    hrefs = [a.get("href") for a in doc.cssselect("main a") if a.get("href", "").startswith(
        "/search?q=")]
    assert len(hrefs) >= 25
    apostrophes = {query_of(h)["q"][0] for h in hrefs if "zbekiston" in h}
    assert {"O'zbekiston", "Oʻzbekiston", "O‘zbekiston", "O`zbekiston"} <= apostrophes
    for href in hrefs:
        resp = app_client.get(href)
        assert resp.status_code == 200, (href, resp.get_data(as_text=True)[-500:])
    # The Uzbek apostrophe forms are one word to search: the same documents for each.
    totals = {api(app_client, "/api/search?q=" + h.split("q=")[1])["total"]
              for h in hrefs if "zbekiston" in h}
    assert len(totals) == 1 and totals.pop() > 0


@pytest.mark.parametrize("url, param", [
    ("/search?q=%22open", "q"),
    ("/search?page=0", "page"),
    ("/search?per_page=1000", "per_page"),
    ("/search?from=2022-13-01", "from"),
    ("/search?from=2023-01-01&to=2022-01-01", "from"),
    ("/search?sort=sideways", "sort"),
    ("/search?facet_limit=x", "facet_limit"),
])
def test_bad_parameters_give_a_400_page(app_client: FlaskClient, url: str, param: str) -> None:
    doc = page(app_client, url, status=400)
    assert_accessible_structure(doc)
    alert = doc.cssselect('[role="alert"]')[0].text_content()
    if param != "q":
        assert param in alert
    assert doc.cssselect('main a[href="/"]'), "a way back"
    assert doc.cssselect("input#q")[0].get("value") == parse_qs(urlsplit(url).query).get(
        "q", [""])[0]


@pytest.mark.parametrize("url", ["/nope", "/doc/no-such-document", "/search/extra"])
def test_404_page(app_client: FlaskClient, url: str) -> None:
    doc = page(app_client, url, status=404)
    assert_accessible_structure(doc)
    assert "not found" in doc.cssselect("h1")[0].text_content().lower()
    assert doc.cssselect('main a[href="/"]')


def test_api_404_stays_json(app_client: FlaskClient) -> None:
    resp = app_client.get("/api/nope")
    assert resp.status_code == 404 and resp.get_json()["error"]["code"] == "not_found"


def test_security_headers(app_client: FlaskClient) -> None:
    resp = app_client.get("/search?q=port")
    csp = resp.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert "unsafe-inline" not in directives.get("script-src", directives["default-src"])
    assert "unsafe-inline" not in directives.get("style-src", directives["default-src"])
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_export_links_answer(app_client: FlaskClient) -> None:
    doc = page(app_client, "/search?q=port&country=KZ&page=2&sort=newest")
    links = {a.text_content(): a.get("href") for a in doc.cssselect(".exports a")}
    types = {"CSV": "text/csv", "Atom feed": "application/atom+xml"}
    for name, mimetype in types.items():
        href = links[name]
        assert query_of(href) == {"q": ["port"], "country": ["KZ"], "sort": ["newest"]}
        resp = app_client.get(href)
        assert resp.status_code == 200 and resp.mimetype == mimetype, href


def test_static_files_are_served(app_client: FlaskClient) -> None:
    for name in ("style.css", "app.js"):
        resp = app_client.get(f"/static/{name}")
        assert resp.status_code == 200 and resp.get_data() == (STATIC / name).read_bytes()


# -- colour contrast of the stylesheet (WCAG 2.1 AA: 4.5:1 for text) -------------------------

def _luminance(hex_colour: str) -> float:
    hex_colour = hex_colour.lstrip("#")
    if len(hex_colour) == 3:
        hex_colour = "".join(c * 2 for c in hex_colour)
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_helper() -> None:
    assert round(contrast("#000", "#fff"), 1) == 21.0
    assert round(contrast("#777", "#fff"), 2) == 4.48  # the classic just-too-light grey


@pytest.mark.parametrize("fg, bg", [
    ("fg", "bg"), ("muted", "bg"), ("accent", "bg"), ("error", "bg"), ("fg", "panel"),
    ("muted", "panel"), ("accent", "panel"), ("accent-fg", "accent"), ("fg", "mark"),
    ("accent", "mark"),
])
def test_stylesheet_colours_meet_aa(fg: str, bg: str) -> None:
    css = (STATIC / "style.css").read_text(encoding="utf-8")
    root = re.search(r":root\s*{([^}]*)}", css)
    assert root
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})", root.group(1)))
    assert contrast(colours[fg], colours[bg]) >= 4.5, (fg, bg)
    # Focus rings and control borders need 3:1 against the page (WCAG 1.4.11).
    assert contrast(colours["focus"], colours["bg"]) >= 3


def test_no_index_gives_a_503_page(tmp_path: Path) -> None:
    from qidir.web import create_app

    client = create_app(tmp_path / "empty").test_client()
    for url in ("/", "/doc/anything"):
        doc = page(client, url, status=503)
        assert_accessible_structure(doc)
        assert doc.cssselect('main a[href="/"]')


@pytest.mark.parametrize("url, safe", [
    ("https://example.com/a?b=c", "https://example.com/a?b=c"),
    ("  http://example.com/  ", "http://example.com/"),
    ("javascript:alert(1)", None),
    ("JavaScript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("//example.com/x", None),
    ("ftp://example.com/x", None),
    ("https://", None),
    ("", None),
    (None, None),
])
def test_only_web_addresses_become_links(url: str | None, safe: str | None) -> None:
    from qidir.web.pages import safe_href

    assert safe_href(url) == safe


def test_a_new_query_keeps_the_filters_in_force(app_client: FlaskClient) -> None:
    doc = page(app_client, "/search?q=port&country=KZ&sort=newest&page=2&from=2019-01-01")
    form = doc.cssselect("header form[role=search]")[0]
    kept = sorted((i.get("name"), i.get("value")) for i in form.cssselect("input[type=hidden]"))
    assert kept == [("country", "KZ"), ("from", "2019-01-01"), ("sort", "newest")]
    assert form.get("method") == "get" and form.get("action") == "/search"
    # Pages other than a search start a fresh one.
    assert not page(app_client, "/help").cssselect("header form input[type=hidden]")


def test_relaxed_search_says_which_words_were_left_out(app_client: FlaskClient) -> None:
    data = api(app_client, "/api/search?q=Tashkent+qwxzvbnm")
    assert data["relaxed"]["missing"] == ["qwxzvbnm"] and data["total"] > 0
    assert all(hit["missing"] == ["qwxzvbnm"] for hit in data["hits"])
    doc = page(app_client, "/search?q=Tashkent+qwxzvbnm&country=UZ")
    note = doc.cssselect(".relaxed")[0]
    assert "No article has all your words; showing those with most of them" in \
        note.text_content()
    assert [s.text_content() for s in note.cssselect("s")] == ["qwxzvbnm"]
    insist = note.cssselect("a.insist-link")[0]
    assert query_of(insist.get("href")) == {"q": ["Tashkent +qwxzvbnm"], "country": ["UZ"]}
    assert doc.cssselect(".hit .missing s")[0].text_content() == "qwxzvbnm"
    assert_accessible_structure(doc)
    strict = page(app_client, insist.get("href"))
    assert not strict.cssselect(".relaxed") and strict.cssselect(".empty")


@pytest.mark.parametrize("q, word, insisted", [
    ("Tashkent qwxzvbnm", "qwxzvbnm", "Tashkent +qwxzvbnm"),
    ('"canal boats" canal quokka', "canal", '"canal boats" +canal quokka'),
    ("Туркия Қозоғистон", "Туркия", "+Туркия Қозоғистон"),
    ("port title:port ferry", "port", "+port title:port ferry"),
])
def test_insist_marks_the_word_outside_phrases(q: str, word: str, insisted: str) -> None:
    from qidir.web.pages import insist

    assert insist(q, word) == insisted
