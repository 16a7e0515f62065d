"""Line rules learnt from real pages, pinned on invented lines of the same kinds.

Each case is a kind of line real copied pages contain (the development set in
``shared/realpages`` measures the whole; these pin the rule so a refactor cannot lose it).
"""

from __future__ import annotations

import pytest

from qidir.search.ingest.metadata.chrome import (
    inline_read_also,
    is_button_row,
    is_chrome_line,
    mark_playlists,
    mark_stamped_lists,
    mark_truncated_lists,
)
from qidir.search.ingest.metadata.dates import find_dates, has_weekday, is_date_only
from qidir.search.ingest.metadata.domains import domains_in, email_domains_in
from qidir.search.ingest.metadata.lines import LineKind, split_lines
from qidir.search.ingest.metadata.sitename import copyright_owner


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("14 Ago 2017", "2017-08-14"),  # an Italian/Spanish abbreviation, with its year
        ("3 janv. 2019", "2019-01-03"),  # French
        ("By Farida Khan on اپریل 8, 2022", "2022-04-08"),  # Urdu month name
    ],
)
def test_other_languages_month_abbreviations_in_full_dates(text: str, iso: str) -> None:
    dates = [d for d in find_dates(text) if d.full]
    assert dates and dates[0].iso() == iso


@pytest.mark.parametrize("text", ["3 pro-government rallies", "12 set pieces", "7 dic rallies"])
def test_abbreviations_without_a_year_are_no_date(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize("text", ["le 01/12/2017 à 15h45", "3 mars 2021 à 9h05"])
def test_a_clock_written_with_h_is_a_time(text: str) -> None:
    assert is_date_only(text)


def test_a_one_letter_part_of_a_weekday_name_is_no_weekday() -> None:
    assert not has_weekday("Ana Lima 23/08/2018 Alfabetização e Leitura")
    assert has_weekday("Monday, 8 April 2024")


@pytest.mark.parametrize(
    "text",
    [
        '<link href="https://static.example.com/icons.css" rel="stylesheet">',
        "Share this on WhatsApp",
        "Compartilhe esta notícia no WhatsApp",
        "이메일에 공유하기 카카오톡에 공유하기 페이스북에 공유하기 트위터에 공유하기",
        "World NewsSports NewsBusiness NewsTech News",
        "This website uses cookies to improve your experience",
        "Please enable JavaScript to view the comments powered by Disqus.",
        "Zurück zur Übersicht",
    ],
)
def test_furniture_lines(text: str) -> None:
    assert is_chrome_line(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Wedding Cake? I'm Only Here for the Cookies",  # a headline about cookies
        "Covid, segunda causa de muerte en MÃ©xico en 2021",  # a mis-decoded é, not a ©
        '"We lied, we cheated, we stole," he said at the hearing.',
        "Harbour bridge reopens after three years of repairs",
    ],
)
def test_article_lines_are_not_furniture(text: str) -> None:
    assert not is_chrome_line(text)
    assert not is_button_row(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("READ MORE Grain exports rise again in the north", True),
        ("Read more about the council's plan", False),
        ("THE PRESIDENT said on Monday", False),
    ],
)
def test_a_list_heading_set_apart_by_capitals(text: str, expected: bool) -> None:
    assert inline_read_also(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("player.setav speedmult 200", []),  # a game console command, not an address
        ("3.sayfa haberleri", []),
        ("© 2024 steppeledger.kz", ["steppeledger.kz"]),
    ],
)
def test_written_domains_need_a_real_top_level_domain(text: str, expected: list[str]) -> None:
    assert domains_in(text) == expected


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("© 2021 Steppe Ledger", "Steppe Ledger"),
        ("© 2022 ALL RIGHTS RESERVED | CASPIAN DAILY NEWSPAPER", "CASPIAN DAILY NEWSPAPER"),
        ("Copyright © All rights reserved. Aral Tribune", "Aral Tribune"),
        ("2018 Orbitnews, Inc. All Rights Reserved", "Orbitnews, Inc"),
        ("© 2020-2024 Ташкентский вестник. Все права защищены.", "Ташкентский вестник"),
        ("All rights reserved", None),
        ("The fund says all rights reserved by the treaty are kept, the minister told reporters"
         " on Tuesday after a long meeting in the capital city", None),
    ],
)
def test_copyright_owner_wherever_the_line_puts_it(text: str, owner: str | None) -> None:
    assert copyright_owner(text) == owner


