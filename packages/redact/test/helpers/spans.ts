import { detectSecrets } from '../../src/index.js';

/** The spans `detectSecrets` reports in `text`, as text. */
export function spans(text: string): string[] {
  return detectSecrets(text).map((f) => text.slice(f.start, f.end));
}
