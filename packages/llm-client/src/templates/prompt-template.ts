import { createHash } from 'node:crypto';
import { PmError } from '@pm/envelope-schemas';

/** A parsed prompt template file (`<id>@<version>.md`). */
export interface PromptTemplate {
  id: string;
  version: number;
  /** The response schema the template expects, e.g. `next-command@1` or `text@1`. */
  responseSchema: string;
  /** SHA-256 of the file's bytes: recorded in every envelope made from it. */
  sha256: string;
  /** The instructions. Never holds a placeholder: data is not spliced into instructions. */
  system: string;
  /** The user message, with `{{name}}` placeholders for data blocks. */
  user: string;
  /** Placeholder names in the user message, in order of first use. */
  placeholders: readonly string[];
}

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n/;
const PLACEHOLDER = /\{\{([a-z][a-z0-9_]*)\}\}/g;
const HAS_PLACEHOLDER = /\{\{[a-z][a-z0-9_]*\}\}/;

function invalid(source: string, what: string): never {
  throw new PmError('INVALID_ARGUMENT', `Prompt template ${source} is invalid: ${what}.`, {
    details: { template: source },
  });
}

/**
 * Parses a template file: YAML-like front matter (`id`, `version`, `response_schema`), then
 * a `# system` section and a `# user` section. Refuses a template whose instructions hold
 * a placeholder, or whose id/version differ from its file name.
 */
export function parsePromptTemplate(text: string, fileName: string): PromptTemplate {
  const normalised = text.replace(/\r\n/g, '\n');
  const front = FRONT_MATTER.exec(normalised);
  if (!front) invalid(fileName, 'it must start with front matter between --- lines');
  const meta: Record<string, string> = {};
  for (const line of (front[1] ?? '').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) meta[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  const id = meta.id ?? '';
  const version = Number(meta.version);
  const responseSchema = meta.response_schema ?? '';
  if (!/^[a-z][a-z0-9-]*$/.test(id)) invalid(fileName, 'front matter needs a lowercase `id`');
  if (!Number.isInteger(version) || version < 1)
    invalid(fileName, 'front matter needs `version` >= 1');
  if (!/^[a-z][a-z0-9._-]*@[1-9][0-9]*$/.test(responseSchema)) {
    invalid(fileName, 'front matter needs `response_schema` as <name>@<version>');
  }
  if (fileName.replace(/\.md$/, '') !== `${id}@${version}`) {
    invalid(fileName, `its file name must be ${id}@${version}.md`);
  }
  const body = normalised.slice(front[0].length);
  const match = /^\s*# system[ \t]*\n([\s\S]*?)\n# user[ \t]*\n([\s\S]*)$/.exec(body);
  if (!match) invalid(fileName, 'it needs a "# system" section followed by a "# user" section');
  const system = (match[1] ?? '').trim();
  const user = (match[2] ?? '').trim();
  if (HAS_PLACEHOLDER.test(system))
    invalid(fileName, 'the system section must not contain placeholders');
  const placeholders = [...new Set([...user.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
  return {
    id,
    version,
    responseSchema,
    sha256: createHash('sha256').update(text).digest('hex'),
    system,
    user,
    placeholders,
  };
}