def test_no_owner_after_the_phrase_without_the_sign() -> None:
    text = "Barcha huquqlar himoyalangan. Materiallardan foydalanilganda manbaga havola bering."
    assert copyright_owner(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Contact us: desk@steppeledger.kz", ["steppeledger.kz"]),
        ("a.writer@gmail.com", []),  # anyone's mail service
        ("Reklama: ads@caspian-daily.az, info@caspian-daily.az", ["caspian-daily.az"]),
    ],
)
def test_email_addresses_give_their_domain(text: str, expected: list[str]) -> None:
    assert email_domains_in(text) == expected


def test_a_desk_address_below_the_article_gives_the_source() -> None:
    from qidir.search.ingest.metadata import extract_plain

    body = "\n\n".join(
        f"The steppe railway will carry {n} more wagons of grain a day from next spring, the"
        " ministry said on Tuesday after talks with the operators in the capital." for n in range(4)
    )
    page = f"Grain trains to run daily\n\n{body}\n\nnewsdesk@steppeledger.kz\n"
    assert extract_plain(page).source == "steppeledger.kz"
    quoted = f"Grain trains to run daily\n\n{body} Write to a.b@gmail.com or grain@ministry.kz.\n"
    assert extract_plain(quoted).source != "ministry.kz"


def test_a_video_playlist_is_a_list() -> None:
    lines = split_lines(
        "Video Ad Feedback\nMinister opens the new bridge over the river\n03:10\n"
        "Flood waters rise in the northern valley\n01:47\nWhat the budget means for farmers\n"
        "02:05\nSee the moment the dam gates opened\n00:58\n"
        "The bridge carries four lanes and a railway line across the river.\n"
    )
    mark_playlists(lines)
    kinds = [ln.kind for ln in lines]
    assert kinds[1:9] == ["list"] * 8
    assert kinds[0] == "body" and kinds[-1] == "body"


def test_a_live_blog_with_times_over_paragraphs_is_no_playlist() -> None:
    lines = split_lines(
        "10:32\nThe minister said the bridge would open to traffic on Monday morning.\n"
        "10:45\nPolice closed the old road while the ceremony took place.\n"
        "11:02\nBridge opens early\nCrowds cheered as the first lorries crossed the river.\n"
        "11:20\nThe first train is expected to cross the bridge next week.\n"
    )
    mark_playlists(lines)
    assert all(ln.kind == "body" for ln in lines)


def test_other_stories_with_their_age_are_a_list() -> None:
    lines = split_lines(
        "The bridge carries four lanes and a railway line across the river, officials said.\n"
        "Farmers test a new kind of winter wheat\n"
        "The seed was bred for the cold steppe and needs less water than the old kinds.\n"
        "32M ago\n"
        "Storm closes the mountain pass\nBy Steppe Ledger Staff\n11/20/2019 01:14 PM\n"
        "Museum returns a stolen carpet\n5 hours ago\n"
        "The ministry said the bridge would be finished by the end of the year.\n"
    )
    mark_stamped_lists(lines)
    kinds = [ln.kind for ln in lines]
    assert kinds[1:9] == ["list"] * 8
    assert kinds[0] == "body" and kinds[-1] == "body"


def test_a_live_blog_with_dated_paragraphs_is_no_stamped_list() -> None:
    lines = split_lines(
        "November 20, 2019, 10:32 AM\n"
        "The minister said the bridge would open to traffic on Monday morning.\n"
        "November 20, 2019, 10:45 AM\n"
        "Police closed the old road while the ceremony took place near the river.\n"
        "November 20, 2019, 11:02 AM\n"
        "Crowds cheered as the first lorries crossed the river in the afternoon.\n"
        "November 20, 2019, 11:20 AM\n"
    )
    mark_stamped_lists(lines)
    assert all(ln.kind == "body" for ln in lines)


