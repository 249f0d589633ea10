import { createPrivateKey, type KeyObject, sign, verify } from 'node:crypto';
import { loadPublicKey } from './checkpoint.js';
import { describeValue } from './describe-value.js';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { SignerUnavailableError } from './errors/signer-unavailable-error.js';
import { isThenable } from './thenable.js';

/** What a host's `sign` function is given besides the message. */
export interface LedgerSignOptions {
  /**
   * Aborted when the ledger stops waiting for the signature (the timeout passed, or
   * `checkpoint()` was given a Promise): pass it to the KMS client so the request ends too.
   */
  signal: AbortSignal;
}

/**
 * How long the ledger waits, by default, for an asynchronous `sign` to settle: one small
 * request to a key service, which a KMS answers in well under a second; 10 s leaves room
 * for a client's retries and still fails `close()` inside a 30 s shutdown grace period.
 */
export const DEFAULT_SIGN_TIMEOUT_MS = 10_000;

/** The longest `timeoutMs` accepted (10 minutes: an HSM that waits for a person's touch). */
const MAX_SIGN_TIMEOUT_MS = 600_000;

/**
 * Signs checkpoints. The key is the host's: it is used in memory and never written to the
 * run directory. Either an Ed25519 private key (a `KeyObject` or PEM text), or a `sign`
 * function for keys held elsewhere (an HSM, a KMS), synchronous or asynchronous.
 */
export type LedgerSigner =
  | {
      /** Ed25519 private key: a `KeyObject` or PKCS#8 PEM. */
      privateKey: KeyObject | string;
      /**
       * A name for the key, recorded in the checkpoint (e.g. a fingerprint): 1-128
       * characters, no control characters.
       */
      keyId?: string;
    }
  | {
      /**
       * Returns the 64-byte Ed25519 signature of `message`, or a Promise of it (a KMS
       * client). An asynchronous `sign` needs `await ledger.checkpointAsync()` instead of
       * `checkpoint()`; `close()` and `detach()` wait for either. A throw, a rejection or a
       * Promise not settled within `timeoutMs` fails the checkpoint with `SIGNER_UNAVAILABLE`,
       * any other value with `INVALID_ARGUMENT`; either way nothing is written.
       */
      sign: (
        message: Uint8Array,
        options: LedgerSignOptions,
      ) => Uint8Array | PromiseLike<Uint8Array>;
      /** A name for the key, recorded in the checkpoint. */
      keyId?: string;
      /**
       * How long to wait for an asynchronous `sign`, in ms: a whole number from 1 to
       * 600000. Default {@link DEFAULT_SIGN_TIMEOUT_MS}.
       */
      timeoutMs?: number;
      /**
       * The Ed25519 public key verifiers will use (a `KeyObject`, SPKI PEM text or a path
       * to a PEM file). Given, every signature is verified with it before anything is
       * written, so a KMS signing with another key (a wrong key id, a rotated key) fails the
       * checkpoint at once (`INVALID_ARGUMENT`, `details.signer: "wrong_key"`) rather than
       * leaving checkpoints no verifier accepts.
       */
      publicKey?: KeyObject | string;
    };

/** A signer resolved at open: a wrong key fails there, not at close. */
export interface CompiledSigner {
  /** The host's name for the key, recorded in checkpoints. */
  readonly keyId: string | undefined;
  /**
   * The signature, synchronously. A host `sign` that returns a Promise is refused (the
   * Promise is left to settle unobserved and its signal aborted).
   * @throws InvalidLedgerArgumentError when the host's `sign` fails or gives no signature.
   */
  signNow(message: Uint8Array): Uint8Array;
  /**
   * The signature, or a Promise of it when the host's `sign` is asynchronous (waited for
   * up to its timeout, or until `stop` is aborted: then it rejects with `stop.reason`).
   * Fails as {@link signNow} does, by a throw or a rejection.
   */
  sign(message: Uint8Array, stop?: AbortSignal): Uint8Array | Promise<Uint8Array>;
}

/** Why a host's `sign` gave no signature, as `details.signer` of the error says. */
export type SignerFailure =
  | 'threw'
  | 'rejected'
  | 'timeout'
  | 'not_a_signature'
  | 'wrong_key'
  | 'asynchronous';

