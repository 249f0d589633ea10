import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../src/index.js';
import { makePatternsPortable } from '../src/json-schemas/portable-patterns.js';

/** Every schema object holding a string `pattern`, with its JSON pointer. */
function patternSchemas(node: unknown, at = '#'): [string, Record<string, unknown>][] {
  if (typeof node !== 'object' || node === null) return [];
  const out: [string, Record<string, unknown>][] = [];
  const schema = node as Record<string, unknown>;
  if (typeof schema.pattern === 'string') out.push([at, schema]);
  for (const [key, value] of Object.entries(schema)) {
    if (key !== 'not') out.push(...patternSchemas(value, `${at}/${key}`));
  }
  return out;
}

describe('published patterns mean the same in every regex engine', () => {
  it.each(Object.entries(jsonSchemas))(
    '%s: ASCII digits only, and no trailing newline',
    (_, doc) => {
      const found = patternSchemas(doc);
      expect(found.length).toBeGreaterThan(0);
      for (const [at, schema] of found) {
        // Python's \d matches any Unicode digit; its $ matches before a final \n.
        expect(schema.pattern, at).not.toMatch(/\\d/);
        expect(schema.not, at).toEqual({ type: 'string', pattern: '\\n' });
      }
    },
  );

  it('refuses a pattern that could match a line break, and \\d inside a class', () => {
    expect(() => makePatternsPortable({ type: 'string', pattern: '^\\s+$' })).toThrow(
      /may match a line break/,
    );
    expect(() => makePatternsPortable({ type: 'string', pattern: '^[^a]$' })).toThrow(
      /may match a line break/,
    );
    expect(() => makePatternsPortable({ type: 'string', pattern: '^[\\d.]$' })).toThrow(
      /inside a class/,
    );
    const schema = { properties: { pattern: { type: 'string', pattern: '^\\d{2}\\.x$' } } };
    makePatternsPortable(schema);
    expect(schema.properties.pattern).toEqual({
      type: 'string',
      pattern: '^[0-9]{2}\\.x$',
      not: { type: 'string', pattern: '\\n' },
    });
  });
});

// Python's `jsonschema` where the machine has it: the fixtures, and what its `re` read otherwise.
const python = spawnSync('python3', ['-c', 'import jsonschema'], { encoding: 'utf8' });
const pythonScript = `
import json, sys, copy, glob, os
from jsonschema import Draft202012Validator
base, schemas = sys.argv[1], sys.argv[2]
out = []
for name in sorted(os.listdir(base)):
    v = Draft202012Validator(json.load(open(os.path.join(schemas, name + '.json'))))
    for kind in ('valid', 'invalid'):
        for f in sorted(glob.glob(os.path.join(base, name, kind, '*.json'))):
            if v.is_valid(json.load(open(f))) != (kind == 'valid'):
                out.append(name + '/' + kind + '/' + os.path.basename(f))
v = Draft202012Validator(json.load(open(os.path.join(schemas, 'ledger-record.v1.json'))))
doc = json.load(open(os.path.join(base, 'ledger-record.v1', 'valid', 'alert.json')))
for field, value in (('run_id', doc['run_id'] + '\\n'), ('hash', doc['hash'] + '\\n'),
                     ('ts', '\\uff12\\uff10\\uff12\\uff16' + doc['ts'][4:])):
    bad = copy.deepcopy(doc); bad[field] = value
    if v.is_valid(bad): out.append('ledger-record ' + field + ' ' + json.dumps(value))
print(json.dumps(out))
`;

describe.skipIf(python.status !== 0)('Python jsonschema (Draft 2020-12) agrees with zod', () => {
  it('on every fixture, a trailing newline and non-ASCII digits', () => {
    const run = spawnSync(
      'python3',
      [
        '-c',
        pythonScript,
        fileURLToPath(new URL('./fixtures/', import.meta.url)),
        fileURLToPath(new URL('../schemas/', import.meta.url)),
      ],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([]);
  });
});