def test_teasers_cut_short_are_a_list() -> None:
    lines = split_lines(
        "The dam will hold twice as much water as the old one, the ministry said.\n"
        "Minister says the new bridge will..\n"
        "Farmers in the north fear a dry…\n"
        "Why the steppe railway needs more...\n"
        "Wait...\n"
    )
    mark_truncated_lists(lines)
    assert [ln.kind for ln in lines] == ["body", "list", "list", "list", "list"]


def test_two_lines_with_an_ellipsis_are_no_list() -> None:
    lines = split_lines("He paused...\nThen he said the talks would go on.\nAnd then...\n")
    mark_truncated_lists(lines)
    assert all(ln.kind == "body" for ln in lines)


@pytest.mark.parametrize("heading", ["ข่าวที่เกี่ยวข้อง", "เรื่องที่เกี่ยวข้อง", "ข่าวล่าสุด"])
def test_thai_related_story_headings(heading: str) -> None:
    from qidir.search.ingest.metadata.chrome import list_heading

    assert list_heading(heading) == "list"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Most popular in Sport", "list"),
        ("Самые популярные рецепты", "list"),
        ("Most popular", "list"),
        ("Most popular destinations for winter travel this year", None),
        ("Popular science", None),  # a one-word heading is not narrowed
    ],
)
def test_a_list_heading_narrowed_to_a_topic(text: str, expected: str | None) -> None:
    from qidir.search.ingest.metadata.chrome import list_heading

    assert list_heading(text) == expected


_ARTICLE = (
    "The steppe railway will carry more wagons of grain a day from next spring, the ministry"
    " said on Tuesday after talks with the operators in the capital.\n"
)


def test_headline_and_teaser_pairs_under_a_list_heading() -> None:
    from qidir.search.ingest.metadata.chrome import mark_list_blocks

    lines = split_lines(
        _ARTICLE + "Top stories\nMuseum returns a stolen carpet\n"
        "The carpet was found in a private collection abroad.\nStorm closes the mountain pass\n"
        "Snow cut the road to the border for a second day.\nFarmers test new winter wheat\n"
        "The seed needs less water than the old kinds.\n"
    )
    mark_list_blocks(lines)
    assert [ln.kind for ln in lines][2:] == ["list"] * 6


def test_a_long_paragraph_after_one_item_is_the_article() -> None:
    from qidir.search.ingest.metadata.chrome import mark_list_blocks

    paragraph = (
        "Officials said the line would open in May after a long delay over the budget. They"
        " added that freight would come first on the new track. Passenger trains are due a"
        " year later, once the stations are built."
    )
    lines = split_lines(
        _ARTICLE + f"Top stories\nMuseum returns a stolen carpet\n{paragraph}\n"
        f"Stations and depots\n{paragraph}\n"
    )
    mark_list_blocks(lines)
    assert [ln.kind for ln in lines][3:] == ["body"] * 3


def test_a_teaser_of_three_short_sentences() -> None:
    from qidir.search.ingest.metadata.chrome import _teaser_sized

    assert _teaser_sized("A winter menu. Eight kilos in ten days. Two menus to choose from.")
    assert not _teaser_sized(
        "Officials said the line would open in May after a long delay over the budget. They"
        " added that freight would come first on the new track. Passenger trains are due a"
        " year later, once the stations are built."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Why you can trust Steppe Ledger",  # a badge pointing to the site's standards
        "For more on news and views from the region please visit Steppe Ledger Online.",
        "For the latest stories from the steppe, follow us on our channel.",
        "Get live updates about this topic straight to your phone, subscribe now.",
        "This content is imported from a video platform. You may find it in another format.",
        "This content is imported from a photo site. You may be able to find the same content"
        " in another format, or you may be able to find more information, at their web"
        " site.View this post on the photo site",  # (35 words)
        "Media playback is unsupported on your device",
        "These are external links and will open in a new window",  # a share panel's note
        "If you liked this article, press the heart below.",
        "Если вам понравилась статья, поставьте лайк.",
    ],
)
def test_prompts_about_the_site_are_furniture(text: str) -> None:
    assert is_chrome_line(text)


