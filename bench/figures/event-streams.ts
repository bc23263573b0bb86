import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import type { Figure } from '../support/figure.js';
import { startHub } from '../support/hub-process.js';
import { authHeader, jsonHeaders, registerSession, send, expectJson } from '../support/http.js';
import { readMemory } from '../support/proc-memory.js';
import { percentile, round } from '../support/stats.js';

export interface StreamOptions {
  streams: number;
  /** Posts sent once every stream is open; each must reach every stream. */
  posts: number;
  nodeArgs?: string[];
}

interface OpenStream {
  request: ClientRequest;
  response: IncomingMessage;
  /** Resolves with the time each of the next events carrying this title arrived. */
  arrival(title: string): Promise<bigint>;
}

/**
 * The hub holding many open event streams (GET /api/v1/events): its resident memory before and with
 * them open, and how long a post takes to reach every one of them.
 */
export async function measureEventStreams(options: StreamOptions): Promise<Figure[]> {
  const hub = await startHub({ ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}) });
  const streams: OpenStream[] = [];
  try {
    const session = await registerSession(hub.url, 'bench-poster');
    // Let the hub settle before the baseline: its first requests load code.
    await send(`${hub.url}/api/v1/channels`, { headers: jsonHeaders() });
    const before = readMemory(hub.pid).rss;
    for (let i = 0; i < options.streams; i++) streams.push(await openStream(hub.url));
    const held = readMemory(hub.pid).rss;
    const deliveries: number[] = [];
    for (let n = 0; n < options.posts; n++) {
      const title = `fan-out ${n}`;
      const arrivals = streams.map((s) => s.arrival(title));
      const sentAt = process.hrtime.bigint();
      expectJson(await send(`${hub.url}/api/v1/channels/general/messages`, { method: 'POST', headers: jsonHeaders(session), body: JSON.stringify({ title }) }), 201, 'post');
      const last = (await Promise.all(arrivals)).reduce((a, b) => (a > b ? a : b));
      deliveries.push(Number(last - sentAt) / 1e6);
    }
    return figuresOf(options, before, held, deliveries);
  } finally {
    for (const s of streams) s.request.destroy();
    await hub.stop();
  }
}

function openStream(url: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/v1/events?channels=general`, { headers: { ...authHeader(), accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`events: HTTP ${res.statusCode}`));
      let buffered = '';
      const waiting = new Map<string, (at: bigint) => void>();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = process.hrtime.bigint();
        buffered += chunk;
        for (let end = buffered.indexOf('\n\n'); end !== -1; end = buffered.indexOf('\n\n')) {
          const event = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          if (event.startsWith('event: ready')) resolve(stream);
          const title = /"title":"((?:[^"\\]|\\.)*)"/.exec(event)?.[1];
          if (title) waiting.get(title)?.(at);
        }
      });
      const stream: OpenStream = {
        request: req,
        response: res,
        arrival: (title) => new Promise((done) => waiting.set(title, done)),
      };
    });
    req.on('error', reject);
    req.end();
  });
}

function figuresOf(options: StreamOptions, before: number, held: number, deliveries: number[]): Figure[] {
  const growth = held - before;
  const sorted = [...deliveries].sort((a, b) => a - b);
  return [
    {
      id: 'event_streams_memory',
      label: `hub memory with ${options.streams.toLocaleString('en-US')} open event streams`,
      value: round(growth / (1024 * 1024), 1),
      unit: 'MB',
      samples: 1,
      sampleKind: 'measurement',
      note: `rss ${round(before / 1048576, 1)} → ${round(held / 1048576, 1)} MB; ${round(growth / options.streams / 1024, 1)} KB a stream`,
      detail: { streams: options.streams, rss_before_bytes: before, rss_held_bytes: held, bytes_per_stream: Math.round(growth / options.streams) },
    },
    {
      id: 'event_streams_fanout_p99',
      label: `post to all ${options.streams.toLocaleString('en-US')} streams, p99`,
      value: round(percentile(sorted, 99), 2),
      unit: 'ms',
      samples: deliveries.length,
      sampleKind: 'posts',
      note: `p50 ${round(percentile(sorted, 50), 2)} ms, max ${round(sorted.at(-1) ?? 0, 2)} ms (until the last stream has it)`,
      detail: { deliveries_ms: deliveries },
    },
  ];
}
