/** The one place the build loads its inputs: model, explanations, live records, health. Loaded once per build. */
import { statSync } from 'node:fs';
import { readLiveRecords, readModel, type LiveRecord } from '../../model/index.ts';
import { siteEnv, type SiteEnv } from './env.ts';
import { loadExplanations, type Explanation } from './explanations.ts';
import { checkExplanations, enforceStrict, type HealthWarning, type MissingFields } from './health.ts';
import { buildSymbolIndex, resolveSymbol, type SymbolIndex } from './symbol-index.ts';
import { LANGS, type Lang } from './urls.ts';

/** Everything pages render from. */
export interface SiteData {
  index: SymbolIndex;
  explanations: Explanation[];
  /** `<lang> <page url>` → explanation. */
  byPage: Map<string, Explanation>;
  warnings: HealthWarning[];
  missingFields: MissingFields[];
  live: LiveRecord[];
}

async function load(env: SiteEnv): Promise<SiteData> {
  const model = await readModel(env.model);
  const explanations = await loadExplanations(env.content, LANGS);
  const index = buildSymbolIndex(
    model,
    explanations.map((e) => e.symbol),
  );
  const { warnings, missingFields } = checkExplanations(index, explanations);
  enforceStrict(warnings, env.strict);
  const byPage = new Map<string, Explanation>();
  for (const exp of explanations) {
    const hit = resolveSymbol(index, exp.symbol);
    if (hit && !byPage.has(`${exp.lang} ${hit.url}`)) byPage.set(`${exp.lang} ${hit.url}`, exp);
  }
  const live = await readLiveRecords(env.live);
  return { index, explanations, byPage, warnings, missingFields, live };
}

/**
 * The pages run from Vite's bundle, a second copy of this module in the process that loaded astro.config.mjs. The
 * config loads the data first (it needs the model for the sidebar, and a `--strict` build must fail before any
 * page), and during a build it leaves the result here for the pages: the model is parsed and validated, the
 * explanations read and checked, once instead of twice. Keyed by the inputs (paths, strictness, the model file's
 * size and time), so a page never gets data loaded from other files.
 */
const SHARED = Symbol.for('unikraftlab.siteData');
type Shared = { key: string; data: Promise<SiteData> };

function inputsKey(env: SiteEnv): string {
  let stamp = 'missing';
  try {
    const st = statSync(env.model);
    stamp = `${st.size} ${st.mtimeMs}`;
  } catch {}
  return JSON.stringify([env.model, stamp, env.content, env.live, env.strict]);
}

/**
 * Loads the site data for astro.config.mjs; with `share` (builds, not `astro dev`, whose pages reload their modules
 * and must see edited explanations) the pages of this process then use it instead of loading it again.
 */
export function loadSiteDataForConfig(share: boolean): Promise<SiteData> {
  const env = siteEnv();
  const data = load(env);
  if (share) (globalThis as Record<symbol, Shared>)[SHARED] = { key: inputsKey(env), data };
  return data;
}

let cached: Promise<SiteData> | undefined;
/** The site's data, loaded on first use (or handed over by the config) and shared by every page of the build. */
export function siteData(): Promise<SiteData> {
  if (!cached) {
    const env = siteEnv();
    const shared = (globalThis as Record<symbol, Shared | undefined>)[SHARED];
    cached = shared && shared.key === inputsKey(env) ? shared.data : load(env);
  }
  return cached;
}

/** The explanation for a page in `lang`, falling back to English (marked) when no translation exists. */
export function explanationFor(
  data: SiteData,
  enUrl: string,
  lang: Lang,
): { exp: Explanation; fallback: boolean } | null {
  const own = data.byPage.get(`${lang} ${enUrl}`);
  if (own) return { exp: own, fallback: false };
  const en = data.byPage.get(`en ${enUrl}`);
  return en ? { exp: en, fallback: lang !== 'en' } : null;
}
