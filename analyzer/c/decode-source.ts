/** Turns a file's bytes into text the parser can take, reporting (never throwing on) what had to change. */
import type { Diagnostic } from '../../model/schema.ts';

/** Text ready to parse (BOM stripped, line ends normalised to LF), plus what was wrong with the bytes. */
export interface DecodedSource {
  text: string;
  diagnostics: Diagnostic[];
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Decodes UTF-8, replacing invalid sequences with U+FFFD (diagnostic `invalid-utf8` with the first bad line). CRLF
 * and lone CR both become one LF, so line numbers stay those an editor shows. A file with NUL bytes is binary:
 * empty text and a `binary-file` diagnostic.
 */
export function decodeSource(path: string, bytes: Uint8Array): DecodedSource {
  const diagnostics: Diagnostic[] = [];
  if (bytes.includes(0)) {
    diagnostics.push({
      file: path,
      line: null,
      severity: 'warning',
      code: 'binary-file',
      message: `\`${path}\` contains NUL bytes, so it was skipped as binary; remove it from the source tree if it is not C.`,
    });
    return { text: '', diagnostics };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const line = lineOfByte(bytes, bad);
    diagnostics.push({
      file: path,
      line,
      severity: 'warning',
      code: 'invalid-utf8',
      message: `\`${path}\` is not valid UTF-8 (first bad byte on line ${line}); invalid bytes were read as U+FFFD. Re-save the file as UTF-8 to silence this.`,
    });
  }
  let text = decoder.decode(bytes);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return { text, diagnostics };
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** 1-based line of a byte offset, counting CRLF and lone CR as one line break each, like decodeSource. */
function lineOfByte(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = b[i];
    if (c === 10) line++;
    else if (c === 13 && b[i + 1] !== 10) line++;
  }
  return line;
}
