"""A search request: what a reader asked for, checked once, when it is made.

The API, the pages, the exports, the feed and the CLI all turn their parameters into a
:class:`SearchRequest` with :func:`request_from_params`; tests and scripts may build one
directly. Either way every value is checked in the constructor, so the service never sees
an invalid request and never checks one again. Facet filters are whatever
:mod:`qidir.search.fields` registers: a request takes ``country=("KZ",)`` as a keyword
because ``country`` is a registered facet, not because this module knows about countries.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from typing import Any

from qidir.search import fields
from qidir.search.engine.facets import Selection

SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 100
MAX_PAGE = 1000
DEFAULT_PER_PAGE = 10
DEFAULT_FACET_LIMIT = 10
MAX_FACET_LIMIT = 100
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class BadRequest(ValueError):
    """A parameter with a bad value; becomes a 400 naming ``param``."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param
        self.message = message


class SearchRequest:
    """A checked search request. Facet values are keyword arguments named after facets."""

    __slots__ = ("q", "values", "date_from", "date_to", "sort", "page", "per_page",
                 "facet_limit")

    def __init__(self, q: str = "", *, date_from: str | None = None,
                 date_to: str | None = None, sort: str = "relevance", page: int = 1,
                 per_page: int = DEFAULT_PER_PAGE, facet_limit: int = DEFAULT_FACET_LIMIT,
                 **selected: Sequence[str]) -> None:
        unknown = [name for name in selected if fields.get(name) is None]
        if unknown:
            raise TypeError(f"SearchRequest got unknown facet(s): {', '.join(unknown)}")
        self.q = q
        self.values: dict[str, tuple[str, ...]] = {
            name: tuple(selected.get(name, ())) for name in fields.facet_names()}
        self.date_from = date_from
        self.date_to = date_to
        self.sort = sort
        self.page = page
        self.per_page = per_page
        self.facet_limit = facet_limit
        self._check()

    def __getattr__(self, name: str) -> tuple[str, ...]:
        # Only reached for names that are not slots: a facet's selected values.
        if fields.get(name) is not None:
            return self.values.get(name, ())
        raise AttributeError(name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SearchRequest) and self.state() == other.state()

    def __repr__(self) -> str:
        return f"SearchRequest({self.state()!r})"

    def state(self) -> dict[str, Any]:
        """Every parameter of the request, by its URL name."""
        out: dict[str, Any] = {"q": self.q}
        out.update({name: list(values) for name, values in self.values.items()})
        out.update({"from": self.date_from, "to": self.date_to, "sort": self.sort,
                    "per_page": self.per_page, "facet_limit": self.facet_limit,
                    "page": self.page})
        return out

    def filters(self) -> dict[str, Any]:
        """The ``query.filters`` object of a search response."""
        out: dict[str, Any] = {}
        for facet in fields.facets():
            values = self.values.get(facet.name, ())
            if facet.in_contract or values:
                out[facet.name] = list(values)
        out["from"] = self.date_from
        out["to"] = self.date_to
        return out

    def selection(self) -> Selection:
        return Selection(dict(self.values), self.date_from, self.date_to)

    def has_filters(self) -> bool:
        return bool(self.date_from or self.date_to or any(self.values.values()))

    def _check(self) -> None:
        """Every problem is a BadRequest naming its parameter."""
        if self.sort not in SORTS:
            raise BadRequest("sort", f"sort must be one of {', '.join(SORTS)}")
        for param, value, high in (("per_page", self.per_page, MAX_PER_PAGE),
                                   ("page", self.page, MAX_PAGE),
                                   ("facet_limit", self.facet_limit, MAX_FACET_LIMIT)):
            if not 1 <= value <= high:
                raise BadRequest(param, f"{param} must be 1 to {high}")
        for param, value in (("from", self.date_from), ("to", self.date_to)):
            if value is not None:
                if not _DATE.match(value):
                    raise BadRequest(param, f"{param} must be a date YYYY-MM-DD")
                try:
                    datetime.date.fromisoformat(value)
                except ValueError:
                    raise BadRequest(param, f"{param} is not a real date: {value}") from None
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise BadRequest("from", "from is after to")
        for facet in fields.facets():
            values = self.values.get(facet.name, ())
            if len(values) > fields.MAX_VALUES:
                raise BadRequest(facet.name, f"at most {fields.MAX_VALUES} {facet.name} "
                                             "values may be selected")
            for value in values:
                if not facet.valid(value):
                    raise BadRequest(facet.name, f"{facet.name} {value!r} is not valid: give "
                                                 f"{facet.example}")


def _int(params: Mapping[str, Sequence[str]], name: str, default: int) -> int:
    values = params.get(name) or []
    if not values or values[-1] == "":
        return default
    try:
        return int(values[-1])
    except ValueError:
        raise BadRequest(name, f"{name} must be a whole number") from None


def _last(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = params.get(name) or []
    return values[-1].strip() if values and values[-1].strip() else None


def _many(params: Mapping[str, Sequence[str]], name: str) -> list[str]:
    """Every value of a repeatable parameter, comma-separated ones split, without repeats."""
    out: list[str] = []
    for value in params.get(name) or []:
        for part in value.split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out


def request_from_params(params: Mapping[str, Sequence[str]]) -> SearchRequest:
    """Build a request from URL-style parameters (each a list of strings)."""
    selected = {facet.name: tuple(dict.fromkeys(facet.normalize(v)
                                                for v in _many(params, facet.name)))
                for facet in fields.facets()}
    return SearchRequest(
        (params.get("q") or [""])[-1],
        date_from=_last(params, "from"),
        date_to=_last(params, "to"),
        sort=_last(params, "sort") or "relevance",
        page=_int(params, "page", 1),
        per_page=_int(params, "per_page", DEFAULT_PER_PAGE),
        facet_limit=_int(params, "facet_limit", DEFAULT_FACET_LIMIT),
        **selected,
    )
