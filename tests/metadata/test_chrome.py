"""Chrome removal from text copied off a page: what goes, and what must stay."""

from __future__ import annotations

import pytest

from qidir.search.ingest.metadata import extract_plain
from qidir.search.ingest.metadata.chrome import is_chrome_line, is_menu_line, list_heading
from qidir.search.ingest.metadata.language import guess_language

LEAD = (
    "Officials in Bishkek said on Monday that the new customs terminal had cleared its "
    "first trucks, and that more lanes would open before the summer."
)
MORE = "Traders welcomed the change, saying the old terminal had been too small for years."
LAST = "The terminal cost about twelve million dollars and took two years to build."


def _page(*blocks: str) -> str:
    return "\n\n".join(blocks)


@pytest.mark.parametrize(
    ("raw", "gone"),
    [
        (
            _page("Home | News | World | Sport", "New customs terminal opens", LEAD, MORE, LAST),
            ["Sport"],
        ),
        (
            _page("New customs terminal opens", "Share", "Tweet", "Print", LEAD, MORE, LAST),
            ["Tweet", "Print"],
        ),
        (
            _page(
                "New customs terminal opens",
                LEAD,
                MORE,
                LAST,
                "Most popular",
                "Dam bursts in the north",
                "Prices rise again",
                "A long teaser sentence that reads "
                "like prose and follows a list headline, so it must go too.",
                "Another headline",
            ),
            ["Dam bursts", "Prices rise", "teaser", "Another headline"],
        ),
        (
            _page(
                "New customs terminal opens",
                LEAD,
                MORE,
                LAST,
                "Читайте также",
                "В Оше открыли новый рынок",
                "Цены на хлеб выросли",
            ),
            ["Оше", "хлеб"],
        ),
        (
            _page(
                "New customs terminal opens",
                LEAD,
                MORE,
                LAST,
                "Ko'p o'qilgan",
                "Toshkentda yangi bog' ochildi",
                "Narxlar oshdi",
            ),
            ["Toshkentda", "Narxlar"],
        ),
        (
            _page(
                "New customs terminal opens",
                LEAD,
                MORE,
                LAST,
                "Ən çox oxunanlar",
                "Bakıda yeni park açıldı",
            ),
            ["Bakıda"],
        ),
        (
            _page(
                "New customs terminal opens",
                LEAD,
                MORE,
                LAST,
                "En çok okunanlar",
                "İstanbul'da yeni köprü",
            ),
            ["köprü"],
        ),
        (
            _page(
                "New customs terminal opens",
                LEAD,
                MORE,
                LAST,
                "Көп оқылған",
                "Алматыда жаңа саябақ ашылды",
            ),
            ["саябақ"],
        ),
        (
            _page(
                "Ссылки доступа",
                "Перейти к основному контенту",
                "Перейти к поиску",
                "New customs terminal opens",
                LEAD,
                MORE,
                LAST,
            ),
            ["Ссылки", "контенту", "поиску"],
        ),
        (
            _page(
                "We use cookies to improve your experience.",
                "Accept",
                "New customs terminal opens",
                LEAD,
                MORE,
                LAST,
            ),
            ["cookies", "Accept"],
        ),
        (
            _page(
                "New customs terminal opens",
                LEAD,
                MORE,
                LAST,
                "Newsletter",
                "Get the week's main stories in your inbox every Friday morning.",
                "Subscribe",
            ),
            ["inbox", "Subscribe"],
        ),
        (
            _page(
                "New customs terminal opens",
                LEAD,
                MORE,
                LAST,
                "Leave a Reply",
                "Your email stays private. Required fields are marked *",
                "Back to top",
            ),
            ["Reply", "email", "Back to top"],
        ),
        (
            _page("New customs terminal opens", LEAD, MORE, LAST, "XS", "SM", "MD", "LG"),
            ["\nXS", "\nLG"],
        ),
        (_page("New customs terminal opens", "Photo: Reuters", LEAD, MORE, LAST), ["Reuters"]),
        (
            _page(
                "New customs terminal opens",
                LEAD,
                MORE,
                LAST,
                "Bütün xəbərləri reklamsız oxumaq üçün abunə olun.",
                "Günlük ölkədə baş verən xəbərləri bizdən izləyin.",
            ),
            ["xəbərləri", "reklamsız"],
        ),
        (
            _page(
                "New customs terminal opens",
                LEAD,
                MORE,
                LAST,
                "© 2024 Example Media. All rights reserved.",
            ),
            ["rights"],
        ),
        (
            _page(
                "New customs terminal opens", LEAD, "Read also: Dam bursts in the north", MORE, LAST
            ),
            ["Dam bursts"],
        ),
    ],
)
def test_chrome_removed(raw: str, gone: list[str]) -> None:
    got = extract_plain(raw)
    text = "\n" + got.text
    for word in gone:
        assert word not in text, f"{word!r} kept in {got.text!r}"
    # ...and the article itself is intact.
    for sentence in (LEAD, MORE, LAST):
        assert sentence in got.text
    assert got.title == "New customs terminal opens"


