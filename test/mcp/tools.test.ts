import { getEncoding } from 'js-tiktoken';
import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { connect } from '../support/mcp-client.js';

describe('tool definitions', () => {
  let hub: HubProcess;
  beforeAll(async () => {
    hub = await startHubProcess();
  });

  it('tools - the hub lists the four collab tools, each dispatching on operation', async () => {
    const { client } = await connect(hub.url, 'tool-lister');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['collab_channels', 'collab_documents', 'collab_directory', 'collab_tasks']);
    const operations = Object.fromEntries(tools.map((t) => [t.name, (t.inputSchema.properties!.operation as { enum: string[] }).enum]));
    expect(operations).toEqual({
      collab_channels: ['list', 'post', 'read', 'wait', 'create'],
      collab_documents: ['list', 'upload', 'download', 'move', 'delete', 'versions', 'restore'],
      collab_directory: ['list_users', 'get_user', 'whoami', 'register'],
      collab_tasks: ['list', 'get', 'create', 'claim', 'renew', 'release', 'complete', 'fail', 'cancel', 'reassign', 'ack', 'resolve'],
    });
    for (const tool of tools) expect(tool.inputSchema.required).toEqual(['operation']);
  });

  it("tools - the contract's parameters are all declared", async () => {
    const { client } = await connect(hub.url, 'tool-lister');
    const { tools } = await client.listTools();
    const params = (name: string) => Object.keys(tools.find((t) => t.name === name)!.inputSchema.properties!);
    expect(params('collab_channels')).toEqual(expect.arrayContaining(['channel_name', 'message', 'title', 'limit']));
    expect(params('collab_documents')).toEqual(expect.arrayContaining(['file_name', 'content', 'folder_path', 'document_id']));
    expect(params('collab_directory')).toEqual(expect.arrayContaining(['user_id', 'limit']));
  });

  it('tools - all definitions together cost fewer than 2,500 tokens', async () => {
    const { client } = await connect(hub.url, 'tool-lister');
    const listed = await client.listTools();
    const tokens = getEncoding('cl100k_base').encode(JSON.stringify(listed)).length;
    expect(tokens).toBeGreaterThan(100);
    expect(tokens).toBeLessThan(2500);
  });

  it('tools - an unknown tool is an error result, not a crash', async () => {
    const mcp = await connect(hub.url, 'tool-lister');
    expect(await mcp.call('collab_email', { operation: 'send' })).toEqual({
      success: false,
      error: 'Unknown tool: collab_email',
      code: 'not_found',
      isError: true,
    });
    expect(await mcp.call('collab_channels', { operation: 'list' })).toHaveProperty('channels');
  });

  it("tools - the origin's provider_name, team_id and site_id are accepted and ignored", async () => {
    const mcp = await connect(hub.url, 'amplifier');
    const reply = await mcp.call('collab_channels', { operation: 'list', provider_name: 'm365', team_id: 't', site_id: 's' });
    expect(reply.isError).toBeUndefined();
    expect(reply.channels.map((c: { name: string }) => c.name)).toContain('general');
  });

  it('initialize - the hub introduces itself and its tools capability', async () => {
    const { client } = await connect(hub.url, 'tool-lister');
    expect(client.getServerVersion()?.name).toBe('baton');
    expect(client.getServerCapabilities()?.tools).toBeDefined();
    expect(client.getInstructions()).toContain('whoami');
  });
});
