/**
 * The apps manifest (`scripts/apps.manifest.json`): which kernels `npm run live` boots and how to check them.
 * Parsed with zod so a typo names the field and the fix instead of failing deep inside a boot.
 */
import { z } from 'zod';

const PortNumber = z.number().int().min(1).max(65535);

/** A 9p share: a host directory the guest mounts by tag (Unikraft: `vfs.fstab=<tag>:/:9pfs`). */
export const Share = z.strictObject({
  /** Host directory; `${ENV}` is expanded and relative paths are resolved against the manifest's folder. */
  hostDir: z.string().min(1),
  /** Mount tag the guest sees (the `<target dir=…>` of libvirt's `<filesystem>`). */
  tag: z
    .string()
    .min(1)
    .max(31)
    .regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, `_`, `.` or `-` (a 9p mount tag)'),
  readonly: z.boolean().default(true),
  /** Create `hostDir` when it is missing (a scratch share the guest writes into). */
  create: z.boolean().default(false),
});

/** A TCP probe: connect through the forward, send a line, expect the reply to contain some text. */
export const TcpProbe = z.strictObject({
  kind: z.literal('tcp'),
  guestPort: PortNumber,
  send: z.string(),
  /** Text the reply must contain. */
  expect: z.string(),
});

/** An HTTP GET probe through the forward: expect a status and a piece of the body. */
export const HttpProbe = z.strictObject({
  kind: z.literal('http'),
  guestPort: PortNumber,
  path: z.string().startsWith('/').default('/'),
  status: z.number().int().default(200),
  /** Text the body must contain. */
  bodyContains: z.string().default(''),
});

export const Probe = z.discriminatedUnion('kind', [TcpProbe, HttpProbe]);

/** What to wait for on the serial console: a line containing `line`, or a line matching `regex`. */
export const Expect = z.union([
  z.strictObject({ line: z.string().min(1) }),
  z.strictObject({
    regex: z.string().refine((s) => {
      try {
        new RegExp(s);
        return true;
      } catch {
        return false;
      }
    }, 'not a valid JavaScript regular expression'),
  }),
]);

export const AppEntry = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and `-` (it names files)'),
  description: z.string().default(''),
  /** Kernel image: `${ENV}` expanded, relative to the manifest. The env var `UNIKRAFTLAB_KERNEL_<NAME>` overrides it. */
  kernel: z.string().min(1),
  /** Set for kernels this project builds itself (`test-kernel`): `npm run live` builds it before booting. */
  builtBy: z.enum(['test-kernel']).optional(),
  initrd: z.string().min(1).optional(),
  memoryMiB: z.number().int().min(8).max(65536).default(64),
  vcpus: z.number().int().min(1).max(64).default(1),
  /** Kernel options (Unikraft's `netdev.*`, `vfs.*`, …) before `--`. */
  cmdline: z.string().default(''),
  /** App arguments, given after `--`. */
  args: z.array(z.string()).default([]),
  shares: z.array(Share).default([]),
  /** Guest TCP ports to forward from a free host port on 127.0.0.1 (user-mode networking). */
  forwards: z.array(PortNumber).default([]),
  expect: Expect,
  probes: z.array(Probe).default([]),
  timeoutSeconds: z.number().positive().max(3600).default(60),
  related: z
    .strictObject({ libraries: z.array(z.string()).default([]), symbols: z.array(z.string()).default([]) })
    .default({ libraries: [], symbols: [] }),
});

export const AppsManifest = z.strictObject({
  $schema: z.string().optional(),
  apps: z.array(AppEntry).min(1),
});

export type Share = z.infer<typeof Share>;
export type Probe = z.infer<typeof Probe>;
export type TcpProbe = z.infer<typeof TcpProbe>;
export type HttpProbe = z.infer<typeof HttpProbe>;
export type Expect = z.infer<typeof Expect>;
export type AppEntry = z.infer<typeof AppEntry>;
export type AppsManifest = z.infer<typeof AppsManifest>;