def test_subheadings_and_short_paragraphs_inside_the_article_stay() -> None:
    got = extract_plain(
        _page("New customs terminal opens", LEAD, "Why it matters", MORE, "Next steps", LAST)
    )
    assert "Why it matters" in got.text and "Next steps" in got.text


def test_caption_in_another_language_stays() -> None:
    caption = "Глава таможни на открытии терминала в Бишкеке. Фото пресс-службы"
    got = extract_plain(_page("New customs terminal opens", caption, LEAD, MORE, LAST))
    assert caption in got.text
    assert "KG" in got.countries


def test_repeated_headline_and_duplicated_lines_appear_once() -> None:
    got = extract_plain(
        _page("New customs terminal opens", "New customs terminal opens", LEAD, LEAD, MORE, LAST)
    )
    assert got.text.count(LEAD) == 1
    assert "New customs terminal opens" not in got.text


def test_related_block_in_the_middle_keeps_the_rest_of_the_article() -> None:
    long_rest = " ".join([MORE, LAST] * 4)
    got = extract_plain(
        _page(
            "New customs terminal opens",
            LEAD,
            "Related",
            "Dam bursts in the north",
            "Prices rise again",
            long_rest,
        )
    )
    assert "Dam bursts" not in got.text
    assert long_rest in got.text


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("Share", True),
        ("Поделиться", True),
        ("Ulashish", True),
        ("Paylaş", True),
        ("Бөлісу", True),
        ("Улашиш", True),
        ("Loading...", True),
        ("XS SM MD LG", True),
        ("Slider Image 1", True),
        ("Follow us on Twitter @Example", True),
        ("Фото: пресс-служба", True),
        ("Surat: Matbuot xizmati", True),
        ("Ko‘rishlar: 2 154", True),  # view counters
        ("Просмотров: 3 417", True),
        ("👁 1 208", True),
        ("Views: 1,204", True),
        ("Telegram Facebook X Ҳаволадан нусха олиш", True),  # share buttons
        ("Facebook | X | WhatsApp | E-posta", True),
        ("Поиск по сайту", True),
        ("Bu sayt kukilərdən istifadə edir. Davam etməklə razılıq verirsiniz.", True),
        ("Facebook posts by the ministry drew 2,000 comments.", False),
        ("Views differ on the new tariff", False),
        ("Why it matters", False),
        ("Photo exhibition opens in Tashkent", False),
        ("Share prices fell sharply on Monday after the central bank raised rates.", False),
    ],
)
def test_chrome_lines(line: str, chrome: bool) -> None:
    assert is_chrome_line(line) is chrome


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("MOST POPULAR", "list"),
        ("Recommended", "list"),
        ("Read also", "list"),
        ("Читайте также:", "list"),
        ("Ko‘p o‘qilgan", "list"),
        ("Кўп ўқилган", "list"),
        ("Көп оқылған", "list"),
        ("Ən çox oxunanlar", "list"),
        ("En çok okunanlar", "list"),
        ("Ссылки доступа", "list"),
        ("Leave a Reply", "tail"),
        ("Newsletter Signup", "tail"),
        ("Об авторе", "tail"),
        ("About the author", "tail"),
        ("Muallif haqida", "tail"),
        ("Favorable conditions", None),
        ("Related talks begin", None),
    ],
)
def test_list_headings(line: str, kind: str | None) -> None:
    assert list_heading(line) == kind


