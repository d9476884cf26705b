/**
 * The search index being built while pages render: the integration (Node side) opens it, the middleware (inside
 * Astro's prerender bundle, a separate module graph) tells it which page was just rendered. They meet on a global
 * symbol, because the bundle gets its own copy of every module.
 */

/** What the middleware may tell the index. */
export interface PagefindSession {
  /** A page was rendered at this URL path; its file will be indexed once Astro has written it. */
  rendered(pathname: string): void;
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
