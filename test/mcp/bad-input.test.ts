import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { connect, type McpClient } from '../support/mcp-client.js';
import { authedFetch } from '../support/hub-tokens.js';

type Case = [string, string, Record<string, unknown>, string | RegExp];

const OVER_LIMIT = 'x'.repeat(16 * 1024 + 1);
const LONG_PATH = `${'a/'.repeat(520)}x.md`;

/** Every operation refused, with the contract's wording where it has one. Only `seed.md` exists. */
const CASES: Case[] = [
  ['collab_channels', 'no operation', {}, /^operation: is required/],
  ['collab_channels', 'an unknown operation', { operation: 'shout' }, 'Unknown operation: shout'],
  ['collab_channels', 'an unknown parameter', { operation: 'read', chanel_name: 'general' }, /^unknown parameter 'chanel_name'/],
  ['collab_channels', 'post without channel_name', { operation: 'post', message: 'hi' }, "channel_name and message required for 'post'"],
  ['collab_channels', 'post without message', { operation: 'post', channel_name: 'general' }, "channel_name and message required for 'post'"],
  ['collab_channels', 'post to a missing channel', { operation: 'post', channel_name: 'nowhere', message: 'hi' }, "Channel 'nowhere' not found"],
  ['collab_channels', 'post with a body over 16 KiB', { operation: 'post', channel_name: 'general', message: OVER_LIMIT }, /upload the text as a document/],
  ['collab_channels', 'post with a control character in the title', { operation: 'post', channel_name: 'general', title: 'a\u0007b', message: 'x' }, 'title: must not contain control characters'],
  ['collab_channels', 'post replying to a missing message', { operation: 'post', channel_name: 'general', message: 'x', reply_to: 'm-zzzz' }, "reply_to: message 'm-zzzz' not found"],
  ['collab_channels', 'post with a channel_name that is not a string', { operation: 'post', channel_name: 7, message: 'x' }, 'channel_name: must be a string'],
  ['collab_channels', 'read without channel_name', { operation: 'read' }, "channel_name required for 'read'"],
  ['collab_channels', 'read of a missing channel', { operation: 'read', channel_name: 'nowhere' }, "Channel 'nowhere' not found"],
  ['collab_channels', 'read with limit 0', { operation: 'read', channel_name: 'general', limit: 0 }, 'limit: must be at least 1'],
  ['collab_channels', 'read since something that is not a cursor', { operation: 'read', channel_name: 'general', since: 'yesterday' }, /^since: must be a cursor/],
  ['collab_channels', 'read since and unread at once', { operation: 'read', channel_name: 'general', since: '0', unread: true }, "unread: cannot be combined with 'since'"],
  ['collab_channels', 'read of a missing thread', { operation: 'read', channel_name: 'general', thread: 'm-zzzz' }, /^thread: message 'm-zzzz' is not in channel 'general'/],
  ['collab_channels', 'read with a tiny max_chars', { operation: 'read', channel_name: 'general', max_chars: 10 }, 'max_chars: must be at least 500'],
  ['collab_channels', 'wait without a channel', { operation: 'wait' }, "channel_name or channels required for 'wait'"],
  ['collab_channels', 'wait longer than 300 s', { operation: 'wait', channel_name: 'general', timeout: 301 }, 'timeout: must be at most 300'],
  ['collab_channels', 'wait on a broken pattern', { operation: 'wait', channel_name: 'general', title: '(' }, 'title: must be a valid regular expression'],
  ['collab_channels', 'wait on a pattern that could run forever', { operation: 'wait', channel_name: 'general', title: '(a+)+$' }, /^title: is a pattern that could take too long/],
  ['collab_channels', 'wait on a missing channel', { operation: 'wait', channels: ['general', 'nowhere'] }, "Channel 'nowhere' not found"],
  ['collab_channels', 'wait with channels that is not a list', { operation: 'wait', channels: 'general' }, /^channels: must be an array/],
  ['collab_channels', 'create without channel_name', { operation: 'create' }, "channel_name required for 'create'"],
  ['collab_channels', 'create with a name that is not a channel name', { operation: 'create', channel_name: 'no spaces!' }, /^channel_name: must be 1-80 characters/],
  ['collab_channels', 'create of an existing channel', { operation: 'create', channel_name: '#General' }, "Channel 'general' already exists"],
  ['collab_documents', 'an unknown operation', { operation: 'share' }, 'Unknown operation: share'],
  ['collab_documents', 'upload without file_name', { operation: 'upload', content: 'x' }, "file_name and content required for 'upload'"],
  ['collab_documents', 'upload without content', { operation: 'upload', file_name: 'a.md' }, "file_name and content required for 'upload'"],
  ['collab_documents', "upload with '..' in file_name", { operation: 'upload', file_name: '../escape.md', content: 'x' }, "file_name: must not contain '.' or '..' segments"],
  ['collab_documents', "upload with '..' in folder_path", { operation: 'upload', folder_path: 'Amplifier/../..', file_name: 'a.md', content: 'x' }, "folder_path: must not contain '.' or '..' segments"],
  ['collab_documents', 'upload with a leading / in file_name', { operation: 'upload', file_name: '/etc/passwd', content: 'x' }, "file_name: must be relative (no leading '/')"],
  ['collab_documents', 'upload with a control character in file_name', { operation: 'upload', file_name: 'a\u0001.md', content: 'x' }, 'file_name: must not contain control characters'],
  ['collab_documents', 'upload with a path over 1024 characters', { operation: 'upload', file_name: LONG_PATH, content: 'x' }, 'file_name: must be at most 1024 characters'],
  ['collab_documents', 'upload with an unknown encoding', { operation: 'upload', file_name: 'a.md', content: 'x', encoding: 'hex' }, /^encoding: /],
  ['collab_documents', 'upload of broken base64', { operation: 'upload', file_name: 'a.bin', content: '!!not base64!!', encoding: 'base64' }, 'content: is not valid base64'],
  ['collab_documents', 'upload with a content_type that is not a media type', { operation: 'upload', file_name: 'a.md', content: 'x', content_type: 'markdown' }, /^content_type: must be a media type/],
  ['collab_documents', 'upload with a negative if_match', { operation: 'upload', file_name: 'a.md', content: 'x', if_match: -1 }, 'if_match: must be at least 0'],
  ['collab_documents', 'upload with if_match for a path that does not exist', { operation: 'upload', file_name: 'a.md', content: 'x', if_match: 3 }, /^Conflict: 'a.md' does not exist yet/],
  ['collab_documents', 'download without document_id', { operation: 'download' }, "document_id required for 'download'"],
  ['collab_documents', 'download of a missing document', { operation: 'download', document_id: 'd-zzzzzzzzzz' }, "Document 'd-zzzzzzzzzz' not found"],
  ['collab_documents', 'download through a link that is not a document', { operation: 'download', document_id: 'http://127.0.0.1/m/m-1' }, /^document_id: is a link, but not to a document/],
  ['collab_documents', 'download of version 0', { operation: 'download', document_id: 'seed.md', version: 0 }, 'version: must be at least 1'],
  ['collab_documents', 'download of a version that does not exist', { operation: 'download', document_id: 'seed.md', version: 9 }, "Document 'seed.md' has no version 9 (current: 1)"],
  ['collab_documents', 'download from a negative offset', { operation: 'download', document_id: 'seed.md', offset: -5 }, 'offset: must be at least 0'],
  ['collab_documents', 'list of a folder with ..', { operation: 'list', folder_path: '../secrets' }, "folder_path: must not contain '.' or '..' segments"],
  ['collab_documents', 'list with recursive that is not a flag', { operation: 'list', recursive: 'maybe' }, /^recursive: /],
  ['collab_documents', 'move without to', { operation: 'move', document_id: 'seed.md' }, "document_id and to required for 'move'"],
  ['collab_documents', 'move out of the tree', { operation: 'move', document_id: 'seed.md', to: '../seed.md' }, "to: must not contain '.' or '..' segments"],
  ['collab_documents', 'move of a missing document', { operation: 'move', document_id: 'missing.md', to: 'b.md' }, "Document 'missing.md' not found"],
  ['collab_documents', 'delete without document_id', { operation: 'delete' }, "document_id required for 'delete'"],
  ['collab_documents', 'delete of a missing document', { operation: 'delete', document_id: 'missing.md' }, "Document 'missing.md' not found"],
  ['collab_documents', 'versions without document_id', { operation: 'versions' }, "document_id required for 'versions'"],
  ['collab_documents', 'versions of a missing document', { operation: 'versions', document_id: 'missing.md' }, "Document 'missing.md' not found"],
  ['collab_documents', 'restore without document_id', { operation: 'restore' }, "document_id required for 'restore'"],
  ['collab_documents', 'restore of a missing document', { operation: 'restore', document_id: 'd-zzzzzzzzzz' }, "Document 'd-zzzzzzzzzz' not found"],
  ['collab_directory', 'an unknown operation', { operation: 'invite' }, 'Unknown operation: invite'],
  ['collab_directory', 'get_user without user_id', { operation: 'get_user' }, "user_id required for 'get_user'"],
  ['collab_directory', 'get_user of a missing session', { operation: 'get_user', user_id: 's-nobody' }, "Session 's-nobody' not found"],
  ['collab_directory', 'get_user with a user_id that is not a string', { operation: 'get_user', user_id: 42 }, 'user_id: must be a string'],
  ['collab_directory', 'list_users with limit 0', { operation: 'list_users', limit: 0 }, 'limit: must be at least 1'],
  ['collab_directory', 'register without a name', { operation: 'register' }, 'name: is required'],
  ['collab_directory', 'register with a control character in the name', { operation: 'register', name: 'bad\u0000name' }, 'name: must not contain control characters'],
  ['collab_directory', 'register with a wrong resume_token', { operation: 'register', name: 'intruder', resume_token: 'guess' }, "resume_token: does not match a session named 'intruder'"],
];

