"""The development set of real news pages (``shared/realpages``), with a floor per field.

125 pages nobody on the project wrote, each as served (HTML) and as copied from a browser
(text), with gold metadata. Every page is read the way ``qidir index`` reads it
(:func:`read_documents`) and judged by the set's own scorer (``score.py``'s ``judge``, so
the rules are exactly the ones ``python ../shared/realpages/score.py`` prints). Each field
must pass on at least as many pages as it did when these floors were set: a change that
loses a title, a date or a source somewhere fails here, with the pages it lost named.

Raise a floor when extraction gets better; never lower one to make a change pass.
Skipped, with the reason, when ``shared/realpages`` is not beside the checkout.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from qidir.search.ingest.documents import Document
from qidir.search.ingest.readers import read_documents

REPO = Path(__file__).resolve().parents[2]

#: version -> field -> pages that must pass (the figures reached when the floor was set).
FLOORS: dict[str, dict[str, int]] = {
    "html": {"title": 125, "published": 118, "source": 125, "lang": 74, "body": 116,
             "chrome": 122},
    "txt": {"title": 114, "published": 116, "source": 110, "lang": 74, "body": 121, "chrome": 116},
}
#: Pages in languages qidir does not analyse that must get a code outside its six.
OTHER_LANGUAGE_FLOORS = {"html": 51, "txt": 51}
SIX = frozenset({"en", "ru", "uz", "kk", "az", "tr"})


def _realpages() -> Path | None:
    candidates = [Path(os.environ["QIDIR_SHARED"])] if os.environ.get("QIDIR_SHARED") else []
    candidates += [REPO.parent / "shared", Path("/work/shared")]
    for candidate in candidates:
        if (candidate / "realpages" / "gold.jsonl").is_file():
            return candidate / "realpages"
    return None


REALPAGES = _realpages()
pytestmark = pytest.mark.skipif(
    REALPAGES is None,
    reason="shared/realpages (the real-page development set) is not beside the checkout",
)


def _scorer() -> ModuleType:
    assert REALPAGES is not None
    spec = importlib.util.spec_from_file_location("realpages_score", REALPAGES / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(version: str, name: str) -> Document | None:
    assert REALPAGES is not None
    root = REALPAGES / version
    path = root / f"{name}.{version}"
    docs = [d for d in read_documents(root, path) if isinstance(d, Document)]
    return docs[0] if docs else None


@cache
def _results(version: str) -> tuple[Counter[str], dict[str, list[str]], int]:
    """Passes per field, the failing pages per field, and other-language pages kept apart."""
    assert REALPAGES is not None
    judge = _scorer().judge
    passes: Counter[str] = Counter()
    failures: dict[str, list[str]] = {}
    apart = 0
    for line in (REALPAGES / "gold.jsonl").read_text("utf-8").splitlines():
        gold = json.loads(line)
        doc = _read(version, gold["name"])
        as_dict = None if doc is None else {
            "title": doc.title, "published": doc.published, "source": doc.source,
            "lang": doc.lang, "text": doc.text,
        }
        for field, (ok, _why) in judge(version, gold, as_dict).items():
            if ok:
                passes[field] += 1
            else:
                failures.setdefault(field, []).append(gold["name"])
        if gold["lang"] not in SIX and doc is not None and doc.lang not in SIX:
            apart += 1
    return passes, failures, apart


@pytest.mark.parametrize(
    ("version", "field"),
    [(version, field) for version, fields in FLOORS.items() for field in fields],
)
def test_field_floor(version: str, field: str) -> None:
    passes, failures, _ = _results(version)
    floor = FLOORS[version][field]
    assert passes[field] >= floor, (
        f"{version} {field}: {passes[field]} pages pass, the floor is {floor}; "
        f"failing now: {', '.join(failures.get(field, []))}"
    )


@pytest.mark.parametrize("version", ["html", "txt"])
def test_other_languages_are_not_labelled_as_one_of_the_six(version: str) -> None:
    _, _, apart = _results(version)
    assert apart >= OTHER_LANGUAGE_FLOORS[version]
