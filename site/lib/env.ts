/** Build-time settings read from the environment, so tests can build any model into any directory. */
import { resolve } from 'node:path';

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
}

/** Reads the site settings from `process.env`. */
export function siteEnv(env: NodeJS.ProcessEnv = process.env): SiteEnv {
  const content = resolve(env.UNIKRAFTLAB_CONTENT ?? 'content');
  return {
    model: resolve(env.UNIKRAFTLAB_MODEL ?? '.cache/model.json'),
    content,
    live: resolve(env.UNIKRAFTLAB_LIVE ?? `${content}/live`),
    strict: env.UNIKRAFTLAB_STRICT === '1' || env.UNIKRAFTLAB_STRICT === 'true',
  };
}
