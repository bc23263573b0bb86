import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { atFileEnd, atProcessExit } from '../../support/cleanup.js';
import { tempDir } from '../../support/temp-dir.js';
import { freePort } from '../../support/free-port.js';

export const NGINX = '/usr/sbin/nginx';
export const hasNginx = existsSync(NGINX);

const DEPLOY_DOC = fileURLToPath(new URL('../../../docs/deploy.md', import.meta.url));
/** The comment in docs/deploy.md that names the block this test runs. */
const MARKER = '<!-- test/cluster/nginx.test.ts runs the next block';
/** The node addresses the documented block uses, in node order. */
const DOC_NODES = ['127.0.0.1:7421', '127.0.0.1:7422', '127.0.0.1:7423'];

export interface Balancer {
  url: string;
  /** The access log so far, one `method uri "mcp-session-id" "upstream addresses" status` per request. */
  routes(): string[];
}

/**
 * The nginx block of docs/deploy.md, for these node addresses (host:port, in node order) and a plain
 * listener on this port: TLS is nginx's own business, so its certificate lines are left out.
 */
export function documentedConfig(nodes: string[], port: number): string {
  const doc = readFileSync(DEPLOY_DOC, 'utf8');
  const from = doc.indexOf(MARKER);
  const block = from < 0 ? undefined : /```nginx\n([\s\S]*?)\n```/.exec(doc.slice(from))?.[1];
  if (!block) throw new Error(`docs/deploy.md has no nginx block after '${MARKER}'`);
  for (const address of DOC_NODES) if (!block.includes(address)) throw new Error(`docs/deploy.md's nginx block no longer names ${address}`);
  const byDocAddress = new Map(DOC_NODES.map((address, i) => [address, nodes[i]!]));
  const listen = /^(\s*)listen 443 ssl;$/m;
  if (!listen.test(block)) throw new Error("docs/deploy.md's nginx block no longer has 'listen 443 ssl;'");
  return block
    .replace(/127\.0\.0\.1:742[1-3]\b/g, (address) => byDocAddress.get(address)!)
    .replace(listen, `$1listen 127.0.0.1:${port};`)
    .replace(/^\s*ssl_certificate(_key)? .*;\n/gm, '');
}

/**
 * Runs nginx in the foreground on a configuration of http-context blocks, everything it writes in a
 * temp dir, with each response naming the nodes nginx tried (`X-Upstream-Addr`) and an access log of
 * the routes taken. Stopped when the test file ends.
 */
export async function startNginx(blocks: string, port: number): Promise<Balancer> {
  const dir = tempDir('baton-nginx-');
  writeFileSync(join(dir, 'baton.conf'), blocks);
  writeFileSync(join(dir, 'nginx.conf'), wrapper(dir));
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // SIGTERM, not SIGKILL: the master stops its workers on the way out; killed, it would leave them serving.
  atFileEnd(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  });
  atProcessExit(() => child.kill('SIGTERM'));
  await listening(port, () => child.exitCode === null && child.signalCode === null);
  if (child.exitCode !== null || child.signalCode !== null) throw new Error(`nginx exited: ${errors}${readIfThere(join(dir, 'error.log'))}`);
  const accessLog = join(dir, 'access.log');
  return { url: `http://127.0.0.1:${port}`, routes: () => readIfThere(accessLog).split('\n').filter(Boolean) };
}


/** Everything nginx writes goes to dir; as root its worker would drop to a user that cannot write there. */
function wrapper(dir: string): string {
  const path = (name: string) => join(dir, name);
  return `${process.getuid?.() === 0 ? 'user root;\n' : ''}daemon off;
worker_processes 1;
pid ${path('nginx.pid')};
error_log ${path('error.log')} notice;
events {}
http {
    log_format baton_routes '$request_method $uri "$http_mcp_session_id" "$upstream_addr" $status';
    access_log ${path('access.log')} baton_routes;
    add_header X-Upstream-Addr $upstream_addr always;
    client_body_temp_path ${path('client_body')};
    proxy_temp_path ${path('proxy')};
    fastcgi_temp_path ${path('fastcgi')};
    uwsgi_temp_path ${path('uwsgi')};
    scgi_temp_path ${path('scgi')};
    include ${path('baton.conf')};
}
`;
}

/** Resolves once something accepts connections on the port (each refusal starts the next try), or nginx is gone. */
async function listening(port: number, running: () => boolean): Promise<void> {
  while (running()) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
  }
}

function readIfThere(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
