"""What an index holds, independent of how it was written: the check that an indexing
speed-up changed nothing.

Two builds of one corpus differ in document numbers and segments (which worker took which
batch), never in content. The digest keys everything by document id: per field and term,
each document's weight and posting value (positions); each document's stored fields and
field lengths; the lexicon's tables, sorted. Equal digests mean the same index, term by term.

    python -m benchmarks.index_digest INDEX_DIR [OTHER_INDEX_DIR]

prints one hash per part (and whether the two indexes are the same).
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from pathlib import Path
from typing import Any

from whoosh import index as windex

from qidir.search.engine import lexicon, store


def _generation(root: Path) -> Path:
    """An index root (its live generation) or a generation folder itself."""
    return store.live_generation(root) or root


def index_content(root: Path) -> dict[str, Any]:
    """The index's content keyed by document id (see the module's docstring)."""
    gen = _generation(root)
    ix = windex.open_dir(str(gen))
    out: dict[str, Any] = {"postings": {}, "stored": {}, "lengths": {}, "lexicon": {}}
    with ix.reader() as reader:
        ids = {docnum: stored["id"] for docnum, stored in reader.iter_docs()}
        for _, stored in reader.iter_docs():
            out["stored"][stored["id"]] = sorted((k, repr(v)) for k, v in stored.items())
        scorable = [name for name, field in ix.schema.items() if field.scorable]
        for docnum, doc_id in ids.items():
            out["lengths"][doc_id] = [reader.doc_field_length(docnum, name, 0)
                                      for name in scorable]
        for fieldname, tbytes in reader.all_terms():
            matcher = reader.postings(fieldname, tbytes)
            rows = []
            while matcher.is_active():
                docnum = matcher.id()
                if not reader.is_deleted(docnum):
                    rows.append((ids[docnum], matcher.weight(), matcher.value()))
                matcher.next()
            out["postings"][(fieldname, tbytes)] = sorted(rows)
    path = gen / lexicon.FILENAME
    if path.is_file():
        con = sqlite3.connect(path)
        try:
            for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "ORDER BY name"):
                out["lexicon"][table] = sorted(con.execute(f"SELECT * FROM {table}"))
        finally:
            con.close()
    return out


def digest(root: Path) -> dict[str, str]:
    """One SHA-256 per part of :func:`index_content`, and the number of items in each."""
    content = index_content(root)
    out: dict[str, str] = {}
    for part, value in content.items():
        h = hashlib.sha256()
        for key in sorted(value, key=repr):
            h.update(repr((key, value[key])).encode())
        out[part] = f"{h.hexdigest()[:16]} ({len(value)} items)"
    return out


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__.strip().splitlines()[-3], file=sys.stderr)
        return 2
    digests = [digest(Path(a)) for a in argv]
    for part in digests[0]:
        print(part, *(d[part] for d in digests), sep="\t")
    if len(digests) == 2:
        same = digests[0] == digests[1]
        print("same index" if same else "DIFFERENT")
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
