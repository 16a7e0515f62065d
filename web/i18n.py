"""The interface's language: which languages there are, and the one place one is chosen.

A reader's language is, in order: the ``ui`` URL parameter (an explicit choice, carried
along in every link and form of the page so the next page speaks the same language), else
the best match of the browser's ``Accept-Language``, else English. It changes the words
of the pages and the labels of facet values (in the API too); never the search, its hits
or any code. Uzbek is one language in two scripts, so it is two choices (``uz`` in the
official Latin alphabet, ``uz-Cyrl``) shown side by side in the switcher.

Messages are gettext catalogs under ``web/translations/`` (Flask-Babel); names of countries
and languages, dates and numbers come from Babel's CLDR data for the same locale.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from flask import Flask, Response, g, has_request_context, request
from flask_babel import Babel, gettext

from qidir.search import BadRequest
from qidir.search.labels import DEFAULT_LOCALE, as_label, country_name, language_name

#: The URL parameter that picks the interface language.
PARAM = "ui"


@dataclass(frozen=True)
class UiLanguage:
    #: The value of ``ui`` (and of the API's ``ui``): a BCP 47 tag.
    code: str
    #: Babel's locale identifier: the catalog's folder and the CLDR data.
    locale: str
    #: The page's ``<html lang>``: Uzbek names its script either way, since both are usual.
    tag: str
    #: Choices of one language share a group and sit together in the switcher.
    group: str


#: The interface languages, in the switcher's order. English is the catalogs' source
#: language (the msgids), so it has no catalog of its own.
LANGUAGES: tuple[UiLanguage, ...] = (
    UiLanguage("en", "en", "en", "en"),
    UiLanguage("ru", "ru", "ru", "ru"),
    UiLanguage("uz", "uz", "uz-Latn", "uz"),
    UiLanguage("uz-Cyrl", "uz_Cyrl", "uz-Cyrl", "uz"),
    UiLanguage("kk", "kk", "kk", "kk"),
)
BY_CODE = {lang.code.lower(): lang for lang in LANGUAGES}
#: Other spellings of a choice: Babel's underscores, the script spelled out for Latin.
ALIASES = {"uz-latn": "uz", "uz_latn": "uz", "uz_cyrl": "uz-Cyrl"}
DEFAULT = BY_CODE[DEFAULT_LOCALE]
CODES = tuple(lang.code for lang in LANGUAGES)


def parse_ui(value: str) -> UiLanguage | None:
    """A ``ui`` value (any case, ``-`` or ``_``) → its language, or None when not offered."""
    key = value.strip().lower()
    key = ALIASES.get(key, key).lower()
    return BY_CODE.get(key)


def negotiate(accept: list[tuple[str, float]]) -> UiLanguage:
    """The offered language that best fits an ``Accept-Language`` list (tag, quality):
    the first tag, by quality, that names one exactly or after dropping its last subtags
    (``uz-Cyrl-UZ`` → ``uz-Cyrl``, ``ru-RU`` → ``ru``, ``uz`` → Uzbek in Latin)."""
    for tag, quality in sorted(accept, key=lambda item: -item[1]):
        if quality <= 0:
            continue
        parts = tag.replace("_", "-").split("-")
        while parts:
            found = parse_ui("-".join(parts))
            if found is not None:
                return found
            parts.pop()
    return DEFAULT


def explicit() -> UiLanguage | None:
    """The language the URL asks for (None: none, or one not offered)."""
    if not has_request_context():
        return None
    value = request.args.get(PARAM)
    return parse_ui(value) if value else None


def current() -> UiLanguage:
    """The reader's language for this request (the one place it is chosen)."""
    if not has_request_context():
        return DEFAULT
    if "ui_language" not in g:
        g.ui_language = explicit() or negotiate(list(request.accept_languages))
    return g.ui_language


def locale_id() -> str:
    """Babel's identifier of the reader's language (labels, dates, numbers)."""
    return current().locale


