// Include resolution on a real tmp tree: include path order, quoted includes, Makefile.uk -I dirs, arch preference.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIncludeResolver } from '../../source/include-resolver.ts';
import { tmpDir } from './git-fixtures.ts';

async function tree(files: Record<string, string>): Promise<string> {
  const root = await tmpDir('ukl-inc-');
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

describe('createIncludeResolver', () => {
  it('resolves like the build: include/, lib/*/include, Makefile.uk -I dirs, arch (x86_64 first), plat', async () => {
    const root = await tree({
      'include/uk/a.h': '',
      'lib/alpha/include/uk/a.h': '', // shadowed by include/uk/a.h
      'lib/alpha/include/uk/b.h': '',
      'lib/alpha/Makefile.uk':
        '$(eval $(call addlib_s,libalpha,$(CONFIG_LIBALPHA)))\nCINCLUDES-y += -I$(LIBALPHA_BASE)/arch/$(CONFIG_UK_ARCH)/include\n',
      'lib/alpha/arch/x86_64/include/arch/c.h': '',
      'lib/alpha/arch/arm64/include/arch/c.h': '',
      'lib/alpha/src/local.h': '',
      'lib/alpha/src/x.c': '',
      'arch/arm/arm64/include/uk/asm/d.h': '',
      'arch/x86/x86_64/include/uk/asm/d.h': '',
      'plat/common/include/uk/plat/e.h': '',
    });
    const r = await createIncludeResolver(root);
    const from = 'lib/alpha/src/x.c';
    expect(await r.resolve('uk/a.h', false, from)).toBe('include/uk/a.h');
    expect(await r.resolve('uk/b.h', false, from)).toBe('lib/alpha/include/uk/b.h');
    expect(await r.resolve('arch/c.h', false, from)).toBe('lib/alpha/arch/x86_64/include/arch/c.h');
    expect(await r.resolve('uk/asm/d.h', false, from)).toBe('arch/x86/x86_64/include/uk/asm/d.h');
    expect(await r.resolve('uk/plat/e.h', false, from)).toBe('plat/common/include/uk/plat/e.h');
    expect(await r.resolve('local.h', true, from)).toBe('lib/alpha/src/local.h');
    expect(await r.resolve('local.h', false, from)).toBeNull(); // <local.h> does not search the file's own directory
    expect(await r.resolve('stdio.h', false, from)).toBeNull();
    expect(await r.resolve('../../../etc/passwd', true, from)).toBeNull();
    const arm = await createIncludeResolver(root, { preferArch: 'arm64' });
    expect(await arm.resolve('uk/asm/d.h', false, from)).toBe('arch/arm/arm64/include/uk/asm/d.h');
  });
});
