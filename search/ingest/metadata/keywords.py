"""Multilingual word lists that mark page chrome (en, ru, uz Latn/Cyrl, kk, az, tr).

These are general web vocabulary (the words every news site uses for its menus, its
"most read" boxes and its footers), not any one site's strings. Matching is done on a
folded form (see `fold`), so apostrophe variants and case do not matter.
"""

from __future__ import annotations

import re

from qidir.analyzers.normalize import APOSTROPHE
from qidir.analyzers.normalize import fold as fold_word


def fold(text: str) -> str:
    """Case-, apostrophe- and whitespace-insensitive form used for keyword lookups.

    Built on the analyzers' one definition of a word's folding (NFC, invisible characters
    dropped, every apostrophe form made one, case folded); the lists here spell that one
    apostrophe as ``'`` and read ``ё`` as ``е``.
    """
    text = fold_word(text).replace(APOSTROPHE, "'").replace("ё", "е")
    return re.sub(r"\s+", " ", text).strip(" \t:;.,!?|-–—•·»«>*#")


def _norm_set(items: str) -> frozenset[str]:
    return frozenset(fold(x) for x in items.strip().splitlines() if x.strip())


#: Headings of blocks that list *other* articles (or links); what follows them is chrome.
LIST_HEADINGS = _norm_set(
    """
    most popular
    most read
    most viewed
    most commented
    popular
    popular news
    popular posts
    random posts
    recommended
    recommended for you
    related
    related news
    related articles
    related stories
    related posts
    related content
    read also
    also read
    read more
    see also
    more from
    more news
    more stories
    more on this
    more on this topic
    latest
    latest news
    latest see more
    latest stories
    top stories
    trending
    trending now
    editor's picks
    editors' picks
    you may also like
    you might also like
    you may be interested
    don't miss
    in other news
    other news
    news feed
    headlines
    further reading
    links of access
    accessibility links
    skip links
    читайте также
    читайте еще
    смотрите также
    популярное
    популярные новости
    самое читаемое
    самое популярное
    самые популярные
    самые читаемые
    самое обсуждаемое
    рекомендуем
    рекомендуем прочитать
    похожие новости
    похожие материалы
    другие новости
    последние новости
    новости по теме
    по теме
    еще по теме
    материалы по теме
    лента новостей
    выбор редакции
    актуальное
    ссылки доступа
    ko'p o'qilgan
    ko'p o'qilganlar
    eng ko'p o'qilgan
    ommabop
    tavsiya etamiz
    o'xshash yangiliklar
    shuningdek o'qing
    yana o'qing
    batafsil o'qing
    boshqa yangiliklar
    so'nggi yangiliklar
    mavzuga oid
    mavzuga doir
    yangiliklar lentasi
    muharrir tanlovi
    кўп ўқилган
    кўп ўқилганлар
    энг кўп ўқилган
    оммабоп
    тавсия этамиз
    ўхшаш янгиликлар
    шунингдек ўқинг
    яна ўқинг
    бошқа янгиликлар
    сўнгги янгиликлар
    мавзуга оид
    мавзуга доир
    янгиликлар тасмаси
    кириш ҳаволалари
    kirish havolalari
    көп оқылған
    көп оқылғандар
    танымал
    ұсынамыз
    ұқсас жаңалықтар
    сондай-ақ оқыңыз
    тағы оқыңыз
    басқа жаңалықтар
    соңғы жаңалықтар
    тақырыпқа қатысты
    жаңалықтар легі
    қолжетімділік сілтемелері
    ən çox oxunan
    ən çox oxunanlar
    çox oxunanlar
    populyar
    tövsiyə edirik
    oxşar xəbərlər
    həmçinin oxuyun
    bunu da oxuyun
    digər xəbərlər
    son xəbərlər
    mövzuya aid
    xəbər lenti
    seçilən
    seçilmiş
    en çok okunan
    en çok okunanlar
    çok okunanlar
    popüler
    önerilen
    önerilenler
    ilgili haberler
    benzer haberler
    bunlar da ilginizi çekebilir
    ayrıca okuyun
    diğer haberler
    son haberler
    son dakika
    editörün seçtikleri
    top news
    more headlines
    editor's choice
    sponsored content
    partner content
    from our partners
    новости партнеров
    партнерские материалы
    вам может быть интересно
    вам также может понравиться
    главные новости
    самое важное
    еще новости
    все новости
    hamkor yangiliklari
    barcha yangiliklar
    ko'proq yangiliklar
    sizga qiziq bo'lishi mumkin
    ҳамкор янгиликлари
    барча янгиликлар
    сизга қизиқ бўлиши мумкин
    барлық жаңалықтар
    сізге қызықты болуы мүмкін
    maraqlı ola bilər
    bütün xəbərlər
    ilginizi çekebilir
    tüm haberler
    вам также может быть интересно
    вам может быть интересно
    читайте також
    дивіться також
    матеріали за темою
    новини за темою
    останні новини
    головне сьогодні
    популярне
    найпопулярніше
    ver también
    lea también
    leer también
    te puede interesar
    también te puede interesar
    noticias relacionadas
    más noticias
    lo más leído
    lo más visto
    últimas noticias
    veja também
    leia também
    leia mais
    você pode gostar
    você também pode gostar
    notícias relacionadas
    mais lidas
    mais lidas da semana
    últimas notícias
    lire aussi
    à lire aussi
    sur le même sujet
    les plus lus
    dernières actualités
    auch interessant
    mehr zum thema
    meistgelesen
    das könnte sie auch interessieren
    leggi anche
    potrebbe interessarti anche
    i più letti
    ultime notizie
    baca juga
    berita terkait
    berita lainnya
    terpopuler
    kapcsolódó cikkek
    legolvasottabb
    legfrissebb
    további híreink
    további hírek
    seguí leyendo
    sigue leyendo
    seguir leyendo
    相关新闻
    相关阅读
    相关报道
    相关文章
    推荐阅读
    ข่าวที่เกี่ยวข้อง
    เรื่องที่เกี่ยวข้อง
    ข่าวล่าสุด
    ข่าวยอดนิยม
    延伸阅读
    热门推荐
    热点新闻
    相關新聞
    延伸閱讀
    関連記事
    関連ニュース
    あわせて読みたい
    人気記事
    おすすめ記事
    관련기사
    관련 기사
    많이 본 뉴스
    인기 기사
    추천 기사
    """
)

