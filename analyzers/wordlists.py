"""Frequent-word and stop-word lists, written by the team for this project.

Words are in folded form (lowercase, apostrophes as ʼ). Uzbek words are listed in the official
Latin alphabet only: Cyrillic Uzbek is transliterated before it is compared with them.

*Frequent words* are evidence for language detection: common function words and very common
content words that are rare in the other languages we tell apart. A word that is frequent in two
of our languages (``bu`` in Uzbek, Turkish and Azerbaijani) counts for all of them.
*Stop words* are dropped from the text fields: pure function words only. A query drops a word
that is a stop word in any language plausible for its script, so words that are also common
names or content words in another language of the same script stay off these lists (``men`` and
``sen`` are pronouns in Uzbek and Turkish but ``men`` is a noun in English and ``Ben`` a name).
"""

from __future__ import annotations


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


EN_STOP = _words("""
a an the and or but nor of to in into on onto at by for from with without as is are was were be
been being am do does did doing have has had having it its it's itself this that these those
there here than then so such too very can could would should will shall may might must not no
he him his she her hers they them their theirs we us our ours you your yours i me my mine
which who whom whose what when where why how all any both each few more most other some own
same only just also about above below over under again further once up down out off
""")

EN_FREQ = EN_STOP | _words("""
said says year years new first two three after before between during while against said
according minister president government country countries people state states would told
week month since because including however many well through being two news report
""")

RU_STOP = _words("""
и в во не на с со по о об обо к ко у за из от до для при без над под про через что чтобы
как а но или либо ни же ли бы то это этот эта эти этого этой этом этих тот та те того
той том тех он она оно они его ее её их ему ей им ими нем ней них мы нас нам нами вы вас
вам вами я меня мне мной ты тебя тебе себя себе был была было были быть будет будут есть
который которая которое которые которого которой котором которых которым также тоже
уже еще ещё лишь только даже где когда так там тут здесь всё все всех всем весь вся
""")

RU_FREQ = RU_STOP | _words("""
года году году лет время после между однако более менее может могут словам сообщает
сообщил сообщила заявил заявила отметил отметила глава стороны страны страна россии
против около является являются сегодня вчера также своей свой свои своих чем его
""")

# Uzbek (official Latin spelling). ``u`` (he/she), ``ta`` and ``bir`` are left out of the
# detection list on purpose: transliterated Russian у/та and Turkish/Azerbaijani bir collide.
UZ_STOP = _words("""
va ham hamda bilan uchun esa lekin ammo yoki yana bu shu ushbu mazkur o ular biz siz
ekan edi emas deb deya kabi uchun
""")

UZ_FREQ = UZ_STOP | _words("""
boʼyicha oʼrtasida oʼrtasidagi toʼgʼrisida toʼgʼrisidagi haqida orqali tomonidan keyin
oldin avval koʼra boʼlgan boʼldi boʼlib boʼladi boʼlsa qildi qilgan qilish qiladi etdi
etgan etildi etilgan etish etadi dedi yil yilda yilning yili kuni oʼz oʼzi barcha har hech
koʼp eng katta yangi boshqa mumkin kerak davomida qayd bildirdi ekanligini ekanini
hozir endi bor yoʼq birga bosh oʼzbekiston respublikasi prezidenti vaziri vazirligi davlat
davlatlari hamkorlik hamkorligi harbiy xabar bermoqda qilindi tashrifi shahar shahri
shahrida viloyati viloyatida tumani tumanida hokimligi yangilik soʼng
""")

KK_STOP = _words("""
және мен бен пен бұл осы сол ол олар біз сіз да де та те ма ме ба бе па пе туралы үшін
""")

KK_FREQ = KK_STOP | _words("""
бойынша арасында арасындағы жылы жылғы болып болды болады деп деді деген екі бір оның
олардың біздің сондай ақ тиіс мүмкін қазақстан қазақстанның республикасы жоқ бар әр
барлық кейін дейін ретінде жаңа атты еді емес келді өтті елдің елдер елі министрі
jäne men bul osy üşin turaly boiynşa arasynda
""")

AZ_STOP = _words("""
və ilə üçün da də ki isə həm amma lakin ya yaxud bu o onlar biz siz mən sən hər
""")

AZ_FREQ = AZ_STOP | _words("""
bir olan olub olaraq edib edən etmək görə qədər sonra əvvəl arasında tərəfindən haqqında
bildirib deyib qeyd kimi il ildə ilin yeni artıq həmçinin eyni bütün azərbaycan
respublikasının nazirliyi naziri prezidenti ölkə ölkələr əməkdaşlıq daha çox
""")

TR_STOP = _words("""
ve ile için da de ki ise ama fakat ancak veya ya bu şu o onlar biz siz her
""")

TR_FREQ = TR_STOP | _words("""
bir olan olarak gibi daha çok sonra önce arasında tarafından hakkında dedi kadar göre
tüm yeni değil var yok olduğu olduğunu ilk yıl yılında türkiye türkiyeʼnin etti eden
üzere diye bunu şey cumhurbaşkanı bakanı bakanlığı işbirliği savunma
""")

FREQ: dict[str, frozenset[str]] = {
    "en": EN_FREQ,
    "ru": RU_FREQ,
    "uz": UZ_FREQ,
    "kk": KK_FREQ,
    "az": AZ_FREQ,
    "tr": TR_FREQ,
}

STOP: dict[str, frozenset[str]] = {
    "en": EN_STOP,
    "ru": RU_STOP,
    "uz": UZ_STOP,
    "kk": KK_STOP,
    "az": AZ_STOP,
    "tr": TR_STOP,
    "und": frozenset(),
}
