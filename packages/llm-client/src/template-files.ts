import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PmError } from '@pm/envelope-schemas';
import { shownName } from './shown-name.js';
import { type PromptTemplate, parsePromptTemplate } from './templates/prompt-template.js';

/**
 * The templates shipped in the package's `templates/` folder. This file sits one level
 * below the package root in source (src/) and in the build (dist/), so the same relative
 * URL finds the folder in tests and in an installed package.
 */
export const BUILTIN_TEMPLATE_DIR = new URL('../templates/', import.meta.url);

/** A set of templates by `id@version`. */
export type TemplateSet = ReadonlyMap<string, PromptTemplate>;

/** The folder's file names; a folder that cannot be read is the host's to fix, so it is named. */
function templateFiles(base: URL): string[] {
  try {
    return readdirSync(base);
  } catch (error) {
    const why = (error as { code?: unknown }).code;
    throw new PmError(
      'INVALID_ARGUMENT',
      `The prompt template folder ${fileURLToPath(base)} cannot be read (${typeof why === 'string' ? why : 'unreadable'}). Pass createLLMClient({ templates }) an existing folder of <id>@<version>.md files, or leave it out for the shipped templates.`,
      { details: { field: 'templates' } },
    );
  }
}

/** Loads every `<id>@<version>.md` in a folder (the built-in one by default). */
export function loadTemplates(dir: URL | string = BUILTIN_TEMPLATE_DIR): TemplateSet {
  const templates = new Map<string, PromptTemplate>();
  const base = typeof dir === 'string' ? pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`) : dir;
  for (const file of templateFiles(base)) {
    if (!file.endsWith('.md')) continue;
    const template = parsePromptTemplate(readFileSync(new URL(file, base), 'utf8'), file);
    templates.set(`${template.id}@${template.version}`, template);
  }
  return templates;
}

/**
 * The templates a client's calls can use: the shipped ones (the agent moves need them) plus
 * the host's folder, whose templates take the place of shipped ones of the same `id@version`.
 */
export function clientTemplates(dir: string | undefined): TemplateSet {
  const builtin = loadTemplates();
  if (dir === undefined) return builtin;
  const own = loadTemplates(dir);
  for (const template of own.values()) checkCallPlaceholders(template);
  return new Map([...builtin, ...own]);
}

/** The placeholders a governed call fills: the user's text, the disclosure level, the context. */
const CALL_PLACEHOLDERS: ReadonlySet<string> = new Set(['goal', 'level', 'context']);

/**
 * A host template for the client may use only the placeholders a call fills; any other could
 * never be given a value, and every call made with the template would fail. Refused when the
 * templates are loaded (`startRun`), naming the file and the placeholders it may use.
 */
function checkCallPlaceholders(template: PromptTemplate): void {
  const unknown = template.placeholders.filter((name) => !CALL_PLACEHOLDERS.has(name));
  if (unknown.length === 0) return;
  throw new PmError(
    'INVALID_ARGUMENT',
    `Prompt template ${template.id}@${template.version} uses ${unknown.map((n) => `{{${n}}}`).join(', ')}, which no call fills: a call fills {{goal}} (its input), {{level}} (its disclosure level) and {{context}}. Use those in the template.`,
    { details: { template: `${template.id}@${template.version}`, placeholders: unknown } },
  );
}

/** Looks up `id@version` (or `id`, meaning its highest version) in a template set. */
export function findTemplate(templates: TemplateSet, ref: string): PromptTemplate {
  const exact = templates.get(ref);
  if (exact) return exact;
  const versions = [...templates.values()]
    .filter((t) => t.id === ref)
    .sort((a, b) => b.version - a.version);
  if (versions[0]) return versions[0];
  throw new PmError(
    'INVALID_ARGUMENT',
    `No prompt template "${shownName(ref)}". Available: ${[...templates.keys()].sort().join(', ')}.`,
    { details: { template: shownName(ref) } },
  );
}