@pytest.mark.parametrize(
    "text",
    [
        "Why you can trust the new grain figures?",  # a headline may ask
        "Why you can trust a steppe farmer with your seed, and why the ministry cannot",
        "For more information, visit the ministry's website.",
        "Villagers said they would sign up now that the road is open.",
    ],
)
def test_lines_like_prompts_that_are_the_article(text: str) -> None:
    assert not is_chrome_line(text)


def test_a_mailing_list_box_before_its_button() -> None:
    from qidir.search.ingest.metadata.chrome import mark_signup_boxes

    lines = split_lines(
        _ARTICLE + "Morning Grain Emails\n"
        "Get the harvest figures and market alerts, delivered every weekday.\nSUBSCRIBE\n"
        + _ARTICLE.replace("Tuesday", "Monday")
    )
    mark_signup_boxes(lines)
    assert [ln.kind for ln in lines] == ["body", "chrome", "chrome", "body", "body"]


def test_a_paragraph_above_a_subscribe_button_without_mail_words_stays() -> None:
    from qidir.search.ingest.metadata.chrome import mark_signup_boxes

    lines = split_lines(_ARTICLE + "The line opens in May.\nSubscribe\n")
    mark_signup_boxes(lines)
    assert [ln.kind for ln in lines][:2] == ["body", "body"]


def test_other_stories_stamped_with_byline_and_date() -> None:
    lines = split_lines(
        _ARTICLE + "Top of the day\n"
        "Grain by rail. How the steppe line changed the harvest\nAida Nur, 8 January, 17:46\n"
        "Museum returns a stolen carpet\nJon Berg, 8 January, 05:30\n"
        "Storm closes the pass. What drivers should know\nLena Ots (Road Desk), 7 January, 13:10\n"
    )
    mark_stamped_lists(lines)
    assert [ln.kind for ln in lines][1:] == ["list"] * 7
    assert lines[0].kind == "body"


def test_a_question_headline_is_an_item_under_a_list_heading() -> None:
    from qidir.search.ingest.metadata.chrome import mark_list_blocks

    lines = split_lines(
        _ARTICLE + "You may also like\nInteresting 0\nWhere is the warmest seat in a yurt?\n"
        "Interesting 0\nMilk vodka of the steppe\nInteresting 0\n"
    )
    mark_list_blocks(lines)
    assert [ln.kind for ln in lines][1:] == ["list"] * 6


def test_a_question_closing_the_article_is_no_item() -> None:
    from qidir.search.ingest.metadata.chrome import mark_list_blocks

    lines = split_lines(
        _ARTICLE + "Read more\nMuseum returns a stolen carpet\nWho pays for the new dam?\n"
        + _ARTICLE.replace("Tuesday", "Monday") + _ARTICLE.replace("Tuesday", "Friday")
    )
    mark_list_blocks(lines)
    assert [ln.kind for ln in lines][3:] == ["body"] * 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("More world news", "list"),  # a word inserted inside "more news"
        ("további belföldi híreink", "list"),
        ("More than news", "list"),
        ("More grain than news this year", None),  # too long to be a heading
        ("Seguí leyendo", "list"),
    ],
)
def test_a_list_heading_with_a_word_inside(text: str, expected: str | None) -> None:
    from qidir.search.ingest.metadata.chrome import list_heading

    assert list_heading(text) == expected


def test_kicker_headlines_under_a_list_heading() -> None:
    from qidir.search.ingest.metadata.chrome import mark_list_blocks

    lines = split_lines(
        _ARTICLE + "Read more\n"
        "Comeback. She beat the champion at nineteen and then left the game: what became of"
        " the girl from the steppe\n"
        "Drought. In 2021 the north lost more wheat than in the ten years before\n"
        + _ARTICLE.replace("Tuesday", "Monday") + _ARTICLE.replace("Tuesday", "Friday")
    )
    mark_list_blocks(lines)
    assert [ln.kind for ln in lines] == ["body", "list", "list", "list", "body", "body"]


def test_a_headline_repeated_in_a_list_of_other_stories() -> None:
    from qidir.search.ingest.metadata.chrome import mark_list_repeats

    lines = split_lines(
        "Museum returns a stolen carpet\n" + _ARTICLE + "Latest\n17:54\n"
        "Museum returns a stolen carpet\n17:38\n"
    )
    for k in range(2, 6):
        lines[k].kind = LineKind.LIST
    mark_list_repeats(lines)
    assert lines[0].kind == "list" and lines[1].kind == "body"


