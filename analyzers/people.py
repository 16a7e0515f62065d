"""Finding the people an article names: one value per person across scripts and spellings.

``Kassym-Jomart Tokayev``, ``Касым-Жомарт Токаев``, ``Қасим-Жўмарт Тўқаевнинг`` and
``Kasım Cömert Tokayev`` are one person; ``Heydar Aliyev`` and ``Zarifa Aliyeva`` are two.
The finder reads a text once, in plain Python, by general rules (no list of the article's
people is needed):

1. **Runs**: maximal sequences of capitalised words on one line, an initial with its dot
   (``Z.Hasanov``) and hyphenated compounds (``Kassym-Jomart``) included.
2. **Titles split runs and vouch for the name after them** (``Turkish President Recep Tayyip
   Erdoğan``, ``Президент Токаев``, ``Cumhurbaşkanı Erdoğan``, ``vazir ...``); a title written
   in lower case right before a run vouches for it too.
3. **Organisations are not people**: a run holding an organisation word after a name
   (``Heydar Aliyev International Airport``) is dropped whole; one before the name is cut off
   (``State Antony Blinken`` → ``Antony Blinken``). Places (the exonyms table, in every script),
   months, weekdays and nationalities never count as names.
4. **A full name** is a surname with given names or initials before it. Given names come from a
   written table compared by name key (so one spelling stands for every script); a surname is
   the run's last word. Without a known given name, a surname *shape* (``-ov/-ev/-yev/-ova``,
   ``-oğlu``, ``-uly/-ұлы``, ``-kyzy/-қызы``, ``-ovich``, ``-dze``, ``-shvili``, ``-yan``,
   ``-enko``, ``-zade``…) with one capitalised word before it, or a title before the run, is
   enough (``Beibut Atamkulov``, ``Juansher Burchuladze``, ``President Emomali Rahmon``).
5. **A surname alone** is a person when a title precedes it, when it has a surname shape, or
   when a full name earlier or later in the same article has that surname (``Hasanov said`` →
   Zakir Hasanov; ``Dere also met`` → Muhsin Dere). A known person's surname alone
   (``President Tokayev``) is filed under that person.
6. **Case and possessive endings** are removed before comparing: English ``’s``, Turkish
   ``'ın/'a`` (after the apostrophe), Uzbek ``-ning/-ga/-ni/-da/-dan`` in both scripts, Kazakh
   ``-тың/-ның/-қа/-мен``…, Azerbaijani ``-nin/-la/-lə/-ə``…, Russian ``-а/-у/-ым/-е`` (a Russian
   ``-ова`` is a woman's surname unless the given name before it is declined too, or the
   article also writes the surname without ``-а``).

A person's value is ``<surname key>-<given-name initial>`` (``tokaev-k``, ``aliev-h``,
``alieva-z``), or the surname key alone when no article text gives a given name; keys are the
names field's cross-script keys (:func:`names.name_keys`). The label is the spelling readers of
English news use: from the table of well-known people when the person is there, otherwise
the article's own full spelling, romanised the English way (``Həsənov`` → ``Hasanov``,
``Мирзиёев`` → ``Mirziyoyev``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from qidir.analyzers.cache import memoized
from qidir.analyzers.exonyms import is_place
from qidir.analyzers.names import WORD_CACHE, name_keys
from qidir.analyzers.normalize import (
    APOSTROPHES,
    HYPHENS,
    TURKIC_APOSTROPHE_SUFFIXES,
    fold,
    is_cyrillic,
)
from qidir.analyzers.people_data import (
    GIVEN_NAMES,
    KNOWN,
    MONTHS,
    NOT_NAMES,
    ORG_WORDS,
    SPEECH,
    TITLES,
)

#: A person's value as indexed: a surname key, and the initial of the given name when known.
VALUE_PATTERN = r"^[a-z0-9]{2,60}(-[a-z])?$"
#: The most people kept for one article (a list of names is not a story about all of them).
MAX_PEOPLE = 40

_APOS = re.escape(APOSTROPHES)
#: A word: letters (with apostrophes inside for Uzbek oʻ/gʻ and possessives), hyphenated parts.
_WORD = rf"[^\W\d_]+(?:[{_APOS}][^\W\d_]+)*"
_TOKEN_RE = re.compile(rf"{_WORD}(?:[{re.escape(HYPHENS)}]{_WORD})*")
_HYPHEN_SPLIT = re.compile(rf"[{re.escape(HYPHENS)}]")

#: Surname endings, folded (the name's dictionary form ends with one of these).
_SHAPE_LATIN = ("ov", "ev", "yev", "yov", "ova", "eva", "yeva", "oğlu", "oglu", "ogly", "uly",
                "ulı", "kyzy", "qizi", "kızı", "ovich", "evich", "ovna", "evna", "dze", "shvili",
                "yan", "enko", "zade", "zadə", "zoda", "bekov", "bayev")
_SHAPE_CYR = ("ов", "ев", "ёв", "ова", "ева", "ёва", "ұлы", "улы", "қызы", "кызы", "ович", "евич",
              "овна", "евна", "дзе", "швили", "ян", "енко", "заде", "зода")
#: Case endings after a surname shape, per script (longest first when tried).
_ENDINGS_LATIN = ("ning", "ni", "ga", "ka", "qa", "da", "dan", "lar", "gacha", "niki",
                  "nın", "nin", "nun", "nün", "ın", "in", "un", "ün", "la", "lə", "ya", "yə",
                  "də", "dən", "a", "ə", "ı", "i", "u", "ü", "yla", "ylə", "ilə")
_ENDINGS_CYR = ("нинг", "ни", "га", "ка", "қа", "да", "дан", "лар", "гача",
                "тың", "тің", "дың", "дің", "ның", "нің", "ке", "ға", "ге", "ты", "ті", "ды",
                "ді", "ны", "ні", "мен", "бен", "пен", "де", "та", "те", "нан", "нен", "ден",
                "тан", "тен",
                "ым", "ом", "ой", "ою", "ых", "ыми", "у", "е", "а", "ы")
#: Russian endings of a declined given name or consonant-final surname.
_RU_NOUN_ENDINGS = ("ом", "ым", "ем", "ой", "ою", "а", "я", "у", "ю", "е")
_INITIAL_RE = re.compile(r"^[^\W\d_]$")


def _keys_of(words: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for word in words:
        out.update(name_keys(word))
        for part in _HYPHEN_SPLIT.split(word):
            out.update(name_keys(part))
    return frozenset(out)


@lru_cache(maxsize=1)
def _tables() -> dict[str, frozenset[str]]:
    """The written tables as name keys (given names) and folded words (the rest)."""
    return {
        "given": _keys_of(GIVEN_NAMES),
        "titles": frozenset(fold(t) for t in TITLES),
        "org": frozenset(fold(t) for t in ORG_WORDS),
        "months": frozenset(fold(t) for t in MONTHS),
        "not": frozenset(fold(t) for t in NOT_NAMES),
        "speech": frozenset(fold(t) for t in SPEECH),
    }


Ident = tuple[str, str]


@lru_cache(maxsize=1)
def _known() -> tuple[dict[Ident, str], dict[Ident, Ident], dict[str, list[Ident]]]:
    """Well-known people: their label, every spelling's (surname key, initial) → the person's,
    and surname key → the people with that surname."""
    labels: dict[Ident, str] = {}
    canonical: dict[Ident, Ident] = {}
    by_surname: dict[str, list[Ident]] = {}
    for row in KNOWN:
        words = row[0].split()
        person = (surname_key(words[-1]), initial(words[0]))
        labels[person] = row[0]
        for spelling in row:
            words = spelling.split()
            ident = (surname_key(words[-1]), initial(words[0]))
            canonical.setdefault(ident, person)
            if person not in by_surname.setdefault(ident[0], []):
                by_surname[ident[0]].append(person)
    return labels, canonical, by_surname


def _value(ident: Ident) -> str:
    return f"{ident[0]}-{ident[1]}" if ident[1] else ident[0]


# -- words ---------------------------------------------------------------------------------

def surname_key(word: str, lang: str | None = None) -> str:
    """The first name key of a surname (empty when nothing of two letters is left). Turkish
    and Azerbaijani write j as c (Caparov = Japarov = Жапаров): in their text, c reads j."""
    return _surname_key((word, lang in ("tr", "az")))


@memoized(WORD_CACHE)
def _surname_key(arg: tuple[str, bool]) -> str:
    word, c_is_j = arg
    if c_is_j and "c" in word.lower():
        word = word.lower().replace("c", "j")
    keys = name_keys(word)
    return keys[0] if keys else ""


@memoized(WORD_CACHE)
def initial(word: str) -> str:
    """A given name's initial as its name keys spell it, the same in every script: Cyrillic
    г is h as often as g (Гейдар = Heydar), so g and h are one initial; a Latin c read as j
    (Ceyhun = Джейхун) wins over its k/s reading."""
    word = word.rstrip(".")
    # A lone initial (Z.) has too few letters for a key of its own: read it as a syllable.
    keys = name_keys(word if len(word) > 1 else word + "a")
    if not keys:
        return ""
    if any(k.startswith("j") for k in keys):
        return "j"
    first = keys[0][0]
    return "h" if first == "g" else first


@memoized(WORD_CACHE)
def _shaped(folded: str) -> bool:
    shapes = _SHAPE_CYR if is_cyrillic(folded) else _SHAPE_LATIN
    return len(folded) >= 4 and folded.endswith(shapes)


@memoized(WORD_CACHE)
def surname_stems(word: str) -> tuple[str, ...]:
    """The dictionary forms a surname-shaped word may have: itself when it has a surname
    shape, and the word without each case ending that leaves a surname shape (``Тўқаевнинг``
    → ``Тўқаев``, ``Mirziyoyevlə`` → ``Mirziyoyev``, ``Токаева`` → ``Токаева``, ``Токаев``)."""
    w = _strip_possessive(word)
    folded = fold(w)
    out = [w] if _shaped(folded) else []
    endings = _ENDINGS_CYR if is_cyrillic(folded) else _ENDINGS_LATIN
    for ending in endings:
        if folded.endswith(ending) and len(folded) - len(ending) >= 4:
            stem = w[: len(w) - len(ending)]
            if _shaped(fold(stem)) and stem not in out:
                out.append(stem)
    return tuple(out)


@memoized(WORD_CACHE)
def _strip_possessive(word: str) -> str:
    """``Tokayev’s`` → ``Tokayev``, ``Erdoğan'ın`` → ``Erdoğan`` (the apostrophe and after);
    an Uzbek oʻ/gʻ sign (``Toʻqayev``) is part of the word and stays."""
    for i, ch in enumerate(word):
        if ch in APOSTROPHES and i >= 2:
            tail = fold(word[i + 1:])
            if tail == "s" or tail in TURKIC_APOSTROPHE_SUFFIXES:
                return word[:i]
    return word


def _given(word: str) -> bool:
    """Whether a word is a given name (every part of a hyphenated one), in any script and,
    for Cyrillic, in a Russian case form (``Шавката``, ``Касым-Жомарта``)."""
    return bool(_given_form(word))


@memoized(WORD_CACHE)
def _given_form(word: str) -> str:
    """The given name's dictionary form (``Касым-Жомарта`` → ``Касым-Жомарт``), or ""."""
    given = _tables()["given"]
    w = _strip_possessive(word)
    if _all_parts_in(w, given):
        return w
    if is_cyrillic(w):
        for ending in _RU_NOUN_ENDINGS:
            if fold(w).endswith(ending) and len(w) - len(ending) >= 2:
                stem = w[: len(w) - len(ending)]
                if _all_parts_in(stem, given):
                    return stem
    return ""


