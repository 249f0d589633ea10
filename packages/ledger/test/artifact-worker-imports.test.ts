import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));
/** `import … from '…'`, `export … from '…'` and `import '…'`, over several lines too. */
const IMPORT = /^(?:import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?'([^']+)';/gm;

/**
 * Every module a source file loads at run time, followed through the workspace packages as
 * the build resolves them (`@pm/<name>` to its `src/index.ts`, `@pm/<name>/<sub>` to
 * `src/<sub>.ts`): the source files reached and the npm packages imported. Type-only
 * imports load nothing and are left out.
 */
function runtimeImports(entry: string): { files: Set<string>; npm: Set<string> } {
  const files = new Set<string>();
  const npm = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, typeOnly, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (typeOnly !== undefined || spec!.startsWith('node:')) continue;
      const workspace = /^@pm\/([a-z-]+)(?:\/([a-z-]+))?$/.exec(spec!);
      if (spec!.startsWith('.')) visit(join(dirname(file), spec!.replace(/\.js$/, '.ts')));
      else if (workspace !== null) {
        const path = join(PACKAGES, workspace[1]!, 'src', `${workspace[2] ?? 'index'}.ts`);
        expect(existsSync(path), `${spec} imported by ${file}`).toBe(true);
        visit(path);
      } else npm.add(spec!);
    }
  };
  visit(join(PACKAGES, entry));
  return { files, npm };
}

describe('the artifact helper thread', () => {
  it('loads neither zod nor the schemas, so it is ready in tens of ms', () => {
    const { files, npm } = runtimeImports('ledger/src/artifact-worker.ts');
    // It does reach the detectors, through the zod-free subpaths.
    expect(files).toContain(join(PACKAGES, 'redact/src/detect-secrets.ts'));
    expect(files).toContain(join(PACKAGES, 'envelope-schemas/src/core.ts'));
    expect([...npm]).toEqual([]);
    expect(files).not.toContain(join(PACKAGES, 'envelope-schemas/src/index.ts'));
    expect(files).not.toContain(join(PACKAGES, 'redact/src/index.ts'));
    // The line helper validates records against the schemas: the walk sees zod there.
    expect(runtimeImports('ledger/src/verify-worker.ts').npm).toContain('zod');
  });
});
