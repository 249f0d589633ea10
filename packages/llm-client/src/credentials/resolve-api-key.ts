import { readFile } from 'node:fs/promises';
import { parseEnv } from 'node:util';
import { isSecretValue, PmError, SecretValue } from '@pm/envelope-schemas';
import { readOptions } from '../read-options.js';
import { scrubSecrets } from '../secrets/scrub-text.js';
import { shownName } from '../shown-name.js';
import { thrownKind } from '../thrown-kind.js';
import { checkResolveOptions } from './check-resolve-options.js';
import { headerSafeKey } from './header-safe-key.js';
import { MissingCredentialError } from './missing-credential-error.js';

/** Where `resolveApiKey` may look for a key, in this order: secret provider, environment, .env. */
export interface ResolveApiKeyOptions {
  /** The variable name; default `OPENAI_API_KEY`. */
  name?: string;
  /** The environment to read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Read a `.env` file too: `true` for `./.env`, or a path. Development only: a key in a
   * file on disk ends up in backups and copies; prefer the environment or a secret manager.
   */
  dotenv?: boolean | string;
  /**
   * Fetch the key from a secret manager. Called on every resolution (i.e. per request when
   * the provider resolves per request) and never cached here. Answers the key (a string or a
   * `SecretValue`), or `undefined`/`null` when it has none (the environment is read next);
   * any other answer (e.g. the manager's whole response object) is `MISSING_CREDENTIAL`.
   */
  secretProvider?: (
    name: string,
  ) => Promise<SecretValue | string | undefined> | SecretValue | string | undefined;
}

function wrap(name: string, raw: string | undefined, source: string): SecretValue | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = headerSafeKey(raw, `${name} from ${source}`, { name, source });
  return value === undefined ? undefined : new SecretValue(value, source);
}

/**
 * The secret provider's answer as a key, or `undefined` when it has none. A `SecretValue` is
 * a key (it used to count as none, so the environment's key was used instead, silently); an
 * answer that is no key at all, such as the manager's response object, fails closed rather
 * than fall back to another source. Only its kind is named: it may hold the secret.
 */
function fromSecretProvider(name: string, answer: unknown): SecretValue | undefined {
  if (answer === undefined || answer === null) return undefined;
  const raw = isSecretValue(answer) ? answer.reveal() : answer;
  if (typeof raw === 'string') return wrap(name, raw, 'secret-provider');
  throw new PmError(
    'MISSING_CREDENTIAL',
    `The secret provider answered a value of type ${Array.isArray(answer) ? 'array' : typeof answer} for ${name}, not a key; return the key as a string or a SecretValue (e.g. the secret's string value), or undefined when it has none.`,
    { details: { name } },
  );
}

/**
 * Resolves an API key as a `SecretValue` (prints `[REDACTED]`; `reveal()` gives the value at
 * the moment of use). Throws `MissingCredentialError` when no source has it, with the
 * `export` line to run and the offline alternative. Options that are not an object, unknown
 * or of the wrong type (`null` included) are `INVALID_ARGUMENT`.
 */
export async function resolveApiKey(given: ResolveApiKeyOptions = {}): Promise<SecretValue> {
  const options = readOptions(given, (field) => `resolveApiKey({ ${field} })`);
  // A misspelt `name` would resolve OPENAI_API_KEY: a key, but maybe not the one meant.
  checkResolveOptions(options);
  const name = options.name ?? 'OPENAI_API_KEY';
  // What messages, details and sources show: the key itself given as `name` (`name:
  // process.env.OPENAI_API_KEY`) is named by its length only. Lookups use `name` as given.
  const shown = shownName(name);
  const looked: string[] = [];

  if (options.secretProvider) {
    looked.push('secret provider');
    let answer: unknown;
    try {
      answer = await options.secretProvider(name);
    } catch (error) {
      // The provider's own message may quote the secret or a token: report only its type.
      const kind = thrownKind(error);
      throw new PmError(
        'MISSING_CREDENTIAL',
        `The secret provider failed to return ${shown} (${kind}); check the secret manager and its access.`,
        { details: { name: shown } },
      );
    }
    const secret = fromSecretProvider(shown, answer);
    if (secret) return secret;
  }

  looked.push(`environment variable ${shown}`);
  const fromEnv = wrap(shown, (options.env ?? process.env)[name], `env:${shown}`);
  if (fromEnv) return fromEnv;

  if (options.dotenv) {
    const path = options.dotenv === true ? '.env' : options.dotenv;
    // A path is quoted whole (it is long by nature) unless it holds a key.
    const shownPath = scrubSecrets(path) === path ? path : shownName(path);
    looked.push(`${shownPath} (development only)`);
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      // A missing file is a source without the key; any other failure (permissions, a
      // folder) would otherwise be reported as "not set" while the key sits in the file.
      if (code !== 'ENOENT') {
        throw new PmError(
          'MISSING_CREDENTIAL',
          `Could not read ${shownPath} for ${shown} (${typeof code === 'string' ? code : 'read failed'}); check that it is a file this process may read, or set ${shown} in the environment.`,
          { details: { name: shown, path: shownPath } },
        );
      }
      text = undefined;
    }
    const fromFile = text === undefined ? undefined : wrap(shown, parseEnv(text)[name], 'dotenv');
    if (fromFile) return fromFile;
  }

  throw new MissingCredentialError(shown, looked);
}
