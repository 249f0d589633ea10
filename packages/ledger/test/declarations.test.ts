import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import build from '../tsup.config.js';

const here = fileURLToPath(new URL('..', import.meta.url));

/** The declarations of the package's own files, emitted with the options its build uses. */
function declarations(): Map<string, string> {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${here}tsconfig.json`,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )!;
  const dts = (build as { dts?: { compilerOptions?: ts.CompilerOptions } }).dts;
  const options: ts.CompilerOptions = {
    ...config.options,
    ...(typeof dts === 'object' ? dts.compilerOptions : {}),
    declaration: true,
    emitDeclarationOnly: true,
    noEmit: false,
  };
  const out = new Map<string, string>();
  const program = ts.createProgram([`${here}src/index.ts`], options);
  program.emit(undefined, (name, text) => {
    out.set(name.slice(name.lastIndexOf('/') + 1), text);
  });
  return out;
}

describe('the published declarations of Ledger', () => {
  it('show none of its writer’s internals: a caller cannot write an unchecked line', () => {
    const text = declarations().get('ledger.d.ts');
    expect(text).toBeDefined();
    expect(text).toMatch(/\bappend\(input: AppendInput/);
    // The writer is a private member: its build()/commit() write a line as given.
    expect(text).toMatch(/\bprivate readonly writer;/);
    expect(text).not.toMatch(/\bextends\b|\bprotected\b|\bbuild\(|\bcommit\(/);
  }, 60_000);
});
