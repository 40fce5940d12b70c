// The sample items and their labelled topics. Only the seed article (RT, 19 March 2024)
// is real text; every other item is written for these samples.
// `topics` is the truth the pipeline test checks: exactly the topics the item belongs in.

const SEED_URL = 'https://www.rt.com/news/594107-nato-caucasus-stability-kremlin/';
const SEED_TITLE = 'NATO will not bring stability to the Caucasus – Kremlin';
const SEED_SUBTITLE =
  'The bloc’s desire to gain a foothold in the region is no secret, spokesman Dmitry Peskov said';
const SEED_DATE = '2024-03-19T10:24:00Z';
const SEED_BODY = [
  'Russia is well aware of NATO’s attempts to court post-Soviet republics in the South Caucasus, but the bloc’s overtures will do the region no good, Kremlin spokesman Dmitry Peskov said.',
  'Speaking to reporters on Tuesday, Peskov commented on NATO Secretary General Jens Stoltenberg’s tour of Azerbaijan, Georgia and Armenia this week to strengthen relations with those countries.',
  'Peskov said the NATO chief’s trip is further evidence of the bloc’s efforts to gain more influence in the region. “NATO’s overall aspiration to secure a strong foothold in the Caucasus is well known. One could see it with the naked eye.”',
  'He also hinted that the US-led military bloc’s diplomatic offensive was “unlikely to bring any stability” to the region. Nevertheless, he emphasized that the three Caucasian countries visited by Stoltenberg have a sovereign right to maintain contacts with NATO.',
  '“Of course, we are watching closely, but we intend to focus mainly on our bilateral relations… as far as regional countries are concerned,” the spokesman added.',
  'During his trip, Stoltenberg praised Azerbaijan and Armenia for their contributions to NATO operations. The bloc’s head also called on Baku and Yerevan to move towards normalizing relations marred by decades of tension over Nagorno-Karabakh.',
  'The self-proclaimed republic broke away from Baku in the last days of the Soviet Union, but was officially dissolved last fall after a large-scale Azerbaijani operation in the region. This development triggered an exodus of ethnic Armenians from the region, who were the majority there.',
  'Neither Azerbaijan nor Armenia is seeking to join NATO, and Armenia is a member of the Collective Security Treaty Organization (CSTO), which includes five other post-Soviet states, including Russia. However, Yerevan recently suspended its participation in the CSTO, citing tensions with Azerbaijan.',
  'During his trip to Tbilisi, Stoltenberg described Georgia as “one of NATO’s closest partners,” and added that the bloc was still committed to the 2008 Bucharest summit decision that the country would eventually become a member. He also called on all regional post-Soviet republics to step up their support for Ukraine, while condemning what he called Moscow. “imperial ambition”.',
  'In December, Russian Deputy Foreign Minister Mikhail Galuzin warned that the US was seeking to open up “second front” against Moscow in the Caucasus, saying that any Western interference in local affairs could ultimately plunge the region into chaos.',
];
const BOTH = ['caucasus', 'nato'];

const CSTO_ITEM = {
  title: 'Yerevan skips another CSTO meeting',
  link: 'https://www.rt.com/russia/593960-armenia-csto-meeting/',
  date: '2024-03-14T15:20:00Z',
  summary: 'Armenia did not send a delegation to the talks of the Russia-led security bloc, the organization’s secretariat said.',
  body: [
    'Armenia did not send a delegation to the talks of the Russia-led security bloc, the organization’s secretariat said.',
    'Prime Minister Nikol Pashinyan has said his country’s participation in the bloc is effectively frozen.',
  ],
  author: 'RT',
  categories: ['Russia & FSU'],
  topics: ['caucasus'],
};

