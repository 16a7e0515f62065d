"""Bytes of unknown encoding to text, without dropping the region's legacy encodings.

News archives from Central Asia and the Caucasus are full of cp1251 and koi8-r files (and
some cp866, cp1254 for Turkish/Azerbaijani). UTF-8 is tried first. Otherwise
charset-normalizer proposes encodings; on long texts it is reliable, but on a headline or
a short note it often picks a wrong code page (a Japanese or DOS one for Cyrillic bytes),
because a few dozen bytes carry little statistical evidence. So its guess competes with
the region's legacy encodings, and each decoding is scored for plausibility:

* characters no article contains (C0/C1 controls, box drawing, half-width kana, CJK,
  private use, U+FFFD) disqualify a decoding;
* a word that mixes Latin and Cyrillic letters, or has a lower-case letter followed by an
  upper-case one ("пРИВЕТ" — what cp1251 bytes look like read as koi8-r), costs points;
* Cyrillic letters earn their log frequency in running text, so the true code page (where
  о, е, а, и, н are common) beats a permutation of it (cp1251 vs koi8-r map the same bytes
  to different letters).
"""

from __future__ import annotations

import math
import re
import unicodedata

#: Encodings worth trying for this corpus, after UTF-8, in order of prior likelihood.
LEGACY_ENCODINGS = ("cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic", "iso8859_5",
                    "cp1254", "iso8859_9", "cp1252")

# Relative frequency (per thousand letters) of Cyrillic letters in Russian running text;
# letters of Uzbek/Kazakh Cyrillic not listed get a modest default.
_CYRILLIC_FREQ = {
    "о": 110, "е": 85, "а": 80, "и": 74, "н": 67, "т": 63, "с": 55, "р": 47, "в": 45,
    "л": 44, "к": 35, "м": 32, "д": 30, "п": 28, "у": 26, "я": 20, "ы": 19, "ь": 17,
    "г": 17, "з": 16, "б": 16, "ч": 14, "й": 12, "х": 10, "ж": 9, "ш": 7, "ю": 6, "ц": 5,
    "щ": 4, "э": 3, "ф": 3, "ъ": 0.4, "ё": 2, "ў": 3, "қ": 4, "ғ": 3, "ҳ": 3, "ә": 4,
    "ө": 3, "ү": 3, "ұ": 2, "ң": 3, "і": 3, "һ": 1, "є": 1, "ї": 1, "ґ": 0.5,
}
_DEFAULT_CYRILLIC = 0.3
_WORD = re.compile(r"[^\W\d_]+")


class Undecodable(ValueError):
    """No encoding gives plausible text."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). UTF-8 (with or without BOM) wins whenever valid."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    try:
        from charset_normalizer import from_bytes

        for match in list(from_bytes(data))[:3]:
            candidates.append(match.encoding)
    except Exception:  # noqa: BLE001 - detection is advisory; the fallbacks still run
        pass
    candidates += [e for e in LEGACY_ENCODINGS if e not in candidates]
    best: tuple[float, int, str, str] | None = None
    for rank, encoding in enumerate(candidates):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = plausibility(text)
        if score == -math.inf:
            continue
        key = (score, -rank, encoding, text)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None:
        raise Undecodable("not valid UTF-8 and no text encoding gives readable text")
    return best[3], best[2]


def _bad_char(ch: str) -> bool:
    if ch in "\t\n\r\f":
        return False
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Co", "Cs", "Cn") or ch == "\ufffd":
        return True
    code = ord(ch)
    return (0x2500 <= code <= 0x259F  # box drawing, blocks (cp866/cp1125 mistakes)
            or 0x3000 <= code <= 0x9FFF  # CJK, kana
            or 0xFF61 <= code <= 0xFF9F)  # half-width kana (shift_jis mistakes)


def plausibility(text: str) -> float:
    """Higher is more like real text; -inf when the text holds characters no article has."""
    sample = text[:20000]
    if any(_bad_char(ch) for ch in sample):
        return -math.inf
    score = 0.0
    for word in _WORD.findall(sample):
        cyr = sum(1 for ch in word if "\u0400" <= ch <= "\u04ff")
        lat = sum(1 for ch in word if ch.isascii() or "\u00c0" <= ch <= "\u024f")
        if cyr and lat:
            score -= 8.0
        if any(a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False)):
            score -= 6.0
        if word[0] in _NEVER_FIRST:
            score -= 6.0
        lower = word.lower()
        if any(b in "ьъы" and a in _VOWELS_AND_SIGNS for a, b in zip(lower, lower[1:],
                                                                      strict=False)):
            score -= 6.0  # "ьы", "аь": impossible in Russian, typical of a wrong code page
        for ch in word.lower():
            if "\u0400" <= ch <= "\u04ff":
                score += math.log(_CYRILLIC_FREQ.get(ch, _DEFAULT_CYRILLIC) / 1000) + 4.0
            elif ch.isascii():
                score += 0.5
            elif ch in _TURKIC_LATIN:
                score += 0.5
            elif "\u00c0" <= ch <= "\u024f":
                score -= 0.5
            else:
                score -= 3.0  # letters of other scripts (Greek, Arabic …) in a mis-decoding
    counted = 0
    for ch in sample:
        if ch.isspace() and ch != "\xa0":
            continue
        counted += 1
        if ch.isalpha() or ch.isdigit() or ch in _PLAIN_PUNCT:
            continue
        score -= 4.0  # symbols (†, ™, ®, €, NBSP …) are what a wrong code page produces
    return score / max(counted, 1)


#: Letters a Russian/Uzbek/Kazakh word never starts with.
_NEVER_FIRST = set("ьыъЬЫЪ")
_VOWELS_AND_SIGNS = set("аеёиоуыэюяьъ")
_TURKIC_LATIN = set("çğıöşüəâîûÇĞİÖŞÜƏÂÎÛ")
_PLAIN_PUNCT = set(".,;:!?\"'()[]{}-–—«»„“”‘’ʻʼ`…/%№&*+=<>#@_|~^")
