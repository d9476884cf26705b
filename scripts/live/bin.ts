/** Thin entry of `npm run live`: turns SIGINT/SIGTERM into an abort (boots clean up first), then exits with `run`'s code. */
import { run } from './cli.ts';

const controller = new AbortController();
let signalled: NodeJS.Signals | undefined;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    signalled ??= sig;
    controller.abort();
  });
}
const code = await run(process.argv.slice(2), {
  stdout: { write: (t) => process.stdout.write(t), isTTY: Boolean(process.stdout.isTTY) },
  stderr: { write: (t) => process.stderr.write(t) },
  env: process.env,
  signal: controller.signal,
});
process.exit(signalled === 'SIGTERM' ? 143 : code);
