import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The repository's sample topics and definitions (config.json), plus one with a phrase and a regex. */
export const DEFINE = {
  'nato-names': 'nato OR нато OR otan OR "north atlantic treaty" OR "north atlantic alliance"',
  'south-caucasus':
    'azerbaijan OR azerbaijani OR armenia OR armenian OR armenians OR karabakh OR baku OR yerevan OR tbilisi OR азербайджан* OR армени* OR армян* OR карабах* OR баку OR ереван* OR тбилиси OR თბილისი',
  'georgia-country': 'georgia OR georgian OR georgians OR грузия OR грузии OR грузию OR грузин*',
  'us-georgia': 'atlanta OR savannah OR augusta OR macon OR athens OR bulldogs OR "peach state" OR "fort stewart"',
  'energy-words':
    'energy OR electricity OR gas OR lng OR oil OR crude OR opec OR fuel OR pipeline OR pipelines OR refinery OR refineries OR renewable OR renewables',
};

export const TOPICS = [
  { id: 'caucasus', title: 'Caucasus', query: 'caucasus OR caucase OR caucaso OR kaukasus OR *kaukasus OR кавказ* OR @south-caucasus OR (@georgia-country NOT @us-georgia)' },
  { id: 'nato', title: 'NATO', query: '@nato-names OR stoltenberg OR столтенберг*' },
  { id: 'energy', title: 'Energy', query: ['@energy-words', 'нефть OR нефти OR газ OR газа OR газом OR опек OR энергетик*'] },
  { id: 'ukraine', title: 'Ukraine', query: 'title:ukraine OR title:ukrainian OR title:kyiv OR title:украин* OR title:киев*' },
  { id: 'markets', title: 'Markets', query: 'inflation OR инфляция OR "central bank" OR /\\binterest rates?\\b/i OR "bond yields"' },
];

/**
 * Writes a config.json for `sources` ({id, url}) into `dir`, with its own
 * database and output folder there. All sources share one host (127.0.0.1),
 * so perHost is raised to the overall limit: real sources are spread over
 * many hosts and the default of 2 per host would measure the limiter instead.
 */
export function writeBenchConfig(dir, sources, { schedule = '0 0 1 1 *', port = 0, database = path.join(dir, 'topicwire.db') } = {}) {
  mkdirSync(dir, { recursive: true });
  const config = {
    database,
    schedule,
    server: { host: '127.0.0.1', port, publicUrl: 'http://localhost:8080' },
    output: { dir: path.join(dir, 'public'), items: 50 },
    fetch: { timeoutSeconds: 60, maxBytes: 5_000_000, concurrency: 8, perHost: 8 },
    sources: sources.map((s) => ({ id: s.id, title: s.title ?? s.id, url: s.url })),
    define: DEFINE,
    topics: TOPICS,
  };
  const file = path.join(dir, 'config.json');
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return { file, config };
}
