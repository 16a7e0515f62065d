"""Sets of document numbers (or packed keys) as sorted numpy arrays.

``np.unique`` and ``np.union1d`` find distinct values by hashing in numpy 2, then sort
them; a sort and one comparison of neighbours gives the same array 2–5x faster on the
short lists a search joins (the scorer's sparse nodes, a phrase's spans).
"""

from __future__ import annotations

import numpy as np


def distinct(keys: np.ndarray) -> np.ndarray:
    """The sorted distinct values of ``keys`` (``np.unique``)."""
    keys = np.sort(keys)
    keep = np.empty(len(keys), dtype=bool)
    keep[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=keep[1:])
    return keys[keep]


def union(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Every value of ``a`` or ``b`` once, sorted (``np.union1d``)."""
    return distinct(np.concatenate((a, b)))
