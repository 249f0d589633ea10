import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { workspaceAliases } from './workspace-aliases.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
/**
 * Inside the repository, so a bundle's bare imports (`openai`, `zod`) resolve to its
 * `node_modules` as the sources' do.
 */
const cacheDir = join(root, 'node_modules', '.cache', 'pm-source-bundles');
/** A bundle of an entry that was not rebuilt for this long is one of sources since changed. */
const STALE_AFTER_MS = 60 * 60 * 1000;
const bundles = new Map<string, Promise<string>>();

/**
 * A child process's script, bundled from the repository's sources into one ES module that
 * bare `node` runs: what `node --import tsx <script>` runs, without tsx loading each module
 * through its hooks on every start. On a 2-CPU VM, a child reached its first governed call
 * in ~0.8 s from a bundle against ~1.6 s under tsx, and `pm-ledger verify` of a small run
 * took ~0.3 s against ~0.8 s; the crash tests start dozens of children.
 *
 * Built from the sources as they are now (never a stale `dist`): `@pm/*` resolves as in
 * vitest's config (`workspaceAliases`), `@pm-examples/*` through its workspace link, and
 * every other package stays an import of `node_modules`. Each module keeps its own `import.meta.url`, since modules find
 * files next to them by it (the shipped templates; the ledger's helper-thread scripts, which
 * then run from source through tsx as before). Named by its content, so test files and runs
 * share a bundle until the sources change.
 */
export function bundleFromSources(entry: string): Promise<string> {
  let bundle = bundles.get(entry);
  if (bundle === undefined) {
    bundle = buildBundle(entry);
    bundles.set(entry, bundle);
  }
  return bundle;
}

async function buildBundle(entry: string): Promise<string> {
  const { outputFiles } = await build({
    entryPoints: [entry],
    outfile: 'bundle.mjs',
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [workspaceSources],
  });
  const code = outputFiles[0]!.contents;
  const name = basename(entry, '.ts');
  const digest = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const path = join(cacheDir, `${name}-${digest}.mjs`);
  if (!existsSync(path)) {
    mkdirSync(cacheDir, { recursive: true });
    removeStaleBundles(name);
    // Renamed into place: a test file running beside this one may be starting it.
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, path);
  }
  return path;
}

/** Earlier bundles of entry `name` not built for an hour: of sources since changed. */
function removeStaleBundles(name: string): void {
  const now = Date.now();
  for (const file of readdirSync(cacheDir)) {
    const path = join(cacheDir, file);
    if (file.startsWith(`${name}-`) && now - statSync(path).mtimeMs > STALE_AFTER_MS) {
      rmSync(path, { force: true });
    }
  }
}

const workspaceSources: Plugin = {
  name: 'pm-workspace-sources',
  setup(build) {
    // Bare imports: `@pm/*` to sources, `@pm-examples/*` through their workspace links and
    // `exports` (sources too), every other package left to `node_modules`.
    build.onResolve({ filter: /^[^./]/ }, ({ path }) => {
      const alias = workspaceAliases.find(({ find }) => find.test(path));
      if (alias !== undefined) return { path: path.replace(alias.find, alias.replacement) };
      return path.startsWith('@pm-examples/') ? undefined : { path, external: true };
    });
    // Each module's own URL, not the bundle's.
    build.onLoad({ filter: /\.ts$/ }, ({ path }) => ({
      contents: readFileSync(path, 'utf8').replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(path).href),
      ),
      loader: 'ts',
    }));
  },
};