#: Headings of comment sections: what follows them is readers' text, never the article.
COMMENT_HEADINGS = _norm_set(
    """
    leave a reply
    leave a comment
    comments
    add comment
    add a comment
    комментарии
    оставить комментарий
    добавить комментарий
    izohlar
    izoh qoldirish
    изоҳлар
    изоҳ қолдириш
    пікірлер
    пікір қалдыру
    şərhlər
    şərh yaz
    yorumlar
    yorum yap
    join the conversation
    коментарі
    залишити коментар
    comentarios
    deja un comentario
    deja tu comentario
    comentários
    deixe um comentário
    deixe seu comentário
    commentaires
    laisser un commentaire
    kommentare
    kommentar schreiben
    commenti
    lascia un commento
    komentar
    tinggalkan komentar
    hozzászólások
    """
)

#: Headings of boxes that sit among or after the article (sign-ups, follow-us).
TAIL_HEADINGS = COMMENT_HEADINGS | _norm_set(
    """
    newsletter
    newsletter signup
    subscribe
    subscribe to our newsletter
    sign up for our newsletter
    follow us
    share this article
    about us
    contact us
    подписаться
    подпишитесь на рассылку
    мы в социальных сетях
    bültenimize abone olun
    about the author
    об авторе
    muallif haqida
    муаллиф ҳақида
    автор туралы
    müəllif haqqında
    yazar hakkında
    """
)

