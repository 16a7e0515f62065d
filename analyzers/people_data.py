"""The written tables behind finding people (:mod:`qidir.analyzers.people`).

Written by the team for this project. Names are listed once, in one common spelling; the
finder compares them by their cross-script name keys (:func:`names.name_keys`), so ``Shavkat``
here also stands for ``Шавкат`` and ``Şavkat``, and ``Kassym`` for ``Касым`` and ``Қасым``.

- :data:`GIVEN_NAMES`: given names common in the region's news (Kazakh, Uzbek, Kyrgyz, Tajik,
  Turkmen, Azerbaijani, Turkish, Russian, Georgian, Armenian, Persian/Arabic, and the usual
  English/European ones). A given name is evidence that the capitalised word after it is a
  surname even when that surname has no telling shape (``Hulusi Akar``, ``Muhsin Dere``).
- :data:`TITLES`: titles and roles written before a name, folded, per language; a title is
  evidence that the name after it is a person (``President Erdoğan``, ``Президент Токаев``).
- :data:`ORG_WORDS`: words that make a capitalised run an organisation, a building or an
  event rather than a person (``Heydar Aliyev International Airport``).
- :data:`MONTHS`: month names in every language we index; never people.
- :data:`NOT_NAMES`: capitalised words that are not names even beside a given name (weekdays,
  nationalities, the words of a dateline).
- :data:`KNOWN`: people the region's news names most, with the spelling readers of English news
  use. A mention by surname alone (``President Tokayev``) is filed under the full person when
  exactly one known person has that surname; the label of a found person is taken from here
  when the person is known. Everyone else is found by the rules alone.
"""

from __future__ import annotations


def _words(s: str) -> tuple[str, ...]:
    return tuple(s.split())


