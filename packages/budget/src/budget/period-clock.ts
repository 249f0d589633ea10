import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { kindOf } from '../errors/kind-of.js';
import { zoneKeyName } from './zone-key-name.js';

/** Calendar period keys for one instant: `2026-11-22` and `2026-11`. */
export interface PeriodKeys {
  /** Calendar day in the time zone, `YYYY-MM-DD`. */
  readonly day: string;
  /** Calendar month in the time zone, `YYYY-MM`. */
  readonly month: string;
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Maps instants to calendar periods in a time zone. Periods reset by construction: a new
 * day is a new key. Keys are cached per minute (every zone offset in use is whole minutes)
 * so the hot path formats a date at most once a minute.
 */
export class PeriodClock {
  readonly #format: ((ms: number) => PeriodKeys) | undefined;
  #minute = Number.NaN;
  #keys: PeriodKeys = { day: '', month: '' };
  /**
   * The zone's canonical name (`europe/berlin` -> `Europe/Berlin`; `Etc/UTC` and `GMT` ->
   * `UTC`; `Asia/Kolkata` -> `Asia/Calcutta`), so spellings of one zone share their period
   * keys, on every Node version (see `zoneKeyName`).
   */
  readonly zone: string = 'UTC';

  /** @param timeZone IANA zone of the calendar (default UTC). */
  constructor(readonly timeZone: string = 'UTC') {
    if (timeZone === 'UTC') return;
    // Intl would read 5 as the zone "5", and the message would quote a number as a name.
    if (typeof timeZone !== 'string') {
      throw new InvalidArgumentError(
        `period.timeZone must be a string, an IANA name such as 'Europe/Berlin' (omit it for UTC); got ${kindOf(timeZone)}.`,
      );
    }
    let formatter: Intl.DateTimeFormat;
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    } catch (cause) {
      throw new InvalidArgumentError(
        `Unknown time zone "${timeZone}": use an IANA name such as 'Europe/Berlin', or 'UTC'.`,
        { cause: String(cause) },
      );
    }
    this.zone = zoneKeyName(timeZone, formatter.resolvedOptions().timeZone);
    if (this.zone === 'UTC') return;
    this.#format = (ms) => {
      let y = '';
      let m = '';
      let d = '';
      for (const part of formatter.formatToParts(ms)) {
        if (part.type === 'year') y = part.value;
        else if (part.type === 'month') m = part.value;
        else if (part.type === 'day') d = part.value;
      }
      return { day: `${y}-${m}-${d}`, month: `${y}-${m}` };
    };
  }

  /** The periods containing instant `ms` (epoch milliseconds). */
  keys(ms: number): PeriodKeys {
    const minute = Math.floor(ms / 60_000);
    if (minute !== this.#minute) {
      this.#minute = minute;
      if (this.#format !== undefined) {
        this.#keys = this.#format(ms);
      } else {
        const date = new Date(ms);
        const month = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
        this.#keys = { day: `${month}-${pad(date.getUTCDate())}`, month };
      }
    }
    return this.#keys;
  }
}