_PARAGRAPHS = "".join(
    f"<p>The steppe railway will carry {n} more wagons of grain a day from next spring, the"
    " ministry said on Tuesday after talks with the operators in the capital city.</p>"
    for n in range(2, 7)
)


@pytest.mark.parametrize(
    ("head", "h1", "title", "source"),
    [
        # the words after the dash are the headline's own (the h1 prints them): no site name
        (
            "<title>Grain trains (daily) - up to 40 wagons more a day. Reviews</title>",
            "Grain trains - up to 40 more wagons a day from spring",
            "Grain trains - up to 40 more wagons a day from spring",
            None,
        ),
        # a site's name after the dash, also stated in the markup: split off as before
        (
            '<title>Grain trains to run daily - Steppe Ledger</title>'
            '<meta property="og:site_name" content="Steppe Ledger">',
            "Grain trains to run daily",
            "Grain trains to run daily",
            "Steppe Ledger",
        ),
    ],
)
def test_the_headline_words_after_a_dash_in_the_title_are_no_site_name(
    head: str, h1: str, title: str, source: str | None
) -> None:
    from qidir.search.ingest.metadata import extract_html

    body = f"<article><h1>{h1}</h1>{_PARAGRAPHS}</article>"
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    ex = extract_html(html)
    assert ex.title == title
    if source is None:
        assert ex.source is None or "wagons" not in ex.source
    else:
        assert ex.source == source


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Diario Llano de Estepa v. 5.0 – © 2004-2024", "Diario Llano de Estepa"),  # before
        ("Steppe Ledger © 2021", "Steppe Ledger"),
        ("Grain Planner Modell©", None),  # a product's mark, no years: no copyright line
        ("Photo © 2021", None),  # a credit
    ],
)
def test_copyright_owner_before_the_sign(text: str, owner: str | None) -> None:
    assert copyright_owner(text) == owner


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("Diario Llano de Estepa", [("Diario", "Llano", "de", "Estepa")]),
        ("© 2019 Mensagens de Reflexão", [("Mensagens", "de", "Reflexão")]),
        ("Minister of the Interior", [("Minister",), ("Interior",)]),  # two small words
        ("News de", [("News",)]),  # no capitalised word after the joining word
        ("Seen on STEPPE 13 News", [("Seen",), ("STEPPE", "13", "News")]),  # a channel's number
        ("2024 Steppe Awards", [("Steppe", "Awards")]),  # a year does not open a name
    ],
)
def test_a_name_joined_by_a_small_word_is_one_run(text: str, runs: list[tuple[str, ...]]) -> None:
    from qidir.search.ingest.metadata.sitename import _runs

    assert _runs(text) == runs


