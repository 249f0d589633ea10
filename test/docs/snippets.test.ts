import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

// Every ```ts snippet in the README, the package and example READMEs and docs/ is
// type-checked against the real packages, so the documents cannot drift from the API.
const root = fileURLToPath(new URL('../../', import.meta.url));
const out = join(root, 'test/docs/.snippets');

function markdownFiles(): string[] {
  const files = ['README.md', 'SECURITY.md', 'PRIVACY.md'];
  for (const dir of ['docs', 'docs/decisions']) {
    for (const f of readdirSync(join(root, dir))) if (f.endsWith('.md')) files.push(`${dir}/${f}`);
  }
  for (const parent of ['packages', 'examples']) {
    for (const dir of readdirSync(join(root, parent))) {
      try {
        readFileSync(join(root, parent, dir, 'README.md'));
        files.push(`${parent}/${dir}/README.md`);
      } catch {
        // no README here
      }
    }
  }
  return files;
}

interface Snippet {
  source: string;
  line: number;
  code: string;
}

function snippets(): Snippet[] {
  const found: Snippet[] = [];
  for (const file of markdownFiles()) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const match of text.matchAll(/^```(ts|typescript)\n([\s\S]*?)^```/gm)) {
      const line = text.slice(0, match.index).split('\n').length;
      found.push({ source: file, line, code: match[2]! });
    }
  }
  return found;
}

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('documentation snippets', () => {
  const all = snippets();

  it('exist (the check is not vacuous)', () => {
    expect(all.length).toBeGreaterThan(5);
  });

  it('type-check against the packages', () => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const files = all.map((snippet, i) => {
      const name = join(
        out,
        `${String(i).padStart(3, '0')}-${snippet.source.replace(/[^a-z0-9]+/gi, '-')}.ts`,
      );
      // `export {}` makes each snippet a module, so top-level await and local names work.
      writeFileSync(name, `${snippet.code}\nexport {};\n`);
      return { name, snippet };
    });
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => {},
      },
    )!;
    const program = ts.createProgram(
      files.map((f) => f.name),
      { ...config.options, noEmit: true, noUnusedLocals: false },
    );
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName.startsWith(out))
      .map((d) => {
        const file = files.find((f) => f.name === d.file!.fileName)!;
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${file.snippet.source}:${file.snippet.line + 1 + line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
      });
    console.log(
      `doc snippets: ${files.length} type-checked from ${new Set(all.map((s) => s.source)).size} documents (${relative(root, out)})`,
    );
    expect(problems).toEqual([]);
  }, 120_000);
});