@pytest.mark.parametrize(
    ("line", "menu"),
    [
        ("Home | Politics | Economy | Sport", True),
        ("Главная / Политика / Экономика / Общество", True),
        ("Yangiliklar Siyosat Iqtisodiyot Jahon", True),
        ("Kazakhstan and Turkey sign agreement", False),
    ],
)
def test_menu_lines(line: str, menu: bool) -> None:
    assert is_menu_line(line) is menu


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The ministry said the talks were useful.", "en"),
        ("Министерство сообщило, что переговоры были полезными.", "ru"),
        ("Вазирлик музокаралар фойдали бўлганини маълум қилди.", "uz"),
        ("Vazirlik muzokaralar foydali bo'lganini ma'lum qildi va bu haqida", "uz"),
        ("Министрлік келіссөздер пайдалы болғанын мәлімдеді.", "kk"),
        ("Nazirlik danışıqların faydalı olduğunu bildirib və qeyd edib.", "az"),
        ("Bakanlık görüşmelerin faydalı olduğunu ve sürdürüleceğini açıkladı.", "tr"),
    ],
)
def test_fallback_language_guess(text: str, lang: str) -> None:
    assert guess_language(text) == lang


def test_read_also_block_before_the_last_paragraph_keeps_it() -> None:
    got = extract_plain(
        _page(
            "New customs terminal opens", LEAD, MORE, "Read also", "Dam bursts in the north", LAST
        )
    )
    assert LAST in got.text and "Dam bursts" not in got.text


def test_newsletter_box_inside_the_article() -> None:
    got = extract_plain(
        _page(
            "New customs terminal opens",
            LEAD,
            "Newsletter",
            "Get the week's main stories in your inbox every Friday morning.",
            "Subscribe",
            MORE,
            LAST,
        )
    )
    assert "inbox" not in got.text
    assert MORE in got.text and LAST in got.text


def test_comment_section_runs_to_the_end() -> None:
    got = extract_plain(
        _page(
            "New customs terminal opens",
            LEAD,
            MORE,
            LAST,
            "Comments (2)",
            "I drove through it yesterday and the queues were still long in Kazakhstan.",
            "Finally some good news for traders here in the valley, well done.",
        )
    )
    assert "queues" not in got.text and "KZ" not in got.countries


def test_long_closing_paragraph_in_another_language_is_kept() -> None:
    quote = (
        "Министр подчеркнул, что новый терминал позволит сократить время ожидания на "
        "границе почти вдвое, а в следующем году власти планируют открыть ещё два таких "
        "же пункта на других участках границы с соседними странами региона."
    )
    got = extract_plain(_page("New customs terminal opens", LEAD, MORE, LAST, quote))
    assert quote in got.text


def test_numbered_most_read_items_are_not_sentences() -> None:
    raw = _page("New customs terminal opens", LEAD, MORE, LAST, "MOST READ",
                "1. Mongolia opens a coal rail link to the border",
                "2. Iran raises fuel prices for the second time this year",
                "3. Opinion: what the new canal means for the region")
    got = extract_plain(raw)
    assert "Iran" not in got.text and "canal" not in got.text and LAST in got.text
    assert set(got.countries) == {"KG"}


def test_masthead_subscribe_button_keeps_the_headline() -> None:
    got = extract_plain(_page("STEPPE WIRE", "Home | News | World | Sport", "Subscribe",
                              "New customs terminal opens", "By Staff Reporter", LEAD, MORE))
    assert got.title == "New customs terminal opens"


def test_author_box_after_the_article_goes() -> None:
    got = extract_plain(_page("New customs terminal opens", LEAD, MORE, LAST, "About the author",
                              "Dina Kasymova covers trade and spent five years in Tashkent."))
    assert "Tashkent" not in got.text and "UZ" not in got.countries
