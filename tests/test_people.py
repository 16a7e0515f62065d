"""The person facet: people found by general rules, one value per person across scripts.

The seeds and the sample corpus list, per document, every person the text names (checked by
a reader), under the English label; no place, month or organisation is ever a person. Short
cases pin each rule in each language; ``tests/data/heldout_people.jsonl`` holds articles
written after the rules, checked the same way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from testsupport import REPO, SAMPLE, SEEDS

from qidir.analyzers.exonyms import is_place
from qidir.analyzers.people import find_people, person_value
from qidir.analyzers.people_data import MONTHS
from qidir.search.ingest.documents import Document
from qidir.search.ingest.readers import Skipped, ingest

HELDOUT = REPO / "tests" / "data" / "heldout_people.jsonl"


def _documents(*sources: Path) -> dict[str, Document]:
    """Every document, by its path (or record id for JSON lines)."""
    out = {}
    for doc in ingest(list(sources)):
        if isinstance(doc, Skipped):
            continue
        assert doc.path is not None
        out[doc.id if doc.path.endswith(".jsonl") else doc.path] = doc
    return out


@pytest.fixture(scope="module")
def seed_docs() -> dict[str, Document]:
    return _documents(SEEDS)


@pytest.fixture(scope="module")
def sample_docs() -> dict[str, Document]:
    return _documents(SAMPLE)


SEED_PEOPLE = [
    ('000_4331c5bfd721d94d.txt', ['Hulusi Akar', 'Kassym-Jomart Tokayev', 'Recep Tayyip Erdoğan']),
    ('001_3df6402b46944e35.txt', ['Hulusi Akar', 'Kassym-Jomart Tokayev', 'Recep Tayyip Erdoğan']),
    ('002_b361192895b5713e.txt', [
        'Ilham Aliyev', 'Muhsin Dere', 'Recep Tayyip Erdoğan', 'Vugar Khalilov', 'Zakir Hasanov',
    ]),
    ('003_44bba80e6b70a231.txt', ['Beibut Atamkulov', 'Muhsin Dere', 'Nurlan Yermekbayev']),
    ('004_709176779003262c.txt', [
        'Heydar Aliyev', 'Ruslan Zhaksylykov', 'Zakir Hasanov', 'Zarifa Aliyeva',
    ]),
]

SAMPLE_PEOPLE = [
    ('kazakh-wheat-exports-china-record', ['Yerlan Dosmukhambetov']),
    ('azerbaijani-teenager-wins-paris-open', [
        'Ali Guliyev', 'Shahriyar Mammadyarov', 'Teymur Radjabov',
    ]),
    ('kyrgyz-cherries-to-russia', ['Bakyt Osmonov']),
    ('trans-afghan-railway-works-begin', []),
    ('shymkent-refinery-expansion', ['Maksat Orazbayev']),
    ('aliyev-mirziyoyev-tashkent-talks', ['Ilham Aliyev', 'Shavkat Mirziyoyev']),
    ('organization-of-turkic-states-renamed', [
        'Ilham Aliyev', 'Kassym-Jomart Tokayev', 'Recep Tayyip Erdoğan', 'Sadyr Japarov',
        'Shavkat Mirziyoyev', 'Viktor Orban',
    ]),
    ('armenia-new-government-programme', ['Nikol Pashinyan']),
    ('uzbek-fruit-chabahar-route', ['Aziz Yusupov']),
    ('germany-drip-irrigation-aral', ['Katrin Bauer']),
    ('ukraine-turkey-free-trade', ['Recep Tayyip Erdoğan', 'Vladimir Zelenskiy']),
    ('rogun-first-unit', ['Emomali Rahmon']),
    ('asian-cup-penalty-defeat', ['Ektor Kuper']),
    ('sardoba-dam-breach', ['Shavkat Mirziyoyev']),
    ('uzbek-kyrgyz-border-delimitation', [
        'Abdumalik Toshmatov', 'Shavkat Mirziyoyev', 'Sooronbay Jeenbekov',
    ]),
    ('kazakh-boxers-tashkent-tournament', ['Yerasyl Kanatuly']),
    ('hasanov-receives-pakistani-delegation', ['Zakir Hasanov']),
    ('kars-snowstorm-village-roads', []),
    ('html/anaklia-port-waits-for-investors.html', []),
    ('html/asaka-new-crossover-production.html', ['Umid Khojayev']),
    ('html/azerbaijan-armenia-delimitation-round.html', [
        'Ilham Aliyev', 'Mger Grigoryan', 'Nikol Pashinyan', 'Shakhin Mustafayev',
    ]),
    ('html/btk-first-grain-train-kazakhstan.html', ['Rauf Mammadov']),
    ('html/caspian-sturgeon-falling.html', ['Elmira Gasimova']),
    ('html/erdogan-mirziyoyev-trade-target.html', ['Recep Tayyip Erdoğan', 'Shavkat Mirziyoyev']),
    ('html/german-language-courses-nurses.html', ['Zulfiya Rahmonova']),
    ('html/kazakhstan-nuclear-plant-site-works.html', ['Kassym-Jomart Tokayev']),
    ('html/khorgos-thousandth-train.html', ['Yerlan Sagynbayev']),
    ('html/paris-samarkand-first-flight.html', []),
    ('html/presidential-election-preliminary-results.html', ['Shavkat Mirziyoyev']),
    ('html/surkhandarya-solar-plant.html', []),
    ('html/togg-production-plant-opens.html', ['Recep Tayyip Erdoğan']),
    ('html/tokayev-erdogan-ankara-council.html', ['Kassym-Jomart Tokayev', 'Recep Tayyip Erdoğan']),
    ('html/turkish-drone-training-centre-baku.html', ['Zakir Hasanov']),
    ('text/aktau-baku-new-cargo-ferry.txt', ['Yerzhan Tazhibayev']),
    ('text/aktau-port-record-containers.txt', [
        'Arman Zhunusov', 'Dana Serikbayeva', 'Kassym-Jomart Tokayev',
    ]),
    ('text/bibi-khanym-tiles-restored.md', ['Abdulla Nazarov', 'Lola Karimova']),
    ('text/cop29-opens-in-baku.txt', ['Ilham Aliyev', 'Mukhtar Babayev']),
    ('text/dostlik-crossing-reopens.txt', ['Rustam Aliev', 'Ulugbek Sattorov']),
    ('text/early-frost-turkistan-cotton.txt', ['Nurlan Abdikarimov']),
    ('text/earthquake-rescue-teams-azerbaijan-kazakhstan.txt', [
        'Ilham Aliyev', 'Kassym-Jomart Tokayev', 'Recep Tayyip Erdoğan',
    ]),
    ('text/explainer-black-sea-power-cable.md', []),
    ('text/first-export-train-to-china.txt', []),
    ('text/flash-floods-rasht-valley.txt', []),
    ('text/floods-orenburg-west-kazakhstan.txt', ['Kassym-Jomart Tokayev']),
    ('text/fuzuli-airport-opening.txt', ['Ilham Aliyev', 'Recep Tayyip Erdoğan']),
    ('text/grain-harvest-begins-surkhandarya.txt', ['Bahodir Ergashev']),
    ('text/hasanov-hosts-georgian-counterpart.txt', [
        'Ilham Aliyev', 'Juansher Burchuladze', 'Zakir Hasanov',
    ]),
    ('text/industrial-cooperation-centre-border.txt', [
        'Kassym-Jomart Tokayev', 'Nodira Kodirova', 'Shavkat Mirziyoyev',
    ]),
    ('text/it-park-exports-billion.md', ['Farrukh Sodikov']),
    ('text/japan-solar-loans-central-asia.txt', ['Jordan Ellis']),
    ('text/kamchik-pass-snowfall.txt', ['Akhror Tuychiyev']),
    ('text/kashkadarya-strong-wind.txt', ['Dilshod Normatov']),
    ('text/khiva-russian-tourists-double.txt', ['Ravshan Matyokubov']),
    ('text/mirziyoyev-meets-japanese-companies.txt', ['Shavkat Mirziyoyev']),
    ('text/mirziyoyev-tokayev-syr-darya-water.txt', [
        'Kassym-Jomart Tokayev', 'Shavkat Mirziyoyev',
    ]),
    ('text/north-kazakhstan-drought.txt', ['Serik Zhumabekov']),
    ('text/sco-summit-bishkek.txt', [
        'Kassym-Jomart Tokayev', 'Shavkat Mirziyoyev', 'Sooronbay Zheenbekov', 'Xi Jinping',
    ]),
    ('text/sco-summit-samarkand-declaration.txt', [
        'Kassym-Jomart Tokayev', 'Narendra Modi', 'Shavkat Mirziyoyev', 'Vladimir Putin',
        'Xi Jinping',
    ]),
    ('text/tapi-afghan-section.txt', []),
    ('text/tashkent-book-fair.txt', ['Sherzod Alikulov']),
    ('text/tashkent-metro-ring-line.txt', ['Dilnoza Karimova']),
    ('text/tashkent-turkey-container-train-via-iran.txt', [
        'Recep Tayyip Erdoğan', 'Shavkat Mirziyoyev', 'Zhasur Rahimov',
    ]),
    ('text/turkic-states-summit-samarkand.txt', [
        'Ilham Aliyev', 'Kassym-Jomart Tokayev', 'Recep Tayyip Erdoğan', 'Sadyr Japarov',
        'Sardor Yoldoshev', 'Shavkat Mirziyoyev',
    ]),
    ('text/turkish-series-central-asia-ratings.txt', []),
    ('text/uzbekistan-azerbaijan-defence-plan.txt', [
        'Bahodir Kurbonov', 'Ilham Aliyev', 'Shavkat Mirziyoyev', 'Zakir Hasanov',
    ]),
    ('text/uzbekistan-scraps-cotton-quotas.txt', ['Bakhtiyor Rahimov']),
    ('text/uzbekistan-tajikistan-border-posts-reopen.txt', [
        'Emomali Rahmon', 'Gulnora Mirzayeva', 'Shavkat Mirziyoyev',
    ]),
    ('text/world-nomad-games-open.txt', ['Sooronbay Jeenbekov']),
]


def _check(doc: Document, labels: list[str]) -> None:
    found = [p["label"] for p in doc.person]
    assert sorted(found) == sorted(labels), (doc.path, doc.person)
    values = [p["value"] for p in doc.person]
    assert len(values) == len(set(values)), "one value per person"


@pytest.mark.parametrize(("key", "labels"), SEED_PEOPLE, ids=[k for k, _ in SEED_PEOPLE])
def test_seed_people(seed_docs: dict[str, Document], key: str, labels: list[str]) -> None:
    _check(seed_docs[key], labels)


@pytest.mark.parametrize(("key", "labels"), SAMPLE_PEOPLE, ids=[k for k, _ in SAMPLE_PEOPLE])
def test_sample_people(sample_docs: dict[str, Document], key: str, labels: list[str]) -> None:
    _check(sample_docs[key], labels)


def test_every_sample_document_is_listed(sample_docs: dict[str, Document]) -> None:
    assert set(sample_docs) == {k for k, _ in SAMPLE_PEOPLE}


def test_one_person_one_value_in_every_script(seed_docs: dict[str, Document],
                                              sample_docs: dict[str, Document]) -> None:
    """Tokayev in English, Russian, Uzbek (both scripts), Kazakh and Turkish is one value."""
    docs = list(seed_docs.values()) + list(sample_docs.values())
    by_label: dict[str, set[str]] = {}
    aliases: dict[str, set[str]] = {}
    for doc in docs:
        for p in doc.person:
            by_label.setdefault(p["label"], set()).add(p["value"])
            aliases.setdefault(p["value"], set()).update(p["aliases"])
    for label in ("Kassym-Jomart Tokayev", "Recep Tayyip Erdoğan", "Ilham Aliyev",
                  "Shavkat Mirziyoyev", "Hulusi Akar", "Zakir Hasanov"):
        assert len(by_label[label]) == 1, (label, by_label[label])
    tokayev = aliases[person_value("Tokayev")]
    assert {"Токаев", "Тоқаев", "Тўқаев", "Tokayev", "Toʻqayev"} <= tokayev
    assert {"Erdoğan", "Эрдоган", "Эрдўған", "Ердоған", "Ərdoğan"} <= aliases["erdogan-r"]


def test_no_place_month_or_organisation_is_a_person(seed_docs: dict[str, Document],
                                                    sample_docs: dict[str, Document]) -> None:
    months = {m.casefold() for m in MONTHS}
    for doc in list(seed_docs.values()) + list(sample_docs.values()):
        for p in doc.person:
            key = p["value"].rpartition("-")[0] or p["value"]
            assert not is_place(key), (doc.path, p)
            assert not {w.casefold() for w in p["label"].split()} & months, (doc.path, p)


# -- the rules, one case each ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "expected"), [
    # possessive and case endings, every language
    ("President Kassym-Jomart Tokayev’s visit ended. Tokayev's aides left.", "en",
     {"tokaev-k": "Kassym-Jomart Tokayev"}),
    ("Cumhurbaşkanı Recep Tayyip Erdoğan'ın ziyareti. Erdoğan'a teşekkür etti.", "tr",
     {"erdogan-r": "Recep Tayyip Erdoğan"}),
    ("Президент Қасим-Жўмарт Тўқаевнинг ташрифи. Тўқаевга раҳмат.", "uz",
     {"tokaev-k": "Kassym-Jomart Tokayev"}),
    ("Prezident Shavkat Mirziyoyevning tashrifi. Mirziyoyevga rahmat.", "uz",
     {"mirzioev-s": "Shavkat Mirziyoyev"}),
    ("Azərbaycan Prezidenti İlham Əliyev Şavkat Mirziyoyevlə görüşüb.", "az",
     {"aliev-i": "Ilham Aliyev", "mirzioev-s": "Shavkat Mirziyoyev"}),
    ("Встреча с Касым-Жомартом Токаевым прошла в Астане. Токаева встретили.", "ru",
     {"tokaev-k": "Kassym-Jomart Tokayev"}),
    ("Қасым-Жомарт Тоқаев Режеп Тайып Ердоғанмен кездесті. Ердоған келді.", "kk",
     {"tokaev-k": "Kassym-Jomart Tokayev", "erdogan-r": "Recep Tayyip Erdoğan"}),
    # a woman's surname is hers, not her husband's
    ("Zarifa Aliyeva and Heydar Aliyev were honoured.", "en",
     {"alieva-z": "Zarifa Aliyeva", "aliev-h": "Heydar Aliyev"}),
    # a bare surname after the full name, and an initial
    ("Defence Minister Zakir Hasanov met them. Later Z.Hasanov and Hasanov's aide spoke.",
     "en", {"hasanov-z": "Zakir Hasanov"}),
    # no given-name table entry: the surname shape, or a title, or a verb of speech vouches
    ("The deal was signed by Beibut Atamkulov in Astana.", "en",
     {"atamkulov-b": "Beibut Atamkulov"}),
    ("Georgian Prime Minister Irakli Kobakhidze arrived.", "en",
     {"kobahidze-i": "Irakli Kobakhidze"}),
    ("\"We are ready,\" said Katrin Bauer, who leads the programme.", "en",
     {"bauer-k": "Katrin Bauer"}),
    # organisations, places, months and roles are not people
    ("He landed at Heydar Aliyev International Airport in May.", "en", {}),
    ("The Defence Minister of Kazakhstan visited Tashkent in March.", "en", {}),
    ("General Motors kompaniyasi vakillari keldi.", "uz", {}),
    ("Посол Франции прибыл в Москву.", "ru", {}),
    ("Сайловда бешта номзод иштирок этди.", "uz", {}),
    # a Title Case headline: capitals and titles there prove nothing
    ("Kazakh President Visits Ankara For Talks\nPresident Recep Tayyip Erdogan met him.",
     "en", {"erdogan-r": "Recep Tayyip Erdoğan"}),
    ("NUR SULTAN Turkey and Kazakhstan on Feb. 4 discussed defence.", "en", {}),
])
def test_rules(text: str, lang: str, expected: dict[str, str]) -> None:
    found = {p.value: p.label for p in find_people(text, lang)}
    assert found == expected


@pytest.mark.parametrize(("typed", "value"), [
    ("Tokayev", "tokaev-k"), ("Токаев", "tokaev-k"), ("Тўқаев", "tokaev-k"),
    ("Erdogan", "erdogan-r"), ("Эрдоган", "erdogan-r"), ("Ilham Aliyev", "aliev-i"),
    ("Heydar Aliyev", "aliev-h"), ("Atamkulov", "atamkulov"), ("tokaev-k", "tokaev-k"),
])
def test_a_typed_name_is_a_value(typed: str, value: str) -> None:
    assert person_value(typed) == value


# -- held out --------------------------------------------------------------------------------

def _heldout() -> list[dict]:
    with open(HELDOUT, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.mark.parametrize("case", _heldout(), ids=lambda c: c["id"])
def test_heldout_articles(case: dict) -> None:
    found = {p.label for p in find_people(case["text"], case["lang"])}
    assert found == set(case["people"])


#: A second held-out set, written by someone who had not read the rules, after they were
#: done; compared by value (one person in every script), since a name outside the table of
#: well-known people is labelled by letter rules (Shakhbazov for Shahbazov).
HELDOUT_SECOND = REPO / "tests" / "data" / "heldout_people_second.jsonl"


@pytest.mark.parametrize("case", [json.loads(line) for line in
                                  HELDOUT_SECOND.read_text(encoding="utf-8").splitlines()
                                  if line.strip()], ids=lambda c: c["id"])
def test_second_heldout_articles_by_value(case: dict) -> None:
    found = {p.value for p in find_people(case["text"], case["lang"])}
    assert found == {person_value(name) for name in case["people"]}
