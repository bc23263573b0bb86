import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { authedFetch } from '../support/hub-tokens.js';
import { makeToken } from '../support/tokens.js';
import { openDashboard, screenshot } from './support/browser.js';

const WAIT = { timeout: 10_000 };
const HOSTILE_RECIPE = 'review<img src=x onerror=alert(1)>';
const HOSTILE_ERROR = '<script>alert(2)</script> lint broke';
const HOSTILE_RESULT = '<svg onload=alert(3)></svg>';

/** The admin's HTTP API, acting as one named session. */
async function sessionOf(hub: HubProcess, name: string) {
  const registered = await (await authedFetch(`${hub.url}/api/v1/sessions`, json('POST', { name }))).json();
  const id = String(registered.session.id);
  return async (method: string, path: string, body?: unknown) => {
    const response = await authedFetch(`${hub.url}/api/v1${path}`, { ...json(method, body), headers: { 'content-type': 'application/json', 'x-baton-session': id } });
    const answer = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
}

const json = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
});

const stepKeys = (page: Page): Promise<string[]> => page.getByTestId('run-step').locator('.runs-step-key').allTextContents();
const stepState = (page: Page, key: string): Promise<string | null> =>
  page.locator(`[data-testid="run-step"][data-key="${key}"] .runs-step-head .runs-state`).getAttribute('data-state');

describe('runs view', () => {
  let hub: HubProcess;
  let runner: Awaited<ReturnType<typeof sessionOf>>;
  let reviewer: Awaited<ReturnType<typeof sessionOf>>;
  let runId: string;
  let taskId: string;

  beforeAll(async () => {
    hub = await startHubProcess();
    runner = await sessionOf(hub, 'runner-1');
    reviewer = await sessionOf(hub, 'reviewer-2');
    taskId = (await runner('POST', '/tasks', { task: 'Review src/a.ts' })).task.id;
    await reviewer('POST', `/tasks/${taskId}/claim`, {});
    runId = (await runner('POST', '/runs', { recipe: HOSTILE_RECIPE, source: 'recipes/review.yaml', text: 'steps: []' })).run.id;
    await runner('PUT', `/runs/${runId}/steps`, { key: 'split-files', step_id: 'split-files', state: 'completed', result: { files: ['src/a.ts'] }, attempts: 1 });
    await runner('PUT', `/runs/${runId}/steps`, { key: 'post-assignments[0]', step_id: 'post-assignments', item: 0, state: 'waiting', task_id: taskId, attempts: 1 });
    await runner('PUT', `/runs/${runId}/steps`, { key: 'lint', step_id: 'lint', state: 'failed', result: HOSTILE_RESULT, error: HOSTILE_ERROR, attempts: 2 });
    await runner('PATCH', `/runs/${runId}`, { state: 'paused_for_approval', approval: { stage: 'review', prompt: 'Post the summary to general?' } });
  });

  it('shows a run step by step, follows it live, and records a coordinator’s approval', async () => {
    const { page, problems } = await openDashboard(hub.url, `/runs/${runId}`, { token: await makeToken(hub.url, 'coordinator') });
    await expect.poll(() => stepKeys(page), WAIT).toEqual(['split-files', 'post-assignments[0]', 'lint']);
    expect(await stepState(page, 'split-files')).toBe('completed');
    expect(await stepState(page, 'post-assignments[0]')).toBe('waiting');
    expect(await stepState(page, 'lint')).toBe('failed');
    const handoff = page.locator('[data-key="post-assignments[0]"]').getByTestId('step-task');
    expect(await handoff.getByTestId('step-holder').textContent()).toBe('held by reviewer-2');
    expect(await handoff.getByRole('link').getAttribute('href')).toBe(`/m/${taskId}`);
    expect(await page.locator('[data-key="split-files"]').getByTestId('step-result').textContent()).toBe('{"files":["src/a.ts"]}');

    // Agent text is shown as text, never run: the recipe, a result, an error.
    const detail = page.getByTestId('run-detail');
    expect(await detail.getByRole('heading', { level: 2 }).textContent()).toContain(HOSTILE_RECIPE);
    expect(await page.getByTestId('run-row').locator('.runs-recipe').textContent()).toBe(HOSTILE_RECIPE);
    expect(await page.locator('[data-key="lint"]').getByTestId('step-error').textContent()).toBe(HOSTILE_ERROR);
    expect(await page.locator('[data-key="lint"]').getByTestId('step-result').textContent()).toBe(HOSTILE_RESULT);
    expect(await page.locator('#main script, #main img, #main svg').count()).toBe(0);

    const approval = page.getByTestId('run-approval');
    expect(await approval.locator('.runs-approval-prompt').textContent()).toBe('Post the summary to general?');
    expect(await page.getByTestId('run-progress').textContent()).toBe('1/3 steps');
    await screenshot(page, 'runs');

    // A step the runner saves, and a change to the handoff a step posted, show without a reload.
    await runner('PUT', `/runs/${runId}/steps`, { key: 'aggregate', step_id: 'aggregate', state: 'running', attempts: 1 });
    await expect.poll(() => stepKeys(page), WAIT).toEqual(['split-files', 'post-assignments[0]', 'lint', 'aggregate']);
    expect(await stepState(page, 'aggregate')).toBe('running');
    await expect.poll(() => page.getByTestId('run-progress').textContent(), WAIT).toBe('1/4 steps');
    await reviewer('POST', `/tasks/${taskId}/release`, { reason: 'out of time' });
    await expect.poll(() => handoff.textContent(), WAIT).toContain('unclaimed');

    await approval.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(async () => (await runner('GET', `/runs/${runId}`)).run.approval.decision, WAIT).toBe('approve');
    await expect.poll(() => approval.getByTestId('approval-decision').textContent(), WAIT).toMatch(/^Approved by s-/);
    expect(await approval.getByRole('button').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('asks a viewer to wait for a coordinator, and fits a narrow dark screen', async () => {
    const other = (await runner('POST', '/runs', { recipe: 'release-notes', source: 'recipes/notes.yaml', text: 'steps: []' })).run.id;
    await runner('PATCH', `/runs/${other}`, { state: 'paused_for_approval', approval: { stage: 'publish', prompt: 'Publish the notes?' } });
    const viewer = await makeToken(hub.url, 'viewer');
    const { page, problems } = await openDashboard(hub.url, `/runs/${other}`, { token: viewer, viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    const approval = page.getByTestId('run-approval');
    await expect.poll(() => approval.locator('.runs-approval-prompt').textContent(), WAIT).toBe('Publish the notes?');
    expect(await approval.textContent()).toContain('Waiting for a coordinator.');
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Deny' }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'runs-detail-narrow');

    // Back to the list: both runs, newest first.
    await page.getByRole('link', { name: '← All runs' }).click();
    await expect.poll(() => page.getByTestId('run-row').locator('.runs-recipe').allTextContents(), WAIT).toEqual(['release-notes', HOSTILE_RECIPE]);
    await screenshot(page, 'runs-narrow');
    expect(problems).toEqual([]);
  });
});
