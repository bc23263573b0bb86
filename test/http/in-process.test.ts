import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { OPEN_ACCESS } from '../../src/hub/access.js';
import type { Hub } from '../../src/hub/hub.js';
import { WaitGauge } from '../../src/surfaces/http/wait-gauge.js';
import { createWorkspaceApp } from '../../src/surfaces/http/workspace-app.js';
import { openTestHub, type TestHub } from '../support/test-hub.js';

/** A workspace's app, with every request let in as the front door of an open hub would. */
function workspaceApp(hub: Hub, onUnexpected: (e: unknown) => void): Pick<Hono, 'request'> {
  const app = createWorkspaceApp(hub, { waits: new WaitGauge(), streams: new WaitGauge() }, { onUnexpected });
  return { request: (input: string, init?: RequestInit) => app.request(input, init, { access: OPEN_ACCESS }) } as Pick<Hono, 'request'>;
}

/** The HTTP surface is `fetch(Request) → Response`: no socket is needed to drive it. */
describe('http app in process', () => {
  let test: TestHub;
  let app: Pick<Hono, 'request'>;
  const unexpected: unknown[] = [];
  beforeAll(async () => {
    test = await openTestHub();
    app = workspaceApp(test.hub, (e) => unexpected.push(e));
  });
  afterAll(() => test.hub.close());

  const json = (body: unknown, session?: string) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { 'x-baton-session': session } : {}) },
    body: JSON.stringify(body),
  });

  it('in process - a post is stored in the hub and its web_url uses the public URL', async () => {
    const { session } = await test.as('in-process');
    const response = await app.request('/api/v1/channels/general/messages', json({ title: '📢 New Pattern: retries' }, session.id));
    expect(response.status).toBe(201);
    const { message } = (await response.json()) as { message: { id: string; web_url: string } };
    expect(message.web_url).toBe(`http://hub.test/m/${message.id}`);
    expect((await test.hub.messages.get(message.id)).title).toBe('📢 New Pattern: retries');
  });

  it('in process - a refusal renders as the JSON error shape with its status', async () => {
    const response = await app.request('/api/v1/channels/nowhere/messages', json({ title: 'x' }, (await test.as('refused')).session.id));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ success: false, error: "Channel 'nowhere' not found", code: 'not_found' });
  });

  it('in process - a fault of the hub itself is a JSON 500 that hides its details and is reported', async () => {
    const closed = await openTestHub();
    const broken = workspaceApp(closed.hub, (e) => unexpected.push(e));
    await closed.hub.close();
    const response = await broken.request('/api/v1/channels');
    expect(response.status).toBe(500);
    const body = (await response.json()) as { success: boolean; error: string; code: string };
    expect(body).toMatchObject({ success: false, code: 'internal' });
    // The store's own words ('database' from SQLite, 'pool' from PostgreSQL) are reported, not answered.
    expect(body.error).not.toMatch(/database|pool/i);
    expect(unexpected.map(String).join()).toMatch(/database|pool/i);
  });

  it('in process - a document page is rendered from the hub with its policy', async () => {
    const { session } = await test.as('writer');
    const { document } = await test.hub.documents.upload({ session, access: OPEN_ACCESS }, { path: 'notes/today.md', content: '# Today\n\n<script>x()</script>' });
    const response = await app.request(`/d/${document.id}`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<h1>Today</h1>');
    expect(html).not.toContain('<script>x()');
  });
});
