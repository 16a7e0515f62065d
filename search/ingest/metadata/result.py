"""What extraction gives ingestion, built the same way for copied text and for HTML."""

from __future__ import annotations

from dataclasses import dataclass, field

from qidir.search.ingest.metadata.keywords import fold
from qidir.search.ingest.metadata.lines import Page
from qidir.search.ingest.metadata.title import clean_title


@dataclass
class Extracted:
    """Everything ingestion needs from one page; None means "the page does not say"."""

    title: str | None
    text: str
    published: str | None
    published_precision: str | None
    source: str | None
    url: str | None
    countries: dict[str, int] = field(default_factory=dict)
    lang: str = "und"
    script: str = "Latn"


def text_without_title(page: Page, title: str | None) -> str:
    """The kept lines as paragraphs, minus repetitions of the headline."""
    key = fold(title) if title else None
    body = [text for text in page.body if key is None or fold(clean_title(text)) != key]
    return "\n\n".join(body).strip()
