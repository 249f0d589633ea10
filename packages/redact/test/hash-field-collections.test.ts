import { describe, expect, it } from 'vitest';
import { createRedactor, sampleRows } from '../src/index.js';
import { samplesApproval } from './helpers/samples-approval.js';

// A hash field holding several ids (an object-centric event linked to two orders, a
// merged customer record) or an id object was walked like any value: ids that no
// detector recognises (`C-10442`) came out in clear under hashed-retail@1.
const HASH_KEY = `${'k'.repeat(8)}0123456789abcdef`;

describe('every id under a hash field is hashed', () => {
  const r = createRedactor({ profile: 'hashed-retail', hashKey: HASH_KEY });
  const hashOf = (id: string | number) =>
    (r.redactValue({ customer_id: id }).value as { customer_id: string }).customer_id;

  it('an array of ids is hashed id by id, each as it would be alone', () => {
    const out = r.redactValue({ case_id: ['C-10442', 'C-10443'], order_id: [77120, 77121n] });
    expect(out.value).toEqual({
      case_id: [hashOf('C-10442'), hashOf('C-10443')],
      order_id: [hashOf(77120), hashOf('77121')],
    });
    expect(JSON.stringify(out.value)).not.toMatch(/C-1044|7712/);
    expect(out.counts).toEqual({ identifier: 4 });
    expect(out.findings.map((f) => f.path)).toEqual([
      '$.case_id[0]',
      '$.case_id[1]',
      '$.order_id[0]',
      '$.order_id[1]',
    ]);
  });

  it('an id object, a Set and a Map of ids are hashed at every level, keys kept', () => {
    const out = r.redactValue({
      customer_id: { crm: 'C-10442', legacy: ['L-9'], since: new Date('2020-01-02T00:00:00Z') },
      user_id: new Set(['U-1']),
      account_id: new Map([['main', 'A-7']]),
    });
    const text = JSON.stringify(out.value, (_k, v) =>
      v instanceof Set || v instanceof Map ? [...v] : v,
    );
    expect(text).not.toMatch(/C-10442|L-9|2020-01-02|U-1|A-7/);
    expect(out.value).toEqual({
      customer_id: {
        crm: hashOf('C-10442'),
        legacy: [hashOf('L-9')],
        since: hashOf('2020-01-02T00:00:00.000Z'),
      },
      user_id: new Set([hashOf('U-1')]),
      account_id: new Map([['main', hashOf('A-7')]]),
    });
  });

  it('a secret under a hash field is still masked, and true/null stay', () => {
    const out = r.redactValue({ client_id: { id: 'C-1', secret: 'x', active: true, tag: null } });
    const v = out.value as { client_id: Record<string, unknown> };
    expect(v.client_id.id).toBe(hashOf('C-1'));
    expect(v.client_id.secret).toMatch(/^\[SECRET_\d+\]$/);
    expect(v.client_id.active).toBe(true);
    expect(v.client_id.tag).toBeNull();
  });

  it('level-5 samples hash an id list too', () => {
    const out = sampleRows([{ case_id: ['C-10442'] }], {
      n: 1,
      approval: samplesApproval,
      profile: r,
    });
    expect(out.rows).toEqual([{ case_id: [hashOf('C-10442')] }]);
  });
});
