/**
 * Remembers Starlight's UI strings across pages. Starlight's middleware (order `pre`, so it runs before this one)
 * gives every page a fresh i18next `t`, and its components ask it for the same dozens of strings on every page: about
 * 6% of page generation on the real tree (CPU profile). A string without interpolation options depends only on the
 * locale and the key, so the first answer is kept; calls with options go to i18next as before.
 */
import { defineMiddleware } from 'astro:middleware';

/** Starlight's `locals.t` as this file uses it (its own type is declared for Starlight's components only). */
type T = ((key: string, options?: unknown) => string) & { all: unknown; exists: unknown; dir: unknown };
type Locals = { t?: T };
const byLocale = new Map<string, T>();

/** A `t` that answers option-less calls from a per-locale memo and keeps `all`, `exists` and `dir` as they are. */
function memoized(t: T): T {
  const seen = new Map<string, string>();
  const fast = ((key: string, options?: unknown) => {
    if (options !== undefined) return t(key, options);
    let v = seen.get(key);
    if (v === undefined) {
      v = t(key);
      seen.set(key, v);
    }
    return v;
  }) as T;
  return Object.assign(fast, { all: t.all, exists: t.exists, dir: t.dir });
}

export const onRequest = defineMiddleware((context, next) => {
  const locals = context.locals as Locals;
  const t = locals.t;
  if (typeof t === 'function') {
    const locale = context.currentLocale ?? '';
    let fast = byLocale.get(locale);
    if (!fast) byLocale.set(locale, (fast = memoized(t)));
    locals.t = fast;
  }
  return next();
});
