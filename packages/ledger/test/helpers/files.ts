import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir`, recursively (absolute paths). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

/** The lines of a run's ledger.jsonl (without the final empty string). */
export function ledgerLines(runDir: string): string[] {
  const text = readFileSync(join(runDir, 'ledger.jsonl'), 'utf8');
  return text.split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');
}
