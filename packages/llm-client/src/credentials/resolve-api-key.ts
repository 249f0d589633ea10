import { readFile } from 'node:fs/promises';
import { parseEnv } from 'node:util';
import { PmError, SecretValue } from '@pm/envelope-schemas';
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
   * the provider resolves per request) and never cached here.
   */
  secretProvider?: (name: string) => Promise<string | undefined> | string | undefined;
}

function wrap(name: string, raw: string | undefined, source: string): SecretValue | undefined {
  // A secret manager may answer null or a non-string: no key, as when it answers nothing.
  if (typeof raw !== 'string') return undefined;
  const value = headerSafeKey(raw, `${name} from ${source}`, { name, source });
  return value === undefined ? undefined : new SecretValue(value, source);
}

/**
 * Resolves an API key as a `SecretValue` (prints `[REDACTED]`; `reveal()` gives the value at
 * the moment of use). Throws `MissingCredentialError` when no source has it, with the
 * `export` line to run and the offline alternative.
 */
export async function resolveApiKey(options: ResolveApiKeyOptions = {}): Promise<SecretValue> {
  const name = options.name ?? 'OPENAI_API_KEY';
  const looked: string[] = [];

  if (options.secretProvider) {
    looked.push('secret provider');
    let raw: string | undefined;
    try {
      raw = await options.secretProvider(name);
    } catch (error) {
      // The provider's own message may quote the secret or a token: report only its type.
      const kind = error instanceof Error ? error.name : typeof error;
      throw new PmError(
        'MISSING_CREDENTIAL',
        `The secret provider failed to return ${name} (${kind}); check the secret manager and its access.`,
        { details: { name } },
      );
    }
    const secret = wrap(name, raw, 'secret-provider');
    if (secret) return secret;
  }

  looked.push(`environment variable ${name}`);
  const fromEnv = wrap(name, (options.env ?? process.env)[name], `env:${name}`);
  if (fromEnv) return fromEnv;

  if (options.dotenv) {
    const path = options.dotenv === true ? '.env' : options.dotenv;
    looked.push(`${path} (development only)`);
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      text = undefined;
    }
    const fromFile = text === undefined ? undefined : wrap(name, parseEnv(text)[name], 'dotenv');
    if (fromFile) return fromFile;
  }

  throw new MissingCredentialError(name, looked);
}
