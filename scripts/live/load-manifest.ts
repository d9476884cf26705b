/** Reads the apps manifest, validates it, and resolves each app's paths against the manifest and the environment. */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { AppsManifest, type AppEntry } from './manifest.ts';
import { ExitCodes, LiveError } from './errors.ts';

/** An app whose `kernel`, `initrd` and share paths are absolute, plus where the kernel path came from. */
export interface ResolvedApp extends AppEntry {
  /** Name of the env var that overrode `kernel`, or null when the manifest's value was used. */
  kernelFrom: string | null;
}

/** `UNIKRAFTLAB_KERNEL_<NAME>`: the per-app override of the kernel path (`-` becomes `_`). */
export function kernelEnvName(app: string): string {
  return `UNIKRAFTLAB_KERNEL_${app.toUpperCase().replace(/-/g, '_')}`;
}

/** Expands `${VAR}` from `env`; an unset variable is an error that names it. */
export function expandEnv(value: string, env: NodeJS.ProcessEnv, where: string): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const v = env[name];
    if (v === undefined || v === '') {
      throw new LiveError(
        `\`${where}\` uses \`\${${name}}\`, which is not set.`,
        `Set \`${name}\` or edit the manifest.`,
      );
    }
    return v;
  });
}

function resolvePath(value: string, base: string, env: NodeJS.ProcessEnv, where: string): string {
  const expanded = expandEnv(value, env, where);
  return isAbsolute(expanded) ? expanded : resolve(base, expanded);
}

/** Validates parsed manifest JSON; `origin` names the file in errors. */
export function parseManifest(data: unknown, origin: string): AppsManifest {
  const result = AppsManifest.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 5)
      .map((i) => `  \`${i.path.join('.')}\`: ${i.message}`)
      .join('\n');
    throw new LiveError(
      `${origin} does not match the apps manifest schema:\n${issues}`,
      'Fix the named fields.',
      ExitCodes.badManifest,
    );
  }
  const seen = new Set<string>();
  for (const app of result.data.apps) {
    if (seen.has(app.name))
      throw new LiveError(
        `${origin} lists the app \`${app.name}\` twice.`,
        'Give each app a unique `name`.',
        ExitCodes.badManifest,
      );
    seen.add(app.name);
  }
  return result.data;
}

/** Loads `path` and resolves every app's paths. Unset `${ENV}` in a kernel path is not an error: the app is skipped later. */
export async function loadManifest(path: string, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedApp[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new LiveError(
      `Cannot read the apps manifest \`${path}\`.`,
      'Pass an existing file with `--manifest FILE`.',
      ExitCodes.badManifest,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new LiveError(
      `\`${path}\` is not JSON: ${(e as Error).message}`,
      'Fix the JSON syntax.',
      ExitCodes.badManifest,
    );
  }
  const manifest = parseManifest(data, `\`${path}\``);
  const base = dirname(resolve(path));
  return manifest.apps.map((app) => {
    const override = env[kernelEnvName(app.name)];
    const kernelFrom = override ? kernelEnvName(app.name) : null;
    let kernel: string;
    try {
      kernel = override ? resolve(override) : resolvePath(app.kernel, base, env, `apps.${app.name}.kernel`);
    } catch (e) {
      // Keep the unexpanded value; the runner reports it as "skipped: set `VAR`".
      if (e instanceof LiveError) kernel = app.kernel;
      else throw e;
    }
    return {
      ...app,
      kernel,
      kernelFrom,
      initrd: app.initrd === undefined ? undefined : resolvePath(app.initrd, base, env, `apps.${app.name}.initrd`),
      shares: app.shares.map((s) => ({ ...s, hostDir: resolvePath(s.hostDir, base, env, `apps.${app.name}.shares`) })),
    };
  });
}