def _all_parts_in(word: str, given: frozenset[str]) -> bool:
    parts = [p for p in _HYPHEN_SPLIT.split(word) if p]
    return bool(parts) and all(any(k in given for k in name_keys(p)) for p in parts)


@memoized(WORD_CACHE)
def _is_initial(word: str) -> bool:
    return word.endswith(".") and bool(_INITIAL_RE.match(word[:-1])) and word[0].isupper()


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


@memoized(WORD_CACHE)
def _never_name(word: str) -> bool:
    """Places, months, weekdays, nationalities, function words, titles, org words."""
    t = _tables()
    if len(word) > 1 and word.isupper():
        return True  # an acronym (МВД, NATO, COP)
    f = fold(_strip_possessive(word))
    if f in t["months"] or f in t["not"] or f in t["titles"] or f in t["org"]:
        return True
    key = surname_key(word)
    if not key:
        return True
    return any(is_place(surname_key(form)) for part in _HYPHEN_SPLIT.split(word) if part
               for form in _case_forms(part))


#: Titled words that read as adjectives or nouns in English, not as surnames.
_EN_COMMON_ENDINGS = ("ary", "al", "ic", "ive", "ous", "ed", "ing", "ion", "ity", "ment", "ence",
                      "ance", "ense", "ship", "ial")


