"""Language analysis for qidir: text -> tokens, in plain Python (no Whoosh).

The public interface is fixed in docs/ARCHITECTURE.md; everything else in this package is
an implementation detail that may change.
"""

from qidir.analyzers.pipeline import (
    Part,
    QueryForms,
    Token,
    analyze,
    analyze_names,
    detect_language,
    detect_parts,
    query_forms,
)

__all__ = [
    "Part",
    "QueryForms",
    "Token",
    "analyze",
    "analyze_names",
    "detect_language",
    "detect_parts",
    "query_forms",
]
