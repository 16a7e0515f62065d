"""The names field: one "sounds-alike" key per name, the same across scripts and spellings.

A name reaches our readers in many spellings: ``Tokayev``, ``Токаев``, ``Тўқаев``, ``Toqayev``;
``Erdoğan``, ``Erdogan``, ``Эрдоган``, ``Эрдўған``; ``Həsənov``, ``Hasanov``. The key is built by
a written table of rules, applied in this order:

1. fold (case, apostrophes, invisible characters); a Turkish proper-noun suffix after an
   apostrophe (``Erdoğan'ın``) or an English possessive (``Tokayev’s``) is cut off, other
   apostrophes (Uzbek oʻ, gʻ, tutuq) are dropped;
2. Cyrillic → Latin by :data:`CYR_TABLE` (Russian, Uzbek and Kazakh letters; ``ў``→o,
   ``қ``→k, ``ғ``→g, ``ҳ``/``һ``/``х``→h, ``ж``→j, ``ц``→s, ``ы``→y, ``ё``→yo, ``ъ``/``ь``
   dropped);
3. Latin letters with diacritics by :data:`LATIN_TABLE` (``ə``→a, ``ı``→i, ``ş``→sh, ``ç``→ch,
   ``ğ``→g, ``ö``→o, ``ü``→u …); any letter still outside ASCII goes through unidecode (the
   last-resort fold for scripts we have no table for);
4. sound rules (:data:`SOUND_RULES`): kh/x→h, zh/dzh/dj→j, q→k, ck→k, ph→f, w→v, ts→s,
   shch→sh, ye→e, then y→i;
5. doubled letters collapse (``Tayyip`` = ``Тайип``).

A Latin ``c`` is ``k``/``s`` in English but ``j`` in Turkish and Azerbaijani (``Recep`` =
``Реджеп``), so a word with a bare ``c`` gets both keys; a Latin ``x`` is h in Uzbek and
Azerbaijani (``Xalilov`` = ``Халилов``) but ks in English (``Maxim`` = ``Максим``), and gets
both too. Likewise a Cyrillic ``г`` is g, but Russian also writes h with it (``Гасанов`` =
``Hasanov``, ``Гейдар`` = ``Heydar``): such a word gets its g key and its h key; ``ё`` is
often typed as ``е`` (``Мирзиеев``), so a word with ``ё`` also gets the key read with ``е``;
and ``ş``/``ç`` are often typed without their cedilla (``Simsek``, ``Cavusoglu``), so a word
with them also gets the key of that plain spelling.

Which words get keys: in documents, only capitalised words that are not stop words (names are
capitalised in every language we index; lowercase common words then never enter the field). In
queries, every non-stop word (readers type names in lowercase); a common word in a query can
then only meet a capitalised word in a document whose key is identical.
"""

from __future__ import annotations

import re
import unicodedata

from qidir.analyzers.cache import memoized
from qidir.analyzers.normalize import APOSTROPHE, cut_turkic_suffix, fold

CYR_TABLE: dict[str, str] = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
    "ж": "j", "з": "z", "и": "i", "й": "y", "і": "i", "к": "k", "қ": "k", "л": "l",
    "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "ў": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h", "ҳ": "h",
    "һ": "h", "ц": "s", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ё": "yo",
}
LATIN_TABLE: dict[str, str] = {
    "ə": "a", "ä": "a", "á": "a", "à": "a", "â": "a", "å": "a", "ā": "a",
    "ı": "i", "í": "i", "ì": "i", "î": "i", "ï": "i", "ī": "i",
    "é": "e", "è": "e", "ê": "e", "ë": "e", "ē": "e",
    "ó": "o", "ò": "o", "ô": "o", "ö": "o", "ø": "o", "ō": "o", "õ": "o",
    "ú": "u", "ù": "u", "û": "u", "ü": "u", "ū": "u",
    "ş": "sh", "ș": "sh", "š": "sh", "ç": "ch", "č": "ch", "ć": "ch", "ž": "zh",
    "ğ": "g", "ǵ": "g", "ñ": "n", "ń": "n", "ň": "n", "ý": "y", "ÿ": "y", "ł": "l",
    "ß": "ss", "đ": "d", "ţ": "ts", "ț": "ts",
    APOSTROPHE: "",
}
_TABLE = str.maketrans({**CYR_TABLE, **LATIN_TABLE})
#: Letters a plain keyboard writes without their mark, where the table above writes a digraph.
_PLAIN_LATIN = {"ş": "s", "ș": "s", "š": "s", "ç": "c", "č": "c", "ž": "z"}
_PLAIN_TABLE = str.maketrans(_PLAIN_LATIN)