@pytest.mark.parametrize(
    ("after", "heading_kind"),
    [
        ("Print\nEmail\n", "chrome"),  # "Comments" among the share buttons: a link
        ("Jane Roe\nWhat about the northern farms?\n", "list"),  # a comments section
    ],
)
def test_comments_in_a_row_of_buttons_is_no_comments_section(after: str, heading_kind: str) -> None:
    from qidir.search.ingest.metadata.chrome import is_chrome_line, mark_list_blocks

    lines = split_lines(_ARTICLE + "Comments\n" + after + _ARTICLE.replace("Tuesday", "Friday"))
    for ln in lines:
        if is_chrome_line(ln.text):
            ln.kind = LineKind.CHROME
    mark_list_blocks(lines)
    assert lines[1].kind == heading_kind
    assert (lines[-1].kind == "body") is (heading_kind == "chrome")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("CLICK HERE TO GET THE STEPPE LEDGER APP", "list"),
        ("FARMER PAYS OFF HIS LOANS BY SELLING OLD BOOKS ONLINE", "list"),
        ("THE LONG ROAD NORTH", "body"),  # a subheading in capitals is short
        ("Farmers pay off their loans by selling old books online", "body"),
    ],
)
def test_a_line_in_capitals_between_paragraphs_is_a_link(line: str, kind: str) -> None:
    from qidir.search.ingest.metadata.chrome import mark_capital_links

    lines = split_lines(_ARTICLE + line + "\n" + _ARTICLE.replace("Tuesday", "Friday"))
    mark_capital_links(lines, 0)
    assert [ln.kind for ln in lines] == ["body", kind, "body"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Follow Steppe Ledger on Facebook", ["Steppe Ledger"]),
        ("More from STEPPE LEDGER", ["STEPPE LEDGER"]),
        ("Elsewhere on grain weekly...", ["grain weekly"]),
        ("Subscribe to Ledger Newsletter and get updates", ["Ledger"]),
        ("Buscar en Llano7", ["Llano7"]),
        ("Acompanhe o g7 Estepe no Facebook, no Instagram e no Twitter", ["g7 Estepe"]),
        ("📲 Acompanhe o g7 Estepe no Facebook", ["g7 Estepe"]),  # after a symbol
        ("Günlük gelişmeler için bozkırhaber uygulamasını indirin", ["bozkırhaber"]),
        ("Bozkırhaber uygulamasını indirin", ["Bozkırhaber"]),
        ("The minister said he would follow the rules", []),
    ],
)
def test_names_a_site_calls_itself_by(text: str, names: list[str]) -> None:
    from qidir.search.ingest.metadata.sitename import self_references

    assert self_references(text) == names


def test_the_name_a_site_calls_itself_by_wins_over_its_owner() -> None:
    from qidir.search.ingest.metadata.sitename import find_brand

    lines = split_lines(
        "Ledger Insider\nMORE FROM LEDGER\nLedger Store\nMore from Ledger\n"
        "© 2023 Steppe Media Group. All rights reserved.\n"
    )
    for ln in lines:
        ln.kind = LineKind.TAIL
    brand = find_brand(lines)
    assert brand is not None and brand.name.casefold() == "ledger"


@pytest.mark.parametrize("line", ["Há 2 horas", "Hace 37 minutos"])
def test_a_story_age_names_no_site(line: str) -> None:
    from qidir.search.ingest.metadata.sitename import _grams

    assert _grams(line) == set()


_TEASERS = (
    "Grain By Rail: The steppe line carries more wagons than ever this autumn.\n"
    "Museum Treasures Return: A stolen carpet is back after forty years abroad.\n"
    "Storm On The Pass: Snow cut the road to the border for a second day.\n"
)


@pytest.mark.parametrize(
    ("before", "kind"),
    [
        ("Share full article\n", "list"),  # after furniture: a list of other stories
        ("", "body"),  # after the article's paragraph: its own list
    ],
)
def test_label_and_teaser_items_after_furniture(before: str, kind: str) -> None:
    from qidir.search.ingest.metadata.chrome import mark_label_teasers

    lines = split_lines(_ARTICLE + before + _TEASERS)
    if before:
        lines[1].kind = LineKind.LIST
    mark_label_teasers(lines, 0)
    assert [ln.kind for ln in lines][-3:] == [kind] * 3


def test_a_transcript_is_no_label_teaser_list() -> None:
    from qidir.search.ingest.metadata.chrome import mark_label_teasers

    lines = split_lines(
        "Share full article\nProf. Aida: The wheat needs less water.\n"
        "Jon Berg: And the barley?\nProf. Aida: The barley needs more.\n"
    )
    lines[0].kind = LineKind.LIST
    mark_label_teasers(lines, 0)
    assert [ln.kind for ln in lines][1:] == ["body"] * 3


@pytest.mark.parametrize(
    ("form", "comments_dropped"),
    [
        ("Nombre (*):\nCorreo electrónico (*):\nComentario:\n", True),
        ("Имя *\nE-mail *\nКомментарий\n", True),
        ("Name:\nE-mail:\n", False),  # a sign-up form: no comment field
        ("Email:\nThe minister said:\n", False),
    ],
)
def test_a_comment_form_opens_the_comments(form: str, comments_dropped: bool) -> None:
    from qidir.search.ingest.metadata.chrome import mark_comment_forms

    comment = "What a fine railway, the old one was far worse than this one ever could be.\n"
    lines = split_lines(_ARTICLE + form + comment)
    mark_comment_forms(lines, 0)
    assert lines[0].kind == "body"
    assert (lines[-1].kind == "list") is comments_dropped