const rt = {
  id: 'rt', title: 'RT - Daily news', file: 'rt-news.xml', format: 'rss2',
  site: 'https://www.rt.com', feedUrl: 'https://www.rt.com/rss/news/', lang: 'en',
  description: 'RT delivers the latest news, headlines and analysis.',
  items: [
    {
      title: SEED_TITLE, link: SEED_URL, date: SEED_DATE, summary: SEED_SUBTITLE, body: SEED_BODY,
      author: 'RT', categories: ['Russia & FSU', 'News'], topics: BOTH,
    },
    {
      title: 'Sweden’s flag raised at NATO headquarters',
      link: 'https://www.rt.com/news/593756-sweden-flag-nato-hq/', date: '2024-03-11T13:05:00Z',
      summary: 'The Nordic country formally became the US-led bloc’s 32nd member last week, abandoning two centuries of military non-alignment.',
      body: [
        'The Nordic country formally became the US-led bloc’s 32nd member last week, abandoning two centuries of military non-alignment.',
        'Prime Minister Ulf Kristersson attended the ceremony in Brussels.',
      ],
      author: 'RT', categories: ['World News'], topics: ['nato'],
    },
    { ...CSTO_ITEM },
    {
      title: 'Putin wins presidential election with record turnout',
      link: 'https://www.rt.com/russia/594065-putin-election-results/', date: '2024-03-18T06:30:00Z',
      summary: 'Vladimir Putin has secured a fifth term with 87% of the vote, according to preliminary results from the Central Election Commission.',
      body: [
        'Vladimir Putin has secured a fifth term with 87% of the vote, according to preliminary results from the Central Election Commission.',
        'Turnout stood at about 77%, the highest in two decades.',
      ],
      author: 'RT', categories: ['Russia & FSU'], topics: [],
    },
    {
      title: 'NATO troops in Ukraine would be ‘legitimate targets’ – Moscow',
      link: 'https://www.rt.com/russia/593881-nato-troops-ukraine-targets/', date: '2024-03-13T09:45:00Z',
      summary: 'Russian officials have responded to French President Emmanuel Macron’s suggestion that Western soldiers could be sent to the conflict zone.',
      body: ['Russian officials have responded to French President Emmanuel Macron’s suggestion that Western soldiers could be sent to the conflict zone.'],
      author: 'RT', categories: ['Russia & FSU'], topics: ['nato', 'ukraine'],
    },
    {
      title: 'Russian LNG exports rise despite sanctions – data',
      link: 'https://www.rt.com/business/594213-russia-lng-exports-march/', date: '2024-03-21T11:10:00Z',
      summary: 'Shipments of liquefied natural gas climbed year on year in the first half of March, according to ship-tracking data.',
      body: ['Shipments of liquefied natural gas climbed year on year in the first half of March, according to ship-tracking data.'],
      author: 'RT', categories: ['Business'], topics: ['energy'],
    },
    {
      title: 'Baku outlines COP29 agenda',
      link: 'https://www.rt.com/news/594001-baku-cop29-agenda/', date: '2024-03-15T08:00:00Z',
      summary: 'Azerbaijan’s climate summit presidency said the November conference would focus on finance for developing nations.',
      body: ['Azerbaijan’s climate summit presidency said the November conference would focus on finance for developing nations.'],
      author: 'RT', categories: ['World News'], topics: ['caucasus'],
    },
    {
      title: 'KHL: CSKA advance to conference semifinal',
      link: 'https://www.rt.com/sport/594270-khl-cska-semifinal/', date: '2024-03-22T20:40:00Z',
      summary: 'The Moscow club completed a 4-1 series win with an overtime goal on Friday.',
      body: ['The Moscow club completed a 4-1 series win with an overtime goal on Friday.'],
      author: 'RT Sport', categories: ['Sport'], topics: [],
    },
    {
      title: 'Spring floods expected along the Volga, ministry warns',
      link: 'https://www.rt.com/russia/594335-volga-spring-floods/', date: '2024-03-24T07:15:00Z',
      summary: 'Emergency officials said snowmelt could push river levels above danger marks in several regions next month.',
      body: ['Emergency officials said snowmelt could push river levels above danger marks in several regions next month.'],
      author: 'RT', categories: ['Russia & FSU'], topics: [],
    },
  ],
};

