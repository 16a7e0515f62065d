"""A term's document numbers and weights read from Whoosh's W3 posting blocks, without
decoding the positions stored beside them.

A W3 block's data is one zlib-compressed pickle (protocol 2) of ``(ids, weights, values)``.
For a field with positions, ``values`` holds one pickled position list per posting, each
written as a ``bytes``, which protocol 2 stores as a call of ``_codecs.encode`` on a string:
unpickling a block makes one Python call per posting for data that scoring never reads.
Those values were about two thirds of the unpickling and of the decompressed bytes, and
the unpickling a fifth of a faceted search at 100k documents (cProfile, bench queries).

Here each block is decompressed only as far as the start of its values (``zlib`` stops at
``max_length``) and the pickle is cut there: its first two items end just before the first
``_codecs encode`` global (ids are small integers and weights floats, whose opcodes cannot
spell it), and a ``TUPLE2`` and ``STOP`` close what is left, so the C unpickler reads the same
ids and weights Whoosh's reader would. A block laid out otherwise (no values, an empty
one) is read whole, as Whoosh reads it. Block headers are parsed from the posting list's
bytes, read once, instead of one seek and read per block.

The result is the same as Whoosh's ``W3LeafMatcher`` gives, posting for posting (tested on
every term of every field of an index); positions are still Whoosh's to read (phrases).
"""

from __future__ import annotations

import io
import pickle
import struct
import zlib
from collections.abc import Iterator
from itertools import chain
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC

#: The opcodes that open a block's values: protocol 2's ``bytes`` (GLOBAL _codecs encode).
_VALUES_GLOBAL = b"c_codecs\nencode\n"
_MARK = ord("(")
#: Protocol 2 pickles a tuple of up to 3 items without a MARK (TUPLE1..TUPLE3).
_SHORT_TUPLE = 3
#: Closes the cut pickle: TUPLE2 of (ids, weights), then STOP.
_CLOSE = b"\x86."
#: Decompressed bytes that always hold a block's ids and weights and the start of its
#: values: per posting at most 5 (an id delta as BININT) + 9 (a BINFLOAT weight), plus the
#: protocol header, marks, tuple ends, memo puts and the values' global.
_FIXED_BYTES = 64
_PER_POSTING = 14
_BLOCK_LENGTH = struct.Struct("!i")
_load = pickle.load
_loads = pickle.loads


def list_bytes(postfile: Any, offset: int, length: int | tuple[int]) -> bytes:
    """The bytes of the posting list at ``offset`` (a term info's ``extent()``), checked to
    start as one; ValueError otherwise."""
    if isinstance(length, tuple):
        # A term info read back from a terms file has its length as unpack_int's tuple
        # (W3TermInfo.from_bytes); Whoosh's own reader never looks at the length.
        (length,) = length
    data = postfile.get(offset, length)
    if data[:4] != WHOOSH3_HEADER_MAGIC:
        raise ValueError(f"no W3 posting list at offset {offset}")
    return bytes(data)


def walk(data: bytes) -> Iterator[tuple[int, int, int, int, int]]:
    """Each block of a posting list's bytes (:func:`list_bytes`), in order: (its number of
    postings, its last docnum, its zlib level (0: not compressed), where its data starts,
    where it ends). A block is an int (its length, negative for the last one), a pickled
    header, then the pickled (ids, weights, values) (``whoosh3.W3LeafMatcher._goto``)."""
    f = io.BytesIO(data)
    pos = 4
    while pos < len(data):
        (size,) = _BLOCK_LENGTH.unpack_from(data, pos)
        end = pos + 4 + abs(size)
        f.seek(pos + 4)
        count, maxid, _maxweight, compression, _minlen, _maxlen = _load(f)
        yield count, maxid, compression, f.tell(), end
        if size < 0:
            return
        pos = end


def read(postfile: Any, offset: int, length: int | tuple[int], fmt: Any
         ) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, weights) of the posting list at ``offset`` (a term info's ``extent()``) of a
    field of format ``fmt``, with the weights as Whoosh's block reader gives them: float32
    values as float64, 1.0 where the block stores none."""
    data = list_bytes(postfile, offset, length)
    # Values of a variable size are pickled as a tuple (a MARK opens one of 4+ items);
    # fixed-size values as one joined string (see W3PostingsWriter._mini_values).
    size = fmt.fixed_value_size()
    tupled = size is None or size < 0
    deltas: list[Any] = []
    weights: list[Any] = []
    counts: list[int] = []
    #: The last docnum of the block before each block (a block's ids restart from 0).
    before: list[int] = []
    last_id = 0
    for count, maxid, compression, start, end in walk(data):
        raw_ids, raw_w = _ids_weights(data[start:end], count, compression, tupled)
        deltas.append(raw_ids)
        if raw_w is None:
            weights.append((1.0,) * count)
        elif isinstance(raw_w, float):
            weights.append((float(np.float32(raw_w)),) * count)
        else:
            weights.append(raw_w)
        counts.append(count)
        before.append(last_id)
        last_id = maxid
    total = sum(counts)
    # One conversion for the whole list: each block's first id is absolute, the rest are
    # gaps; made a gap from the block before's last id, one running sum gives every id.
    gaps = np.fromiter(chain.from_iterable(deltas), dtype=np.int64, count=total)
    if len(counts) > 1:
        gaps[np.cumsum(counts[:-1])] -= np.array(before[1:], dtype=np.int64)
    return (np.cumsum(gaps),
            np.fromiter(chain.from_iterable(weights), dtype=np.float64, count=total))


def _ids_weights(block: bytes, count: int, compression: int, tupled: bool
                 ) -> tuple[Any, Any]:
    """A block's (delta-coded ids, weights) as pickled, its values left unread."""
    limit = _FIXED_BYTES + count * _PER_POSTING
    head = (zlib.decompressobj().decompress(block, limit) if compression
            else block[:limit])
    cut = head.find(_VALUES_GLOBAL)
    marked = tupled and count > _SHORT_TUPLE
    if marked:
        cut -= 1
    if cut > 0 and (not marked or head[cut] == _MARK):
        ids, weights = _loads(head[:cut] + _CLOSE)
        return ids, weights
    data = _loads(zlib.decompress(block) if compression else block)
    return data[0], data[1]
