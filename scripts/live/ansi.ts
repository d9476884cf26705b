/** Turns raw serial console bytes into plain text for records and matching. */

// CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`), and two-byte escapes such as SeaBIOS's `ESC c` reset.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-~]|\x1b[ -/][@-~]?/g;
const OTHER_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]/g;

/** Removes ANSI escape sequences and stray control characters, and makes `\r\n` (and lone `\r`) `\n`. */
export function stripAnsi(raw: string): { text: string; hadAnsi: boolean } {
  const hadAnsi = /\x1b/.test(raw);
  const text = raw.replace(ANSI, '').replace(/\r\n?/g, '\n').replace(OTHER_CONTROL, '');
  return { text, hadAnsi };
}