#: Words that, on a short line, make it page furniture wherever it stands.
CHROME_PHRASES = _norm_set(
    """
    share
    share this
    share on facebook
    share on twitter
    tweet
    print
    print this
    email
    e-mail
    copy link
    скопировать ссылку
    копировать ссылку
    havoladan nusxa olish
    ҳаволадан нусха олиш
    сілтемені көшіру
    linki kopyala
    keçidi kopyala
    whatsapp
    telegram
    facebook
    twitter
    back to top
    back to top button
    back to overview
    back to the overview
    back to news
    back to all news
    back to homepage
    zurück
    zurück zur übersicht
    zurück zur startseite
    nach oben
    volver
    volver arriba
    voltar
    voltar ao topo
    retour
    retour en haut
    torna su
    torna indietro
    kembali
    назад
    наверх
    вернуться назад
    до початку
    назад до новин
    loading
    loading...
    see more
    see all
    show more
    load more
    read more
    click here
    advertisement
    sponsored
    skip to content
    skip to main content
    skip to navigation
    menu
    search
    login
    log in
    sign in
    register
    home
    close
    next
    previous
    prev
    accept
    accept all
    ok
    tags
    поделиться
    печать
    распечатать
    версия для печати
    реклама
    читать далее
    подробнее
    перейти к основному контенту
    перейти к главной навигации
    перейти к поиску
    искать
    поиск
    поиск по сайту
    search this site
    search the site
    site search
    saytdan qidirish
    сайтдан қидириш
    сайттан іздеу
    saytda axtar
    sitede ara
    закрыть
    войти
    главная
    ulashish
    chop etish
    reklama
    batafsil
    qidiruv
    bosh sahifa
    улашиш
    чоп этиш
    батафсил
    қидирув
    бош саҳифа
    асосий мазмунга ўтиш
    asosiy mazmunga o'tish
    asosiy menyuga o'tish
    асосий менюга ўтиш
    негізгі мазмұнға өту
    негізгі мәзірге өту
    іздеуге өту
    əsas məzmuna keç
    ana içeriğe geç
    ana içeriğe atla
    skip to main navigation
    перейти к главной навигации
    бөлісу
    басып шығару
    жарнама
    толығырақ
    іздеу
    басты бет
    paylaş
    çap et
    reklam
    ətraflı
    axtar
    axtarış
    əsas səhifə
    yazdır
    devamını oku
    ara
    anasayfa
    ana sayfa
    загрузка
    показать еще
    регистрация
    вход
    личный кабинет
    giriş
    giriş yap
    kayıt ol
    üye ol
    kirish
    ro'yxatdan o'tish
    кириш
    рўйхатдан ўтиш
    кіру
    тіркелу
    daxil ol
    qeydiyyat
    sign up
    my account
    yuklanmoqda
    юкланмоқда
    жүктелуде
    yüklənir
    daha çox
    yükleniyor
    daha fazla
    """
)

