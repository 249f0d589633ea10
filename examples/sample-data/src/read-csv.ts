import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * Streams a simple CSV (header row, no quoted commas) as row objects, one line at a time,
 * so a large log is never held in memory.
 */
export async function* readCsv(path: string | URL): AsyncGenerator<Record<string, string>> {
  let header: string[] | undefined;
  for await (const line of createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (line === '') continue;
    const cells = line.split(',');
    if (!header) {
      header = cells;
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((name, i) => {
      row[name] = cells[i] ?? '';
    });
    yield row;
  }
}
