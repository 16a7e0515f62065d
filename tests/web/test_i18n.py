"""The interface in its readers' languages: the catalogs, the choice of language, and what
changes with it (words, names, dates, numbers, plurals) and what never does (the search).

The catalog tests run the same extraction as ``make messages`` into a temporary file, so a
string added to a template or to Python without a translation in every shipped language,
or a catalog not compiled again, fails here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from babel.messages.checkers import python_format
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from flask.testing import FlaskClient

from qidir.search.labels import country_name, language_name
from qidir.web import i18n

REPO = Path(__file__).resolve().parents[2]
CATALOGS = REPO / "web" / "translations"
#: Every shipped catalog (English is the msgids' language and has none).
SHIPPED = ("ru", "uz", "uz_Cyrl", "kk")


def _key(value: object) -> object:
    """A message id or string as a dict key (plural ones are lists or tuples)."""
    return tuple(value) if isinstance(value, list | tuple) else value


def _ids(catalog) -> set[object]:  # type: ignore[no-untyped-def]
    return {_key(m.id) for m in catalog if m.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """What `make messages` would extract now (the same command and options)."""
    out = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run([sys.executable, "-c", "from babel.messages.frontend import main; main()",
                    "-q", "extract", "-F", "babel.cfg", "-k", "lazy_gettext", "-k", "N_",
                    "--no-location", "-o", str(out), "."], cwd=REPO, check=True)
    with open(out, "rb") as fh:
        return read_po(fh)


def _po(locale: str):  # type: ignore[no-untyped-def]
    with open(CATALOGS / locale / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh, locale=locale)


def test_every_language_of_the_switcher_has_a_catalog_or_is_the_source() -> None:
    assert {lang.locale for lang in i18n.LANGUAGES} == {"en", *SHIPPED}
    assert not (CATALOGS / "en").exists(), "English is the msgids; a catalog would shadow them"


def test_the_template_of_the_catalogs_is_up_to_date(extracted) -> None:  # type: ignore[no-untyped-def]
    with open(CATALOGS / "messages.pot", "rb") as fh:
        committed = read_po(fh)
    assert len(_ids(extracted)) > 150, "the extraction found the templates' strings"
    assert _ids(extracted) == _ids(committed), "run `make messages` and translate what is new"


@pytest.mark.parametrize("locale", SHIPPED)
def test_every_string_is_translated_in_every_language(extracted, locale: str) -> None:  # type: ignore[no-untyped-def]
    po = _po(locale)
    missing = _ids(extracted) - _ids(po)
    assert not missing, f"{locale}: not in the catalog (run `make messages`): {missing}"
    for message in po:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(s.strip() for s in strings), f"{locale}: untranslated {message.id!r}"
        assert not message.fuzzy, f"{locale}: fuzzy {message.id!r}"
        python_format(po, message)  # raises on a placeholder missing or misspelled
        tags = sorted(re.findall(r"</?[a-z]+", str(message.id)))
        for s in strings:
            assert sorted(re.findall(r"</?[a-z]+", s)) == tags, f"{locale}: markup of {s!r}"
    if locale == "ru":
        assert po.num_plurals == 3


@pytest.mark.parametrize("locale", SHIPPED)
def test_the_compiled_catalog_matches_its_source(locale: str) -> None:
    po = _po(locale)
    with open(CATALOGS / locale / "LC_MESSAGES" / "messages.mo", "rb") as fh:
        mo = read_mo(fh)
    def table(catalog) -> dict[object, object]:  # type: ignore[no-untyped-def]
        return {_key(m.id): _key(m.string) for m in catalog if m.id}

    want, got = table(po), table(mo)
    assert len(want) > 150
    assert got == want, "run `make translations`"


def test_uzbek_latin_writes_the_official_letters() -> None:
    """oʻ and gʻ with U+02BB, the tutuq belgisi with U+02BC, never a quote or an apostrophe."""
    for message in _po("uz"):
        if not message.id:
            continue
        for s in (message.string if isinstance(message.string, tuple) else (message.string,)):
            assert not re.search(r"[oOgG][‘’'`ʼ](?=\w)", s), s
            assert not re.search(r"(?<=\w)[‘’'`](?=\w)", s), s


def test_uzbek_cyrillic_is_written_in_cyrillic() -> None:
    """Outside placeholders, markup and the Latin examples it quotes, no Latin word."""
    kept = re.compile(r"%\(\w+\)s|<code>.*?</code>|<[^>]+>|«[^»]*»|\b(Atom|JSON|API|HTTP|ISO|"
                      r"JavaScript|OR|qidir|Tashkent|Tokayev|Z\.Hasanov|Hasanov|Erdogan|Turkey|"
                      r"Turkiya)\b|(?<!\w)[oOgG]?ʻ(?!\w)")
    for message in _po("uz_Cyrl"):
        if not message.id:
            continue
        for s in (message.string if isinstance(message.string, tuple) else (message.string,)):
            assert not re.search(r"[A-Za-z]{2,}", kept.sub("", s)), s


@pytest.mark.parametrize("locale, n, want", [
    ("ru", 1, "1 результат"), ("ru", 3, "3 результата"), ("ru", 5, "5 результатов"),
    ("ru", 11, "11 результатов"), ("ru", 21, "21 результат"), ("ru", 22, "22 результата"),
    ("uz", 1, "1 ta natija"), ("uz", 7, "7 ta natija"),
    ("uz_Cyrl", 7, "7 та натижа"), ("kk", 7, "7 нәтиже"),
])
def test_plural_forms(locale: str, n: int, want: str) -> None:
    t = Translations.load(str(CATALOGS), [locale])
    assert t.ngettext("%(num)s result", "%(num)s results", n) % {"num": n} == want


@pytest.mark.parametrize("locale, country, lang, und", [
    ("en", "Kazakhstan", "Uzbek", "Undetermined"),
    ("ru", "Казахстан", "Узбекский", "Неизвестный язык"),
    ("uz", "Qozogʻiston", "Oʻzbek", "Nomaʼlum til"),
    ("uz_Cyrl", "Қозоғистон", "Ўзбекча", "Номаълум тил"),
    ("kk", "Қазақстан", "Өзбек тілі", "Белгісіз тіл"),
])
def test_country_and_language_names_come_from_cldr(locale: str, country: str, lang: str,
                                                   und: str) -> None:
    assert country_name("KZ", locale) == country
    assert language_name("uz", locale) == lang
    assert language_name("und", locale) == und
    # Any code a detector may give, not a list of six.
    for code in ("uk", "fr", "es", "tt"):
        assert language_name(code, locale) not in ("", code)


@pytest.mark.parametrize("accept, want", [
    ("", "en"), ("ru-RU,ru;q=0.9,en;q=0.8", "ru"), ("uz", "uz"), ("uz-UZ", "uz"),
    ("uz-Cyrl-UZ,uz;q=0.5", "uz-Cyrl"), ("uz-Latn-UZ", "uz"), ("kk-KZ,ru;q=0.8", "kk"),
    ("fr-FR,ru;q=0.5", "ru"), ("de,fr", "en"), ("en;q=0.2,kk;q=0.9", "kk"), ("*", "en"),
])
def test_accept_language_picks_the_best_offered_language(app_client: FlaskClient, accept: str,
                                                         want: str) -> None:
    html = app_client.get("/help", headers={"Accept-Language": accept} if accept else {})
    doc = lxml.html.fromstring(html.data)
    assert doc.get("lang") == i18n.parse_ui(want).tag  # type: ignore[union-attr]


def page(client: FlaskClient, url: str, **headers: str) -> lxml.html.HtmlElement:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.data)


@pytest.mark.parametrize("ui, tag, search_label", [
    ("en", "en", "Search"), ("ru", "ru", "Найти"), ("uz", "uz-Latn", "Qidirish"),
    ("uz-Cyrl", "uz-Cyrl", "Қидириш"), ("uz_cyrl", "uz-Cyrl", "Қидириш"),
    ("kk", "kk", "Іздеу"),
])
def test_ui_in_the_url_wins_and_every_link_keeps_it(app_client: FlaskClient, ui: str, tag: str,
                                                    search_label: str) -> None:
    doc = page(app_client, f"/search?q=Tashkent&ui={ui}", **{"Accept-Language": "ru"})
    assert doc.get("lang") == tag
    assert doc.cssselect(".searchbox button")[0].text_content() == search_label
    code = i18n.parse_ui(ui).code  # type: ignore[union-attr]
    for form in doc.cssselect("form.searchbox, form#filters"):
        assert [i.get("value") for i in form.cssselect("input[name=ui]")] == [code]
    internal = [a.get("href") for a in doc.cssselect("a[href^='/']")
                if not a.get("href").startswith("/api/") and not a.get("data-ui")]
    assert len(internal) > 20
    assert all(f"ui={code}" in href for href in internal), internal
    switch = {a.get("data-ui"): a for a in doc.cssselect(".ui-switcher a")}
    assert list(switch) == [lang.code for lang in i18n.LANGUAGES]
    assert switch[code].get("aria-current") == "true"
    for lang in i18n.LANGUAGES:
        assert switch[lang.code].get("lang") == lang.tag
        assert "q=Tashkent" in switch[lang.code].get("href")
    # Uzbek's two scripts are one item of the switcher.
    uz_item = switch["uz"].getparent()
    assert switch["uz-Cyrl"].getparent() is uz_item


def test_a_language_from_the_browser_is_not_written_into_links(app_client: FlaskClient) -> None:
    doc = page(app_client, "/search?q=Tashkent", **{"Accept-Language": "kk"})
    assert doc.get("lang") == "kk"
    assert not doc.cssselect("input[name=ui]")
    hrefs = [a.get("href") for a in doc.cssselect("a[href^='/']") if not a.get("data-ui")]
    assert not [h for h in hrefs if "ui=" in h]


def test_the_search_does_not_change_with_the_language(app_client: FlaskClient) -> None:
    url = "/api/search?q=Tashkent&per_page=20&facet_limit=100"
    base = app_client.get(url).get_json()
    for ui in ("ru", "uz", "uz-Cyrl", "kk"):
        other = app_client.get(f"{url}&ui={ui}").get_json()
        assert [h["id"] for h in other["hits"]] == [h["id"] for h in base["hits"]]
        assert other["total"] == base["total"]
        for name, rows in base["facets"].items():
            counts = {r["value"]: r["count"] for r in rows}
            assert {r["value"]: r["count"] for r in other["facets"][name]} == counts, name


def test_the_api_labels_facets_in_the_asked_language(app_client: FlaskClient) -> None:
    def labels(url: str, **headers: str) -> dict[str, str]:
        data = app_client.get(url, headers=headers).get_json()
        rows = data["facets"]["country"] if "facets" in data else data["values"]
        return {r["value"]: r["label"] for r in rows}

    assert labels("/api/search?q=Tashkent")["UZ"] == "Uzbekistan"
    assert labels("/api/search?q=Tashkent&ui=uz")["UZ"] == "Oʻzbekiston"
    assert labels("/api/search?q=Tashkent", **{"Accept-Language": "ru-RU"})["UZ"] == "Узбекистан"
    assert labels("/api/facets/country?q=Tashkent&ui=kk")["UZ"] == "Өзбекстан"
    # The prefix filter reads labels in the same language.
    data = app_client.get("/api/facets/country?prefix=Өзб&ui=kk").get_json()
    assert [r["value"] for r in data["values"]] == ["UZ"]


def test_an_unoffered_ui_is_a_bad_parameter(app_client: FlaskClient) -> None:
    api = app_client.get("/api/search?q=port&ui=fr")
    assert api.status_code == 400
    assert api.get_json()["error"]["param"] == "ui"
    html = app_client.get("/search?q=port&ui=xx", headers={"Accept-Language": "ru"})
    assert html.status_code == 400
    doc = lxml.html.fromstring(html.data)
    assert doc.get("lang") == "ru" and "Параметр указан неверно" in doc.text_content()


@pytest.mark.parametrize("ui, title", [
    ("ru", "Документ не найден"), ("uz", "Hujjat topilmadi"), ("uz-Cyrl", "Ҳужжат топилмади"),
    ("kk", "Құжат табылмады"),
])
def test_error_pages_speak_the_readers_language(app_client: FlaskClient, ui: str,
                                                title: str) -> None:
    response = app_client.get(f"/doc/no-such-id?ui={ui}")
    assert response.status_code == 404
    doc = lxml.html.fromstring(response.data)
    assert doc.cssselect("h1")[0].text_content() == title
    assert app_client.get(f"/api/documents/no-such-id?ui={ui}").get_json()["error"]["code"] \
        == "not_found"


@pytest.mark.parametrize("ui, published, results", [
    # CLDR puts a narrow no-break space before the year's abbreviation.
    ("ru", "14 февраля 2023\u202fг.", "результат"),
    ("uz", "14-fevral, 2023", "natija"),
    ("uz-Cyrl", "14 феврал, 2023", "натижа"),
    ("kk", "2023\u202fж. 14 ақпан", "нәтиже"),
])
def test_dates_numbers_and_names_on_the_pages(app_client: FlaskClient, ui: str, published: str,
                                              results: str) -> None:
    doc = page(app_client, f"/doc/web-test-uz-latin?ui={ui}")
    assert doc.cssselect("time")[0].text_content() == published
    assert doc.cssselect("time")[0].get("datetime") == "2023-02-14"
    country = doc.cssselect("a.badge.country")[0]
    assert country.text_content() == country_name("UZ", i18n.parse_ui(ui).locale)  # type: ignore[union-attr]
    found = page(app_client, f"/search?q=Toshkent&ui={ui}")
    assert results in found.cssselect("#results-title")[0].text_content()


def test_the_api_description_documents_ui(app_client: FlaskClient) -> None:
    spec = app_client.get("/api/openapi.json").get_json()
    for path in ("/api/search", "/api/facets/{facet}"):
        ui = [p for p in spec["paths"][path]["get"]["parameters"] if p["name"] == "ui"]
        assert ui and ui[0]["schema"]["enum"] == list(i18n.CODES), path


@pytest.mark.parametrize("ui, month, bar", [
    ("en", "Sep 2026", r"^\S.*: \d+ results?$"),
    ("ru", "сент. 2026", r"^\S.*: \d+ результат(а|ов)?$"),
    ("uz", "Sen 2026", r"^\S.*: \d+ ta natija$"),
    ("kk", "қыр. 2026", r"^\S.*: \d+ нәтиже$"),
])
def test_the_timeline_names_periods_and_counts_in_the_readers_language(
        app_client: FlaskClient, ui: str, month: str, bar: str) -> None:
    with app_client.application.test_request_context(f"/search?ui={ui}"):
        assert i18n.period("2026-09-01", "month", "Sep 2026") == month
        assert i18n.period("2026-01-01", "year", "2026") == "2026"
    doc = page(app_client, f"/search?q=Tashkent&ui={ui}")
    names = [a.get("aria-label") for a in doc.cssselect("svg.timeline-chart a.bar")]
    assert names and all(re.match(bar, n) for n in names), names


def test_caches_learn_that_accept_language_chose_the_language(app_client: FlaskClient) -> None:
    for url in ("/search?q=port", "/api/search?q=port", "/help"):
        assert "Accept-Language" in app_client.get(url).headers.get("Vary", ""), url
    assert "Accept-Language" not in app_client.get("/search?q=port&ui=kk").headers.get("Vary", "")
