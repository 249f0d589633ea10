import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Every published package keeps the manifest shape the foundation issue fixes, so a new
// entry or package cannot ship without types, CJS or provenance.
const root = new URL('../../packages/', import.meta.url);
const packages = readdirSync(root).map((dir) => ({
  dir,
  manifest: JSON.parse(readFileSync(new URL(`${dir}/package.json`, root), 'utf8')),
}));

const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8'));

describe.each(packages)('packages/$dir/package.json', ({ dir, manifest }) => {
  it('is an ESM package named @pm/<dir>, side-effect free, for Node 20+', () => {
    expect(manifest.name).toBe(`@pm/${dir}`);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.type).toBe('module');
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.engines.node).toBe('>=20');
    expect(manifest.publishConfig.provenance).toBe(true);
    expect(manifest.files).toContain('dist');
  });

  it('links its bins to committed files (npm links bins at install, before a checkout builds dist/)', () => {
    for (const [name, target] of Object.entries((manifest.bin ?? {}) as Record<string, string>)) {
      expect(target, `bin ${name}`).not.toMatch(/(^|\/)dist\//);
      expect(() => readFileSync(new URL(`${dir}/${target}`, root)), `bin ${name}`).not.toThrow();
      expect(manifest.files, `bin ${name} is published`).toContain(target.split('/')[1]);
      // `npm ci` links bins as the lock records them, not as package.json says.
      const locked = lock.packages[`packages/${dir}`]?.bin?.[name];
      expect(locked, `package-lock.json's bin ${name} (npm install --package-lock-only)`).toBe(
        target.replace(/^\.\//, ''),
      );
    }
  });

  it('gives every code entry types, import and require', () => {
    const entries = Object.entries(manifest.exports as Record<string, unknown>).filter(
      ([key]) => !key.endsWith('.json'),
    );
    expect(entries.length).toBeGreaterThan(0);
    for (const [key, target] of entries) {
      const t = target as Record<string, Record<string, string>>;
      expect(t.import?.types, `${key} import types`).toMatch(/\.d\.ts$/);
      expect(t.import?.default, `${key} import`).toMatch(/\.js$/);
      expect(t.require?.types, `${key} require types`).toMatch(/\.d\.cts$/);
      expect(t.require?.default, `${key} require`).toMatch(/\.cjs$/);
    }
  });

  it('depends only on packages below it (arrows point down)', () => {
    const order = ['envelope-schemas', 'redact', 'budget', 'ledger', 'llm-client'];
    const allowed: Record<string, string[]> = {
      'envelope-schemas': [],
      redact: ['envelope-schemas'],
      budget: ['envelope-schemas'],
      ledger: ['envelope-schemas', 'redact'],
      'llm-client': ['envelope-schemas', 'redact', 'budget', 'ledger'],
    };
    expect(order).toContain(dir);
    const siblings = Object.keys(manifest.dependencies ?? {})
      .filter((name) => name.startsWith('@pm/'))
      .map((name) => name.slice(4));
    for (const sibling of siblings) expect(allowed[dir]).toContain(sibling);
  });
});
