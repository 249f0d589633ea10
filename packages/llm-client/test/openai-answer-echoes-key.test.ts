import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLLMClient } from '../src/index.js';
import { openaiProvider } from '../src/openai.js';
import { issuedKey } from './helpers/issued-key.js';
import { tempRoot } from './helpers/temp-root.js';
import { localPolicy } from './local-policy.js';
import { chatCompletion, responsesAnswer, useRawServers } from './raw-http-server.js';

const root = tempRoot('pm-openai-answer-echoes-key-');
const serve = useRawServers();
const key = issuedKey(23);

/** Every file the run left under the ledger folder, artifacts included, as one text. */
function everythingStored(runId: string): string {
  const dir = join(root, runId);
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? walk(join(folder, entry.name))
        : [readFileSync(join(folder, entry.name), 'utf8')],
    );
  return walk(dir).join('\n');
}

// A gateway (a debugging proxy, a mock) answering with the request it got, headers included.
const bodies = {
  chat: (said: string) => chatCompletion(said),
  responses: (said: string) => responsesAnswer(said),
};

describe('an answer that echoes the key the OpenAI provider sent', () => {
  for (const api of ['chat', 'responses'] as const) {
    it(`(${api}) is returned and stored with the key as [REDACTED]`, async () => {
      const server = await serve((req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(bodies[api](`you sent: ${req.headers.authorization}; again: ${key}`));
      });
      const client = createLLMClient({
        // Given with a trailing newline, as a key read from a file: sent trimmed.
        provider: openaiProvider({ apiKey: `${key}\n`, baseURL: server.baseURL, api }),
        policy: localPolicy(),
        ledger: { dir: root, durability: 'none' },
      });
      const runId = `echo-${api}`;
      const run = await client.startRun({ runId });
      const result = await run.generateText({ model: 'gpt-5.2', input: 'hi', maxOutputTokens: 64 });
      await run.end();
      expect(result.output).toBe('you sent: Bearer [REDACTED]; again: [REDACTED]');
      expect(everythingStored(runId)).not.toContain(key);
    });
  }
});