/** Resolves a signer once at open, so a wrong key fails there and not at close. */
export function compileSigner(signer: LedgerSigner): CompiledSigner {
  if (typeof signer !== 'object' || signer === null) {
    // The value is not echoed: a string here may well be the private key's PEM.
    throw new InvalidLedgerArgumentError(
      `signer must be an object, { privateKey } (an Ed25519 KeyObject or PKCS#8 PEM) or { sign } (a function), or left out; got ${signer === null ? 'null' : typeof signer}. To sign with a PEM, pass { privateKey: pem }.`,
    );
  }
  if ('sign' in signer && typeof signer.sign === 'function') {
    refuseMisspeltOptions(signer, ['sign', 'keyId', 'timeoutMs', 'publicKey']);
    const publicKey = signer.publicKey === undefined ? undefined : loadPublicKey(signer.publicKey);
    return hostSigner(signer.sign, signer.keyId, signTimeout(signer.timeoutMs), publicKey);
  }
  if (!('privateKey' in signer)) {
    throw new InvalidLedgerArgumentError('signer needs an Ed25519 privateKey or a sign function.');
  }
  refuseMisspeltOptions(signer, ['privateKey', 'keyId']);
  if (typeof signer.privateKey !== 'string' && !isObject(signer.privateKey)) {
    throw new InvalidLedgerArgumentError(
      `signer.privateKey must be an Ed25519 KeyObject or PKCS#8 PEM text; got ${signer.privateKey === null ? 'null' : typeof signer.privateKey}.`,
    );
  }
  let key: KeyObject;
  try {
    key =
      typeof signer.privateKey === 'string'
        ? createPrivateKey(signer.privateKey)
        : signer.privateKey;
  } catch (cause) {
    throw new InvalidLedgerArgumentError(
      'signer.privateKey could not be read: pass an Ed25519 KeyObject or PKCS#8 PEM.',
      { cause: new Error((cause as Error).message.split('\n')[0]) },
    );
  }
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') {
    throw new InvalidLedgerArgumentError(
      `signer.privateKey must be an Ed25519 private key (got ${key.type} ${key.asymmetricKeyType ?? 'key'}). Generate one with crypto.generateKeyPairSync('ed25519').`,
    );
  }
  const signNow = (message: Uint8Array): Uint8Array => sign(null, message, key);
  return { keyId: signer.keyId, signNow, sign: signNow };
}

/** A member name folded for spotting misspellings: `public_key`, `PublicKey` → `publickey`. */
function folded(name: string): string {
  return name.replace(/[-_]/g, '').toLowerCase();
}

/**
 * Refuses a member spelt like one the signer takes but not quite (`publickey`,
 * `public_key`, `timeout_ms`): it would otherwise turn its option off without a word (a
 * misspelt `publicKey`, its check). Other members are left alone: a host may pass its own
 * signing object, with fields of its own, as the signer.
 */
function refuseMisspeltOptions(signer: object, known: readonly string[]): void {
  for (const key of Object.keys(signer)) {
    const meant = known.find((name) => name !== key && folded(name) === folded(key));
    if (meant !== undefined) {
      throw new InvalidLedgerArgumentError(
        `signer.${key} is not a signer option: did you mean ${meant}? This signer takes ${known.join(', ')}.`,
      );
    }
  }
}

/** `timeoutMs` of a `{ sign }` signer, checked at open. */
function signTimeout(timeoutMs: unknown): number {
  if (timeoutMs === undefined) return DEFAULT_SIGN_TIMEOUT_MS;
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isInteger(timeoutMs) ||
    timeoutMs < 1 ||
    timeoutMs > MAX_SIGN_TIMEOUT_MS
  ) {
    throw new InvalidLedgerArgumentError(
      `signer.timeoutMs must be a whole number of milliseconds from 1 to ${MAX_SIGN_TIMEOUT_MS}, or left out for ${DEFAULT_SIGN_TIMEOUT_MS}; got ${typeof timeoutMs === 'number' ? timeoutMs : typeof timeoutMs}.`,
    );
  }
  return timeoutMs;
}

/** Length of an Ed25519 signature (RFC 8032). */
const ED25519_SIGNATURE_BYTES = 64;

/** Said after every failure of a host's `sign`: no checkpoint exists for it anywhere. */
const NOTHING_SIGNED = 'so no checkpoint was signed.';

/**
 * A host's `sign` function, held to what a checkpoint needs: a 64-byte Ed25519 signature,
 * in time. A signer that throws or rejects (a KMS that cannot be reached), hangs, or gives
 * something else (an empty array) fails as a typed error here, before the signature is
 * written anywhere: unchecked, an empty signature was written as a checkpoint that can
 * never verify, and a hung KMS would hang `close()` for good.
 */