def check_param() -> None:
    """A ``ui`` that names no offered language is a bad parameter (400), named as such."""
    value = request.args.get(PARAM)
    if value and parse_ui(value) is None:
        raise BadRequest(PARAM, f"ui must be one of {', '.join(CODES)}")


# -- links ------------------------------------------------------------------------------

def carried() -> list[tuple[str, str]]:
    """The ``ui`` pair every link and form of the page carries (none without a choice)."""
    lang = explicit()
    return [(PARAM, lang.code)] if lang is not None else []


def link(path: str, **params: str) -> str:
    """A link within the site that keeps the reader's language."""
    pairs = [(k, v) for k, v in params.items() if v is not None] + carried()
    return path + ("?" + urlencode(pairs) if pairs else "")


def switch_url(lang: UiLanguage) -> str:
    """This page in another language: the same URL with ``ui`` replaced."""
    pairs = [(k, v) for k, v in request.args.items(multi=True) if k != PARAM]
    pairs.append((PARAM, lang.code))
    return request.path + "?" + urlencode(pairs)


@lru_cache(maxsize=16)
def own_name(lang: UiLanguage) -> str:
    """A language's name in itself (CLDR), as a switcher shows it: Uzbek with its script."""
    locale = Locale.parse(lang.locale)
    name = locale.get_display_name(locale) or lang.code
    if lang.group == "uz" and lang.locale == "uz":
        name = Locale.parse("uz_Latn").get_display_name(locale) or name
    return as_label(name, lang.locale)


def switcher() -> list[list[dict[str, object]]]:
    """The switcher's groups of choices (Uzbek's two scripts in one group)."""
    now = current()
    groups: dict[str, list[dict[str, object]]] = {}
    for lang in LANGUAGES:
        groups.setdefault(lang.group, []).append({
            "code": lang.code, "tag": lang.tag, "name": own_name(lang),
            "href": switch_url(lang), "current": lang == now})
    return list(groups.values())


# -- names, dates, numbers in the reader's language -------------------------------------

def country(code: str) -> str:
    return country_name(code, locale_id())


def language(code: str) -> str:
    return language_name(code, locale_id())


def script(code: str) -> str:
    """A script's name (``Latn``, ``Cyrl``) in the reader's language (CLDR)."""
    return Locale.parse(locale_id()).scripts.get(code) or code


def day(value: str | None) -> str:
    """An ISO date as the reader writes it: 7 сентября 2026 г., 7-sentabr, 2026."""
    if not value:
        return ""
    try:
        parsed = datetime.date.fromisoformat(value)
    except ValueError:
        return value
    return format_date(parsed, "long", locale=locale_id())


def period(start: str, interval: str, english: str) -> str:
    """A timeline period's name (it starts on the ISO date ``start``): the service's own
    English name in English, else CLDR's: a year, a month (сент. 2026), a day, a week."""
    if current() == DEFAULT:
        return english
    first = datetime.date.fromisoformat(start)
    if interval == "year":
        return str(first.year)
    if interval == "month":
        return format_date(first, "LLL y", locale=locale_id())
    day_name = format_date(first, "medium", locale=locale_id())
    return gettext("week of %(date)s", date=day_name) if interval == "week" else day_name


def number(value: float, pattern: str | None = None) -> str:
    """A number with the reader's digit grouping and decimal sign (12 345,6)."""
    return format_decimal(value, format=pattern, locale=locale_id())


def translated(message: str) -> str:
    """A string declared in ``search/`` and marked with ``N_`` (facet titles)."""
    return gettext(message)


def vary(response: Response) -> Response:
    """Without ``ui``, the answer depends on Accept-Language: caches must know that."""
    if explicit() is None:
        response.vary.add("Accept-Language")
    return response


def init_app(app: Flask) -> None:
    """Flask-Babel with the one locale selector, the ``ui`` check on every request, and
    ``Vary: Accept-Language`` where the header chose the language."""
    Babel(app, locale_selector=locale_id, default_locale=DEFAULT_LOCALE,
          default_translation_directories="translations")
    app.before_request(check_param)
    app.after_request(vary)
