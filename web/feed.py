"""An Atom feed (RFC 4287) of the newest documents matching a search: GET /search.atom.

A saved search becomes something a feed reader can follow: the entries are the newest
matching documents, each with its highlighted snippet as an HTML summary. The feed sits
beside the /search page (a feed reader follows a page-like URL) but, read by programs, it
answers errors as JSON, like the API (see :mod:`qidir.web.errors`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, current_app, request

from qidir.search import request_from_params

feeds = Blueprint("feeds", __name__)

#: Entries in an Atom feed: the default and the most a reader may ask for (per_page).
FEED_ENTRIES = 20

ATOM_NS = "http://www.w3.org/2005/Atom"
#: The Atom category scheme of people (``term`` is the person facet's value).
PERSON_SCHEME = "urn:qidir:facet:person"
#: The moment an undated document is given in a feed (Atom requires one per entry).
EPOCH = "1970-01-01T00:00:00Z"
#: Characters XML 1.0 cannot carry at all, even escaped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


def _stamp(date: str | None) -> str:
    return f"{date}T00:00:00Z" if date else EPOCH


def atom_feed(title: str, self_url: str, page_url: str, doc_url: str,
              hits: Sequence[dict[str, Any]]) -> bytes:
    """The feed document; ``doc_url`` is a format string with ``{id}`` for a document page."""
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}",
                           {k: _clean(v) for k, v in attrs.items()})
        if text is not None:
            el.text = _clean(text)
        return el

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "title", title)
    sub(feed, "id", self_url)
    dates = [h["published"] for h in hits if h.get("published")]
    sub(feed, "updated", _stamp(max(dates) if dates else None))
    sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=page_url, type="text/html")
    author = sub(feed, "author")
    sub(author, "name", "qidir")
    sub(feed, "generator", "qidir")
    for hit in hits:
        entry = sub(feed, "entry")
        sub(entry, "title", hit["title"] or hit["id"])
        sub(entry, "id", f"urn:qidir:doc:{hit['id']}")
        sub(entry, "updated", _stamp(hit.get("published")))
        if hit.get("published"):
            sub(entry, "published", _stamp(hit["published"]))
        sub(entry, "link", rel="alternate", href=doc_url.format(id=hit["id"]),
            type="text/html")
        if hit.get("url"):
            sub(entry, "link", rel="related", href=hit["url"])
        author = sub(entry, "author")
        sub(author, "name", hit.get("source") or "unknown")
        for code in hit.get("countries") or []:
            sub(entry, "category", term=code, label=code)
        # People as categories of their own scheme: the facet value and its English label.
        for person in hit.get("person") or []:
            sub(entry, "category", term=person["value"], label=person["label"],
                scheme=PERSON_SCHEME)
        if hit.get("snippet"):
            sub(entry, "summary", hit["snippet"], type="html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


@feeds.get("/search.atom")
def search_atom() -> Response:
    args = {key: request.args.getlist(key) for key in request.args}
    args["sort"] = ["newest"]
    args.pop("page", None)
    if not args.get("per_page") or not args["per_page"][-1]:
        args["per_page"] = [str(FEED_ENTRIES)]
    req = request_from_params(args)
    result = current_app.extensions["qidir"].search(req)
    query = request.query_string.decode("utf-8", "replace")
    page_url = request.host_url.rstrip("/") + "/search" + ("?" + query if query else "")
    title = f"qidir: {req.q}" if req.q.strip() else "qidir: newest documents"
    doc_url = request.host_url.rstrip("/") + "/doc/{id}"
    body = atom_feed(title, request.url, page_url, doc_url, result.to_json()["hits"])
    return Response(body, mimetype="application/atom+xml")


@feeds.after_request
def cors(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
