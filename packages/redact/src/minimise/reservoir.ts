/**
 * Uniform reservoir sample of n items in one pass (Algorithm R), with a seeded PRNG so the
 * same rows and seed give the same sample: a run replays with identical prompts.
 */
export class Reservoir<T> {
  private seen = 0;
  private readonly items: T[] = [];
  private state: number;

  constructor(
    private readonly n: number,
    seed: number,
  ) {
    this.state = seed >>> 0;
  }

  private random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Offers one item. */
  add(item: T): void {
    this.seen++;
    if (this.items.length < this.n) {
      this.items.push(item);
      return;
    }
    const j = Math.floor(this.random() * this.seen);
    if (j < this.n) this.items[j] = item;
  }

  /** The sample, in reservoir order, and how many items were offered. */
  result(): { items: T[]; seen: number } {
    return { items: this.items, seen: this.seen };
  }
}