function hostSigner(
  hostSign: Extract<LedgerSigner, { sign: unknown }>['sign'],
  keyId: string | undefined,
  timeoutMs: number,
  publicKey: KeyObject | undefined,
): CompiledSigner {
  /** Calls the host's `sign`: its value, or a typed error for a throw. */
  const call = (message: Uint8Array, controller: AbortController): unknown => {
    try {
      return hostSign(message, { signal: controller.signal });
    } catch (cause) {
      // Not echoed: a signer's message may name its key or service; it stays the cause.
      throw signerFailed(
        'threw',
        `signer.sign threw (see the cause: its key or service may be unreachable), ${NOTHING_SIGNED}`,
        cause,
      );
    }
  };
  return {
    keyId,
    signNow(message) {
      const controller = new AbortController();
      const value = call(message, controller);
      if (isThenable(value)) {
        // Nobody will wait for it: tell the host's client, and keep a rejection from
        // becoming an unhandled one.
        controller.abort(new Error('checkpoint() does not wait for an asynchronous signer'));
        Promise.resolve(value).catch(() => {});
        throw signerFailed(
          'asynchronous',
          `signer.sign returned a Promise, and checkpoint() signs synchronously, ${NOTHING_SIGNED} With an asynchronous signer (a KMS client) call await ledger.checkpointAsync() instead; close() and detach() wait for it.`,
        );
      }
      return checkedSignature(value, 'returned', message, publicKey);
    },
    sign(message, stop) {
      const controller = new AbortController();
      const value = call(message, controller);
      if (!isThenable(value)) return checkedSignature(value, 'returned', message, publicKey);
      return settleWithin(value, timeoutMs, controller, stop).then((settled) =>
        checkedSignature(settled, 'resolved to', message, publicKey),
      );
    },
  };
}

/**
 * The host's Promise of a signature, failed when it has not settled in time, or when
 * `stop` is aborted (the writer let go of the run: nothing will be written with it).
 */
function settleWithin(
  pending: PromiseLike<unknown>,
  timeoutMs: number,
  controller: AbortController,
  stop: AbortSignal | undefined,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // Not unref'd: with a hung KMS and nothing else to do, the process would otherwise
    // exit with close() unsettled instead of failing it. Cleared however it ends.
    const done = () => {
      clearTimeout(timer);
      stop?.removeEventListener('abort', onStop);
    };
    const onStop = () => {
      done();
      controller.abort(stop!.reason);
      reject(stop!.reason);
    };
    stop?.addEventListener('abort', onStop, { once: true });
    const timer = setTimeout(() => {
      stop?.removeEventListener('abort', onStop);
      controller.abort(new Error(`no signature within ${timeoutMs} ms`));
      reject(
        signerFailed(
          'timeout',
          `signer.sign did not settle within ${timeoutMs} ms (its key or service may be unreachable or slow), ${NOTHING_SIGNED} Check the key service, or give the signer a longer timeoutMs.`,
        ),
      );
    }, timeoutMs);
    if (stop?.aborted) onStop(); // an abort event is not replayed to a late listener
    Promise.resolve(pending).then(
      (value) => {
        done();
        resolve(value);
      },
      (cause: unknown) => {
        done();
        reject(
          signerFailed(
            'rejected',
            `signer.sign rejected (see the cause: its key or service may be unreachable), ${NOTHING_SIGNED}`,
            cause,
          ),
        );
      },
    );
  });
}

/**
 * `value` when it is a 64-byte signature (of `message` by `publicKey`'s private half, when
 * the signer named its public key); a typed error saying what it was otherwise.
 */
function checkedSignature(
  value: unknown,
  verb: 'returned' | 'resolved to',
  message: Uint8Array,
  publicKey: KeyObject | undefined,
): Uint8Array {
  if (!(value instanceof Uint8Array) || value.byteLength !== ED25519_SIGNATURE_BYTES) {
    const got = value instanceof Uint8Array ? `${value.byteLength} bytes` : describeValue(value);
    throw signerFailed(
      'not_a_signature',
      `signer.sign must give the ${ED25519_SIGNATURE_BYTES}-byte Ed25519 signature of the message as a Uint8Array; it ${verb} ${got}, ${NOTHING_SIGNED} Check that the key is an Ed25519 key and that sign returns the raw signature (not base64 or DER).`,
    );
  }
  if (publicKey !== undefined && !verify(null, message, publicKey, value)) {
    throw signerFailed(
      'wrong_key',
      `signer.sign ${verb} a signature that does not verify with signer.publicKey: it signs with another key (a wrong key id, a rotated key), ${NOTHING_SIGNED} Point the signer at the key whose public half verifiers use, or pass that key's public half.`,
    );
  }
  return value;
}

/**
 * A signer that could not answer (threw, rejected, timed out) is `SIGNER_UNAVAILABLE`: the
 * key service's state, for operations. One that answered wrongly (not a signature, a
 * Promise to `checkpoint()`) is `INVALID_ARGUMENT`: the host's code to fix.
 */
function signerFailed(why: SignerFailure, message: string, cause?: unknown) {
  const options = { details: { signer: why }, ...(cause === undefined ? {} : { cause }) };
  return why === 'threw' || why === 'rejected' || why === 'timeout'
    ? new SignerUnavailableError(message, options)
    : new InvalidLedgerArgumentError(message, options);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