_BODY = "\n\n".join(
    f"The steppe railway will carry {n} more wagons of grain a day from next spring, the"
    " ministry said on Tuesday after talks with the operators in the capital." for n in range(4)
)


@pytest.mark.parametrize(
    ("first", "source"),
    [
        ("Stepnews\nA Daily News Paper\n", "Stepnews"),  # the logo's text, first
        ("草原网 > > 正文\n", "草原网"),  # a breadcrumb's first step: the site's home
        ("Home\nAbout\n", None),  # menu words
        ("Kazakhstan\n", None),  # a place
        ("Monday, 8 April 2024\n", None),
    ],
)
def test_the_first_line_names_the_site_when_nothing_else_does(
    first: str, source: str | None
) -> None:
    from qidir.search.ingest.metadata import extract_plain

    page = f"{first}Grain trains to run daily\n\n{_BODY}\n"
    assert extract_plain(page).source == source


def _brand_of(furniture: str) -> str | None:
    from qidir.search.ingest.metadata.sitename import find_brand

    lines = split_lines(furniture)
    for ln in lines:
        ln.kind = LineKind.TAIL
    brand = find_brand(lines)
    return brand.name if brand else None


@pytest.mark.parametrize(
    ("menu", "brand"),
    [
        # the market widget's menu words, printed in every header, are no site name
        ("Altın\nAltın Fiyatları\nGram Altın\nÇeyrek Altın\nAltın Kurları\nCanlı Altın\n"
         "Bozkırhaber uygulamasını indirin\n", "Bozkırhaber"),
        ("Gold\nGold Prices\nGold Markets\nLive Gold\nGold Rates\nGold Currency\n"
         "More from Steppe Ledger\n", "Steppe Ledger"),
        # near miss: a name that only starts with a market word is still a name
        ("Gold Coast Ledger\nGold Coast Ledger TV\nGold Coast Ledger Store\n",
         "Gold Coast Ledger"),
    ],
)
def test_market_widget_words_are_no_site_name(menu: str, brand: str) -> None:
    assert _brand_of(menu) == brand


#: A brand's menu: its short name opening four products (the cases below add to it).
_LEDGER_MENU = "Ledger\nLedger Store\nLedger Live\nLedger Shop\nLedger Money\n"


@pytest.mark.parametrize(
    ("furniture", "brand"),
    [
        # the brand's menus say "Ledger", its full name "Ledger News" is written three times
        ("Ledger\nLedgerN\nLedger Store\nLedger Live\nLedger Shop\nLedger Money\n"
         "Ledger News Store\nView Ledger News In\nLedger News App\n", "Ledger News"),
        # near miss: written only twice, the full name is no brand of its own
        (_LEDGER_MENU + "Ledger News Store\nLedger News App\n", "Ledger"),
        # near miss: the longer name only comes from the company in the copyright line
        (_LEDGER_MENU + "© 2023 Ledger News & Media Limited. All rights reserved.\n", "Ledger"),
    ],
)
def test_the_brand_with_an_outlet_word_is_the_full_name(furniture: str, brand: str) -> None:
    assert _brand_of(furniture) == brand


@pytest.mark.parametrize(
    ("owner", "company"),
    [
        ("Steppe Interactive Inc", True),
        ("Ledger News & Media Limited or its affiliated companies", True),
        ("Steppe Media Group", True),
        ('ООО "Степь Медиа"', True),
        ("Bozkır Yayıncılık A.Ş.", True),
        ("Steppe Ledger", False),
        ("Incognito Daily", False),  # a legal form's letters inside a word
        ("Group Therapy News", False),  # "group" only counts at the end
    ],
)
def test_a_copyright_owner_with_a_legal_form_is_a_company(owner: str, company: bool) -> None:
    from qidir.search.ingest.metadata.sitename import is_company

    assert is_company(owner) is company