// RSS 1.0: no guid element, the item's rdf:about (= its link) is its identity.
const rtRussia = {
  id: 'rt-russia', title: 'RT - Russia & Former Soviet Union', file: 'rt-russia.xml', format: 'rdf',
  site: 'https://www.rt.com/russia/', feedUrl: 'https://www.rt.com/rss/russia/', lang: 'en',
  description: 'News from Russia and the former Soviet Union.',
  items: [
    { title: SEED_TITLE, link: SEED_URL, date: SEED_DATE, summary: SEED_SUBTITLE, author: 'RT', topics: BOTH },
    { ...CSTO_ITEM, body: undefined },
    {
      title: 'Stoltenberg arrives in Tbilisi on South Caucasus tour',
      link: 'https://www.rt.com/russia/594040-stoltenberg-tbilisi-visit/', date: '2024-03-18T09:10:00Z',
      summary: 'The NATO secretary general met Georgian Prime Minister Irakli Kobakhidze, a day after holding talks in Baku.',
      author: 'RT', topics: BOTH,
    },
    {
      title: 'Uzbekistan to buy more Russian gas',
      link: 'https://www.rt.com/business/594005-uzbekistan-russian-gas-supplies/', date: '2024-03-15T12:30:00Z',
      summary: 'Deliveries through the Central Asia–Center pipeline will increase next winter, Uzbek energy officials said.',
      author: 'RT', topics: ['energy'],
    },
    {
      title: 'Moldova tightens customs rules for Transnistria firms',
      link: 'https://www.rt.com/russia/593790-moldova-transnistria-customs/', date: '2024-03-12T10:00:00Z',
      summary: 'Businesses in the breakaway region now have to pay duties to Chisinau, a step Tiraspol calls an economic blockade.',
      author: 'RT', topics: [],
    },
    {
      title: 'Belarus holds snap combat-readiness check',
      link: 'https://www.rt.com/russia/594290-belarus-snap-readiness-check/', date: '2024-03-22T06:50:00Z',
      summary: 'Units of the Western Operational Command were put on high alert and moved to training grounds, Minsk said.',
      author: 'RT', topics: [],
    },
    {
      title: 'Lake Baikal ice reaches record thickness',
      link: 'https://www.rt.com/russia/593700-baikal-ice-record/', date: '2024-03-10T05:30:00Z',
      summary: 'Scientists in Irkutsk measured ice more than a metre thick in the lake’s southern basin.',
      author: 'RT', topics: [],
    },
  ],
};

const digest = {
  id: 'digest', title: 'Morning Wire Digest', file: 'morning-wire.json', format: 'json',
  site: 'https://morningwire.example/', feedUrl: 'https://morningwire.example/feed.json', lang: 'en',
  description: 'The stories worth reading this morning, from around the web.',
  items: [
    {
      guid: 'mw-20240319-07',
      title: SEED_TITLE,
      link: `${SEED_URL}?utm_source=digest&utm_medium=rss&utm_campaign=caucasus`,
      date: '2024-03-19T11:02:00Z',
      summary: 'Kremlin spokesman Dmitry Peskov says the bloc’s overtures to Armenia, Azerbaijan and Georgia will do the region no good.',
      author: 'RT', categories: ['World'], topics: BOTH,
    },
    {
      guid: 'mw-20240314-03',
      title: 'NATO’s Steadfast Defender drills shift to the Baltic',
      link: 'https://morningwire.example/2024/03/14/steadfast-defender-baltic', date: '2024-03-14T06:00:00Z',
      summary: 'The alliance’s largest exercise since the Cold War enters a new phase, with German and Polish troops moving to Lithuania.',
      categories: ['World', 'Defence'], topics: ['nato'],
    },
    {
      guid: 'mw-20240314-05',
      title: 'Bitcoin hits record above $73,000',
      link: 'https://morningwire.example/2024/03/14/bitcoin-record', date: '2024-03-14T06:05:00Z',
      summary: 'The largest cryptocurrency has gained more than 70% this year as money keeps flowing into US spot exchange-traded funds.',
      categories: ['Markets'], topics: [],
    },
    {
      guid: 'mw-20240319-02',
      title: 'Bank of Japan ends negative interest rates',
      link: 'https://morningwire.example/2024/03/19/boj-ends-negative-rates', date: '2024-03-19T06:00:00Z',
      summary: 'The central bank raised its short-term rate for the first time in 17 years, ending the world’s last negative-rate policy.',
      body: [
        'The central bank raised its short-term rate for the first time in 17 years, ending the world’s last negative-rate policy.',
        'The yen weakened after the decision.',
      ],
      categories: ['Markets'], topics: [],
    },
    {
      guid: 'mw-20240321-04',
      title: 'Armenia, Azerbaijan set date for next border delimitation round',
      link: 'https://morningwire.example/2024/03/21/armenia-azerbaijan-border-talks', date: '2024-03-21T06:10:00Z',
      summary: 'Deputy prime ministers of the two countries will lead the talks, which aim to mark the first sections of their shared frontier.',
      categories: ['World'], topics: ['caucasus'],
    },
    {
      guid: 'mw-20240313-06',
      title: 'European Parliament approves the EU’s AI Act',
      link: 'https://morningwire.example/2024/03/13/eu-ai-act-vote', date: '2024-03-13T13:30:00Z',
      summary: 'Lawmakers backed the world’s first comprehensive rules for artificial intelligence by 523 votes to 46.',
      categories: ['Tech'], topics: [],
    },
    {
      guid: 'mw-20240316-01',
      title: 'Ukrainian drones hit Russian oil refineries',
      link: 'https://morningwire.example/2024/03/16/drones-hit-refineries', date: '2024-03-16T07:00:00Z',
      summary: 'Facilities in several regions were struck overnight, knocking out part of Russia’s fuel-processing capacity.',
      categories: ['World'], topics: ['ukraine', 'energy'],
    },
    {
      guid: 'mw-20240325-02',
      title: 'Heavy rain warning for southern England',
      link: 'https://morningwire.example/2024/03/25/rain-warning-england', date: '2024-03-25T05:45:00Z',
      summary: 'The Met Office issued a yellow warning as up to 40 mm of rain is expected on already saturated ground.',
      categories: ['Weather'], topics: [],
    },
  ],
};

