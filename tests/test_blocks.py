"""search/engine/blocks.py reads the ids and weights Whoosh's own block reader reads.

The reader cuts each block's pickle before its values, so what can go wrong is where it
cuts: blocks of up to 3 postings (tuples pickled without a MARK), id gaps that pickle as 1, 2
or 4 bytes, weights stored as None, one float or a tuple, formats whose values are one
string per posting (positions), one joined string (frequencies) or nothing (existence),
compressed or not, and lists of several blocks. Each case is written with Whoosh's own
posting writer and compared, posting for posting, with Whoosh's ``W3LeafMatcher``.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from whoosh import formats
from whoosh.codec.whoosh3 import W3LeafMatcher, W3PostingsWriter, W3TermInfo
from whoosh.filedb.filestore import RamStorage
from whoosh.system import pack_uint

from qidir.search.engine import blocks

FORMATS = {"positions": formats.Positions(), "frequency": formats.Frequency(),
           "existence": formats.Existence()}
WEIGHTS = ("ones", "same", "mixed")


def _postings(count: int, gap: int, weights: str, seed: int) -> list[tuple[int, float, list[int]]]:
    rng = random.Random(seed)
    out, doc = [], rng.randrange(gap)
    for _ in range(count):
        positions = sorted(rng.sample(range(400), rng.randint(1, 4)))
        weight = {"ones": 1.0, "same": 3.0}.get(weights, float(len(positions)))
        out.append((doc, weight, positions))
        doc += 1 + rng.randrange(gap)
    return out


def _written(fmt: formats.Format, postings: list[tuple[int, float, list[int]]],
             compression: int) -> tuple[object, int, int]:
    """The posting list as Whoosh writes it: (file, offset, length)."""
    storage = RamStorage()
    out = storage.create_file("postings")
    out.write(b"\0" * 7)  # a list that does not start at 0
    writer = W3PostingsWriter(out, 128, compression=compression)
    writer.start_postings(fmt, W3TermInfo())
    for doc, weight, positions in postings:
        value = fmt.encode(positions) if isinstance(fmt, formats.Positions) else (
            pack_uint(int(weight)) if isinstance(fmt, formats.Frequency) else b"")
        writer.add_posting(doc, weight, value)
    info = writer.finish_postings()
    out.close()
    offset, length = info.extent()
    return storage.open_file("postings"), offset, length


def _whoosh(postfile: object, offset: int, length: int, fmt: formats.Format
            ) -> tuple[list[int], list[float]]:
    m = W3LeafMatcher(postfile, offset, length, fmt)
    ids, weights = [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(float(m.weight()))
        m.next()
    return ids, weights


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 127, 128, 129, 300])
@pytest.mark.parametrize("gap", [1, 300, 70_000])  # id deltas of 1, 2 and 4 bytes
@pytest.mark.parametrize("weights", WEIGHTS)
@pytest.mark.parametrize("compression", [3, 0])
def test_same_ids_and_weights_as_whoosh(fmt: str, count: int, gap: int, weights: str,
                                        compression: int) -> None:
    f = FORMATS[fmt]
    postfile, offset, length = _written(f, _postings(count, gap, weights, count + gap), compression)
    ids, w = blocks.read(postfile, offset, length, f)
    want_ids, want_w = _whoosh(postfile, offset, length, f)
    assert ids.dtype == np.int64 and w.dtype == np.float64
    assert ids.tolist() == want_ids
    assert w.tolist() == want_w


@pytest.mark.parametrize("fmt", ["positions", "frequency"])
@pytest.mark.parametrize("count", [1, 2, 3, 4, 300])
def test_values_are_not_unpickled(fmt: str, count: int, monkeypatch: pytest.MonkeyPatch
                                  ) -> None:
    """The point of the module: a block is read without unpickling its values (a
    ``_codecs.encode`` call per posting for positions, one per block for frequencies) nor
    decompressing them."""
    import _codecs
    import zlib

    f = FORMATS[fmt]
    postfile, offset, length = _written(f, _postings(count, 3, "mixed", 1), 3)
    calls: list[tuple] = []
    real = _codecs.encode
    monkeypatch.setattr(_codecs, "encode", lambda *a: calls.append(a) or real(*a))
    _whoosh(postfile, offset, length, f)
    blocks_of = -(-count // 128)
    assert len(calls) == (count if fmt == "positions" else blocks_of)  # Whoosh's reader
    calls.clear()
    monkeypatch.setattr(zlib, "decompress", lambda *a: calls.append(a) or b"")
    ids, _ = blocks.read(postfile, offset, length, f)
    assert len(ids) == count
    assert calls == []


def test_not_a_posting_list_is_an_error() -> None:
    storage = RamStorage()
    out = storage.create_file("x")
    out.write(b"not postings at all")
    out.close()
    with pytest.raises(ValueError, match="no W3 posting list at offset 0"):
        blocks.read(storage.open_file("x"), 0, 19, FORMATS["positions"])


def test_every_term_of_an_index(tmp_path) -> None:
    """Every written posting list of every field of a real qidir index (the sample corpus)
    reads the same as Whoosh reads it."""
    from testsupport import SAMPLE

    from qidir.search.engine import indexer, searching, store

    indexer.rebuild(tmp_path, [SAMPLE])
    version = searching.IndexVersion(store.require_generation(tmp_path))
    checked = 0
    for reader, _ in version.reader().leaf_readers():
        postfile = reader._terms._postfile
        for fieldname, text in reader.all_terms():
            info = reader.term_info(fieldname, text)
            if info.is_inlined():
                continue
            fmt = reader.schema[fieldname].format
            ids, w = blocks.read(postfile, *info.extent(), fmt)
            want_ids, want_w = _whoosh(postfile, *info.extent(), fmt)
            assert (ids.tolist(), w.tolist()) == (want_ids, want_w), (fieldname, text)
            checked += 1
    assert checked > 300
