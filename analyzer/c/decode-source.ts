/** Turns a file's bytes into text the parser can take, reporting (never throwing on) what had to change. */
import type { Diagnostic } from '../../model/schema.ts';

/** Text ready to parse (BOM stripped, line ends normalised to LF), plus what was wrong with the bytes. */
export interface DecodedSource {
  text: string;
  diagnostics: Diagnostic[];
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Decodes UTF-8 with replacement. Line numbers stay those of the file: CRLF and lone CR both become one LF.
 * A file with NUL bytes is treated as binary: empty text and a `binary-file` diagnostic.
 */
export function decodeSource(path: string, bytes: Uint8Array): DecodedSource {
  const diagnostics: Diagnostic[] = [];
  if (bytes.includes(0)) {
    diagnostics.push({
      file: path,
      line: null,
      severity: 'warning',
      code: 'binary-file',
      message: `\`${path}\` contains NUL bytes and was skipped as binary; remove it from the analyzed tree or ignore this warning.`,
    });
    return { text: '', diagnostics };
  }
  let text = decoder.decode(bytes);
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0 && !hasLiteralReplacementChar(bytes)) {
    const line = lineOf(text, bad);
    diagnostics.push({
      file: path,
      line,
      severity: 'warning',
      code: 'invalid-utf8',
      message: `\`${path}\` is not valid UTF-8 (first bad byte on line ${line}); invalid bytes were replaced with U+FFFD.`,
    });
  }
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return { text, diagnostics };
}

/** True when the bytes themselves contain an encoded U+FFFD (EF BF BD), so a replacement char is not proof of damage. */
function hasLiteralReplacementChar(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) return true;
  }
  return false;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