// Atom with xml:base on the feed and on some entries: every href is relative.
const ANALYSIS_BASE = 'https://www.eurasiamonitor.example/analysis/';
const eurasia = {
  id: 'eurasia-monitor', title: 'Eurasia Monitor', file: 'eurasia-monitor.xml', format: 'atom',
  base: 'https://www.eurasiamonitor.example/', siteHref: './', selfHref: 'feeds/analysis.atom', lang: 'en',
  atomId: 'tag:eurasiamonitor.example,2024:feeds/analysis',
  description: 'Analysis and republished reporting on Russia, the Caucasus and Central Asia.',
  items: [
    {
      guid: 'tag:eurasiamonitor.example,2024-03-19:/analysis/nato-caucasus-kremlin',
      base: ANALYSIS_BASE, href: '2024/03/nato-caucasus-kremlin.html',
      title: SEED_TITLE, date: '2024-03-19T14:05:00Z', summary: SEED_SUBTITLE, body: SEED_BODY,
      author: 'RT', categories: ['Republished'], topics: BOTH,
    },
    {
      guid: 'tag:eurasiamonitor.example,2024-03-13:/analysis/armenia-azerbaijan-treaty-explainer',
      base: ANALYSIS_BASE, href: '2024/03/armenia-azerbaijan-treaty-explainer.html',
      title: 'Explainer: what an Armenia–Azerbaijan peace treaty still lacks', date: '2024-03-13T10:00:00Z',
      summary: 'Border delimitation, transit routes and constitutional claims are still on the table, months after the Karabakh offensive.',
      author: 'Lena Hartmann', categories: ['Explainer'], topics: ['caucasus'],
    },
    {
      guid: 'tag:eurasiamonitor.example,2024-03-11:/analysis/georgia-eu-path',
      href: 'analysis/2024/03/georgia-eu-path.html',
      title: 'Georgia’s EU path after candidate status', date: '2024-03-11T09:00:00Z',
      summary: 'Tbilisi won candidate status in December; the hard part, judicial reform and depolarisation, starts now.',
      author: 'Lena Hartmann', categories: ['Analysis'], topics: ['caucasus'],
    },
    {
      guid: 'tag:eurasiamonitor.example,2024-03-12:/analysis/sweden-nato-baltic',
      href: 'analysis/2024/03/sweden-nato-baltic.html',
      title: 'Sweden in NATO: what changes in the Baltic', date: '2024-03-12T09:00:00Z',
      summary: 'With Gotland and Swedish air power inside the alliance, planners speak of the Baltic Sea as a ‘NATO lake’.',
      author: 'Piotr Nowak', categories: ['Analysis'], topics: ['nato'],
    },
    {
      guid: 'tag:eurasiamonitor.example,2024-03-17:/analysis/baku-gas-diplomacy',
      base: 'https://www.eurasiamonitor.example/energy/', href: '../analysis/2024/03/baku-gas-diplomacy.html',
      title: 'Baku’s gas diplomacy and the Southern Gas Corridor', date: '2024-03-17T09:00:00Z',
      summary: 'Azerbaijan promised to double gas deliveries to Europe by 2027. Can the pipelines and the fields keep up?',
      author: 'Lena Hartmann', categories: ['Analysis'], topics: ['caucasus', 'energy'],
    },
    {
      guid: 'tag:eurasiamonitor.example,2024-03-22:/analysis/central-asia-water',
      href: 'analysis/2024/03/central-asia-water.html',
      title: 'Central Asia’s water crisis deepens', date: '2024-03-22T09:00:00Z',
      summary: 'Shrinking glaciers and a new Afghan canal put pressure on the Amu Darya, on which millions of farmers depend.',
      author: 'Piotr Nowak', categories: ['Analysis'], topics: [],
    },
    {
      guid: 'tag:eurasiamonitor.example,2024-03-16:/briefs/stoltenberg-south-caucasus-tour',
      href: 'https://www.eurasiamonitor.example/briefs/2024/03/stoltenberg-south-caucasus-tour.html',
      title: 'Stoltenberg heads to Baku, Tbilisi and Yerevan', date: '2024-03-16T16:30:00Z',
      summary: 'The NATO secretary general’s tour comes as Armenia seeks to reduce its reliance on Moscow.',
      author: 'Piotr Nowak', categories: ['Brief'], topics: BOTH,
    },
  ],
};

