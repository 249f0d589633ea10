/**
 * The run-window grammar of `AutomationPolicyV1.run_windows`:
 *
 *   window := days ":" start "-" end
 *   days   := "daily" | "weekday" | "weekend" | item ("," item)*
 *   item   := day | day "-" day          (a range; "fri-mon" wraps over the weekend)
 *   day    := mon | tue | wed | thu | fri | sat | sun
 *   start  := HH:MM                       (00:00 ... 23:59)
 *   end    := HH:MM | 24:00               (must differ from start)
 *
 * An end before the start is an overnight window: `weekday:22:00-06:00` opens at 22:00 on
 * each weekday and closes at 06:00 the next morning. Times are wall-clock in the policy's
 * `timezone` (default UTC); the end is exclusive.
 */
import { PmError } from '../errors/pm-error.js';
import { isKnownTimeZone } from './time-zone.js';

const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)';
const ITEM = `${DAY}(?:-${DAY})?`;
const TIME = '(?:[01][0-9]|2[0-3]):[0-5][0-9]';

/** The grammar as one regex; the lookahead rejects an empty window (end equal to start). */
export const RUN_WINDOW_PATTERN = new RegExp(
  `^(?:daily|weekday|weekend|${ITEM}(?:,${ITEM})*):(${TIME})-(?!\\1$)(?:${TIME}|24:00)$`,
);

const DAY_INDEX: Readonly<Record<string, number>> = {
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
};
const NAMED_DAYS: Readonly<Record<string, readonly number[]>> = {
  daily: [0, 1, 2, 3, 4, 5, 6],
  weekday: [1, 2, 3, 4, 5],
  weekend: [0, 6],
};

/** A run window in structured form. */
export interface RunWindow {
  /** The window as written. */
  source: string;
  /** Days on which the window opens, 0 = Sunday ... 6 = Saturday. */
  days: ReadonlySet<number>;
  /** Opening time, minutes after local midnight. */
  startMinute: number;
  /** Closing time, minutes after local midnight (1440 for 24:00); before start = overnight. */
  endMinute: number;
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * Parses one run window. Returns `undefined` when the text does not follow the grammar
 * (validation with a message is the policy schema's job).
 */
export function parseRunWindow(source: string): RunWindow | undefined {
  if (!RUN_WINDOW_PATTERN.test(source)) return undefined;
  const colon = source.indexOf(':');
  const daysPart = source.slice(0, colon);
  const [start = '', end = ''] = source.slice(colon + 1).split('-');
  const days = new Set<number>(NAMED_DAYS[daysPart] ?? []);
  if (!NAMED_DAYS[daysPart]) {
    for (const item of daysPart.split(',')) {
      const [from = '', to = from] = item.split('-');
      const first = DAY_INDEX[from] ?? 0;
      const last = DAY_INDEX[to] ?? first;
      for (let d = first; ; d = (d + 1) % 7) {
        days.add(d);
        if (d === last) break;
      }
    }
  }
  return { source, days, startMinute: minutes(start), endMinute: minutes(end) };
}

interface LocalTime {
  weekday: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    if (typeof timeZone !== 'string' || !isKnownTimeZone(timeZone)) {
      // Not quoted back: the message may end up in a log, and the name is the caller's input.
      throw new PmError(
        'INVALID_ARGUMENT',
        'runWindowState: the time zone is not one this runtime knows; pass an IANA name such as "Europe/London" (validate the policy first: its timezone is checked the same way).',
      );
    }
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function localTime(at: Date, timeZone: string): LocalTime & { utcOffsetMs: number } {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  const weekday = DAY_INDEX[(parts.weekday ?? '').toLowerCase()] ?? 0;
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    hour,
    minute,
  );
  const truncated = Math.floor(at.getTime() / 60_000) * 60_000;
  return { weekday, minute: hour * 60 + minute, utcOffsetMs: asUtc - truncated };
}

function isOpenAt(window: RunWindow, local: LocalTime): boolean {
  const { days, startMinute, endMinute } = window;
  if (endMinute > startMinute) {
    return days.has(local.weekday) && local.minute >= startMinute && local.minute < endMinute;
  }
  // Overnight: the evening part belongs to today's opening, the morning to yesterday's.
  if (days.has(local.weekday) && local.minute >= startMinute) return true;
  return days.has((local.weekday + 6) % 7) && local.minute < endMinute;
}

/** Longest stretch of wall-clock time a DST change skips (some zones skip 2 hours). */
const MAX_SKIPPED_MS = 3 * 3_600_000;

/**
 * The first minute from `utc` (a window's start converted to UTC) at which `window` is
 * open. Usually `utc` itself; when the start falls in the hour a DST change skips, `utc`
 * reads as a time before the window, and the opening is the first minute after the jump
 * that is still inside the window, or none that day (undefined).
 */
function openingFrom(window: RunWindow, utc: number, timeZone: string): number | undefined {
  for (let t = utc; t <= utc + MAX_SKIPPED_MS; t += 60_000) {
    if (isOpenAt(window, localTime(new Date(t), timeZone))) return t;
  }
  return undefined;
}

/** Whether any window is open, and if none is, when the next one opens. */
export interface RunWindowState {
  open: boolean;
  /** The next opening after `at` (within 8 days), when closed. */
  nextOpening?: Date;
}

/**
 * Evaluates run windows at an instant in a time zone (an IANA name; default `UTC`).
 * Windows that do not parse are ignored here: validate the policy first. An unknown time
 * zone or an invalid Date throws `PmError` `INVALID_ARGUMENT`.
 */
export function runWindowState(
  windows: readonly string[],
  at: Date = new Date(),
  timeZone = 'UTC',
): RunWindowState {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new PmError(
      'INVALID_ARGUMENT',
      'runWindowState: `at` must be a valid Date (the instant to check), or left out for now.',
    );
  }
  const parsed = windows.map(parseRunWindow).filter((w): w is RunWindow => w !== undefined);
  const now = localTime(at, timeZone);
  if (parsed.some((w) => isOpenAt(w, now))) return { open: true };

  let next: number | undefined;
  const atMinuteMs = Math.floor(at.getTime() / 60_000) * 60_000;
  const localMidnightMs = atMinuteMs + now.utcOffsetMs - now.minute * 60_000;
  for (let dayOffset = 0; dayOffset <= 7; dayOffset++) {
    const weekday = (now.weekday + dayOffset) % 7;
    for (const window of parsed) {
      if (!window.days.has(weekday)) continue;
      const localStartMs = localMidnightMs + dayOffset * 86_400_000 + window.startMinute * 60_000;
      // Local wall-clock -> UTC: subtract the offset in force at that moment (twice, for DST).
      let utc = localStartMs - now.utcOffsetMs;
      utc = localStartMs - localTime(new Date(utc), timeZone).utcOffsetMs;
      const opening = openingFrom(window, utc, timeZone);
      if (
        opening !== undefined &&
        opening > at.getTime() &&
        (next === undefined || opening < next)
      ) {
        next = opening;
      }
    }
    if (next !== undefined) break;
  }
  return next === undefined ? { open: false } : { open: false, nextOpening: new Date(next) };
}
