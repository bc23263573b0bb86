import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/hub/task-refusal.js';
import { hubForTest } from './support/hub.js';
import { refusedAndNothingStored } from './support/stored.js';
import { alert, handoff } from './support/tasks.js';

const HANDOFF_ACTIONS: Action[] = ['claim', 'renew', 'release', 'complete', 'fail'];
const ALL_ACTIONS: Action[] = [...HANDOFF_ACTIONS, 'cancel', 'reassign', 'ack', 'resolve'];

describe('tasks: bad input', () => {
  it('tasks - every action on a message that is not a handoff or an alert is refused as such', async () => {
    const t = await hubForTest();
    const boss = await t.as('boss', 'coordinator');
    const plain = await t.hub.messages.post(boss, { channel: 'handoffs', title: 'just a note' });
    for (const action of ALL_ACTIONS) {
      await refusedAndNothingStored(t, () => t.hub.tasks.act(action, boss, { task_id: plain.id, to: boss.session.id }), {
        code: 'invalid_input',
        field: 'task_id',
        says: `message '${plain.id}' is not a handoff or an alert`,
      });
    }
  });

  it('tasks - every action and get on an unknown or malformed id is not found', async () => {
    const t = await hubForTest();
    const boss = await t.as('boss', 'coordinator');
    for (const id of ['m-zzzz', 'nonsense']) {
      for (const action of ALL_ACTIONS) {
        await refusedAndNothingStored(t, () => t.hub.tasks.act(action, boss, { task_id: id, to: boss.session.id }), { code: 'not_found', says: `Task '${id}' not found` });
      }
      await expect(t.hub.tasks.get(id)).rejects.toMatchObject({ code: 'not_found' });
    }
  });

  it('tasks - handoff actions on an alert and alert actions on a handoff are refused with the kind named', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const h = await handoff(t, lead);
    const a = await alert(t, lead);
    for (const action of HANDOFF_ACTIONS) {
      await refusedAndNothingStored(t, () => t.hub.tasks.act(action, lead, { task_id: a.task.id }), { code: 'invalid_input', says: `is an alert: ${action} is for handoffs` });
    }
    for (const action of ['ack', 'resolve'] as const) {
      await refusedAndNothingStored(t, () => t.hub.tasks.act(action, lead, { task_id: h.task.id }), { code: 'invalid_input', says: `is a handoff: ${action} is for alerts` });
    }
  });

  it('tasks - renew, release, complete and fail by a session that does not hold the task are refused', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const bob = await t.as('bob');
    const open = await handoff(t, lead, 'Open one');
    const held = await handoff(t, lead, 'Held one');
    await t.hub.tasks.act('claim', lead, { task_id: held.task.id });
    for (const action of ['renew', 'release', 'complete', 'fail'] as const) {
      await refusedAndNothingStored(t, () => t.hub.tasks.act(action, bob, { task_id: held.task.id }), { code: 'conflict', says: `you do not hold '${held.task.id}': it is claimed by lead (${lead.session.id})` });
      await refusedAndNothingStored(t, () => t.hub.tasks.act(action, bob, { task_id: open.task.id }), { code: 'conflict', says: `'${open.task.id}' is open: cannot ${action} it` });
    }
  });

  it('tasks - a finished handoff cannot be claimed, completed or released again', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const { task } = await handoff(t, lead);
    await t.hub.tasks.act('claim', lead, { task_id: task.id });
    await t.hub.tasks.act('complete', lead, { task_id: task.id });
    for (const action of ['claim', 'complete', 'release', 'fail', 'renew'] as const) {
      await refusedAndNothingStored(t, () => t.hub.tasks.act(action, lead, { task_id: task.id }), { code: 'conflict', says: 'completed' });
    }
  });

  it('tasks - create without a task, with an unknown channel, priority or severity, or an unknown assignee is refused', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    await refusedAndNothingStored(t, () => t.hub.tasks.create(lead, {}), { code: 'invalid_input', field: 'task' });
    await refusedAndNothingStored(t, () => t.hub.tasks.create(lead, { task: '   ' }), { code: 'invalid_input', field: 'task' });
    await refusedAndNothingStored(t, () => t.hub.tasks.create(lead, { task: 'x', priority: 'asap' }), { code: 'invalid_input', field: 'priority' });
    await refusedAndNothingStored(t, () => t.hub.tasks.create(lead, { task: 'x', kind: 'alert', severity: 'huge' }), { code: 'invalid_input', field: 'severity' });
    await refusedAndNothingStored(t, () => t.hub.tasks.create(lead, { task: 'x', kind: 'chore' }), { code: 'invalid_input', field: 'kind' });
    await refusedAndNothingStored(t, () => t.hub.tasks.create(lead, { task: 'x', channel: 'no-such-channel' }), { code: 'not_found' });
    await refusedAndNothingStored(t, () => t.hub.tasks.create(lead, { task: 'x', assignee: 's-nobody' }), { code: 'invalid_input', field: 'assignee', says: "session 's-nobody' not found" });
  });

  it('tasks - reassign without a target or to an unknown session is refused', async () => {
    const t = await hubForTest();
    const boss = await t.as('boss', 'coordinator');
    const { task } = await handoff(t, boss);
    await refusedAndNothingStored(t, () => t.hub.tasks.act('reassign', boss, { task_id: task.id }), { code: 'invalid_input', field: 'to' });
    await refusedAndNothingStored(t, () => t.hub.tasks.act('reassign', boss, { task_id: task.id, to: 's-nobody' }), { code: 'invalid_input', field: 'to', says: "session 's-nobody' not found" });
  });

  it('tasks - an action without a task id, or with a malformed claim number, is refused', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    const { task } = await handoff(t, lead);
    await t.hub.tasks.act('claim', lead, { task_id: task.id });
    await refusedAndNothingStored(t, () => t.hub.tasks.act('claim', lead, {}), { code: 'invalid_input', field: 'task_id' });
    for (const claim of [0, -1, 1.5, 'first']) {
      await refusedAndNothingStored(t, () => t.hub.tasks.act('complete', lead, { task_id: task.id, claim }), { code: 'invalid_input', field: 'claim' });
    }
  });

  it('tasks - list with an unknown kind or state is refused', async () => {
    const t = await hubForTest();
    const lead = await t.as('lead');
    await expect(t.hub.tasks.list(lead, { kind: 'chore' })).rejects.toMatchObject({ code: 'invalid_input', field: 'kind' });
    await expect(t.hub.tasks.list(lead, { state: 'bogus' })).rejects.toMatchObject({ code: 'invalid_input', field: 'state' });
  });
});
