/** Build-time settings read from the environment, so tests can build any model into any directory. */
import { join, resolve } from 'node:path';

/** Every knob of the site build, with defaults set in one place. */
export interface SiteEnv {
  /** Model JSON written by `npm run analyze` (`UNIKRAFTLAB_MODEL`, default `.cache/model.json`). */
  model: string;
  /** Root holding `explanations/<lang>/` and `live/` (`UNIKRAFTLAB_CONTENT`, default `content`). */
  content: string;
  /** Directory of live records (`UNIKRAFTLAB_LIVE`, default `<content>/live`). */
  live: string;
  /** Unresolved symbols fail the build instead of warning (`UNIKRAFTLAB_STRICT=1`). */
  strict: boolean;
  /** Astro's cache directory (`UNIKRAFTLAB_CACHE_DIR`, default `node_modules/.astro`). */
  cacheDir: string;
  /** Shiki tokens of source files by content, kept between builds (`<cacheDir>/unikraftlab-tokens`). */
  tokenCache: string;
}

/** Reads the site settings from `process.env`. */
export function siteEnv(env: NodeJS.ProcessEnv = process.env): SiteEnv {
  const content = resolve(env.UNIKRAFTLAB_CONTENT ?? 'content');
  const cacheDir = resolve(env.UNIKRAFTLAB_CACHE_DIR ?? 'node_modules/.astro');
  return {
    model: resolve(env.UNIKRAFTLAB_MODEL ?? '.cache/model.json'),
    content,
    live: resolve(env.UNIKRAFTLAB_LIVE ?? `${content}/live`),
    strict: env.UNIKRAFTLAB_STRICT === '1' || env.UNIKRAFTLAB_STRICT === 'true',
    cacheDir,
    tokenCache: join(cacheDir, 'unikraftlab-tokens'),
  };
}
