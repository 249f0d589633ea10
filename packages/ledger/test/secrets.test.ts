import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REDACTED_TEXT as REDACTED } from '@pm/envelope-schemas';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical-json.js';
import { GENESIS_PREV } from '../src/hash-chain.js';
import { openLedger, verifyLedger } from '../src/index.js';
import { encodeRecord } from '../src/record-line.js';
import { makeCanaries } from './helpers/canaries.js';
import { ledgerLines, listFiles } from './helpers/files.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

/** Asserts no file of the run directory holds any canary's secret part, in any encoding. */
function expectNoCanaryIn(runDir: string, secrets: readonly string[]) {
  const files = listFiles(runDir);
  expect(files.length).toBeGreaterThan(2);
  for (const file of files) {
    const bytes = readFileSync(file);
    const views = [bytes.toString('utf8'), bytes.toString('latin1')];
    for (const secret of secrets) {
      // JSON may escape a secret's characters; check the escaped form as well.
      const escaped = JSON.stringify(secret).slice(1, -1);
      for (const view of views) {
        expect(
          view.includes(secret) || view.includes(escaped),
          `${secret.slice(0, 6)}… in ${file}`,
        ).toBe(false);
      }
    }
  }
}

describe('secrets never land', () => {
  it('scrubs canaries of every kind from records and artifacts; no file of the run holds one', async () => {
    const dir = tempDir();
    const canaries = makeCanaries();
    const secrets = canaries.map((c) => c.secret);
    const all = canaries.map((c) => c.text).join('\n');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const ledger = openLedger({
      dir,
      runId: 'run-1',
      durability: 'strict',
      signer: { privateKey },
    });
    class Wrapper {
      toJSON() {
        return REDACTED;
      }
      value = canaries[0]!.text;
    }
    const config: Record<string, unknown> = {
      provider: 'openai',
      apiKey: new Wrapper(),
      headers: canaries.map((c) => c.text),
      nested: { deeper: [{ note: `see ${canaries[3]!.text} for access` }] },
      [`key ${canaries[3]!.text}`]: 'a secret in a member name',
    };
    for (const c of canaries) config[`plain_${c.kind}`] = c.text;
    ledger.append(r.runStart(config));
    ledger.append(r.error(1, `upstream said: ${all}`));
    const approval = r.approval(1);
    approval.data.decision.reason = `approved, token ${canaries[6]!.text}`;
    ledger.append(approval);

    // Artifacts: text, UTF-8 bytes, and a binary blob with keys embedded in it.
    const textRef = await ledger.putArtifact(`prompt with\n${all}\n`, { mediaType: 'text/plain' });
    await ledger.putArtifact(Buffer.from(JSON.stringify({ all }), 'utf8'), {
      mediaType: 'application/json',
    });
    const blob = Buffer.concat([
      Buffer.from([0xff, 0xfe, 0x00, 0x80]),
      Buffer.from(all, 'latin1'),
      Buffer.from([0xc3]),
    ]);
    await ledger.putArtifact(blob, { mediaType: 'application/octet-stream' });
    ledger.append(r.request('run-1', 1, [textRef]));

    // A secret where the schema allows no brackets: scrubbed, then refused; never echoed.
    const bad = r.request('run-1', 2);
    bad.data.request_id = canaries[3]!.text;
    let message = '';
    try {
      ledger.append(bad);
    } catch (error) {
      message =
        String((error as Error).message) + JSON.stringify((error as { details?: unknown }).details);
    }
    expect(message).toMatch(/request_id/);
    for (const secret of secrets) expect(message).not.toContain(secret);

    await ledger.close();
    const runDir = join(dir, 'run-1');
    expectNoCanaryIn(runDir, secrets);

    const records = ledgerLines(runDir).map((line) => JSON.parse(line));
    const scrubbedKinds = new Set(
      records.flatMap((x) => (x.scrubbed ?? []).map((s: { kind: string }) => s.kind)),
    );
    for (const c of canaries) expect(scrubbedKinds, c.kind).toContain(c.kind);
    expect(records[0].data.config.apiKey).toBe(REDACTED);
    expect(records[0].data.config.plain_github).toBe('[SECRET:github]');
    expect(records[0].scrubbed).toContainEqual({
      path: '$.data.config.plain_openai',
      kind: 'openai',
    });
    expect(records[0].scrubbed).toContainEqual({
      path: '$.data.config["key [SECRET:github]"]',
      kind: 'github',
    });
    expect(records[1].data.message).toContain('Authorization: Bearer [SECRET:bearer]');

    const result = await verifyLedger(runDir, { publicKey });
    expect(result.problems.map((p) => `${p.kind} ${p.message}`)).toEqual([]);
  });

  it('verify reports a secret that got into a record or an artifact, by path, never the value', async () => {
    const dir = tempDir();
    const runDir = join(dir, 'run-1');
    mkdirSync(join(runDir, 'artifacts', 'sha256'), { recursive: true });
    const canary = makeCanaries()[0]!;
    // Written around the ledger (as an attacker or a bug would), with a valid hash chain.
    const { line } = encodeRecord({
      run_id: 'run-1',
      seq: 0,
      ts: '2026-11-22T09:30:00.000Z',
      type: 'run_start',
      stage: null,
      dataJson: canonicalJson(r.runStart({ leaked: canary.text }).data),
      prev: GENESIS_PREV,
    });
    writeFileSync(join(runDir, 'ledger.jsonl'), line);
    const { sha256Hex } = await import('../src/hash-chain.js');
    const content = `leak ${canary.text}`;
    writeFileSync(join(runDir, 'artifacts', 'sha256', sha256Hex(content)), content);
    const result = await verifyLedger(runDir);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.kind)).toEqual(['secret_found', 'secret_found']);
    expect(result.problems[0]!.message).toContain('$.data.config.leaked');
    for (const p of result.problems) expect(p.message).not.toContain(canary.secret);
  });
});

describe('findSecretSpans', () => {
  it('finds keys glued to \\n or %0A escapes (a JSON or URL-encoded text stored as is)', async () => {
    const { findSecretSpans } = await import('../src/secret-spans.js');
    const [openai, , , github] = makeCanaries();
    const json = JSON.stringify({ text: `a\n${github!.text}\n${openai!.text}` });
    const kinds = findSecretSpans(json).map((s) => s.kind);
    expect(kinds).toContain('github');
    expect(kinds).toContain('openai');
    expect(findSecretSpans(`q=1%0A${github!.text}`).map((s) => s.kind)).toEqual(['github']);
  });

  it('does not take its own markers for secrets, so scrubbed text verifies clean', async () => {
    const { findSecretSpans } = await import('../src/secret-spans.js');
    expect(findSecretSpans('postgres://app:[SECRET:connection_string]@db:5432/app')).toEqual([]);
    expect(findSecretSpans('[SECRET:private_key]\n')).toEqual([]);
    expect(findSecretSpans('apiKey: [REDACTED]')).toEqual([]);
  });

  it('finds nothing in an artifact ref, alone or among other strings (verify skips them)', async () => {
    const { findSecretSpans } = await import('../src/secret-spans.js');
    // Hex runs shaped like the hex keys of some providers, and random digests.
    const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        const ref = `artifact://sha256:${a}`;
        expect(findSecretSpans(ref)).toEqual([]);
        expect(findSecretSpans(`${ref}\nartifact://sha256:${b}\nreq-1`)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
    expect(findSecretSpans(`artifact://sha256:${'f'.repeat(64)}`)).toEqual([]);
  });
});
