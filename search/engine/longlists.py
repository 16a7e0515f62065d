"""Long posting lists stored a second time beside their segment, as compressed arrays, so
that a search reads their document numbers and weights with one decompression and numpy
instead of decoding Whoosh's blocks one at a time.

Reading a word's postings for the first time was still the largest part of a faceted search
at 100k documents after :mod:`blocks` (a fifth of it, py-spy), and three fifths of that went
to lists of more than a thousand postings: Whoosh stores a list as blocks of 128 postings,
each a compressed pickle read with several Python calls. Here every list of more than one
block of a scored field (``title``, ``text``, ``names``) is written once more when a
segment is written: its id gaps as the narrowest unsigned integers that hold them, its
weights as bytes when they are small whole numbers (term frequencies, times the field's
whole-number boost) and as float32 otherwise (which is what Whoosh's blocks hold), the two
arrays compressed together with zlib. A list of 15,000 postings then reads in about 0.1 ms
instead of 1.5.

The file is ``<segment id>.qlong`` in the generation's folder: that name matches Whoosh's
pattern for a segment's files, so Whoosh's own clean-up deletes it with its segment after a
merge, and a generation forked for ``index add`` hard-links it like the segment. Positions
are not kept (phrases read Whoosh's blocks). A segment without the file (an index built
before it existed, or a file that failed to write) is read from Whoosh's blocks as before:
the file only makes reading faster, the answers are the same (tested on every list).
"""

from __future__ import annotations

import mmap
import os
import pickle
import struct
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from qidir.search.engine import blocks

SUFFIX = ".qlong"
MAGIC = b"QIDIR-LONG-LISTS-1\n"
#: Lists of at least this many postings (more than one of Whoosh's blocks of 128).
MIN_POSTINGS = 129
#: Fields whose lists are kept: the ones scoring reads (not the facets' keyword fields).
FIELDS = ("title", "text", "names")
_TRAILER = struct.Struct("<Q")
#: zlib level: the file is written once per segment; reading speed is the same at any level.
_LEVEL = 6


def path_for(gen: Path, segment_id: str) -> Path:
    return gen / f"{segment_id}{SUFFIX}"


def write_missing(gen: Path) -> list[Path]:
    """Write the file of every segment of the generation that has none (after a commit:
    a rebuild's segments, or the new and merged ones of ``index add``); the files written."""
    from whoosh import index as windex

    written = []
    ix = windex.open_dir(str(gen))
    with ix.reader() as reader:
        for sub, _offset in reader.leaf_readers():
            path = path_for(gen, sub.segment().segment_id())
            if not path.exists():
                _write(sub, path)
                written.append(path)
    return written


def _write(reader: Any, path: Path) -> None:
    """One segment's long lists, written to a hidden file and renamed into place."""
    postfile = reader._terms._postfile  # noqa: SLF001 - Whoosh's posting file, read as blocks does
    schema = reader.schema
    tmp = path.with_name(f".{path.name}.tmp")
    index: dict[tuple[str, bytes], tuple[int, int, int, str, str]] = {}
    with open(tmp, "wb") as out:
        out.write(MAGIC)
        pos = len(MAGIC)
        for fieldname in FIELDS:
            if fieldname not in schema:
                continue
            fmt = schema[fieldname].format
            for btext, info in reader.iter_field(fieldname):
                if info.doc_frequency() < MIN_POSTINGS or info.is_inlined():
                    continue
                ids, weights = blocks.read(postfile, *info.extent(), fmt)
                blob, id_type, weight_type = _encode(ids, weights)
                out.write(blob)
                index[(fieldname, btext)] = (pos, len(blob), len(ids), id_type, weight_type)
                pos += len(blob)
        out.write(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
        out.write(_TRAILER.pack(pos))
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


def _encode(ids: np.ndarray, weights: np.ndarray) -> tuple[bytes, str, str]:
    gaps = np.diff(ids, prepend=0)
    top = int(gaps.max()) if len(gaps) else 0
    id_type = "<u1" if top < 1 << 8 else "<u2" if top < 1 << 16 else "<u4"
    small = weights.astype(np.uint8)
    weight_type = "<u1" if np.array_equal(small, weights) else "<f4"
    raw = gaps.astype(id_type).tobytes() + weights.astype(weight_type).tobytes()
    return zlib.compress(raw, _LEVEL), id_type, weight_type


class LongLists:
    """One segment's file, opened: the long lists of its terms by (field, term bytes)."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        if self._map[:len(MAGIC)] != MAGIC:
            raise ValueError(f"{path}: not a long-lists file")
        (start,) = _TRAILER.unpack_from(self._map, len(self._map) - _TRAILER.size)
        self._index: dict[tuple[str, bytes], tuple[int, int, int, str, str]] = pickle.loads(
            self._map[start:len(self._map) - _TRAILER.size])

    @classmethod
    def open(cls, gen: Path, segment_id: str) -> LongLists | None:
        """The segment's file, or None when it has none or it cannot be read (then its
        lists are read from Whoosh's blocks)."""
        path = path_for(gen, segment_id)
        try:
            return cls(path)
        except (OSError, ValueError, pickle.UnpicklingError, struct.error, EOFError):
            return None

    def __len__(self) -> int:
        return len(self._index)

    def get(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """(docnums, weights as float64) of a long list; None for a list not kept here."""
        entry = self._index.get((fieldname, btext))
        if entry is None:
            return None
        start, length, count, id_type, weight_type = entry
        raw = zlib.decompress(self._map[start:start + length])
        ids = np.cumsum(np.frombuffer(raw, dtype=id_type, count=count), dtype=np.int64)
        weights = np.frombuffer(raw, dtype=weight_type, count=count,
                                offset=count * np.dtype(id_type).itemsize)
        return ids, weights.astype(np.float64)
