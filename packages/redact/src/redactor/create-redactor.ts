import {
  isQuotableKey,
  isSecretValue,
  PmError,
  parseRedactionProfile,
  type RedactionOperator,
  type RedactionProfileV1,
} from '@pm/envelope-schemas';
import { compileAllowList } from '../allow-list.js';
import { toDetector } from '../detectors/host-detector.js';
import { PII_DETECTORS } from '../detectors/pii-detectors.js';
import { SECRET_DETECTORS } from '../detectors/secrets/secret-detectors.js';
import type { Finding } from '../finding.js';
import { createHasher } from '../operators/hash.js';
import { createMasker } from '../operators/mask.js';
import { BUILTIN_PROFILES, profileRef } from '../profiles/builtin-profiles.js';
import { compileDetectors, runDetectors } from '../scan.js';
import { applyOperators, countByType, type OperatorTable } from './apply-operators.js';
import { checkOptions } from './check-options.js';
import { type ValueWalker, walkValue } from './redact-value.js';
import { normaliseKey } from './sensitive-keys.js';
import type { Redactor, RedactorOptions, RedactTextResult, RedactValueResult } from './types.js';

/** Shortest HMAC key accepted: 128 bits. */
const MIN_KEY_BYTES = 16;

function resolveProfile(options: RedactorOptions): RedactionProfileV1 {
  const p = options.profile ?? 'homebrew';
  if (typeof p === 'string') {
    // Own names only: `toString` or `__proto__` found Object.prototype's member and failed
    // later with a TypeError.
    const builtin = Object.hasOwn(BUILTIN_PROFILES, p)
      ? (BUILTIN_PROFILES as Record<string, RedactionProfileV1>)[p]
      : undefined;
    if (builtin === undefined) {
      // Quoted only when shaped like a name (the rule unknown options follow): a value
      // passed by mistake is given by its length.
      const quotable = isQuotableKey(p);
      throw new PmError(
        'INVALID_ARGUMENT',
        `Unknown redaction profile ${quotable ? `"${p}"` : `of ${p.length} characters`}; use "homebrew", "hashed-retail" or "strict", or pass a RedactionProfileV1 object.`,
        { details: { profile: quotable ? p : null } },
      );
    }
    return builtin;
  }
  return parseRedactionProfile(p);
}

function profileHashes(profile: RedactionProfileV1, hashFields: readonly string[]): boolean {
  if (profile.requires_hash_key || profile.default_operator === 'hash') return true;
  if (hashFields.length > 0) return true;
  return Object.values(profile.operators).includes('hash');
}

/**
 * The key's bytes. Only a string (UTF-8), a Uint8Array (Buffer included) or the SDK's
 * `SecretValue` (revealed here, where the key is used) are keys: anything else (a number,
 * `{ length: 32 }`) once passed the length checks and hashed with an empty key that anyone
 * can compute, so it is refused. The value is never echoed.
 */
function resolveKey(key: unknown, profile: RedactionProfileV1): Uint8Array {
  const raw = isSecretValue(key) ? key.reveal() : key;
  let bytes: Uint8Array | undefined;
  if (typeof raw === 'string') bytes = Buffer.from(raw, 'utf8');
  else if (raw instanceof Uint8Array) bytes = raw;
  else if (raw !== undefined) {
    const got = raw === null ? 'null' : Array.isArray(raw) ? 'array' : typeof raw;
    throw new PmError(
      'INVALID_ARGUMENT',
      `The hash key must be a string, a Uint8Array/Buffer or a SecretValue, got ${got}; pass createRedactor({ hashKey }) at least ${MIN_KEY_BYTES} random bytes from your secret store.`,
      { details: { keyType: got } },
    );
  }
  if (bytes === undefined || bytes.length === 0) {
    throw new PmError(
      'REDACTION_KEY_REQUIRED',
      `Redaction profile "${profileRef(profile)}" hashes values and needs a key: pass createRedactor({ hashKey }) with at least ${MIN_KEY_BYTES} random bytes, kept in your secret store.`,
      { details: { profile: profileRef(profile) } },
    );
  }
  if (bytes.length < MIN_KEY_BYTES) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `The hash key is ${bytes.length} bytes; use at least ${MIN_KEY_BYTES} random bytes (e.g. crypto.randomBytes(32)).`,
      { details: { keyBytes: bytes.length } },
    );
  }
  return Uint8Array.from(bytes);
}

/** Deepest `maxDepth` accepted: the walk recurses, and deeper would overflow the stack. */
const MAX_DEPTH_LIMIT = 1000;

