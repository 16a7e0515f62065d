"""What `qidir analyze` and GET /api/analyze show: parts, languages and per-field tokens."""

from __future__ import annotations

from typing import Any

from qidir import analyzers


def analysis_report(text: str, lang: str | None = None) -> dict[str, Any]:
    lang_doc, script_doc = analyzers.detect_language(text)
    parts = [{"start": p.start, "end": p.end, "lang": p.lang, "script": p.script,
              "text": text[p.start:p.end]} for p in analyzers.detect_parts(text)]

    def tokens(items: list[analyzers.Token]) -> list[dict[str, Any]]:
        return [{"term": t.term, "surface": text[t.start:t.end], "pos": t.pos,
                 "start": t.start, "end": t.end} for t in items]

    return {
        "text": text,
        "lang": lang or lang_doc,
        "script": script_doc,
        "parts": parts,
        "fields": {
            "text": tokens(analyzers.analyze(text, lang=lang)),
            "names": tokens(analyzers.analyze_names(text)),
        },
    }
