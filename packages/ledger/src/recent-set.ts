/**
 * A set that remembers at least the last `capacity / 2` strings added and never more than
 * `capacity`: two generations, the older dropped whole when the younger fills. Lookups and
 * additions are O(1); memory is bounded whatever is added.
 */
export class RecentSet {
  private younger = new Set<string>();
  private older = new Set<string>();
  private readonly generation: number;

  constructor(capacity: number) {
    this.generation = Math.max(1, Math.floor(capacity / 2));
  }

  has(value: string): boolean {
    return this.younger.has(value) || this.older.has(value);
  }

  add(value: string): void {
    if (this.younger.size >= this.generation) {
      this.older = this.younger;
      this.younger = new Set();
    }
    this.younger.add(value);
  }

  /** Strings held now (at most `capacity`). */
  get size(): number {
    return this.younger.size + this.older.size;
  }
}
