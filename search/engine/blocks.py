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


def read(postfile: Any, offset: int, length: int | tuple[int]) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, weights) of the posting list at ``offset`` (a term info's ``extent()``),
    with the weights as Whoosh's block reader gives them: float32 values as float64, 1.0
    where the block stores none."""
    if isinstance(length, tuple):
        # A term info read back from a terms file has its length as unpack_int's tuple
        # (W3TermInfo.from_bytes); Whoosh's own reader never looks at the length.
        (length,) = length
    data = postfile.get(offset, length)
    if data[:4] != WHOOSH3_HEADER_MAGIC:
        raise ValueError(f"no W3 posting list at offset {offset}")
    f = io.BytesIO(data)
    pos = 4
    ids_parts: list[np.ndarray] = []
    w_parts: list[np.ndarray] = []
    while True:
        (size,) = _BLOCK_LENGTH.unpack_from(data, pos)
        last = size < 0
        end = pos + 4 + abs(size)
        f.seek(pos + 4)
        count, _maxid, _maxweight, compression, _minlen, _maxlen = pickle.load(f)
        raw_ids, raw_w = _ids_weights(data[f.tell():end], count, compression)
        ids_parts.append(np.cumsum(np.array(raw_ids, dtype=np.int64)))
        if raw_w is None:
            w_parts.append(np.ones(count, dtype=np.float64))
        elif isinstance(raw_w, float):
            w_parts.append(np.full(count, np.float32(raw_w), dtype=np.float64))
        else:
            w_parts.append(np.asarray(raw_w, dtype=np.float64))
        if last:
            break
        pos = end
    if len(ids_parts) == 1:
        return ids_parts[0], w_parts[0]
    return np.concatenate(ids_parts), np.concatenate(w_parts)


def _ids_weights(block: bytes, count: int, compression: int) -> tuple[Any, Any]:
    """A block's (delta-coded ids, weights) as pickled, its values left unread."""
    limit = _FIXED_BYTES + count * _PER_POSTING
    head = (zlib.decompressobj().decompress(block, limit) if compression
            else block[:limit])
    cut = head.find(_VALUES_GLOBAL)
    if count > _SHORT_TUPLE:
        cut -= 1  # a longer tuple of values opens with a MARK
    if cut > 0 and (count <= _SHORT_TUPLE or head[cut] == _MARK):
        ids, weights = pickle.loads(head[:cut] + _CLOSE)
        return ids, weights
    data = pickle.loads(zlib.decompress(block) if compression else block)
    return data[0], data[1]
