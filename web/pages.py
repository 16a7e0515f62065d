"""Server-rendered HTML pages: they ask the search service and only render its answers.

Every page state is a URL (a GET form or a link), so a result page can be bookmarked,
shared and reached again with the back button, with or without JavaScript. Templates are
autoescaped; the only markup taken as-is is the service's ``snippet``/``title_html`` and
the highlighted document text, which are escaped text plus ``<mark>``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlencode, urlsplit

from babel.core import get_global
from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import gettext, lazy_gettext, ngettext
from markupsafe import Markup

from qidir.search import (
    DEFAULT_FACET_LIMIT,
    DEFAULT_PER_PAGE,
    MAX_FACET_LIMIT,
    MAX_PAGE,
    BadRequest,
    QueryError,
    SearchRequest,
    SearchService,
    fields,
    highlight,
    request_from_params,
)
from qidir.search.timeline import busiest
from qidir.web import i18n

pages = Blueprint("pages", __name__)

SORT_LABELS = {"relevance": lazy_gettext("Relevance"), "newest": lazy_gettext("Newest first"),
               "oldest": lazy_gettext("Oldest first")}
#: The timeline's caption and title per period length (whole sentences: word order differs).
TIMELINE_CAPTIONS = {"day": lazy_gettext("Results over time, by day"),
                     "week": lazy_gettext("Results over time, by week"),
                     "month": lazy_gettext("Results over time, by month"),
                     "year": lazy_gettext("Results over time, by year")}
TIMELINE_TITLES = {"day": lazy_gettext("Results per day, %(first)s to %(last)s"),
                   "week": lazy_gettext("Results per week, %(first)s to %(last)s"),
                   "month": lazy_gettext("Results per month, %(first)s to %(last)s"),
                   "year": lazy_gettext("Results per year, %(first)s to %(last)s")}
#: Languages written right to left; every other text gets dir="ltr".
RTL_LANGS = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "ug", "dv", "ckb", "sd"})
#: How many page numbers the pager shows on each side of the current page.
PAGER_SPAN = 2
#: URL parameters whose default value is left out of links.
DEFAULTS = {"sort": "relevance", "per_page": DEFAULT_PER_PAGE,
            "facet_limit": DEFAULT_FACET_LIMIT, "page": 1}


def service() -> SearchService:
    return current_app.extensions["qidir"]


# -- URLs: the page state ---------------------------------------------------------------

def state_pairs(req: SearchRequest, **changes: Any) -> list[tuple[str, str]]:
    """The URL parameters of a search (defaults left out), with some replaced.

    Built from the parsed request rather than the raw query string, so ``country=KZ,TR``
    and ``country=KZ&country=TR`` give the same canonical links.
    """
    state = req.state()
    state.update(changes)
    if "page" not in changes:
        state["page"] = 1  # any other change starts again at the first page
    pairs: list[tuple[str, str]] = []
    for key, value in state.items():
        values = value if isinstance(value, list | tuple) else [value]
        for v in values:
            if v is None or v == "" or DEFAULTS.get(key) == v:
                continue
            pairs.append((key, str(v)))
    return pairs


def search_url(req: SearchRequest, path: str = "/search", **changes: Any) -> str:
    pairs = state_pairs(req, **changes) + i18n.carried()
    return path + ("?" + urlencode(pairs) if pairs else "")


def toggle_url(req: SearchRequest, facet: str, value: str) -> str:
    values = list(req.values.get(facet, ()))
    values = [v for v in values if v != value] if value in values else values + [value]
    return search_url(req, **{facet: values})


def unfiltered_url(req: SearchRequest, **changes: Any) -> str:
    """The same search without any facet filter or date range."""
    cleared: dict[str, Any] = {name: [] for name in fields.facet_names()}
    cleared.update({"from": None, "to": None})
    cleared.update(changes)
    return search_url(req, **cleared)


def export_url(req: SearchRequest, path: str) -> str:
    """The same search as CSV or Atom: every hit, so paging and facet sizes are left out."""
    return search_url(req, path, page=1, per_page=DEFAULT_PER_PAGE,
                      facet_limit=DEFAULT_FACET_LIMIT)


def doc_url(doc_id: str, req: SearchRequest | None = None) -> str:
    """A document's page; from a results page, it carries that search along (the query to
    mark, and the filters, sort and page to go back to)."""
    base = url_for("pages.document_page", doc_id=doc_id)
    pairs = (state_pairs(req, page=req.page) if req is not None else []) + i18n.carried()
    return base + ("?" + urlencode(pairs) if pairs else "")


def safe_href(url: str | None) -> str | None:
    """A document's original URL, only when it is a web address.

    URLs come from the indexed files; a ``javascript:`` or ``data:`` URL there must never
    become a clickable link.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def lang_attr(code: str | None, script: str | None = None) -> str:
    """The value of a ``lang`` attribute (BCP 47): empty (unknown) for ``und``; with the
    script subtag when the text is not in its language's usual script (CLDR's likely
    subtags: Uzbek is Latin by default, so Cyrillic Uzbek is ``uz-Cyrl``; Kazakh is
    Cyrillic, so Latin Kazakh is ``kk-Latn``), so a screen reader picks the right voice."""
    if not code or code == "und":
        return ""
    if script and script != _usual_script(code):
        return f"{code}-{script}"
    return code


