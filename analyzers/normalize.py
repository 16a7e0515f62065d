"""Character-level normalisation shared by every language.

Normalisation runs on one word at a time, never on the whole text: the tokenizer finds words in
the original text, so ``Token.start``/``Token.end`` always point at the surface word a reader
sees (highlighting must mark what was written, not what was indexed).
"""

from __future__ import annotations

import unicodedata

#: The one apostrophe every variant is folded to. U+02BC is a letter (category Lm), so any
#: ``\\w``-based tokenizer, ours or a query parser's, keeps ``oʼzbek`` in one piece.
APOSTROPHE = "\u02bc"

#: Every form used in the wild for the Uzbek oʻ/gʻ sign and the tutuq belgisi (ʼ), plus the
#: look-alikes people type instead (acute accent, prime, modifier letters).
APOSTROPHES = "'`\u00b4\u2018\u2019\u201b\u02b9\u02bb\u02bc\u02bd\u2032"

#: Characters that are invisible in rendered text and must not split or change a word.
IGNORABLES = "\u00ad\u034f\u180e\u200b\u200c\u200d\u2060\ufeff"

#: Hyphens that join the parts of a compound (``Nur-Sultan``, ``қўллаб-қувватлаш``).
HYPHENS = "-\u2010\u2011"

_FOLD_TABLE = {ord(c): APOSTROPHE for c in APOSTROPHES}
_FOLD_TABLE.update({ord(c): None for c in IGNORABLES})
# Dotted capital I (Turkish/Azerbaijani) lowercases to plain i in every language; casefold()
# would leave a stray combining dot behind.
_FOLD_TABLE[ord("\u0130")] = "i"
# Stress marks (Гера́т, до́ма): after NFC a combining acute or grave is left only where no
# precomposed letter exists, i.e. on Cyrillic vowels, where it is never part of the spelling.
_FOLD_TABLE[ord("\u0301")] = None
_FOLD_TABLE[ord("\u0300")] = None

_YO_TABLE = str.maketrans({"ё": "е", "Ё": "Е"})
_TURKIC_I_TABLE = str.maketrans({"I": "ı", "\u0130": "i"})


def fold(word: str) -> str:
    """NFC, invisible characters removed, one apostrophe, case folded.

    ``ё`` is kept here on purpose: in Uzbek Cyrillic ``ё`` is ``yo`` and must reach the
    transliteration; Russian analysis applies :func:`fold_yo` on top.
    """
    if word.isascii():
        if "'" in word or "`" in word:
            word = word.translate(_FOLD_TABLE)
        return word.lower()
    word = unicodedata.normalize("NFC", word).translate(_FOLD_TABLE)
    return word.casefold()


def fold_yo(word: str) -> str:
    """``ё`` written or not is the same word in Russian (and in names)."""
    return word.translate(_YO_TABLE)


def turkic_lower(word: str) -> str:
    """Lowercase with the Turkish/Azerbaijani dotted and dotless i: ``I``→``ı``, ``İ``→``i``."""
    return fold(word.translate(_TURKIC_I_TABLE))


def is_cyrillic(word: str) -> bool:
    """Script of a word, told by its first letter (mixed-script words are rare enough)."""
    for ch in word:
        if ch.isalpha():
            return "\u0400" <= ch <= "\u04ff" or "\u0500" <= ch <= "\u052f"
    return False


#: Turkish/Azerbaijani case suffixes written after an apostrophe on proper nouns.
TURKIC_APOSTROPHE_SUFFIXES = frozenset(
    """ın in un ün nın nin nun nün yın yin a e ya ye na ne da de ta te dan den tan ten
    nda nde ndan nden ı i u ü yı yi yu yü nı ni nu nü la le yla yle ca ce daki deki taki teki
    ki lar ler ları leri dır dir dur dür tır tir""".split()
)


def cut_turkic_suffix(word: str) -> str:
    """``türkiyeʼnin`` → ``türkiye``: a case suffix after an apostrophe on a proper noun.

    Only a known suffix after a head of two or more letters is cut, so Uzbek ``oʼzbek`` and
    ``gʼarb`` (where the apostrophe is part of a letter) are left whole.
    """
    head, sep, tail = word.rpartition(APOSTROPHE)
    if sep and len(head) >= 2 and tail in TURKIC_APOSTROPHE_SUFFIXES:
        return head
    return word
