"""Places whose names differ between languages, not just between scripts.

The names fold (:mod:`names`) makes ``Ташкент`` = ``Tashkent`` and ``Тошкент`` = ``Toshkent``,
because those pairs are one spelling in two scripts. ``Tashkent`` and ``Toshkent`` are two
names, the Russian/English one and the Uzbek one (Uzbek writes o where Russian writes a:
Buxoro, Andijon), and no letter rule can join them without joining unrelated words too. So
the places a reader of this region's news searches for are listed here, each with the
names it goes by in English, Uzbek (both scripts), Russian, Kazakh, Azerbaijani and Turkish.

Only a query expands: a query for any name of a place also looks up the names-field keys of
its other names. The index keeps what was written, so this table can grow without a rebuild.
Places whose name is also a common word or a person's name in one of these languages
(Georgia, Jordan, Rome = Rim) are left out: a search for the word would find the place.
"""

from __future__ import annotations

from collections.abc import Iterable

from qidir.analyzers.names import name_keys

#: One row per place: the names it goes by, any script, dictionary form.
PLACES: tuple[tuple[str, ...], ...] = (
    # countries
    ("Uzbekistan", "Oʻzbekiston", "Ўзбекистон", "Узбекистан", "Özbekistan", "Özbəkistan",
     "Өзбекстан"),
    ("Kazakhstan", "Qozogʻiston", "Қозоғистон", "Казахстан", "Kazakistan", "Qazaxıstan",
     "Қазақстан", "Qazaqstan"),
    ("Kyrgyzstan", "Qirgʻiziston", "Қирғизистон", "Киргизия", "Кыргызстан", "Kırgızistan",
     "Qırğızıstan", "Қырғызстан"),
    ("Tajikistan", "Tojikiston", "Тожикистон", "Таджикистан", "Tacikistan", "Тәжікстан"),
    ("Turkmenistan", "Turkmaniston", "Туркманистон", "Туркменистан", "Түрікменстан"),
    ("Afghanistan", "Afgʻoniston", "Афғонистон", "Афганистан", "Afganistan", "Əfqanıstan",
     "Ауғанстан"),
    ("Azerbaijan", "Ozarbayjon", "Озарбайжон", "Азербайджан", "Azerbaycan", "Azərbaycan",
     "Әзірбайжан"),
    ("Turkey", "Türkiye", "Turkiya", "Туркия", "Турция", "Türkiyə", "Түркия"),
    ("Russia", "Rossiya", "Россия", "Rusya", "Rusiya", "Ресей"),
    ("China", "Xitoy", "Хитой", "Китай", "Çin", "Қытай"),
    ("Germany", "Germaniya", "Германия", "Almanya", "Almaniya"),
    ("Iran", "Eron", "Эрон", "Иран"),
    ("India", "Hindiston", "Ҳиндистон", "Индия", "Hindistan", "Үндістан"),
    ("Japan", "Yaponiya", "Япония", "Japonya", "Жапония"),
    ("Armenia", "Armaniston", "Арманистон", "Армения", "Ermenistan", "Ermənistan"),
    ("Ukraine", "Ukraina", "Украина", "Ukrayna", "Україна"),
    ("Pakistan", "Pokiston", "Покистон", "Пакистан"),
    ("Mongolia", "Moʻgʻuliston", "Мўғулистон", "Монголия", "Moğolistan", "Monqolustan",
     "Моңғолия"),
    ("Egypt", "Misr", "Миср", "Египет", "Mısır"),
    ("France", "Fransiya", "Франция", "Fransa"),
    ("Israel", "Isroil", "Исроил", "Израиль", "İsrail"),
    ("Syria", "Suriya", "Сурия", "Сирия", "Suriye"),
    ("Iraq", "Iroq", "Ироқ", "Ирак", "Irak"),
    ("Poland", "Polsha", "Польша", "Polonya"),
    ("Spain", "Ispaniya", "Испания", "İspanya"),
    ("Greece", "Gretsiya", "Греция", "Yunanistan"),
    ("Hungary", "Vengriya", "Венгрия", "Macaristan"),
    ("Switzerland", "Shveytsariya", "Швейцария", "İsviçre"),
    # cities
    ("Tashkent", "Toshkent", "Тошкент", "Ташкент", "Taşkent", "Daşkənd"),
    ("Samarkand", "Samarqand", "Самарқанд", "Самарканд", "Semerkant", "Səmərqənd"),
    ("Bukhara", "Buxoro", "Бухоро", "Бухара", "Buhara"),
    ("Fergana", "Ferghana", "Fargʻona", "Фарғона", "Фергана"),
    ("Andijan", "Andijon", "Андижон", "Андижан"),
    ("Kokand", "Qoʻqon", "Қўқон", "Коканд", "Hokand"),
    ("Urgench", "Urganch", "Урганч", "Ургенч"),
    ("Termez", "Termiz", "Термиз", "Термез"),
    ("Margilan", "Margʻilon", "Марғилон", "Маргилан"),
    ("Gulistan", "Guliston", "Гулистон", "Гулистан"),
    ("Shymkent", "Chimkent", "Чимкент", "Шымкент"),
    ("Khujand", "Xoʻjand", "Хўжанд", "Худжанд", "Hucend"),
    ("Moscow", "Moskva", "Москва", "Moskova", "Мәскеу"),
    ("Istanbul", "İstanbul", "Стамбул", "Истанбул", "Ыстамбұл"),
    ("Almaty", "Olmaota", "Олмаота", "Алматы", "Almatı"),
    ("Ashgabat", "Ashkhabad", "Ashxobod", "Ашхобод", "Ашхабад", "Aşkabat", "Aşqabad"),
    ("Baku", "Boku", "Боку", "Баку", "Bakı"),
    ("Beijing", "Pekin", "Пекин"),
    ("Tehran", "Tehron", "Теҳрон", "Тегеран", "Tahran"),
    ("Kabul", "Kobul", "Кобул", "Кабул"),
    ("Herat", "Hirot", "Ҳирот", "Герат"),
    ("Kyiv", "Kiev", "Kiyev", "Киев", "Київ"),
    ("Cairo", "Qohira", "Қоҳира", "Каир", "Kahire"),
    ("Seoul", "Seul", "Сеул"),
    ("Brussels", "Bryussel", "Брюссель", "Brüksel"),
    ("Geneva", "Jeneva", "Женева", "Cenevre"),
    ("Vienna", "Vena", "Вена", "Viyana"),
    ("Warsaw", "Varshava", "Варшава", "Varşova"),
)

_GROUPS: dict[str, frozenset[str]] | None = None


def _groups() -> dict[str, frozenset[str]]:
    """Each names-field key of a listed name → the keys of all names of that place."""
    global _GROUPS
    if _GROUPS is None:
        groups: dict[str, frozenset[str]] = {}
        for place in PLACES:
            keys = frozenset(k for spelling in place for k in name_keys(spelling))
            for k in keys:
                groups[k] = groups.get(k, frozenset()) | keys
        _GROUPS = groups
    return _GROUPS


def is_place(key: str) -> bool:
    """Whether a names-field key is one of the listed names of a place."""
    return key in _groups()


def other_names(keys: Iterable[str]) -> frozenset[str]:
    """``keys`` plus the keys of every other name of the places among them."""
    groups = _groups()
    out = set(keys)
    for k in list(out):
        group = groups.get(k)
        if group is not None:
            out |= group
    return frozenset(out)