/** `maxDepth` checked: NaN once disabled the depth guard (every comparison false). */
function resolveMaxDepth(maxDepth: unknown): number {
  if (maxDepth === undefined) return 64;
  if (
    typeof maxDepth !== 'number' ||
    !Number.isInteger(maxDepth) ||
    maxDepth < 0 ||
    maxDepth > MAX_DEPTH_LIMIT
  ) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `maxDepth must be an integer from 0 to ${MAX_DEPTH_LIMIT}, got ${typeof maxDepth === 'number' ? String(maxDepth) : typeof maxDepth}; leave it out for the default 64.`,
      { details: { maxDepth: typeof maxDepth === 'number' ? maxDepth : typeof maxDepth } },
    );
  }
  return maxDepth;
}

/**
 * Creates a redactor: compiles the detectors (built-in PII and secrets, then the host's),
 * the allow-list and the profile once. Throws `REDACTION_KEY_REQUIRED` when the profile
 * hashes and no `hashKey` is given, `SCHEMA_INVALID` for an invalid host profile,
 * `INVALID_ARGUMENT` for a `hashKey` that is not a string, Uint8Array or `SecretValue` (or
 * is shorter than 16 bytes), a `maxDepth` that is not an integer from 0 to 1000, and
 * options of the wrong shape (options not an object, `hashFields`/`dropFields` not arrays
 * of strings, a host detector without an id or a lowercase `type` or whose `pattern` is
 * not a RegExp, `allow` lists of the wrong types); each error names the option, never
 * its value.
 *
 * @example
 * const r = createRedactor({ profile: 'homebrew' });
 * r.redactText('mail bob@example.com').text // 'mail [EMAIL_1]'
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  checkOptions(options);
  const base = resolveProfile(options);
  const hashFieldNames = [...base.hash_fields, ...(options.hashFields ?? [])];
  const dropFieldNames = [...base.drop_fields, ...(options.dropFields ?? [])];
  const profileData: RedactionProfileV1 = Object.freeze({
    ...base,
    hash_fields: hashFieldNames,
    drop_fields: dropFieldNames,
  });
  const ref = profileRef(base);
  const maxDepth = resolveMaxDepth(options.maxDepth);
  const hash = profileHashes(base, options.hashFields ?? [])
    ? createHasher(resolveKey(options.hashKey, base))
    : undefined;
  const masker = createMasker();

  const operators = new Map<string, RedactionOperator>(Object.entries(base.operators));
  const operatorFor = (type: string): RedactionOperator =>
    operators.get(type) ?? base.default_operator;
  const table: OperatorTable = {
    operatorFor,
    replace(type, value) {
      const op = operatorFor(type);
      if (op === 'drop') return '';
      if (op === 'hash' && hash !== undefined) return hash(type, value);
      return masker.mask(type, value);
    },
  };

  const detectors = [
    ...PII_DETECTORS,
    ...SECRET_DETECTORS,
    ...(options.detectors ?? []).map(toDetector),
  ];
  const compiled = compileDetectors(detectors, compileAllowList(options.allow));
  const scan = (text: string): Finding[] => runDetectors(compiled, text);

  const walker: ValueWalker = {
    redactString(text, path, findings) {
      const found = scan(text);
      for (const f of found) {
        f.path = path;
        findings.push(f);
      }
      return applyOperators(text, found, table);
    },
    redactFound(text, path, findings) {
      const found = scan(text);
      if (found.length === 0) return null;
      for (const f of found) {
        f.path = path;
        findings.push(f);
      }
      return applyOperators(text, found, table);
    },
    replaceWhole(type, value, path, detector, findings) {
      findings.push({ type, start: 0, end: value.length, detector, path });
      return table.replace(type, value);
    },
    replaceSpan(text, start, end, kind, path, detector, findings) {
      findings.push({ type: 'secret', kind, start, end, detector, path });
      const replaced = table.replace('secret', text.slice(start, end));
      return text.slice(0, start) + replaced + text.slice(end);
    },
    hashFields: new Set(hashFieldNames.map(normaliseKey)),
    dropFields: new Set(dropFieldNames.map(normaliseKey)),
    maxDepth,
  };

  return {
    profile: ref,
    profileData,
    scan,
    redactText(text: string): RedactTextResult {
      const findings = scan(text);
      const counts: Record<string, number> = {};
      countByType(findings, counts);
      return { text: applyOperators(text, findings, table), findings, counts, profile: ref };
    },
    redactValue<T>(value: T): RedactValueResult<T> {
      const findings: Finding[] = [];
      const out = walkValue(walker, value, '$', 0, new Set(), findings) as T;
      const counts: Record<string, number> = {};
      countByType(findings, counts);
      return { value: out, findings, counts, profile: ref };
    },
  };
}
