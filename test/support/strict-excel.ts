/**
 * A stand-in for Excel.run whose objects behave like Office.js proxies in the one way that matters
 * to an adapter: a property read before it was loaded and synced throws ("PropertyNotLoaded").
 * Methods and navigation properties (worksheets, names) work at once; writes are plain sets.
 */
type AnyObject = Record<string | symbol, unknown>;

export function strictExcel(workbook: object) {
  const loaded = new WeakMap<object, Set<string>>();
  const pending: [object, string[]][] = [];
  const counts = { syncs: 0 };

  const wrap = <T>(target: T): T => {
    if (!target || typeof target !== "object" || Array.isArray(target)) return target;
    return new Proxy(target as AnyObject, {
      get(t, prop) {
        if (prop === "load") {
          return (props: string) => {
            pending.push([t, props.split(",").map((p) => p.trim().split("/")[0])]);
            return wrap(t);
          };
        }
        const descriptor = Object.getOwnPropertyDescriptor(t, prop);
        const v = descriptor?.get ? undefined : t[prop];
        if (typeof v === "function") {
          return (...args: unknown[]) => wrap((v as (...a: unknown[]) => unknown).apply(t, args));
        }
        if (typeof prop === "symbol" || prop === "then") return v;
        if (v && typeof v === "object" && !Array.isArray(v)) return wrap(v);
        const ok = loaded.get(t);
        if (!ok || (!ok.has(prop) && prop !== "isNullObject")) {
          throw new Error(`PropertyNotLoaded: ${prop} was read before load() and sync()`);
        }
        return v;
      },
      set(t, prop, value) {
        t[prop] = value;
        return true;
      },
    }) as T;
  };

  const context = {
    workbook: wrap(workbook),
    sync: async () => {
      counts.syncs++;
      for (const [t, props] of pending.splice(0)) {
        const set = loaded.get(t) ?? new Set<string>();
        props.forEach((p) => set.add(p));
        loaded.set(t, set);
      }
    },
  };
  return {
    counts,
    Excel: { run: <R>(callback: (c: typeof context) => Promise<R>) => callback(context) },
  };
}
