/** Reads the Unikraft version from the boot banner ("Powered by", then art, then `<Codename> <version>`). */

/** The version string (e.g. `0.17.0~eaf6fda1`) from the first lines after `Powered by`, or null when absent. */
export function parseUnikraftVersion(consoleText: string): string | null {
  const lines = consoleText.split('\n');
  const start = lines.findIndex((l) => /Powered by/.test(l));
  if (start < 0) return null;
  for (const line of lines.slice(start + 1, start + 10)) {
    const m = /(?:^|\s)[A-Z][A-Za-z]+\s+(\d+\.\d+(?:\.\d+)?[^\s]*)\s*$/.exec(line);
    if (m?.[1]) return m[1];
  }
  return null;
}