// windows-1251; guids are opaque (isPermaLink="false").
const novosti = {
  id: 'novosti', title: 'Новости мира', file: 'novosti-mira-cp1251.xml', format: 'rss2', encoding: 'windows-1251',
  offsetMinutes: 180, site: 'https://novosti-mira.example/', feedUrl: 'https://novosti-mira.example/rss.xml', lang: 'ru',
  description: 'Главные новости дня: политика, экономика, происшествия, спорт',
  items: [
    {
      guid: 'novosti-20240317-1042', link: 'https://novosti-mira.example/world/2024/03/17/stoltenberg-kavkaz.html',
      title: 'Столтенберг начал турне по Южному Кавказу', date: '2024-03-17T09:40:00Z',
      summary: 'Генеральный секретарь НАТО Йенс Столтенберг прибыл в Баку. В ближайшие дни он посетит Тбилиси и Ереван.',
      categories: ['В мире'], topics: BOTH,
    },
    {
      guid: 'novosti-20240320-0915', link: 'https://novosti-mira.example/world/2024/03/20/armenia-azerbaijan-granica.html',
      title: 'Армения и Азербайджан продолжат делимитацию границы', date: '2024-03-20T06:15:00Z',
      summary: 'Комиссии по делимитации государственной границы двух стран проведут новую встречу в ближайшие недели, сообщили в Ереване.',
      categories: ['В мире'], topics: ['caucasus'],
    },
    {
      guid: 'novosti-20240323-1730', link: 'https://novosti-mira.example/world/2024/03/23/tbilisi-akciya.html',
      title: 'В Тбилиси прошла акция в поддержку евроинтеграции', date: '2024-03-23T14:30:00Z',
      summary: 'Несколько тысяч человек вышли на проспект Руставели, чтобы поддержать курс Грузии на вступление в Евросоюз.',
      categories: ['В мире'], topics: ['caucasus'],
    },
    {
      guid: 'novosti-20240324-0810', link: 'https://novosti-mira.example/russia/2024/03/24/dagestan-livni.html',
      title: 'Северный Кавказ: в Дагестане из-за ливней подтоплены дома', date: '2024-03-24T05:10:00Z',
      summary: 'В Махачкале и соседних районах введён режим ЧС после сильных дождей, сообщили в МЧС.',
      categories: ['Россия'], topics: ['caucasus'],
    },
    {
      guid: 'novosti-20240315-1200', link: 'https://novosti-mira.example/world/2024/03/15/nordic-response.html',
      title: 'НАТО завершило учения Nordic Response на севере Европы', date: '2024-03-15T09:00:00Z',
      summary: 'В манёврах в Норвегии, Финляндии и Швеции участвовали более 20 тысяч военнослужащих из 13 стран альянса.',
      categories: ['В мире'], topics: ['nato'],
    },
    {
      guid: 'novosti-20240311-0700', link: 'https://novosti-mira.example/moscow/2024/03/11/poteplenie.html',
      title: 'Синоптики обещают потепление в Москве', date: '2024-03-11T04:00:00Z',
      summary: 'В выходные температура в столице поднимется до +10 °C, сообщает Гидрометцентр.',
      categories: ['Погода'], topics: [],
    },
    {
      // "сенатор" contains "нато": a whole-word match must not see it.
      guid: 'novosti-20240313-1510', link: 'https://novosti-mira.example/russia/2024/03/13/kanikuly.html',
      title: 'Сенатор предложил перенести весенние каникулы', date: '2024-03-13T12:10:00Z',
      summary: 'Член Совета Федерации считает, что школьникам нужна неделя отдыха в конце марта, а не в апреле.',
      categories: ['Общество'], topics: [],
    },
    {
      guid: 'novosti-20240319-1120', link: 'https://novosti-mira.example/economy/2024/03/19/neft.html',
      title: 'Цены на нефть выросли после решения ОПЕК+', date: '2024-03-19T08:20:00Z',
      summary: 'Стоимость фьючерсов на нефть марки Brent превысила $86 за баррель.',
      categories: ['Экономика'], topics: ['energy'],
    },
    {
      guid: 'novosti-20240321-0630', link: 'https://novosti-mira.example/world/2024/03/21/kiev-trevoga.html',
      title: 'Украина: в Киеве объявлена воздушная тревога', date: '2024-03-21T03:30:00Z',
      summary: 'Сигнал тревоги прозвучал утром во всех районах столицы, сообщили городские власти.',
      categories: ['В мире'], topics: ['ukraine'],
    },
  ],
};

