/**
 * Least-recently-used entries go first once the summed `sizeOf` exceeds `maxSize`. Sizes are
 * re-read on every `set`, so an entry that grew in place is re-accounted by setting it again.
 * The entry just set is never evicted, even when it alone exceeds the bound.
 */
export class LruCache<Value> {
  private entries = new Map<string, Value>();

  constructor(
    private readonly maxSize: number,
    private readonly sizeOf: (value: Value) => number,
  ) {}

  get(key: string): Value | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: Value): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    let total = 0;
    for (const entry of this.entries.values()) total += this.sizeOf(entry);
    for (const [oldestKey, oldest] of this.entries) {
      if (total <= this.maxSize || oldestKey === key) break;
      this.entries.delete(oldestKey);
      total -= this.sizeOf(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  deleteWhere(predicate: (key: string) => boolean): void {
    for (const key of [...this.entries.keys()]) if (predicate(key)) this.entries.delete(key);
  }
}