@memoized(WORD_CACHE)
def _long_ending(word: str) -> bool:
    """Whether a word ends with a case ending of two letters or more (``Qüvvələrinin``):
    a name after a title does not (a one-vowel ending may be part of a name: ``Bağçı``)."""
    plain = _strip_possessive(word)
    endings = _ENDINGS_CYR if is_cyrillic(plain) else _ENDINGS_LATIN
    f = fold(plain)
    return any(len(e) >= 2 and f.endswith(e) and len(f) - len(e) >= 3 for e in endings)


@memoized(WORD_CACHE)
def _case_forms(word: str) -> tuple[str, ...]:
    """A word and the word without each case ending of its script (for table look-ups)."""
    plain = _strip_possessive(word)
    endings = _ENDINGS_CYR if is_cyrillic(plain) else _ENDINGS_LATIN
    f = fold(plain)
    out = [plain] + [plain[: len(plain) - len(e)] for e in endings
                     if f.endswith(e) and len(plain) - len(e) >= 3]
    if is_cyrillic(plain) and f[-1:] in ("и", "ы", "е", "у", "ю"):
        out += [plain[:-1] + "я", plain[:-1] + "а"]  # Франции → Франция, Москве → Москва
    return tuple(out)


@memoized(WORD_CACHE)
def _is_title(word: str) -> bool:
    """A title or role, also with a plural or case ending (``Президентлар``, ``Prezidenti``)."""
    t = _tables()["titles"]
    for form in _case_forms(word) + _plural_forms(word):
        f = fold(form)
        if f in t or any(part in t for part in _HYPHEN_SPLIT.split(f) if part):
            return True
    return False


