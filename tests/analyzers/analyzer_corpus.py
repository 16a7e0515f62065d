"""Reading the sample corpus and the seeds for analyzer tests (paragraphs with expected languages).

Only stdlib parsing here on purpose: analyzer tests must not depend on the search package.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "search" / "sample"


from testsupport import SEEDS  # noqa: E402

#: Languages of the seeds (facts about the files, written down by us).
SEED_LANGS = {"000": ["en"], "001": ["uz", "ru"], "002": ["en"], "003": ["en"], "004": ["en"]}

_P_RE = re.compile(r"<p[^>]*>(.*?)</p>", re.S | re.I)
_TAG_RE = re.compile(r"<[^>]+>")


@dataclass
class Doc:
    name: str
    lang: str
    parts: list[str]
    text: str

    def prose(self) -> list[tuple[int, int]]:
        """Spans of the article's prose paragraphs: lines of 6+ words with a sentence end.

        The ground truth labels the article, not the site chrome around it (menus, bylines,
        copyright lines, which are often in another language), so chrome is left out.
        """
        spans = []
        for m in re.finditer(r"[^\n]+", self.text):
            line = m.group()
            if "©" in line or "|" in line or "·" in line:
                continue
            if len(re.findall(r"\w+", line)) >= 6 and re.search(r"[.!?…»”\"]\s*$", line):
                spans.append(m.span())
        return spans


def sample_docs() -> list[Doc]:
    truth = SAMPLE / "truth.jsonl"
    if not truth.exists():
        return []
    docs = []
    records: dict[str, dict[str, dict]] = {}
    for line in truth.read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        path = SAMPLE / "corpus" / t["path"]
        if t.get("format") == "jsonl" or path.suffix == ".jsonl":
            if t["path"] not in records:
                recs = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()
                        if x.strip()]
                records[t["path"]] = {r.get("id"): r for r in recs}
            rec = records[t["path"]].get(t["record_id"])
            if rec is None:
                continue
            text = (rec.get("title") or "") + "\n\n" + rec.get("text", "")
        elif path.suffix in (".html", ".htm"):
            raw = path.read_text(encoding="utf-8")
            text = "\n\n".join(html.unescape(_TAG_RE.sub("", p)) for p in _P_RE.findall(raw))
        else:
            text = path.read_text(encoding="utf-8")
        name = t["path"] + ("#" + t["record_id"] if t.get("record_id") else "")
        docs.append(Doc(name, t["lang"], list(t["parts"]), text))
    return docs


def seed_docs() -> list[Doc]:
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        parts = SEED_LANGS.get(path.name[:3])
        if parts is None:
            continue
        text = path.read_text(encoding="utf-8")
        docs.append(Doc(path.name, parts[0], parts, text))
    return docs
