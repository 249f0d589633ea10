/** Layouts remembered before the map starts over (bounded memory under hostile keys). */
const MAX_LAYOUTS = 1024;
/** Layouts remembered per first member name (bounds the search under hostile keys). */
const MAX_LAYOUTS_PER_FIRST_KEY = 16;

/**
 * A value per object layout: the member names of an object in `Object.keys` order. The
 * records of a run repeat a few layouts, so work done per layout (sorting and escaping
 * names, scanning them for secrets) is done once. Lookups compare names by identity in
 * practice: V8 interns property names, so equal layouts share their strings.
 */
export class LayoutMap<T> {
  private buckets = new Map<string, { keys: readonly string[]; value: T }[]>();
  private count = 0;

  /** The value remembered for this layout (`keys` non-empty). */
  get(keys: readonly string[]): T | undefined {
    const bucket = this.buckets.get(keys[0]!);
    if (bucket === undefined) return undefined;
    for (let b = 0; b < bucket.length; b++) {
      const entry = bucket[b]!;
      if (sameKeys(entry.keys, keys)) return entry.value;
    }
    return undefined;
  }

  /** Remembers a value for a layout not in the map; may forget (the map is bounded). */
  set(keys: readonly string[], value: T): void {
    let bucket = this.buckets.get(keys[0]!);
    if (bucket !== undefined && bucket.length >= MAX_LAYOUTS_PER_FIRST_KEY) return;
    if (this.count >= MAX_LAYOUTS) {
      this.buckets = new Map();
      this.count = 0;
      bucket = undefined;
    }
    if (bucket === undefined) this.buckets.set(keys[0]!, [{ keys, value }]);
    else bucket.push({ keys, value });
    this.count++;
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
