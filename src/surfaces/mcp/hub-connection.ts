import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Implementation } from '@modelcontextprotocol/sdk/types.js';
import { SESSION_HEADER } from '../http/caller.js';

/**
 * The stdio side's connection to the hub's /mcp, made on demand and made again after the hub
 * restarts. It remembers which Baton session the hub bound it to (the X-Baton-Session response
 * header) and names it on reconnect, so the identity outlives the connection.
 */
export class HubConnection {
  private connecting: Promise<Client> | undefined;
  private session: string | undefined;

  constructor(
    private readonly hubUrl: string,
    private readonly clientInfo: () => Implementation | undefined,
    private readonly access: { session?: string; token?: string; workspace?: string } = {},
  ) {
    this.session = access.session;
  }

  client(): Promise<Client> {
    const connecting = (this.connecting ??= this.connectNamed());
    connecting.catch(() => this.forget(connecting));
    return connecting;
  }

  /** Drops a connection the hub no longer knows, so the next call connects anew. */
  forget(connection: Promise<Client>): void {
    if (this.connecting !== connection) return;
    this.connecting = undefined;
    void connection.then((c) => c.close()).catch(() => {});
  }

  async close(): Promise<void> {
    const connection = this.connecting;
    this.connecting = undefined;
    const client = await connection?.catch(() => undefined);
    if (!client) return;
    await (client.transport as StreamableHTTPClientTransport | undefined)?.terminateSession().catch(() => {});
    await client.close().catch(() => {});
  }

  /** A remembered session the hub does not know (another data dir) is forgotten, not fatal. */
  private async connectNamed(): Promise<Client> {
    try {
      return await this.connect();
    } catch (error) {
      if (!(error instanceof StreamableHTTPError && error.code === 401 && this.session)) throw error;
      this.session = undefined;
      return this.connect();
    }
  }

  private async connect(): Promise<Client> {
    const info = this.clientInfo();
    const client = new Client({ name: info?.name ?? 'mcp-client', version: info?.version ?? '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(this.access.workspace ? `/w/${encodeURIComponent(this.access.workspace)}/mcp` : '/mcp', this.hubUrl), { fetch: this.fetch }));
    return client;
  }

  private readonly fetch: FetchLike = async (url, init) => {
    const headers = new Headers(init?.headers);
    if (this.session) headers.set(SESSION_HEADER, this.session);
    if (this.access.token) headers.set('authorization', `Bearer ${this.access.token}`);
    const response = await fetch(url, { ...init, headers });
    this.session = response.headers.get(SESSION_HEADER) ?? this.session;
    return response;
  };
}

/** The hub forgot this MCP session (it restarted): the call never ran and can be sent again. */
export const isSessionLost = (error: unknown): boolean => error instanceof StreamableHTTPError && error.code === 404;