#: Fragments that make a line of up to ~30 words chrome wherever they occur in it.
CHROME_FRAGMENTS = tuple(
    fold(x)
    for x in """
    newsletter
    subscribe to
    sign up for
    your email address will not be published
    required fields are marked
    community guidelines
    view the comments
    comments powered by
    to add your comments
    to post a comment
    your comment contains
    open in a new window
    opens in a new window
    opens in new window
    opens in a new tab
    if you liked this article
    if you enjoyed this article
    если вам понравилась статья
    если вам понравился материал
    haberi beğendiyseniz
    기사가 마음에 들었다면
    user comment will be
    comments are moderated
    enable javascript to view
    se reserva el derecho de eliminar
    debes estar conectado
    devi essere connesso
    você precisa estar logado
    we use cookies
    this website uses cookies
    cookie policy
    uses cookies
    use of cookies
    accept cookies
    accept all cookies
    manage cookies
    cookie settings
    cookies settings
    about cookies
    política de cookies
    sobre cookies
    utiliza cookies
    utilizamos cookies
    usamos cookies
    usa cookies
    política de privacidade
    politique de cookies
    utilise des cookies
    utilisons des cookies
    verwendet cookies
    verwenden cookies
    utilizza cookie
    utilizziamo cookie
    menggunakan cookie
    privacy policy
    terms of use
    all rights reserved
    follow us on
    follow us @
    slider image
    gallery image
    download our app
    используем cookie
    файлы cookie
    cookie-файл
    файлы куки
    используем куки
    использует куки
    kukilər
    kuki fayl
    cookie fayl
    cookie файл
    все права защищены
    подписывайтесь на нас
    подпишитесь на наш
    следите за нами
    перепечатка материалов
    при цитировании
    barcha huquqlar himoyalangan
    obuna bo'ling
    барча ҳуқуқлар ҳимояланган
    обуна бўлинг
    барлық құқықтар қорғалған
    жазылыңыз
    bütün hüquqlar qorunur
    abunə olun
    reklamsız
    tüm hakları saklıdır
    çerez
    abone olun
    bizi takip edin
    is an independent
    registered as a mass media
    editorial policy
    свидетельство о регистрации
    зарегистрировано в
    редакция не несет ответственности
    ommaviy axborot vositasi sifatida ro'yxatdan
    оммавий ахборот воситаси сифатида рўйхатдан
    guvohnoma
    гувоҳнома
    куәлік
    """.strip().splitlines()
    if x.strip()
)

#: Language-switcher entries ("EN | RU | UZ", "Ўзбекча Русский English").
LANGUAGE_NAMES = _norm_set(
    """
    en eng english ru rus рус русский russian uz uzb o'z o'zb ўз ўзб o'zbek o'zbekcha
    ўзбекча uzbek kk kz қаз қазақша kazakh az aze azərbaycanca azerbaijani tr türkçe turkish
    de deutsch fr français ar عربي tj тоҷикӣ kg кыргызча кир lat лат
    """.replace(" ", "\n")
)

#: Section names used in menus and category labels (a line of these is a menu, not a title).
SECTION_WORDS = _norm_set(
    """
    news
    world
    politics
    economy
    business
    society
    culture
    sport
    sports
    science
    tech
    technology
    health
    opinion
    analysis
    region
    regions
    video
    photo
    photos
    multimedia
    lifestyle
    travel
    about
    contact
    contacts
    archive
    interview
    новости
    политика
    экономика
    общество
    культура
    спорт
    в мире
    мир
    наука
    здоровье
    мнения
    видео
    фото
    регионы
    происшествия
    yangiliklar
    siyosat
    iqtisodiyot
    jamiyat
    madaniyat
    dunyo
    jahon
    янгиликлар
    сиёсат
    иқтисодиёт
    жамият
    маданият
    дунё
    жаҳон
    жаңалықтар
    саясат
    қоғам
    мәдениет
    әлем
    xəbərlər
    siyasət
    iqtisadiyyat
    cəmiyyət
    mədəniyyət
    dünya
    idman
    haberler
    gündem
    siyaset
    ekonomi
    kültür
    spor
    yaşam
    """
)

#: Words that introduce a photo credit ("Photo: Reuters"), chrome when the line is short.
CREDIT_WORDS = _norm_set(
    """
    photo
    photos
    image
    picture
    credit
    source
    фото
    источник
    surat
    foto
    manba
    сурат
    манба
    дереккөз
    mənbə
    fotoğraf
    kaynak
    görsel
    """
)

