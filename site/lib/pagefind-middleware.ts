/**
 * Hands every prerendered HTML page to the search index as soon as it is rendered, so that Pagefind (a separate
 * process) indexes on the second core while Astro renders the next pages, instead of re-reading `dist/` afterwards.
 */
import { defineMiddleware } from 'astro:middleware';
import { currentPagefindSession } from './pagefind-session.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const session = currentPagefindSession();
  if (!session || !context.isPrerendered || response.status !== 200) return response;
  if (!response.headers.get('content-type')?.includes('text/html')) return response;
  const html = await response.text();
  session.add(context.url.pathname, html);
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
});
