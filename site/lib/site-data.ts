/** The one place the build loads its inputs: model, explanations, live records, health. Loaded once per build. */
import { readLiveRecords, readModel, type LiveRecord } from '../../model/index.ts';
import { siteEnv } from './env.ts';
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

async function load(): Promise<SiteData> {
  const env = siteEnv();
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

let cached: Promise<SiteData> | undefined;
/** The site's data, loaded on first use and shared by every page of the build. */
export function siteData(): Promise<SiteData> {
  cached ??= load();
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
