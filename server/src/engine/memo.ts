/**
 * A bounded memo for pure functions of strings (tokens of a name, a name's verdict): two
 * generations of at most `limit` entries each. An entry read again while the older generation
 * is being retired moves to the newer one, so what a workspace keeps using stays, while the
 * half-typed names of a long editing session are dropped: a language server must not grow with
 * them. Memory is bounded by twice the limit.
 */
export class Memo<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const v = this.current.get(key);
    if (v !== undefined) return v;
    const old = this.previous.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}