@memoized(WORD_CACHE)
def _plural_forms(word: str) -> tuple[str, ...]:
    f = fold(word)
    return tuple(word[: len(word) - len(e)] for e in ("лар", "lar", "lər", "ler", "лари", "lari")
            if f.endswith(e) and len(word) - len(e) >= 3)


@memoized(WORD_CACHE)
def _is_speech(word: str) -> bool:
    return fold(word) in _tables()["speech"]


@memoized(WORD_CACHE)
def _is_org(word: str) -> bool:
    return fold(word) in _tables()["org"]


# -- runs ----------------------------------------------------------------------------------

@dataclass
class _Run:
    words: list[str]
    titled: bool  # a title stands right before it
    role: bool = False  # a title follows right after it ("Defence Minister"): a role, not a name
    initial_pos: bool = False  # it starts a sentence (capitals there prove nothing)
    org_after: bool = False  # an organisation word follows ("General Motors kompaniyasi")
    spoken: bool = False  # a verb of speech stands right before or after it


_SENTENCE_END = re.compile(r"[.!?:;«»\"“”„()\[\]|•–—]\s*$")
_TITLE, _SPEECH, _CAPITAL = 1, 2, 4


#: Every word of every text is asked (~300k distinct at 100k documents): a smaller cache
#: empties itself every few thousand documents and then misses on most words. Values are
#: small ints, so an entry costs its key.
@memoized(400_000)
def _kind(word: str) -> int:
    """What one word can be to the run finder, as bits (0 for most words: read once)."""
    if not _capitalised(word):
        # Lower-case titles are listed as written; reading endings off every lower-case word
        # would cost more than all the rest (most words are new to the cache).
        f = fold(word)
        t = _tables()
        titled = f in t["titles"] or ("-" in f and any(
            part in t["titles"] for part in _HYPHEN_SPLIT.split(f) if part))
        return (_TITLE if titled else 0) | (_SPEECH if f in t["speech"] else 0)
    return ((_TITLE if _is_title(word) else 0) | (_SPEECH if _is_speech(word) else 0)
            | _CAPITAL)