describe('bad input over MCP', () => {
  let hub: HubProcess;
  let agent: McpClient;
  let seed: Record<string, any>;
  beforeAll(async () => {
    hub = await startHubProcess();
    agent = await connect(hub.url, 'careless-agent');
    seed = (await agent.call('collab_documents', { operation: 'upload', file_name: 'seed.md', content: 'seed' })).document;
  });

  it.each(CASES)('%s %s - is refused with a clear error', async (tool, _what, args, expected) => {
    const reply = await agent.call(tool, args);
    expect(reply.isError).toBe(true);
    expect(reply.success).toBe(false);
    expect(reply.code).toEqual(expect.any(String));
    if (typeof expected === 'string') expect(reply.error).toBe(expected);
    else expect(reply.error).toMatch(expected);
  });

  it('bad input - after every refusal nothing was stored', async () => {
    const observer = await connect(hub.url, 'observer');
    for (const channel_name of ['general', 'alerts', 'handoffs']) {
      const read = await observer.call('collab_channels', { operation: 'read', channel_name });
      expect(read.messages).toEqual([]);
    }
    const channels = await observer.call('collab_channels', { operation: 'list' });
    expect(channels.channels.map((c: { name: string }) => c.name).sort()).toEqual(['alerts', 'general', 'handoffs']);
    const documents = await observer.call('collab_documents', { operation: 'list', recursive: true });
    expect(documents.documents.map((d: { path: string; version: number }) => [d.path, d.version])).toEqual([['seed.md', 1]]);
    const versions = await observer.call('collab_documents', { operation: 'versions', document_id: seed.id });
    expect(versions.versions).toHaveLength(1);
    const users = await observer.call('collab_directory', { operation: 'list_users', limit: 100 });
    expect(users.users.map((u: { name: string }) => u.name).sort()).toEqual(['careless-agent', 'observer']);
  });

  it('bad input - an unexpected body over /mcp is a protocol error, not a crash', async () => {
    const notJson = await authedFetch(new URL('/mcp', hub.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: '{not json',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: number } }).error.code).toBe(-32700);
    const noSession = await authedFetch(new URL('/mcp', hub.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(noSession.status).toBe(400);
    const unknownSession = await authedFetch(new URL('/mcp', hub.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': 'nope' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(unknownSession.status).toBe(404);
    expect((await authedFetch(new URL('/healthz', hub.url))).status).toBe(200);
  });

  /** A raw initialize request, as a browser or a careless client might send it. */
  const initialize = (name: string, headers: Record<string, string>) =>
    authedFetch(new URL('/mcp', hub.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name, version: '1' } },
      }),
    });

  it('bad input - a page from another site cannot drive the hub, a local one can', async () => {
    const foreign = await initialize('page', { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('http://evil.example');
    const local = await initialize('page', { origin: 'http://localhost:6274' });
    expect(local.status).toBe(200);
    await local.body?.cancel();
  });

  it('bad input - a refused initialize leaves no session behind', async () => {
    const refused = await initialize('html-only', { accept: 'text/html' });
    expect(refused.status).toBe(406);
    const users = await (await connect(hub.url, 'counter')).call('collab_directory', { operation: 'list_users', limit: 100 });
    expect(users.users.map((u: { name: string }) => u.name)).not.toContain('html-only');
  });
});