// windows-1252: €, ‘ ’ “ ” and – are the bytes 0x80, 0x91–0x94 and 0x96.
const energyBrief = {
  id: 'energy-brief', title: 'Euro Energy Brief', file: 'euro-energy-brief-cp1252.xml', format: 'rss2',
  encoding: 'windows-1252', offsetMinutes: 60,
  site: 'https://euroenergybrief.example/', feedUrl: 'https://euroenergybrief.example/feed.rss', lang: 'en',
  description: 'Markets, policy and infrastructure – Europe’s power and gas news',
  items: [
    {
      link: 'https://euroenergybrief.example/2024/03/18/baku-reliable-partner-gas',
      title: 'Baku’s “reliable partner” pitch pays off with €9bn of EU gas sales', date: '2024-03-18T07:30:00Z',
      summary: 'Azerbaijan shipped almost 12 bcm of gas to Europe through the Southern Gas Corridor in 2023, and Brussels wants more.',
      author: 'editors@euroenergybrief.example (Marta Kowalczyk)', categories: ['Gas', 'Supply'], topics: ['caucasus', 'energy'],
    },
    {
      link: 'https://euroenergybrief.example/2024/03/12/ttf-below-25',
      title: 'Gas slips below €25/MWh as storage stays high', date: '2024-03-12T16:00:00Z',
      summary: 'Dutch TTF front-month contracts fell on Monday, with EU storage sites still more than 58% full at the end of winter.',
      categories: ['Gas', 'Markets'], topics: ['energy'],
    },
    {
      // "Senato" and "Donato" contain "nato"; no whole word here is NATO.
      link: 'https://euroenergybrief.example/2024/03/14/italy-senato-bollette',
      title: 'Italy’s Senato backs €2bn ‘bollette’ relief', date: '2024-03-14T18:15:00Z',
      summary: '“Il Senato ha approvato il decreto bollette,” said rapporteur Donato Ferri; the decree caps electricity charges for vulnerable households until June.',
      categories: ['Policy'], topics: ['energy'],
    },
    {
      link: 'https://euroenergybrief.example/2024/03/21/black-sea-cable',
      title: 'Südkaukasus: Brussels weighs €2.3bn Black Sea power cable', date: '2024-03-21T09:00:00Z',
      summary: 'The undersea electricity link would carry renewable power from the region across the Black Sea to Romania and on to EU grids.',
      categories: ['Grids'], topics: ['caucasus', 'energy'],
    },
    {
      link: 'https://euroenergybrief.example/2024/03/15/north-sea-wind-auction',
      title: 'North Sea offshore wind auction draws record bids', date: '2024-03-15T11:45:00Z',
      summary: 'Developers offered to build 7 GW of capacity, a sign that renewable energy costs are stabilising after two difficult years.',
      categories: ['Renewables'], topics: ['energy'],
    },
    {
      link: 'https://euroenergybrief.example/2024/03/19/eurozone-inflation-february',
      title: 'Eurozone inflation confirmed at 2.6% in February', date: '2024-03-19T10:30:00Z',
      summary: 'Core inflation eased to 3.1%, Eurostat said, keeping a June rate cut by the ECB on the table.',
      categories: ['Macro'], topics: [],
    },
    {
      link: 'https://euroenergybrief.example/2024/03/22/nato-fuel-pipeline',
      title: 'NATO’s Central Europe fuel pipeline system to be modernised', date: '2024-03-22T08:20:00Z',
      summary: 'Allies agreed to fund upgrades to the network that supplies jet fuel to air bases in five member states; work starts in 2025.',
      categories: ['Oil', 'Infrastructure'], topics: ['nato', 'energy'],
    },
  ],
};

