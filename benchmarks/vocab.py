"""Per-language vocabularies with Zipf-like frequencies for the synthetic benchmark corpus.

Why two sources: `wordfreq` has real frequency lists for English, Russian and Turkish but none
for Kazakh, Azerbaijani or Uzbek (it silently falls back to Russian for them, which would make
those "languages" Russian text), so for those three the team writes its own core vocabulary
(function words, news roots, inflected forms built with each language's common suffixes and
vowel harmony) and pads the long tail with phonotactically plausible generated words. Ranks of
the own lists get Zipf–Mandelbrot weights. Uzbek Cyrillic is the Latin list transliterated, so
both scripts share one vocabulary, as real Uzbek does.

Internal Uzbek spelling uses U+02BB (ʻ) for oʻ/gʻ and U+02BC (ʼ) for the glottal stop; the
corpus renders them in each source's own apostrophe style.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate

OKINA = "\u02bb"  # ʻ in oʻ, gʻ
GLOTTAL = "\u02bc"  # ʼ in taʼlim

#: How many ranked words each language keeps; enough for a realistic long tail at 100k docs.
VOCAB_SIZE = 20_000

WORDFREQ_LANGS = ("en", "ru", "tr")

_WORDFREQ_PATTERNS = {
    "en": re.compile(r"^[a-z]{2,}$|^[ai]$"),
    "ru": re.compile(r"^[а-яё]{2,}$|^[викосуая]$"),
    "tr": re.compile(r"^[a-zçğıöşüâîû]{2,}$|^o$"),
}


@dataclass(eq=False)
class Vocabulary:
    """Ranked words (most frequent first) with cumulative weights for `random.choices`."""

    lang: str
    words: tuple[str, ...]
    cum_weights: tuple[float, ...]
    source: str  # "wordfreq" or "team"
    _ranks: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._ranks = {}
        for i, w in enumerate(self.words):
            self._ranks.setdefault(w, i)

    def rank_of(self, word: str) -> int:
        """Rank of a word (0 = most frequent); unknown words rank after the whole list."""
        return self._ranks.get(word, len(self.words))


def zipf_weights(n: int, s: float = 1.07, q: float = 2.7) -> list[float]:
    """Zipf–Mandelbrot weights; q flattens the head the way real function words do."""
    return [1.0 / (r + q) ** s for r in range(1, n + 1)]


def _from_wordfreq(lang: str) -> Vocabulary:
    try:
        import wordfreq
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise RuntimeError(
            "the benchmark corpus needs wordfreq: pip install -e '.[bench]'"
        ) from exc
    if lang not in wordfreq.available_languages():
        raise RuntimeError(f"wordfreq has no list for {lang!r}")
    pattern = _WORDFREQ_PATTERNS[lang]
    words: list[str] = []
    freqs: list[float] = []
    seen: set[str] = set()
    # The raw list is frequency buckets in centibels: bucket i holds words of frequency
    # 10**(-i/100). Reading it directly is ~100x faster than word_frequency() per word.
    for bucket, bucket_words in enumerate(wordfreq.get_frequency_list(lang)):
        for w in bucket_words:
            if w in seen or not pattern.match(w):
                continue
            seen.add(w)
            words.append(w)
            freqs.append(10.0 ** (-bucket / 100))
            if len(words) == VOCAB_SIZE:
                break
        if len(words) == VOCAB_SIZE:
            break
    return Vocabulary(lang, tuple(words), tuple(accumulate(freqs)), "wordfreq")


# --- the team's own lists -------------------------------------------------------------------

_UZ_FUNCTION = """va bilan uchun bu u ham esa ekan edi boʻyicha haqida orqali kabi lekin ammo
yoki hamda yaʼni deb dedi qildi boʻldi boʻlgan qilingan etildi bor yoʻq emas
barcha har bir ikki uch oʻn yuz eng juda koʻp kam yana endi hali keyin oldin
soʻng davomida mobaynida tomonidan ushbu shu ular biz siz qanday nima kim
qachon qayerda chunki agar balki hatto faqat ayniqsa shuningdek jumladan""".split()

_UZ_ROOTS = """prezident hukumat vazir vazirlik davlat mamlakat respublika xalq shahar
viloyat tuman qishloq yil oy kun hafta soat vaqt yangi katta kichik yaxshi
muhim asosiy iqtisodiyot iqtisodiy savdo sanoat xoʻjalik bank pul soʻm dollar
narx bozor eksport import investitsiya loyiha dastur qonun qaror farmon majlis
parlament senat saylov partiya siyosat tashqi ichki ishlar hamkorlik aloqa
munosabat uchrashuv muzokara kelishuv shartnoma bitim imzo tashrif delegatsiya
elchi elchixona xavfsizlik mudofaa armiya harbiy chegara suv energiya gaz neft
elektr transport temir yoʻl avtomobil aeroport samolyot poyezd qurilish uy
maktab universitet taʼlim sogʻliq shifoxona shifokor kasallik sport futbol
jamoa oʻyin gʻalaba madaniyat sanʼat tarix til kitob yoshlar ayol bola oila
fuqaro aholi ish ishchi korxona kompaniya tadbirkor soliq byudjet moliya
maʼlumot axborot xabar matbuot jurnalist sud prokuratura jinoyat militsiya
hudud rivojlanish islohot oʻzgarish taklif talab masala muammo yechim natija
koʻrsatkich foiz million milliard ming birinchi ikkinchi uchinchi oʻtgan
kelgusi joriy bugun kecha ertaga gʻalla paxta meva sabzavot tabiat havo
yomgʻir qor issiq sovuq oʻrta markaziy mintaqa dunyo xalqaro tashkilot kengash
qoʻmita agentlik markaz oʻqituvchi oʻquvchi gʻoya oʻrin oʻsish togʻ daryo
qirgʻoq bogʻ qoʻshni doʻst sogʻlom toʻlov toʻgʻri qoʻllab quvvatlash mahalla
hokim hokimlik sektor texnologiya raqamli internet telefon aloqa fan olim
tadqiqot muzey teatr kino festival musobaqa chempionat olimpiada medal
murabbiy stadion qarz kredit inflyatsiya daromad xarajat ishsizlik migratsiya
migrant muhojir vatan bayram anjuman forum sammit bayonot murojaat""".split()

_UZ_SUFFIXES = """lar ning ga da dan ni i si imiz ingiz lari larning larga larda larini dagi gan
ishi chi lik dir moqda ligi likka sida siga sini""".split()

_KK_FUNCTION = """және мен үшін бұл ол да де ал еді бойынша туралы арқылы сияқты бірақ немесе
яғни деп деді етті болды болған жасалды бар жоқ емес барлық әр бір екі үш он
жүз ең өте көп аз тағы енді әлі кейін бұрын соң барысында тарапынан осы сол
олар біз сіз қалай не кім қашан қайда себебі егер тіпті тек әсіресе сондай ақ
оның""".split()

_KK_ROOTS = """президент үкімет министр министрлік мемлекет ел республика халық қала облыс
аудан ауыл жыл ай күн апта сағат уақыт жаңа үлкен кіші жақсы маңызды негізгі
экономика экономикалық сауда өнеркәсіп шаруашылық банк ақша теңге доллар баға
нарық экспорт импорт инвестиция жоба бағдарлама заң шешім жарлық парламент
мәжіліс сенат сайлау партия саясат сыртқы ішкі істер ынтымақтастық байланыс
қатынас кездесу келіссөз келісім шарт қол сапар делегация елші елшілік
қауіпсіздік қорғаныс әскер әскери шекара су энергия газ мұнай электр көлік
темір жол автомобиль әуежай ұшақ пойыз құрылыс үй мектеп университет білім
денсаулық аурухана дәрігер ауру спорт футбол команда ойын жеңіс мәдениет өнер
тарих тіл кітап жастар әйел бала отбасы азамат тұрғын жұмыс жұмысшы кәсіпорын
компания кәсіпкер салық бюджет қаржы ақпарат хабар баспасөз журналист сот
прокуратура қылмыс полиция аумақ даму реформа өзгеріс ұсыныс талап мәселе
нәтиже көрсеткіш пайыз миллион миллиард мың бірінші екінші үшінші өткен келесі
биыл бүгін кеше ертең астық мақта жеміс көкөніс табиғат ауа жаңбыр қар ыстық
суық орта орталық аймақ әлем халықаралық ұйым кеңес комитет агенттік мұғалім
оқушы идея орын өсу тау өзен жаға бақ көрші дос төлем дұрыс қолдау әкім
әкімдік сала технология цифрлық интернет телефон ғылым ғалым зерттеу мұражай
театр кино фестиваль жарыс чемпионат олимпиада медаль жаттықтырушы стадион
қарыз несие инфляция табыс шығын жұмыссыздық көші қон мереке форум саммит
мәлімдеме үндеу""".split()

_KK_SUFFIX_BACK = "ның ға да дан ды лар лары ларының дағы ы мен дың тың қа та тан".split()
_KK_SUFFIX_FRONT = "нің ге де ден ді лер лері лерінің дегі і мен дің тің ке те тен".split()

_AZ_FUNCTION = """və ilə üçün bu o da də isə idi üzrə haqqında vasitəsilə kimi lakin amma yaxud
yəni deyə dedi etdi oldu olan edildi var yox deyil bütün hər bir iki üç on yüz
ən çox az yenə indi hələ sonra əvvəl ərzində tərəfindən həmin onlar biz siz
necə nə kim nə vaxt harada çünki əgər hətta yalnız xüsusilə həmçinin onun""".split()

_AZ_ROOTS = """prezident hökumət nazir nazirlik dövlət ölkə respublika xalq şəhər rayon kənd
il ay gün həftə saat vaxt yeni böyük kiçik yaxşı vacib əsas iqtisadiyyat
iqtisadi ticarət sənaye təsərrüfat bank pul manat dollar qiymət bazar ixrac
idxal investisiya layihə proqram qanun qərar fərman parlament məclis seçki
partiya siyasət xarici daxili işlər əməkdaşlıq əlaqə münasibət görüş danışıq
razılaşma müqavilə saziş imza səfər nümayəndə heyət səfir səfirlik
təhlükəsizlik müdafiə ordu hərbi sərhəd su enerji qaz neft elektrik nəqliyyat
dəmir yol avtomobil hava liman təyyarə qatar tikinti ev məktəb universitet
təhsil səhiyyə xəstəxana həkim xəstəlik idman futbol komanda oyun qələbə
mədəniyyət incəsənət tarix dil kitab gənc qadın uşaq ailə vətəndaş əhali iş
işçi müəssisə şirkət sahibkar vergi büdcə maliyyə məlumat xəbər mətbuat
jurnalist məhkəmə prokurorluq cinayət polis ərazi inkişaf islahat dəyişiklik
təklif tələb məsələ problem həll nəticə göstərici faiz milyon milyard min
birinci ikinci üçüncü keçən gələn cari dünən sabah taxıl pambıq meyvə tərəvəz
təbiət yağış qar isti soyuq orta mərkəzi region dünya beynəlxalq təşkilat şura
komitə agentlik mərkəz müəllim şagird fikir yer artım dağ çay sahil bağ qonşu
dost ödəniş düzgün dəstək icra başçı sahə texnologiya rəqəmsal internet
telefon elm alim tədqiqat muzey teatr kino festival yarış çempionat olimpiada
medal məşqçi stadion borc kredit inflyasiya gəlir xərc işsizlik miqrasiya
bayram forum sammit bəyanat müraciət""".split()

_AZ_SUFFIX_BACK = "lar ın a da dan ı ları ların dakı nın ya dır maq".split()
_AZ_SUFFIX_FRONT = "lər in ə də dən i ləri lərin dəki nin yə dir mək".split()

_SYLLABLES = {
    "uz": (
        "b d f g h j k l m n p q r s t v x y z sh ch ng gʻ".split(),
        "a e i o u oʻ".split(),
    ),
    "kk": (
        "б д ж з к қ л м н ң п р с т ш ғ й".split(),
        "а ә е ы і о ө ұ ү у".split(),
    ),
    "az": (
        "b c ç d f g ğ h x k q l m n p r s ş t v y z".split(),
        "a ə e ı i o ö u ü".split(),
    ),
}

_FRONT = set("әеіөүиэeəiöü")
_BACK = set("аоұыуяюёaıou")


def _is_front(word: str) -> bool:
    for ch in reversed(word):
        if ch in _FRONT:
            return True
        if ch in _BACK:
            return False
    return False


def _synthetic_words(lang: str, n: int, rng: random.Random, avoid: set[str]) -> list[str]:
    consonants, vowels = _SYLLABLES[lang]
    out: list[str] = []
    while len(out) < n:
        syllables = rng.choice((2, 2, 3, 3, 3, 4))
        parts = []
        for i in range(syllables):
            if i == 0 and rng.random() < 0.25:
                parts.append(rng.choice(vowels))
            else:
                parts.append(rng.choice(consonants) + rng.choice(vowels))
        if rng.random() < 0.5:
            parts.append(rng.choice(consonants))
        word = "".join(parts)
        if word not in avoid:
            avoid.add(word)
            out.append(word)
    return out


def _team_list(lang: str) -> Vocabulary:
    """Function words first, then roots and inflected forms, then a generated long tail."""
    rng = random.Random(f"vocab-{lang}")  # fixed: the vocabulary never depends on the corpus seed
    if lang == "uz":
        function, roots = _UZ_FUNCTION, _UZ_ROOTS
        suffixes_for = lambda root: _UZ_SUFFIXES  # noqa: E731 - Uzbek has no vowel harmony
    elif lang == "kk":
        function, roots = _KK_FUNCTION, _KK_ROOTS
        suffixes_for = lambda root: _KK_SUFFIX_FRONT if _is_front(root) else _KK_SUFFIX_BACK  # noqa: E731
    elif lang == "az":
        function, roots = _AZ_FUNCTION, _AZ_ROOTS
        suffixes_for = lambda root: _AZ_SUFFIX_FRONT if _is_front(root) else _AZ_SUFFIX_BACK  # noqa: E731
    else:
        raise ValueError(f"no team word list for {lang!r}")
    seen: set[str] = set()
    words: list[str] = []

    def add(w: str) -> None:
        if w not in seen:
            seen.add(w)
            words.append(w)

    for w in function:
        add(w)
    roots = list(dict.fromkeys(roots))
    rng.shuffle(roots)
    inflected = [r + s for r in roots for s in suffixes_for(r)]
    rng.shuffle(inflected)
    # Roots lead the ranking, but inflected forms are common too: interleave them.
    it = iter(inflected)
    for root in roots:
        add(root)
        for _ in range(2):
            nxt = next(it, None)
            if nxt:
                add(nxt)
    for w in it:
        add(w)
    tail = _synthetic_words(lang, VOCAB_SIZE - len(words), rng, seen)
    # Derive some tail words as inflections too, so rare words also carry suffixes.
    for i, w in enumerate(tail):
        if i % 3 == 0:
            suffix = rng.choice(suffixes_for(w))
            if w + suffix not in seen:
                seen.add(w + suffix)
                tail[i] = w + suffix
    words.extend(tail)
    words = words[:VOCAB_SIZE]
    return Vocabulary(lang, tuple(words), tuple(accumulate(zipf_weights(len(words)))), "team")


@cache
def vocabulary(lang: str) -> Vocabulary:
    """The ranked vocabulary of one language (`uz` is the Latin spelling)."""
    if lang in WORDFREQ_LANGS:
        return _from_wordfreq(lang)
    return _team_list(lang)


# --- Uzbek Latin -> Cyrillic ----------------------------------------------------------------

_UZ_DIGRAPHS = [
    ("o" + OKINA, "ў"), ("g" + OKINA, "ғ"), ("sh", "ш"), ("ch", "ч"),
    ("yo", "ё"), ("yu", "ю"), ("ya", "я"), ("ye", "е"),
]
_UZ_SINGLE = dict(zip(
    "abdefghijklmnopqrstuvxyz" + GLOTTAL,
    "абдефгҳижклмнопқрстувхйз" + "ъ", strict=True,
))
_UZ_VOWELS_LAT = set("aeiou")


def uz_latn_to_cyrl(word: str) -> str:
    """Official-style Uzbek Latin→Cyrillic; word-initial `e` is `э`, as Cyrillic spells it."""
    out: list[str] = []
    i = 0
    lower = word.lower()
    while i < len(lower):
        for lat, cyr in _UZ_DIGRAPHS:
            if lower.startswith(lat, i):
                out.append(cyr)
                i += len(lat)
                break
        else:
            ch = lower[i]
            if ch == "e" and (i == 0 or lower[i - 1] in _UZ_VOWELS_LAT):
                out.append("э")
            else:
                out.append(_UZ_SINGLE.get(ch, ch))
            i += 1
    result = "".join(out)
    if word[:1].isupper():
        result = result[:1].upper() + result[1:]
    return result


@cache
def uz_cyrillic_vocabulary() -> Vocabulary:
    latin = vocabulary("uz")
    return Vocabulary(
        "uz-Cyrl", tuple(uz_latn_to_cyrl(w) for w in latin.words), latin.cum_weights, "team"
    )


#: Apostrophe styles seen on Uzbek sites: (oʻ/gʻ mark, glottal-stop mark).
APOSTROPHE_STYLES: tuple[tuple[str, str], ...] = (
    (OKINA, GLOTTAL),  # the official letters
    ("'", "'"),  # plain ASCII, the most common in practice
    ("\u2018", "\u2019"),  # typographic quotes
    ("\u2019", "\u2019"),
    ("`", "'"),
)


def render_uz_latin(text: str, style: tuple[str, str]) -> str:
    okina, glottal = style
    if okina == OKINA and glottal == GLOTTAL:
        return text
    return text.replace(OKINA, okina).replace(GLOTTAL, glottal)
