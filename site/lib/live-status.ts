/** Whether a live record still describes the sources these pages were built from. */
import type { LiveRecord, Source } from '../../model/index.ts';

/** `stale` when the record's Unikraft version names a commit other than the model's; `unknown` when either is missing. */
export function liveFreshness(record: LiveRecord, source: Source): 'current' | 'stale' | 'unknown' {
  const hash = record.unikraftVersion?.match(/[0-9a-f]{7,40}/)?.[0];
  if (!hash || !source.commit) return 'unknown';
  return source.commit.startsWith(hash) || hash.startsWith(source.commit) ? 'current' : 'stale';
}
