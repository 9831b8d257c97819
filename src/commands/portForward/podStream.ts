import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { KubeObject } from '../../cluster/api/types.js';
import type { Engine } from '../../cluster/engine.js';
import { ClusterView } from '../../cluster/view.js';
import { httpBody } from '../../cluster/kubelet/exec.js';
import { imageServes } from '../../cluster/kubelet/probes.js';
import { hexOf } from '../../cluster/meta/hash.js';

/** How a connection to a port of the pod turned out: served by a container, or the kubelet's error text. */
export type Dialed = { ok: true; serve(socket: Socket): void } | { ok: false; error: string };

/**
 * The pod's end of `kubectl port-forward`: the kubelet (through containerd) connects to localhost:PORT inside
 * the pod's network namespace, so what answers is whatever a container of the pod listens on, and the
 * simulated images answer as they do to wget from another pod (httpBody). NetworkPolicies do not apply:
 * the connection starts in the pod's own namespace, not on the pod network, as on a real cluster.
 */
export class PodStream {
  private readonly view: ClusterView;
  private readonly http: Server;
  private readonly sandbox: string;
  private readonly netns: string;

  constructor(
    private readonly engine: Engine,
    private readonly pod: KubeObject,
  ) {
    this.view = new ClusterView(() => engine.store.read());
    const uid = String(pod.metadata.uid);
    this.sandbox = hexOf(`${uid}/sandbox`, 64);
    const u = hexOf(`${uid}/netns`, 32);
    this.netns = `cni-${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`;
    this.http = createServer((req, res) => {
      const current = this.current();
      const body = current && httpBody(current, this.portOf.get(req.socket) ?? 0);
      if (body === undefined) {
        req.socket.destroy();
        return;
      }
      res.sendDate = false;
      res.setHeader('Date', new Date(this.engine.clock.now()).toUTCString());
      res.setHeader('Content-Type', body.startsWith('<') ? 'text/html' : 'text/plain; charset=utf-8');
      res.setHeader('Content-Length', Buffer.byteLength(body));
      res.end(body);
    });
    // no `Keep-Alive: timeout=` header, which the simulated servers (nginx) do not send; idle connections stay open
    this.http.keepAliveTimeout = 0;
  }

  /** The container port each connection reached, for the request handler. */
  private readonly portOf = new WeakMap<Socket, number>();

  /** The pod as stored now, if it is still the one forwarded to and running. */
  current(): KubeObject | undefined {
    const p = this.view.get('/pods', this.pod.metadata.namespace, this.pod.metadata.name!);
    if (!p || p.metadata.uid !== this.pod.metadata.uid || p.status?.phase !== 'Running') return undefined;
    return p;
  }

  /** Connects to localhost:port inside the pod, after the cluster has caught up with the present. */
  async dial(port: number): Promise<Dialed> {
    await this.engine.sync();
    const pod = this.current();
    const serves = pod && (pod.spec?.containers ?? []).some((c: KubeObject) => imageServes(String(c.image ?? ''), port));
    if (!pod || !serves)
      return {
        ok: false,
        error:
          `error forwarding port ${port} to pod ${this.sandbox}, uid : failed to execute portforward in network namespace "/var/run/netns/${this.netns}": ` +
          `failed to connect to localhost:${port} inside namespace "${this.sandbox}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6: address localhost: no suitable address found `,
      };
    if (httpBody(pod, port) === undefined)
      return {
        ok: true,
        // a server that does not speak HTTP (redis, postgres) drops a client that sends it a request
        serve: (socket) => {
          socket.once('data', () => socket.end());
          socket.resume();
        },
      };
    return {
      ok: true,
      serve: (socket) => {
        this.portOf.set(socket, port);
        this.http.emit('connection', socket);
        socket.resume();
      },
    };
  }
}
