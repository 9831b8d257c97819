/**
 * What server images print when they start (with no command of their own): the lines a learner
 * expects from `kubectl logs` on an nginx, httpd or redis pod. Other server images print nothing.
 */
import { parseImage } from '../../cluster/kubelet/images.js';

const p2 = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

interface Startup {
  /** the version the `latest`-like tags stand for */
  version: string;
  lines: (at: Date, version: string, podIP: string) => string[];
}

const STARTUPS: Record<string, Startup> = {
  nginx: {
    version: '1.27.3',
    lines: (d, v) => {
      const ts = `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      return [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        `${ts} [notice] 1#1: using the "epoll" event method`,
        `${ts} [notice] 1#1: nginx/${v}`,
        `${ts} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
        `${ts} [notice] 1#1: OS: Linux 6.8.0-51-generic`,
        `${ts} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
        `${ts} [notice] 1#1: start worker processes`,
        `${ts} [notice] 1#1: start worker process 29`,
        `${ts} [notice] 1#1: start worker process 30`,
      ];
    },
  },
  httpd: {
    version: '2.4.62',
    lines: (d, v, ip) => {
      const ts = `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')} ${d.getUTCFullYear()}`;
      const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`;
      return [
        fqdn,
        fqdn,
        `[${ts}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${v} (Unix) configured -- resuming normal operations`,
        `[${ts}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
      ];
    },
  },
  redis: {
    version: '7.4.1',
    lines: (d, v) => {
      const ts = `${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
      return [
        `1:C ${ts} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
        `1:C ${ts} * Redis version=${v}, bits=64, commit=00000000, modified=0, pid=1, just started`,
        `1:C ${ts} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
        `1:M ${ts} * monotonic clock: POSIX clock_gettime`,
        `1:M ${ts} * Running mode=standalone, port=6379.`,
        `1:M ${ts} * Server initialized`,
        `1:M ${ts} * Ready to accept connections tcp`,
      ];
    },
  },
};

/** The start-up lines of a server image started at `startedAt`, all written at that instant. */
export function startupLines(image: string, startedAt: number, podIP: string): string[] {
  const ref = parseImage(image);
  const s = STARTUPS[ref.repository];
  if (!s) return [];
  const tag = /^\d+(\.\d+){2}$/.test(ref.tag) ? ref.tag : s.version;
  return s.lines(new Date(startedAt), tag, podIP);
}