@lru_cache(maxsize=256)
def _usual_script(code: str) -> str | None:
    likely = get_global("likely_subtags").get(code)
    parts = likely.split("_") if likely else []
    return parts[1] if len(parts) > 2 else None


def text_dir(code: str | None) -> str:
    return "rtl" if code in RTL_LANGS else "ltr"


def pager(page: int, per_page: int, total: int) -> dict[str, Any]:
    """Page numbers around the current one, and where first/previous/next lead."""
    last = max(1, min(MAX_PAGE, -(-total // per_page)))
    start, end = max(1, page - PAGER_SPAN), min(last, page + PAGER_SPAN)
    return {"page": page, "last": last, "numbers": list(range(start, end + 1)),
            "prev": page - 1 if page > 1 else None, "next": page + 1 if page < last else None}


def facet_rows(name: str, values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A facet's values as listed: selected ones first, then the service's order (most
    documents first), except years, which read best newest first with ``unknown`` last."""
    rows = list(values)
    facet = fields.get(name)
    if facet is not None and facet.newest_first:
        dated = sorted((v for v in rows if v["value"] != "unknown"), key=lambda v: v["value"],
                       reverse=True)
        rows = dated + [v for v in rows if v["value"] == "unknown"]
    return sorted(rows, key=lambda v: not v["selected"])  # stable: keeps the order within


def active_filters(req: SearchRequest, facets: dict[str, list[dict[str, Any]]] | None = None
                   ) -> list[dict[str, str]]:
    """The filters in force, each with a link that removes it (for the summary line).
    Labels come from the search's facet rows when given (people are labelled from their
    documents, which only the service reads)."""
    out: list[dict[str, str]] = []
    for facet in fields.facets():
        shown = {r["value"]: r["label"] for r in (facets or {}).get(facet.name, [])}
        for value in req.values.get(facet.name, ()):
            label = shown.get(value) or facet.label(value, i18n.locale_id()) or value
            out.append({"label": f"{i18n.translated(facet.title)}: {label}",
                        "remove": toggle_url(req, facet.name, value)})
    if req.date_from:
        out.append({"label": gettext("From %(date)s", date=i18n.day(req.date_from)),
                    "remove": search_url(req, **{"from": None})})
    if req.date_to:
        out.append({"label": gettext("To %(date)s", date=i18n.day(req.date_to)),
                    "remove": search_url(req, to=None)})
    return out


# -- the timeline ----------------------------------------------------------------------

#: The timeline's drawing box (SVG user units); the SVG scales to the column's width.
CHART_WIDTH = 600
CHART_HEIGHT = 96
#: A bar with any hits is at least this tall, so one hit among thousands stays visible.
MIN_BAR = 3


def timeline_chart(req: SearchRequest, timeline: dict[str, Any]) -> dict[str, Any] | None:
    """The bars of the results page's timeline as drawn (geometry and links), or None when
    no hit has a date. Each bar with hits links to the same search narrowed to its period
    (``from``/``to``), so the chart works as a filter without JavaScript."""
    periods = timeline.get("periods") or []
    if not periods:
        return None
    interval = timeline["interval"]
    periods = [{**p, "label": i18n.period(p["from"], interval, p["label"])} for p in periods]
    top = max(p["count"] for p in periods) or 1
    slot = CHART_WIDTH / len(periods)
    gap = min(2.0, slot * 0.15)
    bars = []
    for i, p in enumerate(periods):
        height = 0.0 if not p["count"] else max(MIN_BAR, p["count"] / top * CHART_HEIGHT)
        bars.append({
            **p, "x": round(i * slot + gap / 2, 2), "width": round(slot - gap, 2),
            "height": round(height, 2), "y": round(CHART_HEIGHT - height, 2),
            "href": search_url(req, **{"from": p["from"], "to": p["to"]}) if p["count"] else None,
            "name": ngettext("%(label)s: %(num)s result", "%(label)s: %(num)s results",
                             p["count"], label=p["label"]),
        })
    return {"bars": bars, "width": CHART_WIDTH, "height": CHART_HEIGHT,
            "interval": interval, "caption": TIMELINE_CAPTIONS.get(interval, interval),
            "title": str(TIMELINE_TITLES.get(interval, "%(first)s – %(last)s")) % {
                "first": periods[0]["label"], "last": periods[-1]["label"]},
            "first": periods[0]["label"],
            "last": periods[-1]["label"], "busiest": busiest({"periods": periods}),
            "dated": timeline["dated"], "undated": timeline["undated"],
            "narrowed": bool(req.date_from or req.date_to),
            "all_dates": search_url(req, **{"from": None, "to": None})}


# -- highlighting the document page ----------------------------------------------------

def highlighted(title: str, text: str, q: str, parts: dict[str, Any] | None = None
                ) -> tuple[Markup, list[Markup]]:
    """The document's title and paragraphs, escaped, with the query's words in ``<mark>``
    (``parts``: the document's language parts, see ``SearchService.parts``)."""
    from html import escape

    if q.strip():
        marker = service().marker(q)
        parts = parts or {}
        title_html = highlight(title, marker, parts.get("title"))
        html = highlight(text, marker, parts.get("text"))
    else:
        title_html, html = escape(title, quote=False), escape(text, quote=False)
    # Marks never span a line break (a token is one word), so splitting keeps them whole.
    return Markup(title_html), [Markup(p.strip()) for p in html.split("\n") if p.strip()]


def insist(q: str, word: str) -> str:
    """``q`` with ``word`` marked required (``+word``), so a relaxed search keeps it; the
    word is looked for outside quoted phrases only (a phrase is never relaxed anyway)."""
    import re

    pieces = re.split(r'("[^"]*")', q)
    pattern = re.compile(rf"(?<![\w+\-:]){re.escape(word)}(?!\w)")
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            marked, n = pattern.subn(f"+{word}", piece, count=1)
            if n:
                pieces[i] = marked
                return "".join(pieces)
    return f"{q} +{word}"


# -- template helpers -------------------------------------------------------------------

@pages.app_context_processor
def helpers() -> dict[str, Any]:
    return {"search_url": search_url, "toggle_url": toggle_url, "export_url": export_url,
            "doc_url": doc_url, "safe_href": safe_href, "facet_rows": facet_rows,
            "lang_attr": lang_attr,
            "text_dir": text_dir, "country_name": i18n.country, "language_name": i18n.language,
            "script_name": i18n.script, "day": i18n.day, "number": i18n.number,
            "link": i18n.link, "ui_pairs": i18n.carried(), "ui": i18n.current(),
            "switcher": i18n.switcher,
            "unfiltered_url": unfiltered_url, "sort_labels": SORT_LABELS, "insist": insist,
            "facet_titles": {f.name: i18n.translated(f.title) for f in fields.facets()}}


def _args() -> dict[str, list[str]]:
    return {key: request.args.getlist(key) for key in request.args}


# -- pages ---------------------------------------------------------------------------

@pages.get("/")
@pages.get("/search")
def search_page() -> Any:
    req = request_from_params(_args())
    result = service().search(req, i18n.locale_id()).to_json()
    return render_template(
        "search.html", req=req, result=result, q=req.q,
        pager=pager(req.page, req.per_page, result["total"]),
        filters=active_filters(req, result["facets"]), max_facet_limit=MAX_FACET_LIMIT,
        keep=state_pairs(req),
        first=(req.page - 1) * req.per_page + 1,
        atom_url=export_url(req, "/search.atom"),
        chart=timeline_chart(req, result.get("timeline") or {}))


@pages.get("/doc/<doc_id>")
def document_page(doc_id: str) -> Any:
    q = request.args.get("q", "")
    svc = service()
    doc = svc.document(doc_id)
    note = None
    try:
        title_html, paragraphs = highlighted(doc["title"], doc["text"], q, svc.parts(doc_id))
    except QueryError as exc:
        note = gettext("The query could not be highlighted: %(reason)s", reason=exc.message)
        title_html, paragraphs = highlighted(doc["title"], doc["text"], "")
    related = svc.related(doc_id, limit=5)
    try:
        came_from = request_from_params(_args())
    except BadRequest:  # a hand-edited link: the way back keeps the query only
        came_from = SearchRequest(q=q)
    return render_template("document.html", doc=doc, q=q, title_html=title_html,
                           paragraphs=paragraphs, related=related, note=note,
                           back=search_url(came_from, page=came_from.page),
                           searched=bool(state_pairs(came_from)))


@pages.get("/help")
def help_page() -> str:
    return render_template("help.html", q="")
