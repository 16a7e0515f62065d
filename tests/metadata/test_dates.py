"""Date recognition in every language the product reads, and the rule that picks the
article's date among the dates on a page."""

from __future__ import annotations

import pytest

from qidir.search.ingest.metadata import extract_plain
from qidir.search.ingest.metadata.dates import date_in_url, find_dates, is_date_only, month_number


def _only(text: str) -> str:
    (d,) = [d for d in find_dates(text) if d.full]
    return d.iso()


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # ISO and numeric
        ("2021-02-05", "2021-02-05"),
        ("date 2021-02-05 Something happened", "2021-02-05"),
        ("2023/11/02", "2023-11-02"),
        ("05.02.2021", "2021-02-05"),
        ("28.09.2022 | Society", "2022-09-28"),
        ("08.02.2023 - 14:55", "2023-02-08"),
        # English
        ("8 February 2022 15:47 (UTC+04:00)", "2022-02-08"),
        ("February 05 2021 08:55:51", "2021-02-05"),
        ("Feb. 4, 2021", "2021-02-04"),
        ("Sept. 4, 2018", "2018-09-04"),
        ("Thursday April 18 2024", "2024-04-18"),
        ("the 3rd of March 2020", "2020-03-03"),
        # Russian
        ("10 мая 2022 года", "2022-05-10"),
        ("21 октября 2025", "2025-10-21"),
        ("Среда, 11 января 2023 г.", "2023-01-11"),
        ("5 апреля 2024 года, 11:20", "2024-04-05"),
        # Uzbek, Latin and Cyrillic
        ("2023-yil 15-mart", "2023-03-15"),
        ("15-mart, 2023-yil", "2023-03-15"),
        ("7 iyun 2024 yil", "2024-06-07"),
        ("2024 йил 5 апрель", "2024-04-05"),
        ("2025 йил 8 апрель", "2025-04-08"),
        ("12 сентябрь 2022 йил", "2022-09-12"),
        ("2022-yil 1-oktabr", "2022-10-01"),
        # Kazakh
        ("2024 жылғы 12 маусым", "2024-06-12"),
        ("12 маусым 2024 жыл", "2024-06-12"),
        ("2023 жылғы 3 желтоқсан", "2023-12-03"),
        # Azerbaijani
        ("12 İyun 2023", "2023-06-12"),
        ("5 avqust 2021", "2021-08-05"),
        ("12 İyun 2023-cü il", "2023-06-12"),
        # Turkish
        ("7 Haziran 2024 Cuma 14:30", "2024-06-07"),
        ("1 Ağustos 2020", "2020-08-01"),
        ("29 EKİM 2023", "2023-10-29"),
        ("14 Şubat 2019", "2019-02-14"),
    ],
)
def test_full_date_formats(text: str, iso: str) -> None:
    assert _only(text) == iso


@pytest.mark.parametrize(
    ("text", "month_day"),
    [
        ("On June 7, the delegation arrived", (6, 7)),
        ("the May 9 events", (5, 9)),
        ("9 май куни", (5, 9)),
        ("7-iyunda", (6, 7)),
        ("15 мартта", (3, 15)),
        ("7 Haziran'da", (6, 7)),
    ],
)
def test_day_and_month_without_year(text: str, month_day: tuple[int, int]) -> None:
    (d,) = find_dates(text)
    assert d.year is None
    assert (d.month, d.day) == month_day


@pytest.mark.parametrize(
    "text",
    [
        "in July, 2024",  # a month and a year are no date
        "Tokayev was elected in 2019",
        "a total of 14 documents were signed",
        "you may 5 times try",  # the English modal verb
        "31 February 2021",  # no such day
        "Teknofest-2022 fair",
        "Population hits 83.6 million",
    ],
)
def test_not_a_date(text: str) -> None:
    assert [d for d in find_dates(text) if d.full] == []


@pytest.mark.parametrize(
    ("word", "month"),
    [
        ("января", 1),
        ("Şubat", 2),
        ("mart", 3),
        ("сәуір", 4),
        ("мая", 5),
        ("маусым", 6),
        ("шілде", 7),
        ("avqust", 8),
        ("sentabr", 9),
        ("қазан", 10),
        ("Kasım", 11),
        ("желтоқсан", 12),
        ("dekabrda", 12),
        ("iyunning", 6),
        ("Haziran'da", 6),
    ],
)
def test_month_names(word: str, month: int) -> None:
    assert month_number(word) == month


@pytest.mark.parametrize("word", ["market", "mayor", "июньский", "octopus", "Kazan"])
def test_not_month_names(word: str) -> None:
    assert month_number(word) is None


@pytest.mark.parametrize(
    ("line", "only"),
    [
        ("8 February 2022 15:47 (UTC+04:00)", True),
        ("• February 05 2021 08:55:51", True),
        ("Published: 14 January 2024 09:10", True),
        ("Опубликовано: 12.05.2022", True),
        ("Friday, 21 February 2025", True),
        ("10 may 2022-ci il", True),
        ("2022-05-10T14:00:00+05:00", True),
        ("2022 жылғы 10 мамырда", True),
        ("Tuesday, May 10, 2022 - 14:03", True),
        ("AKTAU, Kazakhstan — 16 July 2024 | By Dana", False),
        ("Kazakhstan and Turkey sign a deal", False),
    ],
)
def test_date_only_lines(line: str, only: bool) -> None:
    assert is_date_only(line) is only


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


BODY = (
    "The ministry said on Tuesday that the new rules would apply from next month to all "
    "border crossings in the region, and that traders had been told in advance."
)
BODY2 = "Officials expect the change to cut waiting times at the busiest posts by half."


