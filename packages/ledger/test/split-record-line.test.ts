import { describe, expect, it } from 'vitest';
import { encodeRecord, splitRecordLine } from '../src/record-line.js';

const PREV = 'a'.repeat(64);

function line(dataJson: string, scrubbed?: { path: string; kind: string }[]) {
  const { line, hash } = encodeRecord({
    run_id: 'run-1',
    seq: 3,
    ts: '2026-12-06T00:00:00.000Z',
    type: 'alert',
    stage: null,
    dataJson,
    scrubbed,
    prev: PREV,
  });
  return { text: line.slice(0, -1), hash };
}

describe('splitRecordLine finds the top-level hash member', () => {
  it.each([
    ['a short record whose data holds its own "hash" member', '{"a":1,"hash":"x"}'],
    ['a data "hash" member far from the end', `{"a":1,"hash":"x","pad":"${'p'.repeat(2000)}"}`],
    ['data ending in a "hash" string value', '{"note":",\\"hash\\":\\"","z":",\\"hash\\":\\""}'],
  ])('%s', (_, dataJson) => {
    const { text, hash } = line(dataJson);
    expect(splitRecordLine(text)).toEqual({
      hash,
      body: text.replace(`,"hash":"${hash}"`, ''),
    });
  });

  it('a tail longer than the search window (many scrubbed entries)', () => {
    const scrubbed = Array.from({ length: 40 }, (_, i) => ({
      path: `$.data.k${i}`,
      kind: 'openai',
    }));
    const { text, hash } = line('{"a":1,"hash":"x"}', scrubbed);
    expect(text.length - text.lastIndexOf(',"hash":"')).toBeGreaterThan(512);
    expect(splitRecordLine(text)?.hash).toBe(hash);
  });

  it('no hash member: null', () => {
    expect(splitRecordLine('{"data":{},"prev":"x"}')).toBeNull();
  });
});
