/** One status line per running boot on a TTY (app, accelerator, phase, elapsed); nothing at all when not a TTY. */
import type { Accelerator, BootPhase } from './boot-app.ts';

/** Where progress goes: a stream and whether it is a terminal. */
export interface ProgressOutput {
  write(text: string): void;
  isTTY: boolean;
}

/** Tracks boots and redraws their lines in place every `intervalMs` while any is running. */
export function createProgress(out: ProgressOutput, intervalMs = 200) {
  const rows = new Map<string, { phase: string; acc: string; started: number }>();
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    if (!out.isTTY) return;
    let text = drawn ? `\x1b[${drawn}A` : '';
    for (const [app, r] of rows) {
      const secs = ((Date.now() - r.started) / 1000).toFixed(1);
      const acc = r.acc ? ` [${r.acc === 'qemu' ? 'tcg' : r.acc}]` : '';
      text += `\x1b[2K${app}${acc} ${r.phase} ${secs}s\n`;
    }
    drawn = rows.size;
    out.write(text);
  };
  return {
    /** Records a phase change of one app. */
    update(app: string, phase: BootPhase | 'starting' | `done: ${string}`, acc: Accelerator | '' = '') {
      const row = rows.get(app);
      rows.set(app, { phase, acc: acc || row?.acc || '', started: row?.started ?? Date.now() });
      if (out.isTTY && !timer) timer = setInterval(draw, intervalMs);
      draw();
    },
    /** Draws once more and stops redrawing. */
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      draw();
    },
  };
}
