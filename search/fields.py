"""Facets and filters, each declared once.

A facet is at the same time a URL parameter (``country=KZ``), a query-language field
(``country:Kazakhstan``), a Whoosh field, a list of counts in every search response, a
fieldset in the pages' filter panel, a CLI option (``--country``) and a parameter in the
OpenAPI description. All of those read the one :class:`Facet` entry below, so adding a
facet is one entry here (and, where its values need one, a label function in
:mod:`qidir.search.labels`).

The registry is ordered: the API lists facets, the pages show fieldsets and the CLI prints
counts in this order. ``register`` adds a facet for the lifetime of a process (tests use
:func:`registered` to add a throwaway one and take it away again).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pycountry

from qidir.analyzers.people import VALUE_PATTERN as PERSON_PATTERN
from qidir.analyzers.people import known_label, person_value
from qidir.search.ingest.documents import Document, normalize_source
from qidir.search.labels import DEFAULT_LOCALE, N_, country_name, language_name

#: The most values one facet may have selected in one request.
MAX_VALUES = 50
MAX_SOURCE_CHARS = 200


def _same(value: str, locale: str = DEFAULT_LOCALE) -> str:
    return value


@dataclass(frozen=True)
class Facet:
    """One facet: how documents are filed under it, how a reader selects it, how it reads."""

    #: URL parameter, JSON key, query-language field, Whoosh field and CLI option name.
    name: str
    #: Heading of its fieldset in the filter panel and its name in messages (English,
    #: marked with ``N_`` for the catalogs; the pages show it translated).
    title: str
    #: The values a document is filed under (empty: none).
    values: Callable[[Document], Sequence[str]]
    #: What one selected value must look like once normalised (a 400 otherwise).
    pattern: str
    #: How to say what a valid value is, in an error message ("a year like 2022").
    example: str
    #: One value as a reader or a URL gives it → the value as indexed.
    normalize: Callable[[str], str] = _same
    #: The human label of a value (country and language names) in a Babel locale.
    label: Callable[[str, str], str] = _same
    #: A value written in the query language (``country:Kazakhstan``) → the value as
    #: indexed, or None when it names nothing (then ``query_error`` is the message).
    from_query: Callable[[str], str | None] | None = None
    query_error: str = ""
    #: JSON Schema of one value as a URL may give it (OpenAPI).
    schema: dict[str, Any] = field(default_factory=lambda: {"type": "string"})
    #: The OpenAPI and ``--help`` description.
    help: str = ""
    #: Several values per document (a Whoosh keyword list) rather than one.
    multi: bool = False
    #: Part of the contract's ``query.filters`` (always echoed); extensions are echoed only
    #: when selected, so responses keep the contract's shape.
    in_contract: bool = True
    #: The filter panel lists values newest first (years) instead of by count.
    newest_first: bool = False
    #: When ``label`` gives nothing, a value's label is read from the documents filed under
    #: it (their stored entries ``{"value", "label"}`` under the facet's name): people are
    #: labelled as the articles about them spell them.
    label_from_documents: bool = False
    #: A value ``x`` that is not indexed also selects every indexed ``x-<letter>`` (a
    #: surname without its initial selects every person of that surname).
    family: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "_regex", re.compile(self.pattern))

    def valid(self, value: str) -> bool:
        return bool(self._regex.match(value))  # type: ignore[attr-defined]

    def query_value(self, value: str) -> str | None:
        """The indexed value a query-language ``name:value`` stands for (None: unknown)."""
        if self.from_query is not None:
            return self.from_query(value)
        return self.normalize(value)


# -- the facets ---------------------------------------------------------------------------

@lru_cache(maxsize=1024)
def _country_code(value: str) -> str | None:
    if len(value) == 2 and value.isalpha():
        return value.upper()
    try:
        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        return None


def _language_code(value: str) -> str | None:
    if len(value) in (2, 3) and value.isalpha():
        return value.lower()
    try:
        lang = pycountry.languages.lookup(value)
    except LookupError:
        return None
    return getattr(lang, "alpha_2", lang.alpha_3)


COUNTRY = Facet(
    name="country", title=N_("Country"), multi=True,
    values=lambda doc: doc.countries,
    pattern=r"^[A-Z]{2}$", example="an ISO 3166-1 alpha-2 code like KZ",
    normalize=str.upper, label=country_name,
    from_query=_country_code,
    query_error="use an ISO code like KZ or a country name",
    schema={"type": "string", "pattern": "^[A-Za-z]{2}$"},
    help="ISO 3166-1 alpha-2 country codes (OR-ed), e.g. KZ.",
)
SOURCE = Facet(
    name="source", title=N_("Source"),
    values=lambda doc: [doc.source],
    pattern=rf"^[^\x00-\x1f]{{1,{MAX_SOURCE_CHARS}}}$",
    example=f"a source name of at most {MAX_SOURCE_CHARS} characters",
    normalize=normalize_source,
    schema={"type": "string", "minLength": 1, "maxLength": MAX_SOURCE_CHARS,
            "pattern": "^[^,\\x00-\\x1f]+$"},
    help="Sources (OR-ed), e.g. azernews.az.",
)
LANG = Facet(
    name="lang", title=N_("Language"),
    values=lambda doc: [doc.lang],
    pattern=r"^[a-z]{2,3}$", example="an ISO 639 code like en, ru, uz, or und",
    normalize=str.lower, label=language_name,
    from_query=_language_code,
    query_error="use a code like en, ru, uz",
    schema={"type": "string", "pattern": "^[A-Za-z]{2,3}$"},
    help="Language codes (OR-ed): en ru uz kk az tr, und for undetermined.",
)
YEAR = Facet(
    name="year", title=N_("Year"), in_contract=False, newest_first=True,
    values=lambda doc: [doc.year],
    pattern=r"^(\d{4}|unknown)$", example="a year like 2022, or unknown",
    normalize=str.lower,
    schema={"type": "string", "pattern": "^([0-9]{4}|unknown)$"},
    help="Publication years (OR-ed); unknown = undated. An extension of the contract: the "
         "year facet is selectable like the others.",
)



def _person_from_query(value: str) -> str | None:
    return person_value(value) or None


PERSON = Facet(
    name="person", title=N_("Person"), multi=True, in_contract=False,
    values=lambda doc: doc.person_values,
    pattern=PERSON_PATTERN, example="a person's name like Tokayev, or a value like tokaev-k",
    normalize=person_value, label=lambda value, locale=DEFAULT_LOCALE: known_label(value) or "",
    from_query=_person_from_query, query_error="give a person's name, like Tokayev",
    schema={"type": "string", "minLength": 2, "maxLength": 100},
    help="People (OR-ed): a value from facets.person (tokaev-k), or a name in any script "
         "(Tokayev, Токаев, Erdoğan): one value per person across scripts and spellings.",
    label_from_documents=True, family=True,
)

_REGISTRY: dict[str, Facet] = {f.name: f for f in (COUNTRY, SOURCE, LANG, YEAR, PERSON)}


def facets() -> tuple[Facet, ...]:
    """Every registered facet, in display order."""
    return tuple(_REGISTRY.values())


def facet_names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def get(name: str) -> Facet | None:
    return _REGISTRY.get(name)


def register(facet: Facet) -> None:
    if facet.name in _REGISTRY or facet.name in RESERVED:
        raise ValueError(f"a facet or parameter named {facet.name!r} exists already")
    _REGISTRY[facet.name] = facet


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


@contextmanager
def registered(facet: Facet) -> Iterator[Facet]:
    """A facet registered for the duration of a block (tests)."""
    register(facet)
    try:
        yield facet
    finally:
        unregister(facet.name)


#: Query-language fields that are not facets.
TEXT_FIELDS = ("title",)
#: Request parameters that are not facets; no facet may take one of these names.
RESERVED = frozenset({"q", "from", "to", "sort", "page", "per_page", "facet_limit", "prefix",
                      "title", "text", "id", "names", "words", "published", "undated", "meta",
                      "ui", "format"})


def query_fields() -> tuple[str, ...]:
    """Field names the query language accepts before a colon."""
    return TEXT_FIELDS + facet_names()