def _runs(text: str, capitals: list[str] | None = None) -> list[_Run]:
    """Capitalised runs on one line, split at titles (which vouch for what follows);
    every capitalised word is also added to ``capitals`` when given."""
    out: list[_Run] = []
    current: list[str] = []
    titled = False
    at_start = False
    prev_end = -1
    prev_title = False
    prev_speech = False

    spoken_before = False

    def close(role: bool = False, next_word: str = "") -> None:
        nonlocal current, titled
        if current:
            out.append(_Run(current, titled, role, at_start,
                            bool(next_word) and _is_org(next_word),
                            spoken_before or (bool(next_word) and _is_speech(next_word))))
        current, titled = [], False

    known_kind = _kind.cache.get  # type: ignore[attr-defined]
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        kind = known_kind(word)
        if kind is None:
            kind = _kind(word)
        if not kind and not current and not prev_title and not prev_speech:
            prev_end = m.end()  # a plain lower-case word with nothing open: most words
            continue
        gap = text[prev_end:m.start()] if prev_end >= 0 else "\n"
        initial_dot = (len(current) > 0 and _INITIAL_RE.match(current[-1] or "")
                       and gap.strip() == ".")
        joined = gap.strip() == "" and "\n" not in gap
        if initial_dot:
            current[-1] = current[-1] + "."
            joined = True
        if not joined:
            close()
            prev_title = prev_title and gap.strip() in ("", ",")  # "Minister, Hulusi Akar"
        if kind & _TITLE:
            close(role=joined, next_word=word)
            prev_title = True
        elif kind & _CAPITAL:
            if capitals is not None:
                capitals.append(word)
            if not current:
                titled = prev_title
                spoken_before = prev_speech and gap.strip() in ("", ",")
                at_start = not prev_title and (
                    prev_end < 0 or "\n" in gap or bool(_SENTENCE_END.search(gap)))
            current.append(word)
            prev_title = False
        else:
            close(next_word=word if (joined or gap.strip() == ",") else "")
            prev_title = False
        prev_speech = bool(kind & _SPEECH)
        prev_end = m.end()
    close()
    return out


# -- mentions ------------------------------------------------------------------------------

@dataclass
class Mention:
    """One naming of a person in the text: given names (maybe none) and a surname."""

    given: list[str]
    surname: str
    surface: str
    titled: bool = False

    @property
    def full(self) -> bool:
        return bool(self.given)


@memoized(WORD_CACHE)
def _declined(word: str) -> bool:
    """A surname with a case or possessive ending: a name ends there (``Mirziyoyevning``,
    ``Tokayev’s``). A Russian ``-ова`` may be a woman's surname and is not counted here."""
    if _strip_possessive(word) != word:
        return True
    stems = surname_stems(word)
    return bool(stems) and stems[0] != word


def _segments(run: _Run) -> list[tuple[list[str], bool]]:
    """A run cut where no name continues: at places, months and other never-names (a
    given name that is also a month, Turkish Kasım, stays when a name follows it), and after
    a declined surname. Each piece with whether the run's title vouches for it."""
    pieces: list[tuple[list[str], bool]] = []
    current: list[str] = []
    titled = run.titled
    words = run.words
    for i, word in enumerate(words):
        keep_given = i + 1 < len(words) and _given(word) and not _never_name(words[i + 1])
        if _never_name(word) and not _is_initial(word) and not keep_given:
            if current:
                pieces.append((current, titled))
            current, titled = [], False
            continue
        current.append(word)
        # A name ends at a declined surname, and at a surname a given name follows
        # ("İlham Əliyev Şavkat Mirziyoyevlə": two people side by side).
        follows_given = (i + 1 < len(words) and _given(words[i + 1]) and len(current) > 1
                         and not _given(word))
        if (_declined(word) and surname_stems(word)) or (
                follows_given and (surname_stems(word) or len(current) >= 2)):
            pieces.append((current, titled))
            current, titled = [], False
    if current:
        pieces.append((current, titled))
    return pieces


