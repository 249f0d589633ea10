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
      const dist = distOf('llm-client');
      // The modules `entry` loads, by the bare specifiers and relative files they name.
      const specifiersOf = (entry: string): Set<string> => {
        const seen = new Set<string>();
        const specifiers = new Set<string>();
        const visit = (file: string) => {
          if (seen.has(file)) return;
          seen.add(file);
          const text = readFileSync(join(dist, file), 'utf8');
          for (const [, , name] of text.matchAll(/(?:from |require\(|import\()(['"])([^'"]+)\1/g)) {
            if (name!.startsWith('./')) visit(name!.slice(2));
            else specifiers.add(name!);
          }
        };
        visit(entry);
        return specifiers;
      };
      // Hosts that never opt in must not need the SDK installed, nor carry its code.
      expect(specifiersOf(`index${format}`)).not.toContain('openai');
      expect(specifiersOf(`openai${format}`)).toContain('openai');
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
