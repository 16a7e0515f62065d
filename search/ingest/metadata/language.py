"""Document language and script, plus a cheap per-line guess used by chrome removal.

The document's language comes from the analyzers' detector (one detector for the whole
product); the per-line guess only has to tell "same language as the body or not" for
short footer lines, which a letter-and-function-word check does well enough.
"""

from __future__ import annotations

import re
import unicodedata

from qidir.analyzers import script_of
from qidir.search.ingest.metadata.otherlang import other_language

# Letters that only one of our languages uses (within its script).
_KK_LETTERS = set("әөүұіңһӘӨҮҰІҢҺ")
_UZ_CYRL_LETTERS = set("ўҳЎҲ")
_AZ_LETTERS = set("əƏ")
_TR_AZ_LETTERS = set("ğışİĞŞ")
_UZ_LATN = re.compile(r"[oOgG][ʻʼ'‘’`]")

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is was for on with that by as at from are has have".split()),
    "ru": frozenset("и в на не что с по как из за от для это был была были его о к".split()),
    "uz": frozenset(
        "va bilan uchun bu bo'yicha haqida ham ва билан учун бу бўйича ҳақида ҳам деб дея".split()
    ),
    "kk": frozenset("және мен бен пен үшін бұл деп туралы да де".split()),
    "az": frozenset("və ilə üçün bu da də isə olan olunub edib".split()),
    "tr": frozenset("ve ile için bu da de bir olarak olan ancak gibi".split()),
}


def guess_language(text: str) -> str:
    """A light guess ('en', 'ru', 'uz', 'kk', 'az', 'tr' or 'und') for short stretches.

    Used where the analyzers' detector is unavailable and for comparing a footer line
    with the body; distinctive letters decide first, function words second.
    """
    text = unicodedata.normalize("NFC", text)
    script = script_of(text)
    if script == "Zyyy":
        return "und"
    letters = set(text)
    words = re.findall(r"[\w'ʻʼ‘’]+", text.lower())
    scores = {lang: sum(w in fw for w in words) for lang, fw in _FUNCTION_WORDS.items()}
    if script == "Cyrl":
        if letters & _UZ_CYRL_LETTERS:
            return "uz"
        kk = len([c for c in text if c in _KK_LETTERS])
        if kk >= 2 or (kk and scores["kk"]):
            return "kk"
        if scores["uz"] > scores["ru"]:
            return "uz"
        return "ru"
    if letters & _AZ_LETTERS:
        return "az"
    if _UZ_LATN.search(text) and scores["uz"] >= scores["en"]:
        return "uz"
    if letters & _TR_AZ_LETTERS or set("çöüÇÖÜ") & letters:
        return "az" if scores["az"] > scores["tr"] else "tr"
    best = max(("en", "uz", "tr", "az"), key=lambda lang: scores[lang])
    return best if scores[best] else "und"


def line_language(text: str) -> str:
    """Language of one line or paragraph, for comparing page parts with the body.

    The analyzers' detector knows the languages' vocabularies; the local guess stands
    in when it is unavailable or has no opinion.
    """
    try:
        from qidir.analyzers import detect_language

        lang = detect_language(text)[0]
    except Exception:  # noqa: BLE001 - detection is advisory here
        lang = "und"
    return lang if lang and lang != "und" else guess_language(text)


#: A main text shorter than this says too little alone: the headline is read with it.
SHORT_TEXT = 200


def page_language(title: str | None, text: str) -> tuple[str, str]:
    """The language of a page from its main text, with its headline when the text is short
    (a paywalled lead, a video page's caption, a page reduced to a few labels)."""
    if len(text) < SHORT_TEXT and title:
        return document_language(f"{title}\n\n{text}" if text else title)
    return document_language(text)


def document_language(text: str) -> tuple[str, str]:
    """Majority (lang, script) of the main text.

    The analyzers' detector is the product's one source of truth among qidir's six
    languages; the local guess is only a fallback so that ingestion never fails because
    detection did. A text in another language gets that language's code (or ``und``)
    from :mod:`otherlang`, never one of the six.
    """
    if not text.strip():
        return "und", "Zyyy"
    try:
        from qidir.analyzers import detect_language

        lang, script = detect_language(text)
    except Exception:  # noqa: BLE001 - any failure of the detector falls back, never aborts
        lang, script = "und", ""
    if not lang or lang == "und":
        lang = guess_language(text)
    if not script or script == "Zyyy":
        script = script_of(text)
    other = other_language(text, lang)
    if other is not None:
        lang = other
    return lang, script