def _mentions(run: _Run) -> list[Mention]:
    words = run.words
    if not words or (run.org_after and not _declined(words[-1])):
        return []
    # An organisation word after a name makes the run an organisation's name; before it,
    # it is a prefix (``State Antony Blinken``) cut off.
    org_at = [i for i, w in enumerate(words) if _is_org(w)]
    if org_at:
        k = org_at[-1]
        if any(_given(w) or surname_stems(w) for w in words[:k]) or k == len(words) - 1:
            return []
        words = words[k + 1:]
    out: list[Mention] = []
    pieces = _segments(_Run(words, run.titled))
    for n, (piece, titled) in enumerate(pieces):
        last = n == len(pieces) - 1
        mention = _mention(piece, titled, run.role and last,
                           run.initial_pos and n == 0 and not titled, run.spoken)
        if mention is not None:
            out.append(mention)
    return out


def _mention(words: list[str], titled: bool, role: bool, initial_pos: bool,
             spoken: bool = False) -> Mention | None:
    surname = words[-1]
    if _is_initial(surname):
        return None
    before = words[:-1][-3:]
    # The given names: from the leftmost given name or initial, everything up to the surname.
    start = next((i for i, w in enumerate(before) if _given(w) or _is_initial(w)), None)
    shaped = bool(surname_stems(surname))
    vouched = titled or spoken
    if start is None and before and (shaped or (vouched and not _long_ending(surname))):
        # An unknown given name before a surname-shaped word, or after a title.
        start = len(before) - 1
    if start is not None and role and not any(_given(w) for w in before[start:]):
        start = None  # "Defence Minister": a run right before a title names a role
    if start is not None:
        given = before[start:]
        return Mention(given, surname, " ".join(given + [surname]), titled)
    if len(words) == 1 and not role and (
            (shaped and not initial_pos)
            or (titled and not fold(surname).endswith(_EN_COMMON_ENDINGS)
                and (shaped or not _long_ending(surname)))):
        return Mention([], surname, surname, titled)
    return None


@dataclass
class Person:
    """A person found in one article: value, English label, and the spellings found."""

    value: str
    label: str
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0

    def to_dict(self) -> dict[str, object]:
        return {"value": self.value, "label": self.label, "aliases": self.aliases}


def _surname_forms(m: Mention, given_declined: bool) -> list[str]:
    """Dictionary forms of a mention's surname, most likely first."""
    stems = list(surname_stems(m.surname))
    plain = _strip_possessive(m.surname)
    if stems:
        if given_declined and len(stems) > 1:
            stems = stems[1:] + stems[:1]  # Касым-Жомарта Токаева: the declined man's surname
        return stems
    if is_cyrillic(plain):
        f = fold(plain)
        # A declined given name declines the surname after it; the instrumental (Си
        # Цзиньпином, Путиным) is never a nominative ending.
        endings = _RU_NOUN_ENDINGS if given_declined else ("ом", "ым", "ем")
        for ending in endings:
            if f.endswith(ending) and len(plain) - len(ending) >= 3:
                return [plain[: len(plain) - len(ending)], plain]
    return [plain]


#: The Russian case a surname ending shows → the endings a given name takes in that case.
_RU_GIVEN_IN_CASE = {"ым": ("ом", "ем", "ой"), "ом": ("ом", "ем", "ой"), "ой": ("ой", "ей"),
                     "а": ("а", "я"), "у": ("у", "ю"), "е": ("е",)}


def _given_nominative(given: list[str], surname: str, form: str) -> list[str]:
    """Given names in their dictionary form: from the table, or, for a Russian surname
    declined (``Мамедовым`` → ``Мамедов``), an unknown given name with the same case's
    ending removed (``Маджнуном`` → ``Маджнун``)."""
    out = []
    ending = fold(surname)[len(form):] if fold(surname).startswith(fold(form)) else ""
    for g in given:
        known = _given_form(g)
        if known:
            out.append(known)
            continue
        cut = g
        if is_cyrillic(g) and ending in _RU_GIVEN_IN_CASE:
            for e in _RU_GIVEN_IN_CASE[ending]:
                if fold(g).endswith(e) and len(g) - len(e) >= 3:
                    cut = g[: len(g) - len(e)]
                    break
        out.append(cut)
    return out


