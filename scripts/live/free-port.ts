/** Picks free TCP ports on 127.0.0.1 for QEMU's host-side forwards, chosen at run time so several boots can coexist. */
import { createServer } from 'node:net';

/** Asks the kernel for a free loopback port by binding port 0, then releases it for QEMU to take. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}