@pytest.mark.parametrize(
    ("raw", "published", "precision"),
    [
        # The current-date widget above the headline loses to the article's own date.
        (
            _page(
                "Daily Example",
                "Thursday April 18 2024",
                "Border rules change",
                "8 February 2022 15:47",
                BODY,
                BODY2,
            ),
            "2022-02-08",
            "day",
        ),
        # A widget alone is not the article's date.
        (
            _page("Daily Example", "Thursday April 18 2024", "Border rules change", BODY, BODY2),
            None,
            None,
        ),
        # A labelled date line above the headline is.
        (_page("Published 3 May 2021", "Border rules change", BODY, BODY2), "2021-05-03", "day"),
        # Dateline with a place.
        (_page("Border rules change", "ASTANA, 21 October 2025", BODY, BODY2), "2025-10-21", "day"),
        # Byline with a date.
        (
            _page("Border rules change", "By A. Writer | 8 December 2020", BODY, BODY2),
            "2020-12-08",
            "day",
        ),
        # Day and month in a dateline; the year from a full date in the article.
        (
            _page(
                "Border rules change",
                f"TASHKENT, March 3 — {BODY}",
                "The decree was signed on 28 February 2025 by the president.",
            ),
            "2025-03-03",
            "day-inferred-year",
        ),
        # Day and month with two different years elsewhere: no year can be chosen.
        (
            _page(
                "Border rules change",
                f"TASHKENT, March 3 — {BODY}",
                "Earlier rules dated from 1 May 2019 and 2 June 2021.",
            ),
            None,
            None,
        ),
        # A date in passing inside the article is an event, not the publication date.
        (
            _page("Border rules change", BODY, "The old rules were adopted on 12 March 2019."),
            None,
            None,
        ),
        # Dates inside a related list never count.
        (
            _page(
                "Border rules change",
                BODY,
                BODY2,
                "Related",
                "Another story from elsewhere — 5 May 2023",
                "Yet another story — 4 May 2023",
            ),
            None,
            None,
        ),
        # A date line right after the article's last sentence.
        (_page("Border rules change", BODY, BODY2, "05.02.2021"), "2021-02-05", "day"),
        # A date with no year at the start of a byline; the year from the article.
        (_page("Border rules change", "6 марта, 09:12 Дина Касымова", BODY,
               "The rules apply from 1 April 2024."), "2024-03-06", "day-inferred-year"),
        # A labelled date under the article, with a view counter on the same line.
        (_page("Border rules change", BODY, BODY2,
               "Опубликовано: 22 января 2024 Просмотров: 3 417"), "2024-01-22", "day"),
        # An "updated" line above the "published" one: the publication date wins.
        (_page("Border rules change", "Updated: 7 March 2024", "Published: 5 March 2024",
               BODY, BODY2), "2024-03-05", "day"),
        (_page("Border rules change", "Yangilandi: 10.11.2023", "E'lon qilindi: 09.11.2023",
               BODY, BODY2), "2023-11-09", "day"),
        (_page("Border rules change", "Обновлено 12.04.2022", "Опубликовано 11.04.2022",
               BODY, BODY2), "2022-04-11", "day"),
    ],
)
def test_published_picking(raw: str, published: str | None, precision: str | None) -> None:
    got = extract_plain(raw)
    assert (got.published, got.published_precision) == (published, precision)


def test_every_cldr_month_name_is_recognised() -> None:
    import json

    from qidir.search.ingest.metadata.dates import DATA_MONTHS

    table = json.loads(DATA_MONTHS.read_text("utf-8"))
    assert set(table) >= {"en", "ru", "uz", "uz-Cyrl", "kk", "az", "tr"}
    for lang, names in table.items():
        for name, month in names.items():
            assert month_number(name) == month, (lang, name)
            assert month_number(name.capitalize() + ".") == month, (lang, name)


@pytest.mark.parametrize(
    "dateline",
    [
        "АШХАБАД, 18 февраля 2020 г. — Туркменистан и Афганистан договорились",
        "TOSHKENT, 2024-yil 5-aprel — Vazirlik yangi qoidalarni e'lon qildi",
        "BAKU, June 7, 2024 (Reuters) - The ministry said",
        "АСТАНА, 3 наурыз 2023 ж. — Министрлік хабарлады",
    ],
)
def test_datelines_opening_the_first_paragraph(dateline: str) -> None:
    got = extract_plain(_page("Border rules change", f"{dateline} {BODY}", BODY2))
    assert got.published is not None and got.published_precision == "day"


@pytest.mark.parametrize(("url", "date"), [
    ("https://example.net/2024/02/14/a-story/", "2024-02-14"),
    ("https://example.kz/news/2023-11-05-a-story", "2023-11-05"),
    ("https://example.uz/20240214/a-story.html", "2024-02-14"),
    ("https://example.uz/2024/13/01/a-story", None),
    ("https://example.uz/id/120240214", None),
    ("https://example.uz/2024/02/a-story", None),
])
def test_date_in_url(url: str, date: str | None) -> None:
    assert date_in_url(url) == date


def test_a_page_whose_only_date_is_its_url() -> None:
    raw = ("https://example.net/2024/02/14/border-rules-change/\n\nWednesday, 21 February 2024\n\n"
           f"Border rules change\n\n{BODY}\n\n{BODY2}\n")
    got = extract_plain(raw)
    assert (got.published, got.published_precision) == ("2024-02-14", "day")
    assert got.url == "https://example.net/2024/02/14/border-rules-change/"
