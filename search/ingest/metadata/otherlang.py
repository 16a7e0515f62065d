"""Languages qidir does not analyse: tell them apart from its six instead of forcing one.

The analyzers' detector only knows qidir's six languages, so on a Ukrainian page it can
only answer "Kazakh" and on a Spanish one "Turkish". A general detector (lingua, 75
languages, low-accuracy mode: about 8 ms a document and 75 MB a process) is asked
*second*: when it is sure the text is a language outside the six, that language wins;
when it names one of the six (or a language it confuses with Uzbek, which it does not
know), the analyzers' answer stands, since the analyzers tell Uzbek from Kazakh and
Azerbaijani from Turkish better. A few writing systems belong to one language that lingua
lacks (Burmese, Khmer, …): a text written mostly in one of them is that language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

#: qidir's own languages: the analyzers decide among these.
OWN_LANGUAGES = frozenset({"en", "ru", "uz", "kk", "az", "tr"})

#: Below this confidence lingua's "another language" is not trusted: the page is ``und``.
MIN_CONFIDENCE = 0.5

#: English text whose words are at least this share English function words is English: on
#: the development set English pages score 0.2-0.5 and pages in other languages that the
#: analyzers call English at most 0.08. Skipping lingua there saves its cost on the
#: commonest case. (No such shortcut for the other five: Bulgarian and Ukrainian share
#: Russian's function words, Turkish ones are few.)
ENGLISH_SHARE = 0.2

#: How much text the detector reads (the start of an article says its language).
SAMPLE_CHARS = 1500

#: Writing systems used by one language that lingua does not know (Unicode script name
#: prefix as in unicodedata.name → ISO 639-1).
SCRIPT_LANGUAGES: dict[str, str] = {
    "MYANMAR": "my",
    "KHMER": "km",
    "LAO": "lo",
    "SINHALA": "si",
    "ETHIOPIC": "am",
    "TIBETAN": "bo",
    "MALAYALAM": "ml",
    "KANNADA": "kn",
    "ORIYA": "or",
}

# Uzbek's own letters: oʻ/gʻ digraphs in Latin, ў and ҳ in Cyrillic. Lingua has no Uzbek
# and reads Uzbek Latin as Azerbaijani and Uzbek Cyrillic as Bulgarian; with these letters
# present, the analyzers' "uz" stands whatever lingua says.
_UZ_MARKS = re.compile(r"[oOgG][ʻʼ'‘’`]|[ўҳЎҲ]")
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _detector() -> Any:
    """The lingua detector, built once per process (None when lingua is not installed)."""
    try:
        from lingua import LanguageDetectorBuilder
    except ImportError:  # pragma: no cover - lingua is a declared dependency
        return None
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def script_language(text: str) -> str | None:
    """The language of a text written mostly in a one-language script lingua lacks."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    counts: dict[str, int] = {}
    for ch in letters:
        name = unicodedata.name(ch, "")
        for prefix, code in SCRIPT_LANGUAGES.items():
            if name.startswith(prefix):
                counts[code] = counts.get(code, 0) + 1
                break
    if not counts:
        return None
    code, n = max(counts.items(), key=lambda kv: kv[1])
    return code if n * 2 >= len(letters) else None


#: Enough sentences to judge a language by them alone.
MIN_SENTENCE_CHARS = 100
_SENTENCE_LINE = re.compile(r"^\W*\w.*[.!?…。][\"'»”’)]*$")


def _sentences_first(text: str) -> str:
    """The text's sentences (lines of five words or more that end like one), when there
    are enough of them: a table of names and numbers says nothing of the page's language
    (a standings table of American drivers on a Portuguese page read as English)."""
    lines = [ln.strip() for ln in text.splitlines()]
    sentences = [ln for ln in lines if len(ln.split()) >= 5 and _SENTENCE_LINE.match(ln)]
    joined = "\n".join(sentences)
    return joined if len(joined) >= MIN_SENTENCE_CHARS else text


def looks_uzbek(text: str) -> bool:
    """True when Uzbek-only letters are frequent enough to be more than a name or two."""
    words = len(_WORD.findall(text))
    return bool(words) and len(_UZ_MARKS.findall(text)) * 40 >= words


def _english_share(text: str) -> float:
    from qidir.analyzers.normalize import fold
    from qidir.analyzers.wordlists import FREQ

    words = [fold(w) for w in _WORD.findall(text)]
    return sum(w in FREQ["en"] for w in words) / len(words) if words else 0.0


def other_language(text: str, own: str) -> str | None:
    """The language to report instead of ``own`` (the analyzers' answer), or None to keep it.

    Returns an ISO 639-1 code outside the six, ``und`` when the text is plainly not one
    of the six but no language is sure, or None when ``own`` should stand.
    """
    sample = _sentences_first(text)[:SAMPLE_CHARS]
    by_script = script_language(sample)
    if by_script:
        return by_script
    detector = _detector()
    if detector is None or not sample.strip():
        return None
    if own == "uz" and looks_uzbek(sample):
        return None
    if own == "en" and _english_share(sample) >= ENGLISH_SHARE:
        return None
    values = detector.compute_language_confidence_values(sample)
    if not values:
        return None
    top = values[0]
    code = top.language.iso_code_639_1.name.lower()
    if code in OWN_LANGUAGES:
        return None
    return code if top.value >= MIN_CONFIDENCE else "und"
