import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { connect, type McpClient } from '../support/mcp-client.js';
import { inputCounter, startFuzzHub, type FuzzHub } from './support/fuzz-hub.js';
import { hostileFields, hostileString, nonBlockingTimeout } from './support/hostile-values.js';

const SEED = 20_261_124;
const RUNS = 40;
const counter = inputCounter('mcp fuzz');

type Operation = [tool: string, operation: string, fields: readonly string[]];

const CHANNEL = ['channel_name', 'channels', 'message', 'title', 'reply_to', 'limit', 'since', 'thread', 'status', 'unread', 'max_chars', 'description'];
const DOCUMENT = ['document_id', 'file_name', 'folder_path', 'content', 'encoding', 'content_type', 'if_match', 'recursive', 'version', 'offset', 'max_chars', 'to'];
const DIRECTORY = ['user_id', 'limit', 'name', 'role', 'client', 'resume_token'];
const TASK = ['task_id', 'kind', 'task', 'context', 'scope', 'next_steps', 'priority', 'labels', 'severity', 'channel', 'assignee', 'lease_seconds', 'claim', 'reason', 'result', 'links', 'to', 'next', 'state', 'label', 'mine', 'limit'];

const OPERATIONS: Operation[] = [
  ...['list', 'post', 'read', 'wait', 'create'].map((op): Operation => ['collab_channels', op, CHANNEL]),
  ...['list', 'upload', 'download', 'move', 'delete', 'versions', 'restore'].map((op): Operation => ['collab_documents', op, DOCUMENT]),
  ...['list_users', 'get_user', 'whoami', 'register'].map((op): Operation => ['collab_directory', op, DIRECTORY]),
  ...['list', 'get', 'create', 'claim', 'renew', 'release', 'complete', 'fail', 'cancel', 'reassign', 'ack', 'resolve'].map((op): Operation => ['collab_tasks', op, TASK]),
];

describe('mcp fuzzing', () => {
  let fuzz: FuzzHub;
  let mcp: McpClient;
  let ids: string[];

  beforeAll(async () => {
    fuzz = await startFuzzHub();
    mcp = await connect(fuzz.hub.url, 'fuzz-client');
    const handoff = await mcp.call('collab_tasks', { operation: 'create', task: 'fuzz handoff' });
    const alert = await mcp.call('collab_tasks', { operation: 'create', task: 'fuzz alert', kind: 'alert' });
    const doc = await mcp.call('collab_documents', { operation: 'upload', file_name: 'seed.md', folder_path: 'fuzz', content: '# seed' });
    const me = await mcp.call('collab_directory', { operation: 'whoami' });
    ids = [handoff.task.id, alert.task.id, doc.document.id, doc.document.path, doc.document.web_url, me.session.id, 'general', 'alerts', 'handoffs', '0'];
  });

  for (const [tool, operation, fields] of OPERATIONS) {
    it(`${tool} ${operation} answers hostile arguments with a result, errors as success false with isError, and stores nothing when it refuses`, async () => {
      const fixed = { operation: fc.constant(operation), ...(operation === 'wait' ? { timeout: nonBlockingTimeout } : {}) };
      await fc.assert(
        fc.asyncProperty(hostileFields(fields, ids, fixed), async (args) => {
          const before = fuzz.counts();
          const reply = await mcp.call(tool, args);
          if (reply.isError) {
            expect(reply.success).toBe(false);
            expect(typeof reply.error === 'string' && reply.error.length > 0).toBe(true);
            expect(typeof reply.code).toBe('string');
            expect(reply.code).not.toBe('internal');
            expect(fuzz.counts(), `${tool} ${operation} refused but stored`).toEqual(before);
          } else expect(reply.success).not.toBe(false);
        }),
        { seed: SEED, numRuns: RUNS },
      );
      counter.add(RUNS);
      await fuzz.expectAlive();
    });
  }

  it('an unknown or hostile operation is refused by name on every tool', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('collab_channels', 'collab_documents', 'collab_directory', 'collab_tasks'), hostileString(), async (tool, operation) => {
        const reply = await mcp.call(tool, { operation });
        if (reply.isError) expect(reply).toMatchObject({ success: false });
      }),
      { seed: SEED, numRuns: RUNS },
    );
    counter.add(RUNS);
    await fuzz.expectAlive();
  });

  it('leaves every file outside the data dir untouched and the data dir holding only the hub files', () => {
    fuzz.expectFilesystemIntact();
  });
});