def find_people(text: str, lang: str | None = None) -> list[Person]:
    """The people ``text`` names, most mentioned first (ties: first named first)."""
    mentions: list[Mention] = []
    # Every capitalised word may be a bare surname of someone named in full elsewhere.
    loose: list[str] = []
    body, headlines = _split_headlines(text)
    for run in _runs(body, loose):
        mentions.extend(_mentions(run))
    for line in headlines:
        # In a Title Case Headline every word is capitalised: a title there vouches for
        # nothing ("President Visits Ankara"); names still count when a given name or a
        # surname shape shows them, and bare surnames link to the body's full names.
        for run in _runs(line, loose):
            run.titled = run.spoken = False
            run.initial_pos = True
            mentions.extend(_mentions(run))
    return _resolve(mentions, loose, lang)


def _split_headlines(text: str) -> tuple[str, list[str]]:
    """The text without its Title Case lines, and those lines (at most 300 characters, four
    words or more, three quarters of them capitalised)."""
    body: list[str] = []
    headlines: list[str] = []
    for line in text.split("\n"):
        if len(line) > 300:  # a paragraph, not a headline
            body.append(line)
            continue
        words = _TOKEN_RE.findall(line)
        if len(words) >= 4 and sum(1 for w in words if w[:1].isupper()) * 4 >= len(words) * 3:
            headlines.append(line)
            body.append("")
        else:
            body.append(line)
    return "\n".join(body), headlines


def _resolve(mentions: list[Mention], loose: list[str], lang: str | None) -> list[Person]:
    known_labels, canonical, known_by_surname = _known()
    people: dict[str, Person] = {}
    order: list[str] = []
    by_key: dict[str, str] = {}  # surname key → value of the article's person

    def add(value: str, label: str, alias: str) -> None:
        person = people.get(value)
        if person is None:
            person = people[value] = Person(value, label)
            order.append(value)
        elif _better_label(label, person.label):
            person.label = label
        person.mentions += 1
        if alias not in person.aliases:
            person.aliases.append(alias)

    # Words written without a case ending somewhere in the article tell which form of a
    # declined one is its dictionary form (Токаева beside Токаев, Ердоғанмен beside Ердоған).
    bare: set[str] | None = None

    def bare_keys() -> set[str]:
        nonlocal bare
        if bare is None:
            bare = {surname_key(w, lang) for w in loose}
        return bare

    for m in (m for m in mentions if m.full):
        declined = any(_given_form(g) not in ("", _strip_possessive(g)) for g in m.given)
        forms = _surname_forms(m, declined)
        form = forms[0]
        if len(forms) > 1 and not declined and fold(form).endswith(("ова", "ева", "ёва")):
            if surname_key(forms[1], lang) in bare_keys():
                form = forms[1]
        if not surname_stems(m.surname):
            form = next((f for f in _case_forms(m.surname)[1:]
                         if surname_key(f, lang) in bare_keys()), form)
        key = surname_key(form, lang)
        if not key:
            continue
        ident = (key, initial(m.given[0]))
        ident = canonical.get(ident, ident)
        given_forms = _given_nominative(m.given, _strip_possessive(m.surname), form)
        surface = " ".join(given_forms + [form])
        add(_value(ident), known_labels.get(ident) or english_spelling(surface, lang), surface)
        by_key.setdefault(key, _value(ident))
        by_key.setdefault(ident[0], _value(ident))
    for m in (m for m in mentions if not m.full):
        _add_bare(m.surname, by_key, lang, add)
    for word in loose:
        _add_bare(word, by_key, lang, add, linked_only=True)
    ranked = sorted(order, key=lambda v: (-people[v].mentions, order.index(v)))
    return [people[v] for v in ranked[:MAX_PEOPLE]]


def _better_label(new: str, old: str) -> bool:
    """A label with more whole given names wins (``Zakir Hasanov`` over ``Z. Hasanov``)."""
    def whole(label: str) -> int:
        return sum(1 for w in label.split() if len(w.rstrip(".")) > 1)
    return bool(new) and whole(new) > whole(old)


