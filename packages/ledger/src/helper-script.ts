import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The script of a helper thread, `<name>.js` next to this module in the published build
 * (the CJS build finds it too, through its shimmed import.meta.url), or, when this module
 * runs from source (the repository's tests), `<name>.ts` loaded through tsx. Null when this
 * build ships no such script: the caller then does the work on its own thread.
 */
export function helperScript(name: string): { code: URL | string; eval: boolean } | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const source = JSON.stringify(new URL(`./${name}.ts`, here).href);
    const code = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${source}, ${source}))`;
    return { code, eval: true };
  }
  const url = new URL(`./${name}.js`, here);
  return existsSync(fileURLToPath(url)) ? { code: url, eval: false } : null;
}