@pytest.mark.parametrize(
    ("furniture", "brand"),
    [
        # the site writes its name in lower case: the menu items it opens count it
        ("Grain Roundtable\nGrain Roundtable 2024\nGrain Roundtable Tickets\n"
         "Grain Roundtable Speakers\nsteppe ledger live\nsteppe ledger awards\n"
         "steppe ledger test\nElsewhere on steppe ledger...\n", "steppe ledger"),
        # near miss: the name only inside lines ("Search UK jobs") counts nothing more
        ("Grain Roundtable\nGrain Roundtable 2024\nGrain Roundtable Tickets\n"
         "Grain Roundtable Speakers\nsee steppe ledger live\nabout steppe ledger awards\n"
         "Elsewhere on steppe ledger...\n", "Grain Roundtable"),
    ],
)
def test_a_lower_case_name_the_site_calls_itself_by(furniture: str, brand: str) -> None:
    assert _brand_of(furniture) == brand


@pytest.mark.parametrize(
    ("furniture", "brand"),
    [
        # the menus shorten the name a copyright line states whole
        (_LEDGER_MENU + "© 2019 Ledger da Estepe\n", "Ledger da Estepe"),
        # near miss: a company's name in the copyright line is the publisher's
        (_LEDGER_MENU + "© 2019 Ledger Media Network\n", "Ledger"),
        (_LEDGER_MENU + "©2022 Ledger L.P. All Rights Reserved\n", "Ledger"),
        (_LEDGER_MENU + "Copyright 2022 SA LEDGER | Todos los derechos reservados\n", "Ledger"),
    ],
)
def test_the_whole_name_a_copyright_line_states(furniture: str, brand: str) -> None:
    assert _brand_of(furniture) == brand


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Blog at WordPress.com.", []),  # the blog's host, not the site
        ("You are commenting using your WordPress.com account.", []),
        ("Powered by Blogger.com", []),
        ("https://steppenotes.wordpress.com/2020/01/02/grain/", ["steppenotes.wordpress.com"]),
        ("steppenotes.blogspot.com", ["steppenotes.blogspot.com"]),  # a blog of its own
    ],
)
def test_a_blog_host_is_no_site_but_its_blogs_are(line: str, found: list[str]) -> None:
    assert domains_in(line) == found


@pytest.mark.parametrize(
    ("run", "place"),
    [
        (("Taiwan",), True),
        (("North", "Korea"), True),
        (("New", "Zealand"), True),  # a place only as a whole
        (("Focus", "Taiwan"), False),  # a name built on a place
        (("Украинская", "газета"), False),
    ],
)
def test_a_name_built_on_a_place_is_no_place(run: tuple[str, ...], place: bool) -> None:
    from qidir.search.ingest.metadata.sitename import _is_place_name

    assert _is_place_name(run) is place


@pytest.mark.parametrize(
    ("furniture", "brand"),
    [
        # the copyright line names the site beside its publishing company: the site counts
        ("Поддержать ПГ\nВсе публикации ПГ\nПравила ПГ\nКак писать для ПГ\n"
         '© 2000-2024, Степная газета, ООО "ПГ Медиа Плюс". Все права защищены.\n',
         "Степная газета"),
        # near miss: the company alone in the copyright line still counts for its name
        ("Поддержать ПГ\nВсе публикации ПГ\nПравила ПГ\nКак писать для ПГ\n"
         '© 2000-2024 ООО "ПГ Медиа Плюс". Все права защищены.\n', "ПГ"),
    ],
)
def test_a_site_named_beside_its_publisher_in_the_copyright_line(
    furniture: str, brand: str
) -> None:
    assert _brand_of(furniture) == brand


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        # written once, its name also on a credit line: the page's own
        ("Steppeark Photo:\nA paragraph.\nSteppeark.net - footage and testimony gathered.\n",
         "steppeark.net"),
        # near miss: a link to another site names itself only in its own line
        ("Home\nVisit Steppe-Radio.ca\n", None),
    ],
)
def test_a_domain_written_once_needs_its_name_elsewhere(text: str, domain: str | None) -> None:
    from qidir.search.ingest.metadata.sitename import find_site_domain

    lines = split_lines(text)
    for ln in lines:
        ln.kind = LineKind.TAIL if len(ln.text) < 30 else LineKind.BODY
    assert find_site_domain(lines) == domain
