import { canonicalJson, canonicalString } from './canonical-json.js';
import { hashRecordBody } from './hash-chain.js';

/** Where a secret was scrubbed out of a record (never the value). */
export interface ScrubbedEntry {
  /** JSON path of the string that held it, within the record (`$.data...`). */
  path: string;
  /** The kind of secret, e.g. `openai`. */
  kind: string;
}

/** The members of a record other than `v` (always 1) and `hash` (computed). */
export interface RecordFields {
  run_id: string;
  seq: number;
  ts: string;
  type: string;
  stage: string | null;
  /** The canonical JSON of `data` (already normalised and scrubbed). */
  dataJson: string;
  scrubbed?: ScrubbedEntry[] | undefined;
  prev: string;
}

/** One serialised record: the line to write (with its `\n`) and the record hash. */
export interface EncodedRecord {
  line: string;
  hash: string;
}

/** Member values remembered in their JSON form (stages and types repeat in every run). */
const MAX_REMEMBERED_MEMBERS = 1024;

/**
 * Serialises the records of one run as ledger lines. Each line is the RFC 8785 canonical
 * JSON of the whole record, `hash` included, so every line is canonical. Its members are
 * few and fixed, so they are laid out in canonical order (`data`, `hash`, `prev`, `run_id`,
 * `scrubbed`, `seq`, `stage`, `ts`, `type`, `v`) instead of sorting per record; `data`
 * comes canonicalised by the caller. The body hashed is that same text without the
 * `,"hash":"…"` member. The run id, stages, types and the current timestamp are encoded
 * once, not per record (the append hot path).
 */
export class RecordEncoder {
  private readonly runIdMember: string;
  private readonly members = new Map<string, string>();
  private lastTs = '';
  private lastTsJson = '""';

  constructor(runId: string) {
    this.runIdMember = `,"run_id":${canonicalString(runId)}`;
  }

  /** The line and hash of a record of this run (`fields.run_id` is ignored). */
  encode(fields: Omit<RecordFields, 'run_id'>): EncodedRecord {
    const head = `{"data":${fields.dataJson}`;
    let tail = `,"prev":"${fields.prev}"${this.runIdMember}`;
    if (fields.scrubbed !== undefined && fields.scrubbed.length > 0) {
      tail += `,"scrubbed":${canonicalJson(fields.scrubbed)}`;
    }
    if (fields.ts !== this.lastTs) {
      this.lastTsJson = canonicalString(fields.ts);
      this.lastTs = fields.ts;
    }
    const stage = fields.stage === null ? 'null' : this.member(fields.stage);
    tail += `,"seq":${fields.seq},"stage":${stage},"ts":${this.lastTsJson},"type":${this.member(fields.type)},"v":1}`;
    const hash = hashRecordBody(head + tail);
    return { line: `${head},"hash":"${hash}"${tail}\n`, hash };
  }

  private member(value: string): string {
    let json = this.members.get(value);
    if (json === undefined) {
      json = canonicalString(value);
      if (this.members.size >= MAX_REMEMBERED_MEMBERS) this.members.clear();
      this.members.set(value, json);
    }
    return json;
  }
}

/** Serialises one record as a ledger line (see {@link RecordEncoder}). */
export function encodeRecord(fields: RecordFields): EncodedRecord {
  return new RecordEncoder(fields.run_id).encode(fields);
}

/** Length of `,"hash":"` + 64 hex digits + `"`. */
const HASH_MEMBER_LENGTH = 9 + 64 + 1;

/**
 * Splits a canonical ledger line (without its `\n`) into the body that was hashed and the
 * hash it claims. The top-level `hash` member is the LAST `,"hash":"` in the line: every
 * member after it (`prev` … `v`) holds only hex, ids, numbers, and `scrubbed` entries
 * whose strings are JSON-escaped, and inside a JSON string a `"` is always escaped, so
 * `,"hash":"` cannot occur there. Returns null when the line has no such member.
 */
export function splitRecordLine(line: string): { body: string; hash: string } | null {
  const at = lastHashMember(line);
  if (at < 0 || line.length < at + HASH_MEMBER_LENGTH) return null;
  const hash = line.slice(at + 9, at + 9 + 64);
  if (line.charCodeAt(at + 9 + 64) !== 0x22 /* " */) return null;
  return { body: line.slice(0, at) + line.slice(at + HASH_MEMBER_LENGTH), hash };
}

/** The members after `hash` in a line as written: a few hundred characters at most without `scrubbed`. */
const TAIL_WINDOW = 512;

/**
 * Where the last `,"hash":"` of `line` starts (-1: none). Searched forward through the
 * line's last {@link TAIL_WINDOW} characters, where the top-level member sits, then on to
 * the last occurrence: `lastIndexOf` walks back one character at a time (~310 ns a bench
 * line against ~100, 3% of a verification's time per line). Falls back to it when the
 * window holds none (a long `scrubbed` list).
 */
function lastHashMember(line: string): number {
  const needle = ',"hash":"';
  let at = line.indexOf(needle, Math.max(0, line.length - TAIL_WINDOW));
  if (at < 0) return line.lastIndexOf(needle);
  for (let next = line.indexOf(needle, at + 1); next >= 0; next = line.indexOf(needle, next + 1)) {
    at = next;
  }
  return at;
}
