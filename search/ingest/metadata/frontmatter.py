"""Metadata stated by the author of a Markdown file in a front-matter block.

A `.md` file may open with a `---` block of `key: value` lines (the convention of
static site generators). What it states is not a guess, so it wins over extraction,
the same way fields given in a `.jsonl` record do. Only flat `key: value` lines are
read: a full YAML parser would be a new dependency for four fields.
"""

from __future__ import annotations

import re

_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_KEYS = {
    "title": "title",
    "headline": "title",
    "date": "published",
    "published": "published",
    "source": "source",
    "site": "source",
    "url": "url",
    "link": "url",
}


def split_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """(fields stated in the block, the text after it); ({}, raw) when there is none."""
    from qidir.search.ingest.metadata.dates import find_dates

    m = _BLOCK.match(raw)
    if not m:
        return {}, raw
    fields: dict[str, str] = {}
    for line in m.group(1).splitlines():
        lm = _LINE.match(line)
        if not lm or lm.group(1).lower() not in _KEYS:
            continue
        value = lm.group(2).strip().strip("\"'")
        if not value:
            continue
        key = _KEYS[lm.group(1).lower()]
        if key == "published":
            full = [d for d in find_dates(value) if d.full]
            if not full:
                continue  # a date we cannot read is dropped, not guessed
            value = full[0].iso()
        fields.setdefault(key, value)
    # Keep line numbers of the body stable by blanking the block instead of cutting it.
    return fields, "\n" * m.group(0).count("\n") + raw[m.end() :]
