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

/**
 * Values derived from an object (a match) and a string, kept while the object lives and at most
 * `limit` in all: past the limit the memo starts again, so a long session does not grow with it.
 */
export class ObjectMemo<O extends object, V> {
  private byObject = new WeakMap<O, Map<string, V>>();
  private count = 0;

  constructor(private readonly limit: number) {}

  get(object: O, key: string, make: () => V): V {
    let byKey = this.byObject.get(object);
    if (!byKey) this.byObject.set(object, (byKey = new Map()));
    let value = byKey.get(key);
    if (value === undefined) {
      value = make();
      if (++this.count > this.limit) {
        this.byObject = new WeakMap();
        this.count = 0;
      } else {
        byKey.set(key, value);
      }
    }
    return value;
  }
}
