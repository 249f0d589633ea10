import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
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

/** This process's file descriptors open on `file`, by number (Linux: /proc/self/fd). */
export function descriptorsOn(file: string): string[] {
  const fds = '/proc/self/fd';
  return readdirSync(fds).filter((fd) => {
    try {
      return readlinkSync(join(fds, fd)) === file;
    } catch {
      return false; // closed meanwhile (readdir's own descriptor)
    }
  });
}