GIVEN_NAMES: tuple[str, ...] = _words("""
Kassym Kasym Jomart Kassym-Jomart Nursultan Nurlan Nurbek Nurzhan Nurzhan Yerlan Erlan Yerzhan
Askar Asqar Aslan Arman Serik Serikbol Marat Murat Bolat Bolatbek Bakhyt Bakytzhan Beibut
Daniyar Dauren Dariga Dinara Aigul Aizhan Ainur Gulnara Gulshara Saule Madina Zhanar Olzhas
Alikhan Alibek Askhat Kairat Kanat Talgat Timur Temir Yerbol Erbol Yermek Ruslan Roman Zhaksylyk
Karim Kairat Mukhtar Mukhtar Berik Baurzhan Bauyrzhan Rustam Rustem Asset Asel Aliya Aida
Ermek Adilbek Amirzhan Ayan Ayana Akylbek Almazbek Sadyr Kamchybek Adylbek Akylbek Kubanychbek
Shavkat Islam Abdulla Abdullah Abdulaziz Bakhtiyor Bakhtiyar Sardor Sardar Sherzod Jamshid
Jasur Dilshod Dilshad Farrukh Farhod Rustam Ulugbek Ulugbek Botir Botyr Bobur Babur Otabek
Odil Akmal Anvar Aziz Azizbek Alisher Elyor Eldor Laziz Lazizbek Nodir Nodira Saida Shahlo
Sukhrob Sohrob Temur Timur Umid Zafar Zokir Zokirjon Ziyodulla Mirziyo Kamoliddin Sanjar
Emomali Rustam Rustami Mahmadsaid Qohir Zarif Sirojiddin Serdar Gurbanguly Rashid Rashit
Ilham Heydar Haydar Mehriban Leyla Arzu Jeyhun Ceyhun Zakir Hikmat Hikmet Elmar Elnur Elchin
Elshan Anar Ramiz Ramil Rauf Rovshan Ruslan Samir Sahil Shahin Shahin Vugar Vuqar Vusal
Mukhtar Ali Ali Mammad Mammadov Mahammad Muhammad Mohammed Mohammad Mohamed Ahmad Ahmed
Hasan Hassan Huseyn Hussein Hussain Jalal Jalil Kamal Kamran Mubariz Novruz Orkhan Parviz
Rafael Ramin Sabir Tural Ulviyya Zarifa Zaur Aydin Akif Eldar Fuad Farid Gunay Nigar Sevinj
Recep Rajab Rəcəb Rejep Tayyip Tayyib Toyyib Hulusi Muhsin Mevlut Hakan Ibrahim Abdulkadir
Abdullah Ahmet Ali Binali Bulent
Cevdet Devlet Ekrem Emine Emre Erdal Ertugrul Fatih Hulusi Ismail Kemal Kursad Lutfi Mehmet
Mahmut Melih Mustafa Mevlut Necmettin Omer Osman Recai Selcuk Suleyman Suleiman Yasar Yusuf
Yilmaz Numan Cemil Cenk Deniz Ercan Erhan Gokhan Hami Haluk Kadir Kerem Levent Mehmet Meral
Murat Nurettin Orhan Ozgur Sedat Selim Serdar Tanju Tarik Tuncay Ugur Umit Volkan Zeki Adnan
Vladimir Vladislav Sergei Sergey Dmitry Dmitri Mikhail Alexei Alexey Aleksei Alexander
Aleksandr Andrei Andrey Anatoly Boris Denis Evgeny Yevgeny Eugene Igor Ivan Konstantin
Maxim Maksim Nikolai Nikolay Oleg Pavel Pyotr Peter Roman Stanislav Valentina Valery Vasily
Viktor Victor Vitaly Vyacheslav Yuri Yury Georgy Gennady Grigory Leonid Anton Arkady
Ekaterina Yekaterina Elena Yelena Irina Maria Mariya Natalia Natalya Olga Svetlana Tatiana
Tatyana Anna Anastasia Marina Galina Lyudmila Ksenia Oksana Veronika Yulia Julia Daria Darya
Volodymyr Petro Yulia Vitali Vitalii Oleksandr Andriy Dmytro Mykola Serhiy Denys
Irakli Giorgi Lasha Tornike Vakhtang Avtandil Mamuka Mikheil Salome Zurab Levan Davit David
Nika Juansher Bidzina Shalva Tamar
Nikol Armen Ararat Aram Ashot Serzh Robert Vahagn Zareh Anahit Mirzoyan
Narendra Shehbaz Nawaz Imran Asif Ashraf Masoud Hassan Ebrahim Mahmoud Hossein Abbas Javad
Xi Си Li Wang Fumio Shinzo Moon Yoon
Katrin Hans Klaus Jurgen Stefan Markus Thomas Andreas Michael Wolfgang Anja
Sabine Petra Monika Claudia Ingrid Lars Sven Erik Jan Pieter Hector Hector Carlos Luis Jorge
Joe Donald Barack Hillary Kamala Antony Anthony Mike Michael John James Robert William
Richard Charles Thomas Christopher Daniel Matthew Mark Paul Steven Stephen Andrew Kenneth
George Edward Brian Ronald Kevin Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan
Justin Scott Brandon Benjamin Samuel Gregory Frank Raymond Patrick Jack Dennis Jerry Tyler
Aaron Jose Henry Adam Douglas Nathan Zachary Kyle Walter Harold Jeremy Ethan Carl Keith
Roger Gerald Christian Terry Sean Arthur Austin Noah Lawrence Jesse Joe Bryan Billy Jordan
Bruce Ralph Roy Alan Wayne Eugene Juan Gabriel Louis Russell Randy Vincent Philip Bobby
Johnny Bradley Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen
Nancy Lisa Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda
Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Shirley Angela Helen
Brenda Pamela Nicole Emma Samantha Katherine Christine Debra Rachel Catherine Carolyn Janet
Ruth Heather Diane Virginia Julie Joyce Victoria Kelly Christina Joan Evelyn Lauren Judith
Olivia Martha Cheryl Megan Andrea Hannah Jacqueline Ann Jean Alice Kathryn Gloria Teresa
Sara Janice Doris Madison Julia Grace Judy Abigail Marie Denise Beverly Amber Theresa
Marilyn Danielle Diana Brittany Natalie Sophia Rose Isabella Alexis Kayla Charlotte
Emmanuel Olaf Angela Ursula Josep Charles Rishi Keir Boris Theresa Giorgia Pedro Antonio
Antonio Recep Kristalina Klaus Jens Mark Friedrich Annalena Frank-Walter Ursula Gita
""")

