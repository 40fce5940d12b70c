import { describe, expect, it } from 'vitest';
import { cycleRules, decideFirings, rematchRules, type AlertRule, type StoryFacts } from '../../src/alerts/index.js';

const hook: AlertRule = { id: 'nato-hook', topics: ['nato'], minOutlets: 1, mode: 'send' };
const phone: AlertRule = { id: 'phone', topics: ['caucasus'], minOutlets: 3, mode: 'send' };
const morning: AlertRule = { id: 'morning', topics: ['caucasus', 'nato'], minOutlets: 1, mode: 'digest' };
const story = (facts: Partial<StoryFacts>): StoryFacts => ({ storyId: 1, uid: 'urn:topicwire:story:abc', topics: [], outlets: 1, recorded: [], ...facts });

describe('decideFirings', () => {
  it('fires an alert for a story entering one of its topics, keyed by alert and story', () => {
    expect(decideFirings([hook], [story({ topics: ['nato'] })])).toEqual([
      { alertId: 'nato-hook', storyUid: 'urn:topicwire:story:abc', mode: 'send', key: 'urn:topicwire:alert:nato-hook:story:abc' },
    ]);
    expect(decideFirings([hook], [story({ topics: ['energy'] })])).toEqual([]);
  });

  it('fires once for a story in two of its topics', () => {
    expect(decideFirings([morning], [story({ topics: ['caucasus', 'nato'] })])).toHaveLength(1);
  });

  it('never fires again for a story it already fired for (a later copy)', () => {
    expect(decideFirings([hook, morning], [story({ topics: ['nato'], outlets: 4, recorded: ['nato-hook'] })]).map((f) => f.alertId)).toEqual(['morning']);
  });

  it('with minOutlets waits for the Nth distinct source', () => {
    expect(decideFirings([phone], [story({ topics: ['caucasus'], outlets: 2 })])).toEqual([]);
    expect(decideFirings([phone], [story({ topics: ['caucasus'], outlets: 3 })])).toHaveLength(1);
  });

  it('keeps the mode of the rule: record, send or digest', () => {
    const modes = decideFirings([{ ...hook, mode: 'record' }, morning], [story({ topics: ['nato'] })]).map((f) => f.mode);
    expect(modes).toEqual(['record', 'digest']);
  });
});

describe('cycleRules and rematchRules', () => {
  const alerts = [
    { id: 'a', type: 'webhook', topics: ['nato'], minOutlets: 1, backfill: false },
    { id: 'b', type: 'webhook', topics: ['nato'], minOutlets: 1, backfill: true },
    { id: 'c', type: 'email', topics: ['nato'], minOutlets: 1, backfill: false, digest: '0 7 * * *' },
  ];
  it('an alert in its first cycle records without sending, unless it asks for a backfill', () => {
    expect(cycleRules(alerts, new Set(['a', 'b', 'c'])).map((r) => r.mode)).toEqual(['record', 'send', 'record']);
    expect(cycleRules(alerts, new Set()).map((r) => r.mode)).toEqual(['send', 'send', 'digest']);
  });
  it('a re-match of a topic records only', () => {
    expect(rematchRules(alerts).every((r) => r.mode === 'record')).toBe(true);
  });
});