#: Words of a view counter ("Views: 1,204", "Просмотров: 3 417", "Ko‘rishlar: 2 154").
VIEW_WORDS = _norm_set(
    """
    views
    view
    reads
    просмотров
    просмотры
    просмотр
    прочтений
    ko'rishlar
    ko'rildi
    ko'rishlar soni
    кўришлар
    кўрилди
    кўришлар сони
    қаралды
    көрілді
    көрсетілім
    baxış
    baxışlar
    baxış sayı
    görüntülenme
    okunma
    okundu
    """
)
_NUMBER = r"\d[\d\s.,\u00a0\u202f]*\d|\d"
_VIEW_COUNTER = re.compile(
    rf"(?:(?P<label>[^\W\d_][^\W\d_'ʻʼ‘’ ]*(?:['ʻʼ‘’][^\W\d_]+)*(?: [^\W\d_]+)?)\s*[:\-–]?\s*"
    rf"(?:{_NUMBER})|(?:{_NUMBER})\s+(?P<label2>[^\W\d_]+(?:['ʻʼ‘’][^\W\d_]+)*)"
    rf"|[👁👀]\ufe0f?\s*(?:{_NUMBER}))"
)


def strip_view_counters(text: str) -> str:
    """The line without its view counters ("👁 2 134", "Просмотров: 3 417")."""

    def drop(m: re.Match[str]) -> str:
        label = m.group("label") or m.group("label2")
        if label is None or fold(label) in VIEW_WORDS:
            return " "
        return m.group(0)

    return _VIEW_COUNTER.sub(drop, text)


#: Networks and channels named on share and follow lines ("Facebook | X | WhatsApp").
SOCIAL_WORDS = _norm_set(
    """
    facebook
    x
    twitter
    telegram
    whatsapp
    viber
    vk
    вконтакте
    vkontakte
    одноклассники
    ok
    linkedin
    instagram
    youtube
    tiktok
    threads
    reddit
    email
    e-mail
    e-posta
    pochta
    почта
    """
)


#: Lines that speak to the reader about the site rather than the story, matched on the
#: folded line: a badge pointing to the site's standards ("Why you can trust …", a short
#: line only), a sign-off sending the reader to the site's other news ("For more on news
#: … visit …"), a sentence ending in a call to sign up ("…, subscribe now.").
READER_PROMPTS = (
    (re.compile(r"^why you can trust\b"), 6),
    (
        re.compile(
            r"^for (?:more|the latest)\b(?: [\w'’-]+){0,8} (?:news|stories|updates|videos)\b"
            r".*\b(?:visit|follow|download|go to|head to)\b"
        ),
        30,
    ),
    (re.compile(r"\b(?:subscribe|sign up|register|join us) (?:now|today|here)$"), 30),
)


#: A sign-up box's button, alone on its line.
SIGNUP_BUTTONS = _norm_set(
    """
    subscribe
    subscribe now
    sign up
    sign up now
    sign me up
    suscribirse
    suscríbete
    assinar
    inscreva-se
    s'inscrire
    je m'abonne
    abonnieren
    iscriviti
    berlangganan
    подписаться
    подпишитесь
    підписатися
    abone ol
    obuna bo'lish
    обуна бўлиш
    жазылу
    abunə ol
    """
)

#: Words of a mailing list's pitch ("Breaking News Emails", "… straight to your inbox").
MAIL_WORDS = tuple(
    fold(x)
    for x in """
    email
    e-mail
    newsletter
    inbox
    alerts
    рассылк
    розсилк
    e-posta
    bülten
    correo
    boletín
    boletim
    infolettre
    """.split()
)


#: An embedded post or player the copy could not show, in its place ("This content is
#: imported from …. You may be able to find the same content in another format …"):
#: furniture on a line of up to sixty words.
EMBED_NOTICES = tuple(
    fold(x)
    for x in """
    this content is imported from
    media playback is unsupported
    is unsupported on your device
    """.strip().splitlines()
)


#: A comment form's fields: the e-mail address and the comment itself.
MAIL_FIELD_WORDS = tuple("email e-mail correo почта e-posta courriel".split())
COMMENT_FIELD_WORDS = tuple(
    fold(w)
    for w in "comment comentario comentário commentaire kommentar commento komentar "
    "комментарий коментар yorum izoh пікір şərh".split()
)
