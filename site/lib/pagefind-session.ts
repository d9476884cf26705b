/**
 * The search index being built while pages render: the integration (Node side) opens it, the middleware (inside
 * Astro's prerender bundle, a separate module graph) hands it each page. They meet on a global symbol, because the
 * bundle gets its own copy of every module.
 */

/** What the middleware may do with the index: give it one rendered page. */
export interface PagefindSession {
  add(url: string, html: string): void;
}

const KEY = Symbol.for('unikraftlab.pagefind-session');

/** The open session, or null outside `astro build` (dev server, preview, tests rendering components). */
export function currentPagefindSession(): PagefindSession | null {
  return ((globalThis as Record<symbol, unknown>)[KEY] as PagefindSession | undefined) ?? null;
}

/** Opens (a session) or closes (null) the global slot; only the integration calls this. */
export function setPagefindSession(session: PagefindSession | null): void {
  (globalThis as Record<symbol, unknown>)[KEY] = session ?? undefined;
}
