import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveRecordError, readLiveRecords } from '../../model/live-record.ts';
import { scratchDir } from './helpers/scratch.ts';

const LIVE = resolve(import.meta.dirname, '../../content/live');

describe('live records', () => {
  it('every committed record in content/live matches the schema', async () => {
    const records = await readLiveRecords(LIVE);
    expect(records.map((r) => r.app)).toContain('test-kernel');
  });

  it('a record that does not match names the field and says how to regenerate it', async () => {
    const dir = scratchDir('uklab-rec-');
    const [good] = await readLiveRecords(LIVE);
    writeFileSync(
      join(dir, 'x.json'),
      JSON.stringify({ ...good, outcome: 'fine', kernel: { ...good!.kernel, sha256: 'abc' } }),
    );
    const err = await readLiveRecords(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LiveRecordError);
    expect((err as Error).message).toMatch(/`outcome`/);
    expect((err as Error).message).toMatch(/`kernel.sha256`/);
    expect((err as Error).message).toMatch(/npm run live -- <app>/);
  });

  it('a missing directory is no records, not an error', async () => {
    expect(await readLiveRecords(join(tmpdir(), 'does-not-exist-uklab'))).toEqual([]);
  });
});
