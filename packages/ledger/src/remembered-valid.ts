/** Values remembered as valid per schema (a run has one id and a handful of stages). */
const MAX_REMEMBERED = 1024;

/**
 * A string schema whose valid values repeat (run ids, stage names): each distinct value
 * is checked once. Bounded: it starts over after {@link MAX_REMEMBERED} values.
 */
export class RememberedValid {
  private readonly valid = new Set<string>();

  constructor(private readonly schema: { safeParse(value: unknown): { success: boolean } }) {}

  /** True when `value` is a string the schema accepts. */
  has(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    if (this.valid.has(value)) return true;
    if (!this.schema.safeParse(value).success) return false;
    if (this.valid.size >= MAX_REMEMBERED) this.valid.clear();
    this.valid.add(value);
    return true;
  }
}
