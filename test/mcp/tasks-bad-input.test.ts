import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { connect, type McpClient } from '../support/mcp-client.js';

const tasks = (mcp: McpClient, args: Record<string, unknown>) => mcp.call('collab_tasks', args);
const ACTIONS = ['get', 'claim', 'renew', 'release', 'complete', 'fail', 'cancel', 'reassign', 'ack', 'resolve'];

describe('collab_tasks bad input', () => {
  let hub: HubProcess;
  let mcp: McpClient;
  let taskId: string;
  /** The open handoff every test tries to break; it must come out of each one untouched. */
  const untouched = async () => {
    expect((await tasks(mcp, { operation: 'get', task_id: taskId })).task).toMatchObject({ state: 'open', holder: null, claim: 0 });
    const thread = await mcp.call('collab_channels', { operation: 'read', channel_name: 'handoffs', thread: taskId });
    expect(thread.messages.map((m: { id: string }) => m.id)).toEqual([taskId]);
  };

  beforeAll(async () => {
    hub = await startHubProcess();
    mcp = await connect(hub.url, 'clumsy', { 'X-Baton-Role': 'coordinator' });
    taskId = (await tasks(mcp, { operation: 'create', task: 'Fragile' })).task.id;
  });

  it('missing task_id - every operation on one task names the parameter', async () => {
    for (const operation of ACTIONS) {
      expect(await tasks(mcp, { operation })).toEqual({ success: false, isError: true, code: 'invalid_input', field: 'task_id', error: `task_id required for '${operation}'` });
    }
    expect(await tasks(mcp, { operation: 'create' })).toMatchObject({ isError: true, field: 'task', error: "task required for 'create'" });
    await untouched();
  });

  it('unknown id - not found, for every operation', async () => {
    const { session } = await mcp.call('collab_directory', { operation: 'whoami' });
    for (const operation of ACTIONS) {
      expect(await tasks(mcp, { operation, task_id: 'm-zzzzzz', to: session.id })).toMatchObject({ success: false, isError: true, code: 'not_found', error: "Task 'm-zzzzzz' not found" });
    }
  });

  it('not a handoff - claiming a plain message is refused and writes nothing', async () => {
    const plain = await mcp.call('collab_channels', { operation: 'post', channel_name: 'general', title: 'hello', message: 'not work' });
    expect(await tasks(mcp, { operation: 'claim', task_id: plain.id })).toMatchObject({
      success: false,
      isError: true,
      code: 'invalid_input',
      error: `task_id: message '${plain.id}' is not a handoff or an alert`,
    });
    const thread = await mcp.call('collab_channels', { operation: 'read', channel_name: 'general', thread: plain.id });
    expect(thread.messages).toHaveLength(1);
  });

  it('wrong kind - ack on a handoff and claim on an alert are refused', async () => {
    const alert = (await tasks(mcp, { operation: 'create', kind: 'alert', task: 'An alert' })).task;
    expect(await tasks(mcp, { operation: 'ack', task_id: taskId })).toMatchObject({ isError: true, code: 'invalid_input', error: expect.stringContaining('ack is for alerts') });
    expect(await tasks(mcp, { operation: 'claim', task_id: alert.id })).toMatchObject({ isError: true, code: 'invalid_input', error: expect.stringContaining('claim is for handoffs') });
    await untouched();
  });

  it('not held - completing, renewing or releasing a task you do not hold is a conflict', async () => {
    for (const operation of ['complete', 'renew', 'release', 'fail']) {
      expect(await tasks(mcp, { operation, task_id: taskId, result: 'done', reason: 'r' })).toMatchObject({ success: false, isError: true, code: 'conflict', error: expect.stringContaining('cannot') });
    }
    await untouched();
  });

  it('lease out of range - zero, negative and over the maximum are refused by name', async () => {
    for (const lease_seconds of [0, -5, 4 * 3600 + 1, 'soon']) {
      const reply = await tasks(mcp, { operation: 'claim', task_id: taskId, lease_seconds });
      expect(reply).toMatchObject({ success: false, isError: true, code: 'invalid_input', field: 'lease_seconds' });
      expect(reply.error).toMatch(/^lease_seconds: /);
    }
    await untouched();
  });

  it('unknown operation and unknown parameter - refused before anything runs', async () => {
    expect(await tasks(mcp, { operation: 'steal', task_id: taskId })).toMatchObject({ success: false, isError: true, error: 'Unknown operation: steal', field: 'operation' });
    expect(await tasks(mcp, { operation: 'claim', task_id: taskId, lease: 60 })).toMatchObject({ isError: true, field: 'lease', error: expect.stringMatching(/^unknown parameter 'lease'/) });
    expect(await tasks(mcp, {})).toMatchObject({ isError: true, field: 'operation' });
    await untouched();
  });

  it('bad values - an unknown state filter, a bad priority and a reassign to nobody are clear errors', async () => {
    expect(await tasks(mcp, { operation: 'create', task: 'x', priority: 'asap' })).toMatchObject({ isError: true, code: 'invalid_input', field: 'priority' });
    expect(await tasks(mcp, { operation: 'reassign', task_id: taskId, to: 's-nobody' })).toMatchObject({ isError: true, code: 'invalid_input', field: 'to', error: expect.stringContaining("session 's-nobody' not found") });
    expect(await tasks(mcp, { operation: 'list', kind: 'chore' })).toMatchObject({ isError: true, field: 'kind' });
    await untouched();
  });
});
