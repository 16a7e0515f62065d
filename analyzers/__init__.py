"""Language analysis for qidir: text -> tokens, in plain Python (no Whoosh).

The public interface is documented in docs/ARCHITECTURE.md; the modules behind it (normalize,
tokenize, detect, english, russian, uzbek, kazakh, azerbaijani, turkish, names, pipeline) are
small steps the pipeline composes.
"""

from qidir.analyzers.detect import Part, detect_language, detect_parts, script_of
from qidir.analyzers.pipeline import (
    LANGUAGES,
    Analysis,
    QueryForms,
    Token,
    analysis_language,
    analyze,
    analyze_all,
    analyze_names,
    language_hint,
    query_forms,
    query_readings,
)
from qidir.analyzers.tokenize import tokenize

__all__ = [
    "LANGUAGES",
    "Analysis",
    "Part",
    "QueryForms",
    "Token",
    "analysis_language",
    "analyze",
    "analyze_all",
    "analyze_names",
    "detect_language",
    "detect_parts",
    "language_hint",
    "query_forms",
    "query_readings",
    "script_of",
    "tokenize",
]