#: Titles and roles written before a name (folded; Uzbek in official Latin and Cyrillic).
TITLES: tuple[str, ...] = _words("""
president vice-president minister ministers prime premier chairman chairwoman chair speaker
secretary governor mayor ambassador envoy deputy spokesman spokeswoman spokesperson director
general colonel lieutenant major captain admiral marshal commander chief head leader king
queen prince princess emir sheikh pope patriarch mufti imam senator congressman
congresswoman mp lawmaker judge prosecutor ceo founder coach defender striker grandmaster
academician professor dr mr mrs ms sir lord lady akim hokim khokim ombudsman chancellor
counterpart coach trainer manager referee
президент вице-президент министр премьер премьер-министр председатель спикер секретарь
губернатор мэр посол глава генерал полковник командующий директор руководитель замминистра
замглавы заместитель аким хоким советник депутат сенатор патриарх муфтий король принц
академик профессор господин госпожа канцлер лидер
prezident vazir vaziri bosh hokim hokimi rais raisi elchi elchisi general direktor rahbar
rahbari oʼrinbosari deputat senator akademik professor murabbiy murabbiyi
президенти вазир вазири бош ҳоким ҳокими раис раиси элчи элчиси директор раҳбари
ўринбосари мураббий мураббийи тренер
президенті министр министрі әкім әкімі төраға төрағасы елші елшісі бастығы басшысы
cumhurbaşkanı cumhurbaşkanımız başbakan bakan bakanı bakanlığı başkan başkanı büyükelçi
büyükelçisi vali valisi genelkurmay orgeneral korgeneral tümgeneral general milletvekili
sayın prof doç teknik direktör antrenör
prezidenti nazir naziri baş sədr sədri səfir səfiri müavini generalı general-polkovnik
deputat millət vəkili
general-colonel general-polkovnik генерал-полковник генерал-лейтенант general-lieutenant
""")

#: A capitalised run with one of these is an organisation, building, place or event.
ORG_WORDS: tuple[str, ...] = _words("""
airport university institute academy center centre foundation fund museum
park street avenue square bridge station port ministry council committee commission agency
company corporation group holding bank party union association federation organization
organisation society school college hospital stadium arena hall palace mosque cathedral
church fortress library theatre theater prize award cup championship games summit forum
festival conference cluster district region province city village lake river mountain sea
gulf canal valley plant factory airlines airways railway railways railroad service news
times post herald tribune journal daily press radio television tv channel club republic
kingdom inc ltd llc jsc ojsc plc gmbh
аэропорт университет институт академия центр фонд музей парк улица проспект площадь мост
станция порт министерство совет комитет комиссия агентство компания корпорация банк партия
союз ассоциация федерация организация общество школа больница стадион дворец мечеть премия
кубок чемпионат саммит форум фестиваль конференция район область город село озеро река
море завод республика имени
aeroporti universiteti instituti akademiyasi markazi jamgʼarmasi muzeyi bogʼi koʼchasi
vazirligi kengashi qoʼmitasi agentligi kompaniyasi banki partiyasi viloyati tumani shahri
respublikasi nomidagi
аэропорти университети маркази вазирлиги вилояти тумани шаҳри номидаги
әуежайы университеті орталығы министрлігі облысы ауданы қаласы атындағы
havalimanı üniversitesi enstitüsü merkezi vakfı müzesi caddesi bakanlığı meclisi
komitesi şirketi bankası partisi ili ilçesi belediyesi cumhuriyeti zirvesi
hava limanı beynəlxalq aeroportu universiteti mərkəzi fondu muzeyi küçəsi nazirliyi şurası
komitəsi şirkəti bankı partiyası rayonu şəhəri respublikası adına
""")

