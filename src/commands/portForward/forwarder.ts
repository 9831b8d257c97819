import { createServer, type Server, type Socket } from 'node:net';
import type { IO } from '../util/io.js';
import { CommandError, klogHeader } from '../util/errors.js';
import { joinHostPort, type ForwardedPort, type ListenAddress } from './ports.js';
import type { PodStream } from './podStream.js';

/** How often the forwarder looks whether the pod is still there (the kubelet ends the stream when it goes). */
const POD_CHECK_MS = 250;

/** Go's texts for the errno a bind fails with. */
const ERRNO_TEXT: Record<string, string> = {
  EADDRINUSE: 'address already in use',
  EACCES: 'permission denied',
  EADDRNOTAVAIL: 'cannot assign requested address',
  EAFNOSUPPORT: 'address family not supported by protocol',
};

function listen(protocol: ListenAddress['protocol'], host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer({ pauseOnConnect: true });
    server.once('error', (e: NodeJS.ErrnoException) => {
      const text = ERRNO_TEXT[e.code ?? ''] ?? e.message;
      reject(new Error(`unable to create listener: Error listen ${protocol} ${joinHostPort(host, port)}: bind: ${text}`));
    });
    // Go's tcp6 listener is IPv6 only; tcp4 is IPv4 by construction
    server.listen({ host, port, ipv6Only: protocol === 'tcp6', exclusive: true }, () => {
      server.removeAllListeners('error');
      resolve(server);
    });
  });
}

/**
 * client-go's PortForwarder: a listener per port and address, each local connection handed to the pod's
 * end, until Ctrl-C (the stop channel) or the connection to the pod is lost.
 */
export class PortForwarder {
  private readonly listeners: Server[] = [];
  private readonly sockets = new Set<Socket>();
  private lose?: () => void;

  constructor(
    private readonly addresses: ListenAddress[],
    private readonly ports: ForwardedPort[],
    private readonly pod: PodStream,
    private readonly io: IO,
  ) {}

  /** Listens, then forwards until the signal fires (returns) or the pod is lost (throws kubectl's error). */
  async forwardPorts(signal?: AbortSignal): Promise<void> {
    try {
      let listenSuccess = false;
      for (const port of this.ports) {
        try {
          await this.listenOnPort(port);
          listenSuccess = true;
        } catch (e) {
          this.io.err(`Unable to listen on port ${port.local}: ${(e as Error).message}\n`);
        }
      }
      if (!listenSuccess) throw new CommandError(`error: unable to listen on any of the requested ports: [${this.ports.map((p) => `{${p.local} ${p.remote}}`).join(' ')}]`);
      const lost = await new Promise<boolean>((resolve) => {
        if (signal?.aborted) return resolve(false);
        const timer = setInterval(() => {
          if (!this.pod.current()) this.lose?.();
        }, POD_CHECK_MS);
        timer.unref();
        const onAbort = () => finish(false);
        const finish = (v: boolean) => {
          clearInterval(timer);
          signal?.removeEventListener('abort', onAbort);
          this.lose = undefined;
          resolve(v);
        };
        this.lose = () => finish(true);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      if (lost) throw new CommandError('error: lost connection to pod');
    } finally {
      this.close();
    }
  }

  /** client-go's listenOnPort: `localhost` needs one of 127.0.0.1 and ::1, any other address must listen. */
  private async listenOnPort(port: ForwardedPort): Promise<void> {
    const errors: string[] = [];
    const fail = { all: 0, any: 0 };
    const ok = { all: 0, any: 0 };
    for (const addr of this.addresses) {
      try {
        const server = await listen(addr.protocol, addr.address, port.local);
        this.listeners.push(server);
        const bound = server.address();
        if (bound && typeof bound === 'object') port.local = bound.port;
        this.io.out(`Forwarding from ${joinHostPort(addr.address, port.local)} -> ${port.remote}\n`);
        const forwarded = { ...port };
        server.on('connection', (socket) => void this.handleConnection(socket, forwarded));
        ok[addr.failureMode]++;
      } catch (e) {
        errors.push((e as Error).message);
        fail[addr.failureMode]++;
      }
    }
    if ((ok.all === 0 && fail.all > 0) || fail.any > 0) throw new Error(`Listeners failed to create with the following errors: [${errors.join(' ')}]`);
  }

  /** client-go's handleConnection: one stream to the pod per local connection; an error from the pod ends the session. */
  private async handleConnection(socket: Socket, port: ForwardedPort): Promise<void> {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    this.io.out(`Handling connection for ${port.local}\n`);
    const dialed = await this.pod.dial(port.remote);
    if (!dialed.ok) {
      socket.destroy();
      const err = `an error occurred forwarding ${port.local} -> ${port.remote}: ${dialed.error}`;
      this.io.err(`${klogHeader('E', 'portforward.go:424')} "Unhandled Error" err=${JSON.stringify(err)}\n`);
      this.lose?.();
      return;
    }
    dialed.serve(socket);
  }

  /** Stops every listener and drops the connections still open, as the process ending would. */
  private close(): void {
    for (const l of this.listeners) l.close();
    for (const s of this.sockets) s.destroy();
  }
}
