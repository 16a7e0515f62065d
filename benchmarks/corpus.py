"""Deterministic synthetic multilingual news corpus for the benchmarks.

Every document is generated from its own RNG seeded by (seed, index), so a corpus of N
documents is exactly the first N documents of any larger corpus with the same seed: the
10k, 30k and 100k corpora nest, and a query set drawn from the first 10k documents is
valid for all sizes.

Records carry the contract's document fields (`id`, `title`, `text`, `url`, `source`,
`published`, `lang`, `script`, `countries`); qidir's `.jsonl` reader takes given fields as-is,
so benchmarks measure analysis and indexing, not metadata extraction.

    python -m benchmarks.corpus --n 10000 --seed 1 --out benchmarks/data/corpus-10k.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from benchmarks.vocab import (
    APOSTROPHE_STYLES,
    Vocabulary,
    render_uz_latin,
    uz_cyrillic_vocabulary,
    vocabulary,
    zipf_weights,
)

GENERATOR_VERSION = 1

#: (lang, script) → share of documents; a Central Asian newsroom archive.
LANGUAGE_MIX: dict[tuple[str, str], float] = {
    ("en", "Latn"): 0.35,
    ("ru", "Cyrl"): 0.25,
    ("uz", "Cyrl"): 0.10,
    ("uz", "Latn"): 0.10,
    ("kk", "Cyrl"): 0.07,
    ("az", "Latn"): 0.07,
    ("tr", "Latn"): 0.06,
}

#: Countries ranked by how often news mentions them; weights are Zipf over this order.
COUNTRIES = """US RU CN TR KZ UZ AZ UA DE FR GB IR AF KG TJ TM IN JP KR GE AM BY PK SA AE IL IT ES
PL QA EG BR CA AU KP SY IQ HU NL BE CH AT SE NO FI DK CZ RO BG GR RS MN ID MY VN TH SG PH BD NG ZA
KE ET MX AR CL CO VE CU LT LV EE MD AL TN MA DZ LY JO LB KW OM PT IE NZ""".split()

HOME_COUNTRY = {"ru": "RU", "uz": "UZ", "kk": "KZ", "az": "AZ", "tr": "TR", "en": None}


@dataclass(frozen=True)
class Source:
    domain: str
    langs: tuple[str, ...]  # "uz-Latn", "uz-Cyrl" for Uzbek; else the language code


# 50 outlets, listed roughly by size; each publishes in some of the corpus languages.
SOURCES: tuple[Source, ...] = tuple(
    Source(d, tuple(langs.split()))
    for d, langs in [
        ("kun.uz", "uz-Latn uz-Cyrl ru en"),
        ("tass.ru", "ru en"),
        ("trend.az", "en ru az"),
        ("reuters.com", "en"),
        ("gazeta.uz", "ru uz-Latn"),
        ("tengrinews.kz", "ru kk en"),
        ("daryo.uz", "uz-Latn uz-Cyrl ru en"),
        ("aa.com.tr", "tr en ru"),
        ("azernews.az", "en"),
        ("ria.ru", "ru"),
        ("uza.uz", "uz-Latn uz-Cyrl ru en"),
        ("inform.kz", "kk ru en"),
        ("apa.az", "az en ru"),
        ("dailysabah.com", "en"),
        ("interfax.ru", "ru"),
        ("report.az", "az en ru"),
        ("nur.kz", "ru kk"),
        ("trthaber.com", "tr"),
        ("xabar.uz", "uz-Cyrl uz-Latn ru"),
        ("apnews.com", "en"),
        ("fergana.news", "ru en uz-Latn"),
        ("astanatimes.com", "en"),
        ("hurriyet.com.tr", "tr"),
        ("kommersant.ru", "ru"),
        ("ozodlik.org", "uz-Cyrl uz-Latn"),
        ("egemen.kz", "kk"),
        ("oxu.az", "az"),
        ("eurasianet.org", "en ru"),
        ("sabah.com.tr", "tr"),
        ("podrobno.uz", "ru"),
        ("zakon.kz", "ru"),
        ("bbc.com", "en ru uz-Latn uz-Cyrl tr az kk"),
        ("rferl.org", "en"),
        ("azattyq.org", "kk ru"),
        ("qafqazinfo.az", "az"),
        ("rbc.ru", "ru"),
        ("hurriyetdailynews.com", "en"),
        ("spot.uz", "ru uz-Latn"),
        ("kursiv.media", "ru kk"),
        ("akipress.com", "en ru"),
        ("24.kg", "ru en"),
        ("timesca.com", "en"),
        ("review.uz", "ru en uz-Latn"),
        ("president.uz", "uz-Latn uz-Cyrl ru en"),
        ("musavat.com", "az"),
        ("baq.kz", "kk"),
        ("bianet.org", "tr en"),
        ("kapital.kz", "ru"),
        ("aikyn.kz", "kk"),
        ("uzdaily.uz", "en uz-Latn ru"),
    ]
)
assert len(SOURCES) == 50

#: Persons with their spellings per language key ("uz-Latn" style keys for Uzbek). The corpus
#: uses these to test that cross-script name queries find every spelling.
PERSONS: tuple[tuple[str, dict[str, str]], ...] = (
    ("KZ", {"en": "Tokayev", "ru": "Токаев", "kk": "Тоқаев", "uz-Cyrl": "Тўқаев",
            "uz-Latn": "Toʻqayev", "tr": "Tokayev", "az": "Tokayev"}),
    ("TR", {"en": "Erdogan", "ru": "Эрдоган", "kk": "Ердоған", "uz-Cyrl": "Эрдўған",
            "uz-Latn": "Erdoʻgʻan", "tr": "Erdoğan", "az": "Ərdoğan"}),
    ("UZ", {"en": "Mirziyoyev", "ru": "Мирзиёев", "kk": "Мирзиёев", "uz-Cyrl": "Мирзиёев",
            "uz-Latn": "Mirziyoyev", "tr": "Mirziyoyev", "az": "Mirziyoyev"}),
    ("AZ", {"en": "Aliyev", "ru": "Алиев", "kk": "Әлиев", "uz-Cyrl": "Алиев",
            "uz-Latn": "Aliyev", "tr": "Aliyev", "az": "Əliyev"}),
    ("RU", {"en": "Putin", "ru": "Путин", "kk": "Путин", "uz-Cyrl": "Путин",
            "uz-Latn": "Putin", "tr": "Putin", "az": "Putin"}),
    ("AZ", {"en": "Hasanov", "ru": "Гасанов", "kk": "Хасанов", "uz-Cyrl": "Ҳасанов",
            "uz-Latn": "Hasanov", "tr": "Hasanov", "az": "Həsənov"}),
    ("KZ", {"en": "Nazarbayev", "ru": "Назарбаев", "kk": "Назарбаев", "uz-Cyrl": "Назарбоев",
            "uz-Latn": "Nazarboyev", "tr": "Nazarbayev", "az": "Nazarbayev"}),
    ("KG", {"en": "Japarov", "ru": "Жапаров", "kk": "Жапаров", "uz-Cyrl": "Жапаров",
            "uz-Latn": "Japarov", "tr": "Caparov", "az": "Caparov"}),
    ("TJ", {"en": "Rahmon", "ru": "Рахмон", "kk": "Рахмон", "uz-Cyrl": "Раҳмон",
            "uz-Latn": "Rahmon", "tr": "Rahman", "az": "Rəhmon"}),
    ("AM", {"en": "Pashinyan", "ru": "Пашинян", "kk": "Пашинян", "uz-Cyrl": "Пашинян",
            "uz-Latn": "Pashinyan", "tr": "Paşinyan", "az": "Paşinyan"}),
    ("TM", {"en": "Berdimuhamedov", "ru": "Бердымухамедов", "kk": "Бердімұхамедов",
            "uz-Cyrl": "Бердимуҳамедов", "uz-Latn": "Berdimuhamedov", "tr": "Berdimuhamedov",
            "az": "Berdiməhəmmədov"}),
    ("CN", {"en": "Xi Jinping", "ru": "Си Цзиньпин", "kk": "Си Цзиньпин", "uz-Cyrl": "Си Цзинпин",
            "uz-Latn": "Si Szinpin", "tr": "Şi Cinping", "az": "Si Cinpin"}),
    ("UZ", {"en": "Saidov", "ru": "Саидов", "kk": "Саидов", "uz-Cyrl": "Саидов",
            "uz-Latn": "Saidov", "tr": "Saidov", "az": "Səidov"}),
    ("KZ", {"en": "Smailov", "ru": "Смаилов", "kk": "Смайылов", "uz-Cyrl": "Смаилов",
            "uz-Latn": "Smailov", "tr": "Smailov", "az": "Smailov"}),
    ("TR", {"en": "Fidan", "ru": "Фидан", "kk": "Фидан", "uz-Cyrl": "Фидан",
            "uz-Latn": "Fidan", "tr": "Fidan", "az": "Fidan"}),
    ("AZ", {"en": "Bayramov", "ru": "Байрамов", "kk": "Байрамов", "uz-Cyrl": "Байрамов",
            "uz-Latn": "Bayramov", "tr": "Bayramov", "az": "Bayramov"}),
)

#: Suffixes a name takes in running text, per language key (Turkish puts an apostrophe first).
NAME_SUFFIXES = {
    "en": ("", "", "", "'s"),
    "ru": ("", "", "а", "у", "ым", "е"),
    "kk": ("", "", "тың", "қа", "пен"),
    "uz-Cyrl": ("", "", "нинг", "га", "ни", "дан"),
    "uz-Latn": ("", "", "ning", "ga", "ni", "dan"),
    "tr": ("", "", "'ın", "'a", "'la"),
    "az": ("", "", "un", "a", "la"),
}

#: Country names in running text for the most covered countries.
COUNTRY_NAMES = {
    "KZ": {"en": "Kazakhstan", "ru": "Казахстан", "kk": "Қазақстан", "uz-Latn": "Qozogʻiston",
           "uz-Cyrl": "Қозоғистон", "tr": "Kazakistan", "az": "Qazaxıstan"},
    "UZ": {"en": "Uzbekistan", "ru": "Узбекистан", "kk": "Өзбекстан", "uz-Latn": "Oʻzbekiston",
           "uz-Cyrl": "Ўзбекистон", "tr": "Özbekistan", "az": "Özbəkistan"},
    "TR": {"en": "Turkey", "ru": "Турция", "kk": "Түркия", "uz-Latn": "Turkiya",
           "uz-Cyrl": "Туркия", "tr": "Türkiye", "az": "Türkiyə"},
    "AZ": {"en": "Azerbaijan", "ru": "Азербайджан", "kk": "Әзербайжан", "uz-Latn": "Ozarbayjon",
           "uz-Cyrl": "Озарбайжон", "tr": "Azerbaycan", "az": "Azərbaycan"},
    "RU": {"en": "Russia", "ru": "Россия", "kk": "Ресей", "uz-Latn": "Rossiya",
           "uz-Cyrl": "Россия", "tr": "Rusya", "az": "Rusiya"},
    "CN": {"en": "China", "ru": "Китай", "kk": "Қытай", "uz-Latn": "Xitoy",
           "uz-Cyrl": "Хитой", "tr": "Çin", "az": "Çin"},
    "US": {"en": "United States", "ru": "США", "kk": "АҚШ", "uz-Latn": "AQSH",
           "uz-Cyrl": "АҚШ", "tr": "ABD", "az": "ABŞ"},
    "KG": {"en": "Kyrgyzstan", "ru": "Киргизия", "kk": "Қырғызстан", "uz-Latn": "Qirgʻiziston",
           "uz-Cyrl": "Қирғизистон", "tr": "Kırgızistan", "az": "Qırğızıstan"},
}

START_DATE = dt.date(2015, 1, 1)
YEARS = tuple(range(2015, 2025))  # ten years
UNDATED_SHARE = 0.05
NO_COUNTRY_SHARE = 0.03
MEAN_WORDS = 250


def lang_key(lang: str, script: str) -> str:
    """Key for per-language tables: Uzbek is split by script, other languages are not."""
    return f"uz-{script}" if lang == "uz" else lang


def _vocab_for(key: str) -> Vocabulary:
    if key == "uz-Cyrl":
        return uz_cyrillic_vocabulary()
    return vocabulary(key.split("-")[0])


@dataclass(frozen=True)
class _Tables:
    """Everything a document draw needs, precomputed once per process."""

    langs: tuple[tuple[str, str], ...]
    lang_cum: tuple[float, ...]
    vocabs: dict[str, Vocabulary]
    sources_by_key: dict[str, tuple[Source, ...]]
    source_cum_by_key: dict[str, tuple[float, ...]]
    country_cum: tuple[float, ...]
    person_cum: tuple[float, ...]
    year_cum: tuple[float, ...]


def _tables() -> _Tables:
    langs = tuple(LANGUAGE_MIX)
    vocabs = {lang_key(lang, script): _vocab_for(lang_key(lang, script)) for lang, script in langs}
    sources_by_key = {
        k: tuple(s for s in SOURCES if k in s.langs) for k in vocabs
    }
    source_cum_by_key = {
        k: tuple(accumulate(zipf_weights(len(v), s=0.9, q=1.0))) for k, v in sources_by_key.items()
    }
    # Newsrooms publish more every year: weights grow linearly over the decade.
    year_cum = tuple(accumulate(1.0 + 0.12 * i for i in range(len(YEARS))))
    return _Tables(
        langs=langs,
        lang_cum=tuple(accumulate(LANGUAGE_MIX.values())),
        vocabs=vocabs,
        sources_by_key=sources_by_key,
        source_cum_by_key=source_cum_by_key,
        country_cum=tuple(accumulate(zipf_weights(len(COUNTRIES), s=1.15, q=1.5))),
        person_cum=tuple(accumulate(zipf_weights(len(PERSONS), s=0.9, q=1.0))),
        year_cum=year_cum,
    )


_TABLES: _Tables | None = None


def tables() -> _Tables:
    global _TABLES
    if _TABLES is None:
        _TABLES = _tables()
    return _TABLES


def _pick(rng: random.Random, items, cum):  # type: ignore[no-untyped-def]
    return rng.choices(items, cum_weights=cum, k=1)[0]


def _countries(rng: random.Random, lang: str, t: _Tables) -> list[str]:
    if rng.random() < NO_COUNTRY_SHARE:
        return []
    home = HOME_COUNTRY.get(lang)
    chosen: list[str] = []
    if home and rng.random() < 0.45:
        chosen.append(home)
    for _ in range(rng.choices((1, 1, 1, 2, 2, 3), k=1)[0]):
        c = _pick(rng, COUNTRIES, t.country_cum)
        if c not in chosen:
            chosen.append(c)
    return chosen


def _sentence(rng: random.Random, vocab: Vocabulary, n: int) -> list[str]:
    return rng.choices(vocab.words, cum_weights=vocab.cum_weights, k=n)


def _name_mention(rng: random.Random, person: dict[str, str], key: str) -> str:
    name = person[key]
    suffix = rng.choice(NAME_SUFFIXES[key])
    if suffix and " " not in name:
        return name + suffix
    return name


def _build_text(
    rng: random.Random, key: str, vocab: Vocabulary, names: list[dict[str, str]],
    countries: list[str], t: _Tables,
) -> tuple[str, str]:
    n_words = max(60, int(rng.gauss(MEAN_WORDS, 70)))
    sentences: list[list[str]] = []
    remaining = n_words
    while remaining > 0:
        length = min(remaining, rng.randint(7, 22))
        sentences.append(_sentence(rng, vocab, length))
        remaining -= length
    # Names and country names go into random sentences at random places.
    mentions: list[str] = []
    for person in names:
        mentions += [_name_mention(rng, person, key) for _ in range(rng.randint(1, 4))]
    for cc in countries[:2]:
        if cc in COUNTRY_NAMES and rng.random() < 0.7:
            mentions.append(COUNTRY_NAMES[cc][key])
    for m in mentions:
        s = rng.choice(sentences)
        s.insert(rng.randint(0, len(s)), m)
    # Some Uzbek and Kazakh articles quote Russian: one sentence in Russian.
    if key in ("uz-Latn", "uz-Cyrl", "kk") and rng.random() < 0.05:
        quote = _sentence(rng, t.vocabs["ru"], rng.randint(8, 16))
        sentences.insert(rng.randint(0, len(sentences)), ["«" + quote[0]] + quote[1:-1]
                         + [quote[-1] + "»"])
    paragraphs: list[str] = []
    para: list[str] = []
    for s in sentences:
        if len(s) > 9 and rng.random() < 0.25:
            s[rng.randint(2, len(s) - 3)] += ","
        s[0] = s[0][:1].upper() + s[0][1:]
        para.append(" ".join(s) + ".")
        if len(para) >= rng.randint(2, 5):
            paragraphs.append(" ".join(para))
            para = []
    if para:
        paragraphs.append(" ".join(para))
    # Headline: content words (skip the most frequent ones), maybe a name up front.
    title_words = [
        w for w in _sentence(rng, vocab, rng.randint(8, 14)) if vocab.rank_of(w) >= 60
    ][: rng.randint(5, 10)] or _sentence(rng, vocab, 4)
    if names and rng.random() < 0.5:
        title_words.insert(0, _name_mention(rng, names[0], key))
    title = " ".join(title_words)
    title = title[:1].upper() + title[1:]
    return title, "\n\n".join(paragraphs)


def make_document(seed: int, index: int) -> dict[str, object]:
    """Document `index` of the corpus with `seed`; independent of every other document."""
    t = tables()
    rng = random.Random(seed * 1_000_003 + index)
    lang, script = _pick(rng, t.langs, t.lang_cum)
    key = lang_key(lang, script)
    vocab = t.vocabs[key]
    source = _pick(rng, t.sources_by_key[key], t.source_cum_by_key[key])
    countries = _countries(rng, lang, t)
    # People: mostly those of the article's countries, otherwise the well-known ones.
    names: list[dict[str, str]] = []
    for _ in range(rng.choices((0, 1, 1, 2, 3), weights=(30, 30, 15, 20, 5), k=1)[0]):
        local = [p for cc, p in PERSONS if cc in countries]
        person = rng.choice(local) if local and rng.random() < 0.6 else _pick(
            rng, [p for _, p in PERSONS], t.person_cum
        )
        if person not in names:
            names.append(person)
    title, text = _build_text(rng, key, vocab, names, countries, t)
    if key == "uz-Latn":
        # Each outlet has its own apostrophe habit; a few articles mix in another.
        styles = APOSTROPHE_STYLES
        style = styles[sum(map(ord, source.domain)) % len(styles)]
        if rng.random() < 0.1:
            style = rng.choice(styles)
        title, text = render_uz_latin(title, style), render_uz_latin(text, style)
    if rng.random() < UNDATED_SHARE:
        published = None
    else:
        year = _pick(rng, YEARS, t.year_cum)
        day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        published = day.isoformat()
    doc_id = f"b{seed}-{index:07d}"
    url = None
    if rng.random() > 0.02:
        section = rng.choice(("news", "politics", "economy", "world", "society", "sport"))
        stamp = (published or "undated").replace("-", "/")
        url = f"https://{source.domain}/{lang}/{section}/{stamp}/{doc_id}"
    return {
        "id": doc_id,
        "title": title,
        "text": text,
        "url": url,
        "source": source.domain,
        "published": published,
        "lang": lang,
        "script": script,
        "countries": countries,
    }


def generate(n: int, seed: int = 1) -> Iterator[dict[str, object]]:
    for i in range(n):
        yield make_document(seed, i)


_CHUNK = 2000


def _chunk_lines(args: tuple[int, int, int]) -> str:
    seed, start, stop = args
    return "".join(
        json.dumps(make_document(seed, i), ensure_ascii=False) + "\n" for i in range(start, stop)
    )


def write_corpus(
    path: Path, n: int, seed: int = 1, jobs: int | None = None
) -> dict[str, object]:
    """Write the corpus atomically plus a sidecar `.meta.json` describing it; returns the meta.

    Documents are independent, so chunks are generated in parallel and written in order:
    the file is byte-identical for any number of jobs.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    started = time.perf_counter()
    jobs = jobs or os.cpu_count() or 1
    tables()
    chunks = [(seed, a, min(a + _CHUNK, n)) for a in range(0, n, _CHUNK)]
    with tmp.open("w", encoding="utf-8") as fh:
        if jobs > 1 and len(chunks) > 1:
            # spawn, not fork: a fork taken while another thread holds a lock (a test
            # server, a logging handler) can leave a worker deadlocked for ever.
            with multiprocessing.get_context("spawn").Pool(jobs, initializer=tables) as pool:
                for text in pool.imap(_chunk_lines, chunks):
                    fh.write(text)
        else:
            for chunk in chunks:
                fh.write(_chunk_lines(chunk))
    tmp.replace(path)
    meta = {
        "generator_version": GENERATOR_VERSION,
        "n": n,
        "seed": seed,
        "bytes": path.stat().st_size,
        "seconds": round(time.perf_counter() - started, 2),
        "vocab_sources": {k: v.source for k, v in tables().vocabs.items()},
    }
    meta_path(path).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".meta.json")


def ensure_corpus(path: Path, n: int, seed: int = 1) -> dict[str, object]:
    """Reuse an existing corpus file if it was made by this generator version with n and seed."""
    mp = meta_path(path)
    if path.exists() and mp.exists():
        meta = json.loads(mp.read_text(encoding="utf-8"))
        if (meta.get("generator_version"), meta.get("n"), meta.get("seed")) == (
            GENERATOR_VERSION, n, seed,
        ) and meta.get("bytes") == path.stat().st_size:
            return meta
    return write_corpus(path, n, seed)


def read_corpus(path: Path, limit: int | None = None) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                return
            yield json.loads(line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="number of documents (default 100000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True, help="output .jsonl path")
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("--n must be at least 1")
    meta = write_corpus(args.out, args.n, args.seed, args.jobs)
    print(
        f"wrote {args.n} documents ({meta['bytes'] / 1e6:.1f} MB) to {args.out} "
        f"in {meta['seconds']} s", file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
