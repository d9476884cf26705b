/**
 * Tells the search index about every prerendered HTML page as it is rendered, so that Pagefind (a separate process)
 * indexes on another core while Astro renders the next pages, instead of reading all of `dist/` after the build.
 * Only the URL crosses over; Pagefind reads the written file itself.
 */
import { defineMiddleware } from 'astro:middleware';
import { currentPagefindSession } from './pagefind-session.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const session = currentPagefindSession();
  if (session && context.isPrerendered && response.status === 200) {
    if (response.headers.get('content-type')?.includes('text/html')) session.rendered(context.url.pathname);
  }
  return response;
});
