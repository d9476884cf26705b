// `npm run build` runs the analyzer (which resolves the sources) and then astro, passing the model through the env.
import { describe, expect, it } from 'vitest';
import { ExitCodes, parseBuildArgs, run, type Runner } from '../../scripts/build-site.ts';

function recorder(codes: number[] = []): { runner: Runner; calls: { args: string[]; env: Record<string, string> }[] } {
  const calls: { args: string[]; env: Record<string, string> }[] = [];
  return { calls, runner: async (_cmd, args, env) => (calls.push({ args, env }), codes.shift() ?? 0) };
}

describe('build-site', () => {
  it('runs the analyzer into .cache/model.json, then astro build with that model', async () => {
    const r = recorder();
    expect(await run(['--src', '/some/tree', '--strict'], r.runner, () => {})).toBe(ExitCodes.ok);
    expect(r.calls).toHaveLength(2);
    expect(r.calls[0]!.args.slice(1)).toEqual(expect.arrayContaining(['--src', '/some/tree', '--out']));
    expect(r.calls[0]!.args[0]).toMatch(/analyzer|tsx/);
    const model = r.calls[0]!.args[r.calls[0]!.args.indexOf('--out') + 1]!;
    expect(model).toMatch(/\.cache\/model\.json$/);
    expect(r.calls[1]!.args.join(' ')).toMatch(/scripts\/astro-build\.ts --root /);
    expect(r.calls[1]!.env).toMatchObject({ UNIKRAFTLAB_MODEL: model, UNIKRAFTLAB_STRICT: '1' });
  });

  it('leaves source resolution to the analyzer when no --src is given', async () => {
    const r = recorder();
    await run([], r.runner, () => {});
    expect(r.calls[0]!.args).not.toContain('--src');
  });

  it('stops with a named exit code when the analyzer fails, and never builds', async () => {
    const r = recorder([2]);
    const log: string[] = [];
    expect(await run([], r.runner, (s) => log.push(s))).toBe(ExitCodes.analyzeFailed);
    expect(r.calls).toHaveLength(1);
    expect(log.join('')).toMatch(/analyzer failed/);
  });

  it('rejects unknown options and missing values with the option in backticks', async () => {
    const log: string[] = [];
    expect(await run(['--nope'], recorder().runner, (s) => log.push(s))).toBe(ExitCodes.badOptions);
    expect(log[0]).toContain('`--nope`');
    expect(() => parseBuildArgs(['--src'])).toThrow(/`--src` needs a value/);
  });
});