#: Verbs of speech right before or after a name of two or more words vouch for it like a
#: title ("said Katrin Bauer, who heads ..."; "Ali Guliyev said").
SPEECH: tuple[str, ...] = _words("""
said says told added noted stressed explained warned wrote asked according
сказал сказала заявил заявила отметил отметила сообщил сообщила подчеркнул подчеркнула
dedi söyledi açıkladı belirtti vurguladı aytdi taʼkidladi bildirdi dedi qeyd
деді айтты мәлімдеді атап
""")

MONTHS: tuple[str, ...] = _words("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
января февраля марта апреля мая июня июля августа сентября октября ноября декабря
yanvar fevral mart aprel may iyun iyul avgust sentabr sentyabr oktabr oktyabr noyabr dekabr
январ феврал апрел июн июл сентябр октябр ноябр декабр
қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан
ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık
yanvar fevral mart aprel may iyun iyul avqust sentyabr oktyabr noyabr dekabr
""")

NOT_NAMES: tuple[str, ...] = _words("""
monday tuesday wednesday thursday friday saturday sunday
понедельник вторник среда четверг пятница суббота воскресенье
dushanba seshanba chorshanba payshanba juma shanba yakshanba
pazartesi salı çarşamba perşembe cuma cumartesi pazar
bazar ertəsi çərşənbə cümə şənbə
the a an this that these those in on at of and or but for with by from to as during after
before when while since until under over about he she it we they his her its their our my
your who what which there here then also however meanwhile according
mr mrs ms dr
english russian turkish kazakh uzbek azerbaijani kyrgyz tajik turkmen georgian armenian
chinese iranian afghan pakistani indian american european ukrainian belarusian japanese
korean german french british italian spanish
national international federal state defence defense foreign interior economy economic
finance trade energy agriculture health education justice culture tourism transport
emergency emergencies security military armed forces digital development industry
infrastructure investment affairs relations internal external
""")

#: (full name in English news, other full spellings often seen); the first is the label and
#: every spelling is filed under it (Azerbaijani Ərdoğan is not Erdoğan by letter rules).
KNOWN: tuple[tuple[str, ...], ...] = (
    ("Kassym-Jomart Tokayev", "Kasym-Jomart Tokayev", "Kasym-Zhomart Tokayev",
     "Kassym-Zhomart Tokayev", "Qasym-Jomart Toqayev"),
    ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", "Rəcəb Tayyib Ərdoğan", "Tayyib Ərdoğan",
     "Rajab Toyyib Erdoʻgʻan", "Toyyib Erdoʻgʻan", "Tayyip Erdoğan"),
    ("Ilham Aliyev",),
    ("Heydar Aliyev",),
    ("Mehriban Aliyeva",),
    ("Shavkat Mirziyoyev",),
    ("Islam Karimov",),
    ("Nursultan Nazarbayev",),
    ("Vladimir Putin",),
    ("Sadyr Japarov", "Sadyr Zhaparov"),
    ("Emomali Rahmon",),
    ("Serdar Berdimuhamedov",),
    ("Gurbanguly Berdimuhamedov",),
    ("Nikol Pashinyan",),
    ("Hulusi Akar",),
    ("Zakir Hasanov",),
    ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu"),
    ("Hakan Fidan",),
    ("Jeyhun Bayramov", "Ceyhun Bayramov"),
    ("Sergei Lavrov", "Sergey Lavrov"),
    ("Mikhail Mishustin",),
    ("Abdulla Aripov",),
    ("Xi Jinping", "Си Цзиньпин", "Si Szinpin"),
)
