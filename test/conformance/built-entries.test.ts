import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// The other suites import source. These look at what hosts install: the built entries. A
// package with several entries (`@pm/llm-client/openai`, `@pm/budget/redis`) must share one
// copy of each class between them, or `instanceof` checks across entries fail (a provider's
// retryable error was not retried when each entry bundled its own ProviderUnavailableError).
const packages = fileURLToPath(new URL('../../packages/', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'pm-built-entries-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function distOf(name: string): string {
  const dist = join(packages, name, 'dist');
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npm run build\` first`);
  return dist;
}

/**
 * The bare specifiers (npm packages) that `entry` of package `name` loads, following its
 * chunks and the built entries of the @pm packages it imports (`@pm/redact/detect-secrets`
 * to `packages/redact/dist/detect-secrets.js`, in the entry's module format).
 */
function specifiersOf(name: string, entry: string): Set<string> {
  const format = entry.endsWith('.cjs') ? '.cjs' : '.js';
  const seen = new Set<string>();
  const specifiers = new Set<string>();
  const visit = (dist: string, file: string) => {
    const path = join(dist, file);
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFileSync(path, 'utf8');
    for (const [, , spec] of text.matchAll(/(?:from |require\(|import\()(['"])([^'"]+)\1/g)) {
      const workspace = /^@pm\/([a-z-]+)(?:\/([a-z-]+))?$/.exec(spec!);
      if (spec!.startsWith('./')) visit(dist, spec!.slice(2));
      else if (workspace !== null)
        visit(distOf(workspace[1]!), `${workspace[2] ?? 'index'}${format}`);
      else specifiers.add(spec!);
    }
  };
  visit(distOf(name), entry);
  return specifiers;
}

describe('built packages', () => {
  it.each(readdirSync(packages))('@pm/%s defines each class once per module format', (name) => {
    const dist = distOf(name);
    for (const format of ['.js', '.cjs']) {
      const definedIn = new Map<string, string[]>();
      for (const file of readdirSync(dist).filter((f) => f.endsWith(format))) {
        const text = readFileSync(join(dist, file), 'utf8');
        for (const [, cls] of text.matchAll(/^var ([\w$]+) = class\b/gm)) {
          definedIn.set(cls!, [...(definedIn.get(cls!) ?? []), file]);
        }
      }
      expect(definedIn.size, `no classes found in ${dist}/*${format}`).toBeGreaterThan(0);
      const twice = [...definedIn].filter(([, files]) => files.length > 1);
      expect(twice, `classes bundled into several ${format} entries`).toEqual([]);
    }
  });

  it.each(['retry-across-entries.mjs', 'retry-across-entries.cjs'])(
    '%s: a failure from the testing entry is retried by the main entry',
    async (script) => {
      distOf('llm-client');
      const { stdout } = await promisify(execFile)(process.execPath, [
        join(fixtures, script),
        join(root, script),
      ]);
      expect(JSON.parse(stdout)).toEqual({ attempts: 2, calls: 2 });
    },
  );

  it.each(['.js', '.cjs'])(
    "@pm/llm-client's core entry (%s) and every chunk it loads never load openai; the openai entry does",
    (format) => {
      // Hosts that never opt in must not need the SDK installed, nor carry its code.
      expect(specifiersOf('llm-client', `index${format}`)).not.toContain('openai');
      expect(specifiersOf('llm-client', `openai${format}`)).toContain('openai');
    },
  );

  it.each(['.js', '.cjs'])(
    "@pm/ledger's artifact helper script (%s) loads no zod, through @pm/redact and @pm/envelope-schemas too; the line helper's does",
    (format) => {
      // zod costs the artifact helper ~100 ms of its start (decision 0045).
      expect(specifiersOf('ledger', `artifact-worker${format}`)).not.toContain('zod');
      expect(specifiersOf('ledger', `verify-worker${format}`)).toContain('zod');
    },
  );

  it('the pm-ledger bin npm links runs the built CLI', async () => {
    distOf('ledger');
    const manifest = JSON.parse(readFileSync(join(packages, 'ledger', 'package.json'), 'utf8'));
    const bin = join(packages, 'ledger', manifest.bin['pm-ledger']);
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--help']);
    expect(stdout).toMatch(/^usage: pm-ledger <command> <runDir>/);
  });
});