def _add_bare(word: str, by_key: dict[str, str], lang: str | None, add: Callable[..., None],
              linked_only: bool = False) -> None:
    """A surname written alone: linked to the article's person with that surname, else to
    the one well-known person with it, else (not ``linked_only``) a person of its own."""
    known_labels, _, known_by_surname = _known()
    plain = _strip_possessive(word)
    forms = surname_stems(plain) or _case_forms(plain)
    for form in forms:
        key = surname_key(form, lang)
        if key in by_key:
            add(by_key[key], "", form)
            return
    if linked_only or _never_name(plain):
        return
    form = forms[0]
    key = surname_key(form, lang)
    if not key:
        return
    candidates = known_by_surname.get(key, [])
    if len(candidates) == 1:
        add(_value(candidates[0]), known_labels[candidates[0]], form)
        by_key.setdefault(key, _value(candidates[0]))
        return
    add(key, english_spelling(form, lang), form)
    by_key.setdefault(key, key)


# -- English spelling ------------------------------------------------------------------------

#: Cyrillic → the romanisation English news use (BGN/PCGN-like; Kazakh and Uzbek letters too).
_CYR_EN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "ў": "o", "ҳ": "h",
}
_VOWELS_CYR = set("аеёиоуыэюяәөұүіў")
#: Azerbaijani Latin → English news spelling (Həsənov → Hasanov, Ceyhun → Jeyhun).
_AZ_EN = str.maketrans({"ə": "a", "Ə": "A", "x": "kh", "X": "Kh", "c": "j", "C": "J",
                        "ç": "ch", "Ç": "Ch", "ş": "sh", "Ş": "Sh", "ğ": "gh", "ı": "i",
                        "İ": "I", "ö": "o", "Ö": "O", "ü": "u", "Ü": "U", "q": "g", "Q": "G"})
#: Uzbek Latin → English news spelling (Toʻqayev → Tokayev, Xalilov → Khalilov).
_UZ_EN = str.maketrans({"x": "kh", "X": "Kh", "q": "k", "Q": "K", "ʻ": "", "ʼ": "", "'": "",
                        "‘": "", "’": "", "`": ""})


def _cyr_to_en(word: str) -> str:
    out = []
    for i, ch in enumerate(word):
        low = ch.lower()
        if low not in _CYR_EN:
            out.append(ch)
            continue
        rom = _CYR_EN[low]
        prev = word[i - 1].lower() if i else ""
        # е is "ye" at the start of a word and after a vowel or a sign (Токаев → Tokayev).
        if low == "е" and (not prev or prev in _VOWELS_CYR or prev in "ъь-"):
            rom = "ye"
        if ch.isupper() and rom:
            rom = rom[0].upper() + rom[1:]
        out.append(rom)
    return "".join(out)


def english_spelling(surface: str, lang: str | None = None) -> str:
    """A name as English news would write it: Cyrillic romanised, Azerbaijani and Uzbek Latin
    letters respelled, Turkish and English kept as written."""
    words = surface.split()
    out = []
    for w in words:
        if is_cyrillic(w):
            out.append(_cyr_to_en(w))
        elif lang == "az":
            out.append(w.translate(_AZ_EN))
        elif lang == "uz":
            out.append(w.translate(_UZ_EN))
        else:
            out.append(w)
    return " ".join(out)


def person_value(name: str) -> str:
    """The value a typed name stands for (``Tokayev``, ``Токаев``, ``Ilham Aliyev``): a known
    person's value when the name is one, else the surname key (with the initial when a
    given name is typed too). An already-valid value is kept."""
    name = name.strip()
    if re.match(VALUE_PATTERN, name):
        return name
    words = [w for w in name.replace(".", ". ").split() if w]
    if not words:
        return ""
    _, canonical, by_surname = _known()
    stems = surname_stems(words[-1])
    key = surname_key(stems[0] if stems else _strip_possessive(words[-1]))
    if not key:
        return ""
    if len(words) > 1:
        ident = (key, initial(words[0]))
        return _value(canonical.get(ident, ident))
    candidates = by_surname.get(key, [])
    return _value(candidates[0]) if len(candidates) == 1 else key


def known_label(value: str) -> str | None:
    """The English label of a well-known person's value, else None."""
    labels, _, _ = _known()
    key, dash, init = value.rpartition("-")
    return labels.get((key, init)) if dash else None
