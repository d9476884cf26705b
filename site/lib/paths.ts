/** `getStaticPaths` data for every generated page kind (the same for both languages). */
import { siteData } from './site-data.ts';

type Paths = { params: Record<string, string> }[];

const names = (keys: Iterable<string>, param = 'name'): Paths => [...keys].map((k) => ({ params: { [param]: k } }));

/** Paths of one kind of page. */
export async function pathsFor(
  kind: 'library' | 'struct' | 'enum' | 'typedef' | 'macro' | 'function' | 'syscall' | 'option' | 'file' | 'app',
): Promise<Paths> {
  const { index, live } = await siteData();
  switch (kind) {
    case 'library':
      return names(index.libraries.keys());
    case 'struct':
      return names(index.structs.keys());
    case 'enum':
      return names(index.enums.keys());
    case 'typedef':
      return names(index.typedefPages);
    case 'macro':
      return names(index.macroPages);
    case 'function':
      return names(index.functions.keys());
    case 'syscall':
      return names(index.syscalls.keys());
    case 'option':
      return names(index.optionPages);
    case 'file':
      return names(index.files.keys(), 'path');
    case 'app':
      return names(live.map((r) => r.app));
  }
}
