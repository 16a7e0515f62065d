"""Countries a text mentions, counted per ISO 3166-1 alpha-2 code.

The gazetteer (``data/``) holds, for every country, its names in English, Russian,
Uzbek (both scripts), Kazakh, Azerbaijani and Turkish (generated from pycountry and
CLDR), plus hand-written short forms, abbreviations, demonyms and capitals. A text
word matches a gazetteer form when it *is* the form followed by an inflection the
form's script allows: Russian case endings (`Казахстана`, `Турции`, `турецкого`),
agglutinative suffixes (`Қозоғистоннинг`, `Türkiye'nin`, `Rusiyanın`) or an English
possessive (`Azerbaijan's`). A self-contained matcher rather than the analyzers'
stemmer keeps counts stable while the analyzers change, and lets ambiguity rules
("Michael Jordan", "guinea pig", a "Georgian ribbon") look at the neighbouring words.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path

from qidir.analyzers.normalize import APOSTROPHE
from qidir.analyzers.normalize import fold as fold_word

DATA = Path(__file__).with_name("data")

_LATIN_FOLD = str.maketrans("ışğçöüəâîûéèêáàíóúñ", "isgcoueaiueeeaaioun")
_CYRL = re.compile(r"[\u0400-\u04FF]")
_TOKEN = re.compile(r"[^\W\d_]+(?:['ʻʼ‘’`´][^\W\d_]+)*")
_DOTTED_ABBR = re.compile(r"(?<![\w.])(U\.S\.A\.|U\.S\.|U\.K\.|U\.A\.E\.)")
_DOTTED_CODES = {"U.S.A.": "US", "U.S.": "US", "U.K.": "GB", "U.A.E.": "AE"}


def norm(word: str) -> str:
    """The comparison form: case, apostrophe, ё and Latin diacritics folded."""
    return exact(word).translate(_LATIN_FOLD)


def exact(word: str) -> str:
    """Case, apostrophe and ё folded, Latin diacritics kept ("şam" is not "sam").

    The analyzers' :func:`~qidir.analyzers.normalize.fold` does the case and apostrophe
    folding (one definition of a word for the whole product); the gazetteer spells the one
    apostrophe as ``'`` and reads ``ё`` as ``е``.
    """
    word = fold_word(word).replace("\u0307", "")
    return word.replace(APOSTROPHE, "'").replace("ё", "е")


def _chains(suffixes: set[str], *, apostrophe: bool) -> frozenset[str]:
    """One suffix, or two of at least two letters each ("lar"+"ga"), never "i"+"a"."""
    single = set(suffixes)
    double = {a + b for a, b in product(suffixes, repeat=2) if len(a) >= 2 and len(b) >= 2}
    out = single | double
    if apostrophe:
        out |= {"'" + s for s in out}
    return frozenset(out)


_LATN_SUFFIXES = {
    norm(s)
    for s in """
    ga ka qa da dan ning ni dagi gacha lik liklar lar larga larning lari larda lardan si
    a e ya ye na ne ta te nda nde ndan nden tan ten in un nin nun ı ü yi yu nu
    la le yla yle ile li lu daki deki taki teki ndaki ndeki dir tir
    ya yə ə nın nün yı yü lı lü də dən ndə ndən dakı dəki
    """.split()
}
_EN_SUFFIXES = {"'s", "'"}
_CYRL_SUFFIXES = {
    s
    for s in """
    га ка қа ға ке ге да дан нинг ни даги гача лик ликлар лар ларга ларнинг ларни ларда
    лардан ча дек ники нг
    а е на не де та те нда нде ден тан тен нан нен ның нің дың дің тың тің ды ді ты ті
    ны ні н мен бен пен менен дағы дегі тағы тегі ндағы ндегі лық лік дық дік тық тік
    лер дар дер тар тер сы сі ы і
    """.split()
}
_RU_AFTER_FULL = frozenset("а у е ом ым ой и ы ах ам ами ов ей".split())
_RU_AFTER_STEM = frozenset(
    "а я у ю е и ы ой ей ою ею ом ем ию ии ия ией ям ях ями ам ах ами ов ев".split()
)
_RU_ADJ = frozenset(
    "ий ый ой ая яя ое ее ие ые ого его ому ему им ым ом ем ую юю их ых ими ыми ей".split()
)
_RU_ADJ_FORM = re.compile(r"(?:ий|ый|ой|ая|яя|ое|ее|ие|ые)$")

#: What may follow a full gazetteer form, by the form's language. English names take a
#: possessive, or a Turkish suffix after an apostrophe ("Iran'ın"); the Turkic
#: languages attach suffixes directly too ("Rusiyaya"); Russian declines.
_LATN_TURKIC = _chains(_LATN_SUFFIXES, apostrophe=True)
_ENDINGS: dict[str, frozenset[str]] = {
    "en": frozenset(_EN_SUFFIXES | {x for x in _LATN_TURKIC if x.startswith("'")}),
    "uz": _LATN_TURKIC,
    "az": _LATN_TURKIC,
    "tr": _LATN_TURKIC,
    "ru": _RU_AFTER_FULL,
    "uz-Cyrl": _chains(_CYRL_SUFFIXES, apostrophe=False),
    "kk": _chains(_CYRL_SUFFIXES, apostrophe=False),
}

#: Words that may follow an ambiguous name without making it a person's name.
_NAME_OK_NEXT = frozenset(
    norm(w)
    for w in """
    defense defence ministry government army armed forces river valley basin republic
    president prime foreign national central state embassy authorities parliament
    """.split()
)
#: Capitalised words that may stand before an ambiguous name.
_NAME_OK_PREV = frozenset(
    norm(w) for w in "king queen kingdom president lake republic hashemite state of in to".split()
)


#: Words that open sentences before a place name ("In Jordan, …", "Since Georgia …").
_SENTENCE_OPENERS = frozenset(
    norm(w)
    for w in """
    in to from for with and but the of at by on as after before since like unlike between
    across near both while when if then also only even across inside outside throughout
    в из на с по для и но во ко от до при о об
    """.split()
)


#: US states: a capital before one ("Athens, Georgia", "Paris, Texas", "Moscow, Idaho") is
#: a US town of that name.
US_STATES = frozenset(
    """
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
    new_hampshire new_jersey new_mexico new_york north_carolina north_dakota rhode_island
    south_carolina south_dakota west_virginia
    """.split()
)


_AND = frozenset("and or & nor".split())


def _ends_a_list(toks: list[_Tok], k: int) -> bool:
    """Whether the word at ``k`` is followed by "and"/"or": "Baku, Georgia and Turkey" lists
    three places; "Athens, Georgia" names one."""
    return k + 1 < len(toks) and toks[k + 1].norm in _AND


def _us_state_after(text: str, toks: list[_Tok], j: int) -> bool:
    """Whether ", <US state>" (not an item of a list) follows the token before ``j``."""
    if j >= len(toks) or text[toks[j - 1].end : toks[j].start].strip() != ",":
        return False
    one = toks[j].text.casefold()
    if not toks[j].text[:1].isupper():
        return False
    if one in US_STATES:
        return not _ends_a_list(toks, j)
    two = f"{one}_{toks[j + 1].text.casefold()}" if j + 1 < len(toks) else ""
    return two in US_STATES and not _ends_a_list(toks, j + 1)


@dataclass(frozen=True)
class Entry:
    code: str
    form: str
    tokens: tuple[str, ...]
    kind: str
    lang: str
    case_sensitive: bool
    person: bool = False
    place_in_list: bool = False
    homonym_in: tuple[str, ...] = ()
    nostart: bool = False
    block_next: tuple[str, ...] = ()
    block_prev: tuple[str, ...] = ()


def _read_extra() -> list[tuple[str, str, str, list[str], str]]:
    rows = []
    with (DATA / "countries_extra.tsv").open(encoding="utf-8") as fh:
        for lineno, row in enumerate(csv.reader(fh, delimiter="\t"), start=1):
            if not row or row[0].startswith("#"):
                continue
            if len(row) < 4:
                raise ValueError(f"countries_extra.tsv:{lineno}: expected 4 or 5 columns")
            code, lang, kind, forms = row[:4]
            flags = row[4] if len(row) > 4 else ""
            rows.append((code, lang, kind, forms.split("|"), flags))
    return rows


def _entry(code: str, lang: str, kind: str, form: str, flags: str) -> Entry:
    tokens = tuple(norm(t) for t in _TOKEN.findall(form))
    opts = dict(f.split("=", 1) if "=" in f else (f, "") for f in flags.split("|") if f)
    return Entry(
        code=code,
        form=form,
        tokens=tokens,
        kind=kind,
        lang=lang,
        case_sensitive=kind in ("name", "capital", "abbr") or lang in ("en", "tr"),
        person="person" in opts,
        place_in_list="state" in opts,
        homonym_in=tuple(x for x in opts.get("homonym", "").split(",") if x),
        nostart="nostart" in opts,
        block_next=tuple(norm(w) for w in opts.get("block", "").split(",") if w),
        block_prev=tuple(norm(w) for w in opts.get("blockprev", "").split(",") if w),
    )


@lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple[Entry, str]]]:
    """First-token key -> (entry, mode) where mode says which endings may follow."""
    generated = json.loads((DATA / "countries_generated.json").read_text("utf-8"))
    owners: dict[tuple[str, str], set[str]] = {}
    entries: list[Entry] = []
    for code, by_lang in generated.items():
        for lang, forms in by_lang.items():
            for form in forms:
                owners.setdefault((lang, norm(form)), set()).add(code)
    extra = _read_extra()
    # Ambiguity flags written for a form apply to the generated copy of the same form.
    flags_of: dict[tuple[str, str], str] = {}
    for code, _, _, forms, flags in extra:
        for f in forms:
            key = (code, norm(f))
            flags_of[key] = "|".join(x for x in (flags_of.get(key, ""), flags) if x)
    seen: set[tuple[str, str, str]] = set()
    for code, lang, kind, forms, _flags in extra:
        for form in forms:
            key = (code, lang, form if kind == "abbr" else norm(form))
            if form and key not in seen:
                seen.add(key)
                entries.append(_entry(code, lang, kind, form, flags_of[(code, norm(form))]))
    for code, by_lang in generated.items():
        for lang, forms in by_lang.items():
            for form in forms:
                if len(owners[(lang, norm(form))]) > 1 or (code, lang, norm(form)) in seen:
                    continue  # "Congo" names two countries: leave it to the longer forms
                seen.add((code, lang, norm(form)))
                flags = flags_of.get((code, norm(form)), "")
                entries.append(_entry(code, lang, "name", form, flags))
    index: dict[str, list[tuple[Entry, str]]] = {}
    for entry in entries:
        if not entry.tokens:
            continue
        first = entry.tokens[0]
        for key, mode in _keys(first):
            index.setdefault(key, []).append((entry, mode))
    return index


def _keys(token: str) -> list[tuple[str, str]]:
    """The lookup keys of a gazetteer word: itself, and for Cyrillic its stem."""
    keys = [(token, "full")]
    if _CYRL.search(token):
        if len(token) >= 5 and _RU_ADJ_FORM.search(token):
            keys.append((token[:-2], "adj"))
        elif len(token) >= 4 and token[-1] in "аяйьы" and not re.search(r"[оуа]а$", token):
            # Names in -и, -о, -е and -оа/-уа are foreign and do not decline (Дели, Того,
            # Самоа): stemming them would find "Дела" and "Самое".
            keys.append((token[:-1], "stem"))
    return keys


def _ending_ok(rest: str, mode: str, lang: str) -> bool:
    if mode == "full":
        return not rest or rest in _ENDINGS.get(lang, frozenset())
    if mode == "stem":
        return rest in _RU_AFTER_STEM
    return rest in _RU_ADJ


def _may_inflect(entry: Entry, key: str) -> bool:
    """Short Latin words take suffixes only when they are names in the languages that
    attach them ("Bakıya"); "Lima" never grows one (so "Limanı", a harbour, is not Peru)
    and neither do short demonyms ("rus" is not in "ruse")."""
    if _CYRL.search(key) or len(key) >= 5:
        return True
    # Turkish writes a name's suffix after an apostrophe ("Fas'ta"): "Fasten" is English.
    return entry.lang in ("az", "uz") and entry.kind != "demonym"


def _word_matches(word: str, target: str, lang: str) -> bool:
    """Does a (non-first) text word match a gazetteer word, inflection allowed?"""
    for key, mode in _keys(target):
        if word.startswith(key) and _ending_ok(word[len(key) :], mode, lang):
            return True
    return False


@dataclass
class _Tok:
    text: str
    norm: str
    start: int
    end: int


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'«“‘(")
    return not before or before[-1] in '.!?…:\n»”"—–-•'


def _adjacent(text: str, a: _Tok, b: _Tok) -> bool:
    return text[a.end : b.start].strip() in ("", ".")


def _context_ok(entry: Entry, text: str, toks: list[_Tok], i: int, j: int) -> bool:
    first, last = toks[i], toks[j - 1]
    prev = toks[i - 1] if i > 0 and _adjacent(text, toks[i - 1], first) else None
    nxt = toks[j] if j < len(toks) and _adjacent(text, last, toks[j]) else None
    if entry.nostart and _sentence_start(text, first.start):
        return False
    if nxt is not None and any(nxt.norm.startswith(b) for b in entry.block_next):
        return False
    if prev is not None and prev.norm.rstrip(".") in {b.rstrip(".") for b in entry.block_prev}:
        return False
    if entry.place_in_list and i > 0 and text[toks[i - 1].end : first.start].strip() == ",":
        # "Augusta, Georgia", "Athens, Georgia": after a place that is not a country (a town,
        # or a capital of another country), a US state.
        before = toks[i - 1]
        if before.text[:1].isupper():
            place = _match_at(text, toks, i - 1, context=False)
            if place is None or (
                place[0].kind == "capital"
                and place[0].code != entry.code
                and not _ends_a_list(toks, j - 1)
            ):
                return False
    if entry.kind == "capital" and _us_state_after(text, toks, j):
        same = _match_at(text, toks, j, context=False)
        if same is None or same[0].code != entry.code:
            return False  # "Athens, Georgia" is not Greece ("Tbilisi, Georgia" is Georgia)
    if entry.homonym_in:
        # "Qatar" is also the Azerbaijani word for a train: not in an Azerbaijani sentence.
        from qidir.search.ingest.metadata.language import guess_language

        lo = max(0, text.rfind("\n", 0, first.start))
        hi = text.find("\n", last.end)
        if guess_language(text[lo : hi if hi > 0 else len(text)]) in entry.homonym_in:
            return False
    if entry.person:
        if (
            prev is not None
            and prev.text[:1].isupper()
            and prev.norm not in _NAME_OK_PREV
            and not (_sentence_start(text, prev.start) and prev.norm in _SENTENCE_OPENERS)
        ):
            return False  # "Michael Jordan", "President Chad …" is handled by _NAME_OK_PREV
        if (
            nxt is not None
            and nxt.text[:1].isupper()
            and not text[last.end : nxt.start].strip()
            and nxt.norm not in _NAME_OK_NEXT
            and "'" not in last.norm
        ):
            return False
    return True


def _match_at(
    text: str, toks: list[_Tok], i: int, *, context: bool = True
) -> tuple[Entry, int] | None:
    word = toks[i].norm
    best: tuple[Entry, int] | None = None
    # Try every split of the word into a key and an ending.
    for cut in range(len(word), max(0, len(word) - 9), -1):
        key, rest = word[:cut], word[cut:]
        for entry, mode in _index().get(key, ()):
            if not _ending_ok(rest, mode, entry.lang):
                continue
            if rest and not rest.startswith("'") and not _may_inflect(entry, key):
                continue
            n = len(entry.tokens)
            if i + n > len(toks):
                continue
            if n > 1 and rest and not _CYRL.search(key):
                continue  # "South Korea": in Latin script only the last word inflects
            if not all(
                _adjacent_or_hyphen(text, toks[i + k - 1], toks[i + k])
                and _word_matches(toks[i + k].norm, entry.tokens[k], entry.lang)
                for k in range(1, n)
            ):
                continue
            if not _case_ok(entry, toks[i], cut):
                continue
            if not _diacritics_ok(entry, toks[i], cut):
                continue
            if context and not _context_ok(entry, text, toks, i, i + n):
                continue
            if best is None or n > len(best[0].tokens):
                best = (entry, n)
    return best


def _adjacent_or_hyphen(text: str, a: _Tok, b: _Tok) -> bool:
    return text[a.end : b.start] in (" ", "-", "‑", " - ", "\u00a0")


def _case_ok(entry: Entry, tok: _Tok, cut: int) -> bool:
    if not entry.case_sensitive:
        return True
    if entry.kind == "abbr":
        return tok.text[:cut] == _TOKEN.findall(entry.form)[0]  # "US" is not "us"
    return tok.text[:1].isupper()


def _diacritics_ok(entry: Entry, tok: _Tok, cut: int) -> bool:
    """A short Latin name must keep its letters: "Şam" is not "Sam", "Çad" not "Cadde"."""
    first = _TOKEN.findall(entry.form)[0]
    if _CYRL.search(first) or len(entry.tokens[0]) > 4 or norm(first) == exact(first):
        return True
    return exact(tok.text)[: len(exact(first))] == exact(first)


def find_countries(text: str) -> dict[str, int]:
    """ISO alpha-2 code -> number of mentions of that country in `text`."""
    if not isinstance(text, str):
        raise TypeError(f"find_countries expects str, got {type(text).__name__}")
    text = unicodedata.normalize("NFC", text)
    counts: dict[str, int] = {}
    for m in _DOTTED_ABBR.finditer(text):
        code = _DOTTED_CODES[m.group(1)]
        counts[code] = counts.get(code, 0) + 1
    text = _DOTTED_ABBR.sub(lambda m: " " * len(m.group(1)), text)
    toks = [_Tok(m.group(), norm(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    i = 0
    while i < len(toks):
        found = _match_at(text, toks, i)
        if found is None:
            i += 1
            continue
        entry, n = found
        counts[entry.code] = counts.get(entry.code, 0) + 1
        i += n
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
