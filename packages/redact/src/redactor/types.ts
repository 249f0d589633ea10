import type { RedactionProfileV1, SecretValue } from '@pm/envelope-schemas';
import type { AllowList } from '../allow-list.js';
import type { Detector } from '../detector.js';
import type { HostDetectorSpec } from '../detectors/host-detector.js';
import type { Finding } from '../finding.js';
import type { BuiltinProfileName } from '../profiles/builtin-profiles.js';

/** Options of `createRedactor`. All optional: the default is `homebrew@1`, every detector on. */
export interface RedactorOptions {
  /** A shipped profile by name, or a host profile (validated as `RedactionProfileV1`). Default `homebrew`. */
  profile?: BuiltinProfileName | RedactionProfileV1;
  /**
   * HMAC key for the `hash` operator, at least 16 bytes (a string is taken as UTF-8; a
   * `SecretValue` is revealed once, here). Required by `hashed-retail` and any profile
   * that hashes; never stored in results. Any other type is refused (`INVALID_ARGUMENT`).
   */
  hashKey?: string | Uint8Array | SecretValue;
  /** Extra detectors, run after the built-in ones. */
  detectors?: ReadonlyArray<HostDetectorSpec | Detector>;
  /** Values, patterns and types never reported. */
  allow?: AllowList;
  /** Field names whose whole values are hashed, added to the profile's `hash_fields`. */
  hashFields?: readonly string[];
  /** Free-text field names dropped whole, added to the profile's `drop_fields`. */
  dropFields?: readonly string[];
  /**
   * Nesting depth beyond which `redactValue` replaces a value by `[MAX_DEPTH]`: an integer
   * from 0 to 1000. Default 64.
   */
  maxDepth?: number;
}

/** What `redactText` returns. Never contains an original value. */
export interface RedactTextResult {
  /** The text with every finding replaced by its operator's output. */
  text: string;
  /** The findings, as positions in the input text, sorted by start. */
  findings: Finding[];
  /** Number of findings per type, e.g. `{ email: 2, secret: 1 }`. */
  counts: Record<string, number>;
  /** The profile applied, with version, e.g. `homebrew@1`. */
  profile: string;
}

/** What `redactValue` returns. The input is not mutated. */
export interface RedactValueResult<T = unknown> {
  /** A redacted deep copy of the input (dropped fields removed). */
  value: T;
  /** Findings, each with the JSON `path` of the string it is in and positions inside it. */
  findings: Finding[];
  /** Number of findings per type. */
  counts: Record<string, number>;
  /** The profile applied, with version. */
  profile: string;
}

/** A compiled redactor: detectors, profile, allow-list and key bound once. */
export interface Redactor {
  /** The profile applied, with version, e.g. `hashed-retail@1`. */
  readonly profile: string;
  /** The profile data the redactor applies (host field additions included). */
  readonly profileData: RedactionProfileV1;
  /** Findings in `text` (UTF-16 offsets, sorted, non-overlapping); the text is not changed. */
  scan(text: string): Finding[];
  /** Replaces every finding in `text` by the profile's operator for its type. */
  redactText(text: string): RedactTextResult;
  /**
   * Redacts strings (and integers, read as their digits) deep inside objects, arrays, Maps
   * and Sets, and sensitive keys whole.
   */
  redactValue<T>(value: T): RedactValueResult<T>;
}
