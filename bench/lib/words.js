/**
 * Filler vocabulary for generated stories. It holds none of the words the
 * bench topics look for, so an item is in a topic only when the generator put
 * a topic term in it, and topic sizes are known in advance.
 */
export const FILLER = `
the of and to in a is that for it as was with be by on not he this are or his from at which but have an they
you were her she there been one all we their has would when if so what up out about who them more into some
time could than other new then these two may first any like now my such make over our even most after also made
many before must through back years where much your way well down should because each just those people how too
little state good very year still own see men work long get here between both life being under never day same
another know while last might great old off come since against go came right used take three states himself few
house use during without again place around however home small found thought went say part once general high
upon school every does got united left number course war until always away something fact though water less
public put think almost hand enough far took head yet government system better set told nothing night end why
called didn find look going asked later point knew city next program business give group toward young days let
room side social given present several order national second possible rather per face among form important often
things looked early white case john become large big need four within felt children along saw best church ever
least power development light thus seemed family interest want members mind country area others done turned help
open line policy market rate report council court minister village river harbour committee budget museum festival
province island bridge railway farmers teachers hospital clinic weather storm rainfall harvest football league
season coach stadium concert theatre novel author science research university students museum exhibition port
shipping airline airport tourism hotel restaurant bakery orchard vineyard forest mountain valley coast island
`.split(/\s+/).filter(Boolean);

/**
 * Terms that put an item in one of the sample config's topics, which the bench
 * uses (bench/lib/bench-config.js); no topic there follows markets' terms.
 */
export const TOPIC_TERMS = {
  caucasus: ['Caucasus', 'Armenia', 'Azerbaijan', 'Tbilisi', 'Yerevan', 'Baku', 'Karabakh', 'South Caucasus', 'Georgian'],
  nato: ['NATO', 'the North Atlantic alliance', 'Stoltenberg', 'OTAN'],
  energy: ['oil', 'gas', 'pipeline', 'LNG', 'electricity', 'refinery', 'renewables', 'crude'],
  ukraine: ['Ukraine', 'Kyiv', 'Ukrainian'],
  markets: ['inflation', 'the central bank', 'interest rates', 'bond yields'],
};

export const CYRILLIC = `
новости город район совет школа погода мост улица театр музей выставка праздник урожай поезд вокзал больница
врач студенты учитель библиотека парк река берег лес гора дорога рынок магазин завод рабочие сезон команда матч
`.split(/\s+/).filter(Boolean);

export const CYRILLIC_TOPIC_TERMS = {
  caucasus: ['Кавказ', 'Армения', 'Азербайджан', 'Карабах'],
  nato: ['НАТО'],
  energy: ['нефть', 'газ', 'энергетика'],
  ukraine: ['Украина', 'Киев'],
  markets: ['инфляция'],
};

export const CATEGORIES = ['World', 'Politics', 'Business', 'Local', 'Sport', 'Culture', 'Science', 'Opinion', 'Travel', 'Weather'];
export const AUTHORS = ['Ana Lopez', 'Ben Okafor', 'Chen Wei', 'Dana Kovacs', 'Eli Brandt', 'Farah Haddad', 'Gus Lindqvist', 'Hana Sato'];