// A US regional paper: the US state of Georgia, "Caucasian" as ethnicity, "senator".
const ledger = {
  id: 'coastal-ledger', title: 'The Coastal Ledger', file: 'coastal-ledger.xml', format: 'atom',
  base: 'https://www.coastalledger.example/news/', siteHref: '/', selfHref: '/feeds/news.atom', lang: 'en-US',
  atomId: 'tag:coastalledger.example,2024:feeds/news', offsetMinutes: -240,
  description: 'News from Savannah and coastal Georgia',
  items: [
    {
      guid: 'tag:coastalledger.example,2024:news/48211', href: 'politics/2024/03/14/georgia-senate-tax-cut',
      title: 'Georgia Senate approves income tax cut; state senator calls it ‘overdue’', date: '2024-03-14T21:00:00Z',
      summary: 'The bill, which now heads to Gov. Brian Kemp, passed the chamber in Atlanta on a largely party-line vote.',
      author: 'Dana Whitfield', categories: ['Politics', 'Georgia'], topics: [],
    },
    {
      guid: 'tag:coastalledger.example,2024:news/48390', href: 'sports/2024/03/19/bulldogs-spring-practice',
      title: 'Georgia Bulldogs open spring practice in Athens', date: '2024-03-19T19:30:00Z',
      summary: 'Kirby Smart’s team returned to the field with several starting spots to settle before the G-Day game.',
      author: 'Marcus Bell', categories: ['Sports'], topics: [],
    },
    {
      guid: 'tag:coastalledger.example,2024:news/48402', href: 'health/2024/03/20/heart-risk-study',
      title: 'Study: heart-risk calculator underestimates risk for non-Caucasian patients', date: '2024-03-20T14:00:00Z',
      summary: 'An older version of the tool was calibrated mostly on data from Caucasian adults, a Savannah cardiologist said.',
      author: 'Priya Raman', categories: ['Health'], topics: [],
    },
    {
      guid: 'tag:coastalledger.example,2024:news/48417', href: 'military/2024/03/20/3id-nato-exercise',
      title: 'Savannah-based soldiers head to NATO exercise in Europe', date: '2024-03-20T22:15:00Z',
      summary: 'About 1,500 troops from Fort Stewart, Georgia, will take part in drills in Poland and the Baltic states this spring.',
      author: 'Dana Whitfield', categories: ['Military'], topics: ['nato'],
    },
    {
      guid: 'tag:coastalledger.example,2024:news/48455', href: 'business/2024/03/21/elba-island-lng',
      title: 'Elba Island LNG terminal loads record number of cargoes', date: '2024-03-21T15:40:00Z',
      summary: 'The export plant near Savannah shipped more liquefied natural gas in February than in any month before, its operator said.',
      author: 'Marcus Bell', categories: ['Business'], topics: ['energy'],
    },
    {
      guid: 'tag:coastalledger.example,2024:news/48530', href: 'weather/2024/03/24/atlanta-cold-snap',
      title: 'Atlanta braces for late-March cold snap', date: '2024-03-24T12:00:00Z',
      summary: 'Forecasters expect frost across north Georgia on Monday morning, weeks after fruit trees began to bloom.',
      author: 'Priya Raman', categories: ['Weather'], topics: [],
    },
  ],
};

export const SOURCES = [rt, rtRussia, digest, eurasia, novosti, energyBrief, ledger];
