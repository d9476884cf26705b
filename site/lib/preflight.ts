/** Checks run once when the Astro config loads, so a `--strict` build fails in a second with a clean message. */
import type { Model } from '../../model/index.ts';
import type { SiteEnv } from './env.ts';
import { loadExplanations } from './explanations.ts';
import { checkExplanations, enforceStrict } from './health.ts';
import { buildSymbolIndex } from './symbol-index.ts';
import { LANGS } from './urls.ts';

/** Throws `StrictHealthError` (strict builds) or `ExplanationError` (bad frontmatter) before any page is built. */
export async function preflight(env: SiteEnv, model: Model): Promise<void> {
  const explanations = await loadExplanations(env.content, LANGS);
  enforceStrict(checkExplanations(buildSymbolIndex(model), explanations).warnings, env.strict);
}
