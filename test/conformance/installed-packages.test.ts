import { execFile, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import {
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '@pm-examples/loopback-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What `npm install @pm/...` gives a host: each package from the tarball `npm pack` makes
// (its `files`, nothing else), in an app folder of its own whose node_modules holds only
// those packages and the dependencies they declare. The other suites import sources, and
// built-entries.test.ts loads `dist` in place, where the repository's node_modules answers
// any import: neither would see a file left out of a tarball (the prompt templates, a
// helper thread's script) or a dependency a package uses without declaring it.
const repo = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/installed-app/', import.meta.url));
const app = mkdtempSync(join(tmpdir(), 'pm-installed-'));
const run = promisify(execFile);
let server: OpenAICompatibleServer;

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  bin?: Record<string, string>;
}

/** Packs `packages/<dir>` and unpacks it where npm installs it; returns its manifest. */
function install(dir: string, tarballs: string): Manifest {
  if (!existsSync(join(repo, 'packages', dir, 'dist'))) {
    throw new Error(`packages/${dir}/dist is missing: run \`npm run build\` first`);
  }
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', tarballs], {
      cwd: join(repo, 'packages', dir),
      encoding: 'utf8',
    }),
  ) as { filename: string }[];
  const manifest = JSON.parse(readFileSync(join(repo, 'packages', dir, 'package.json'), 'utf8'));
  const target = join(app, 'node_modules', manifest.name);
  mkdirSync(target, { recursive: true });
  execFileSync('tar', [
    '-xzf',
    join(tarballs, packed!.filename),
    '-C',
    target,
    '--strip-components=1',
  ]);
  return manifest;
}

/** Links a third-party package from the repository's node_modules (npm would fetch it). */
function linkThirdParty(name: string): void {
  const link = join(app, 'node_modules', name);
  if (existsSync(link)) return;
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(join(repo, 'node_modules', name), link, 'dir');
}

beforeAll(async () => {
  const tarballs = join(app, 'tarballs');
  mkdirSync(tarballs);
  const manifests = readdirSync(join(repo, 'packages')).map((dir) => install(dir, tarballs));
  for (const manifest of manifests) {
    const needed = { ...manifest.dependencies, ...manifest.peerDependencies };
    for (const name of Object.keys(needed)) if (!name.startsWith('@pm/')) linkThirdParty(name);
    for (const [bin, target] of Object.entries(manifest.bin ?? {})) {
      mkdirSync(join(app, 'node_modules', '.bin'), { recursive: true });
      symlinkSync(join('..', manifest.name, target), join(app, 'node_modules', '.bin', bin));
    }
  }
  for (const file of readdirSync(fixtures)) copyFileSync(join(fixtures, file), join(app, file));
  server = await startOpenAICompatibleServer(() => ({ kind: 'complete', text: 'ok' }));
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(app, { recursive: true, force: true });
});

describe('the packages as npm installs them', () => {
  it.each(['app.mjs', 'app.cjs'])(
    '%s: an offline call and an OpenAI call, each run verified',
    async (script) => {
      const { stdout } = await run(process.execPath, [script, server.baseURL], { cwd: app });
      const result = JSON.parse(stdout.trim().split('\n').pop()!);
      expect(result.offline.isOffline).toBe(true);
      expect(result.offline.verified).toEqual({
        ok: true,
        records: expect.any(Number),
        problems: 0,
      });
      expect(result.offline.verified.records).toBeGreaterThan(2);
      expect(result.remote.text).toBe('ok');
      expect(result.remote.verified).toEqual({
        ok: true,
        records: expect.any(Number),
        problems: 0,
      });
      expect(result.tokens).toBeGreaterThan(0);
      expect(result.redacted).not.toContain('ana@example.com');
      expect(result.schemaId).toBe('urn:pm-sdk:schema:ledger-record:v1');
    },
    60_000,
  );

  it.each(['verify-worker.js', 'artifact-worker.js'])(
    "@pm/ledger's helper thread %s loads where it is installed",
    async (script) => {
      // Verification looks for its helpers' scripts next to its own code, and checks on its
      // own thread when it finds none: a script left out would only be slower, so look.
      const path = join(app, 'node_modules', '@pm', 'ledger', 'dist', script);
      const worker = new Worker(path, {
        workerData: { secrets: true, artifacts: true, runDir: app },
      });
      try {
        const first = await new Promise((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        });
        expect(first).toBe('ready');
      } finally {
        await worker.terminate();
      }
    },
  );

  it('the pm-ledger bin verifies a run', async () => {
    const { stdout } = await run(process.execPath, ['app.mjs', server.baseURL], { cwd: app });
    const { runDir } = JSON.parse(stdout.trim().split('\n').pop()!).offline;
    const verified = await run(
      join(app, 'node_modules', '.bin', 'pm-ledger'),
      ['verify', runDir, '--json'],
      {
        cwd: app,
      },
    );
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, problems: [] });
  }, 60_000);
});