#: (pattern, replacement), applied in order after the letter tables.
SOUND_RULES: list[tuple[str, str]] = [
    ("shch", "sh"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("x", "h"),
    ("ck", "k"),
    ("q", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("ts", "s"),
    ("ye", "e"),
    ("y", "i"),
]
_SOUND_RES = [(p, re.compile(p), r) for p, r in SOUND_RULES]
_DOUBLE_RE = re.compile(r"(.)\1+")
_BARE_C_RE = re.compile(r"c(?!h)")
_C_SOFT_RE = re.compile(r"c(?=[eiy])")

def _cut_apostrophe_suffix(w: str) -> str:
    if w.endswith(APOSTROPHE + "s"):
        return w[:-2]
    return cut_turkic_suffix(w)


def _sounds(w: str) -> str:
    for pattern, rx, repl in _SOUND_RES:
        if pattern in w:
            w = rx.sub(repl, w)
    return _DOUBLE_RE.sub(r"\1", w)


def _to_ascii(w: str) -> str:
    if not w.isascii():
        w = "".join(
            ch for ch in unicodedata.normalize("NFKD", w) if not unicodedata.combining(ch)
        )
        if not w.isascii():
            from unidecode import unidecode  # last resort: scripts with no table of ours

            w = unidecode(w).lower()
    return "".join(ch for ch in w if ch.isalnum())


def _latin_readings(w: str) -> tuple[str, ...]:
    """The ways an ambiguous Latin letter may be read: a bare ``c`` as k/s (English) or j
    (Turkish, Azerbaijani); an ``x`` as h (Uzbek, Azerbaijani: Xalilov = Халилов) or ks
    (English, Turkish loans: Alexei = Алексей)."""
    out: tuple[str, ...] = (w,)
    if "c" in w and _BARE_C_RE.search(w):
        out = (_BARE_C_RE.sub("k", _C_SOFT_RE.sub("s", w)), _BARE_C_RE.sub("j", w))
    if "x" in w:
        out += tuple(v.replace("x", "ks") for v in out)
    return out


#: Entries of a cache asked about every capitalised word (this module's name keys, the
#: people finder's per-word caches): ~120k distinct at 100k documents, more with Uzbek's
#: apostrophe spellings. At 50k the caches emptied themselves several times a build and
#: missed on most words afterwards (find_people over 30k documents: 25.6 s at 50k, 22.8 s
#: at 200k; ~30 MB more); at 200k they never emptied at 100k documents and the build's peak
#: RSS passed 1 GB (1016 MB).
WORD_CACHE = 100_000


@memoized(WORD_CACHE)
def name_keys(surface: str) -> tuple[str, ...]:
    """The names-field keys of one word (usually one; more when a bare Latin ``c`` or ``x``,
    or a Cyrillic ``г`` or ``ё``, is ambiguous); ``()`` when nothing of two letters is left."""
    w = fold(surface)
    if APOSTROPHE in w:
        w = _cut_apostrophe_suffix(w)
    readings = [w]
    # Russian writes the h of Turkic and other names as г (Гасанов, Гейдар, Гусейнов): a
    # Cyrillic word with г also gets the key read with h.
    if "г" in w:
        readings.append(w.replace("г", "h"))
    # ё is often typed as е (Мирзиеев for Мирзиёев): a word with ё also gets the е key.
    if "ё" in w:
        readings.append(w.replace("ё", "е"))
    # Turkish and Azerbaijani names typed on a plain keyboard drop the cedilla (Şimşek as
    # Simsek, Çavuşoğlu as Cavusoglu), beside the English spelling (Shimshek, Chavushoglu).
    if any(c in w for c in _PLAIN_LATIN):
        readings.append(w.translate(_PLAIN_TABLE))
    variants: list[str] = []
    for reading in readings:
        for v in _latin_readings(_to_ascii(reading.translate(_TABLE))):
            if v not in variants:
                variants.append(v)
    out: list[str] = []
    for v in variants:
        key = _sounds(v)
        if len(key) >= 2 and key not in out:
            out.append(key)
    return tuple(out)
