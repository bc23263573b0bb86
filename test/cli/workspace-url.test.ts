import { describe, expect, it } from 'vitest';
import { splitWorkspaceUrl } from '../../src/cli/connect.js';

describe('a workspace base URL in BATON_URL (what a worker hands its commands)', () => {
  it('names the hub and the workspace; a plain hub URL names only the hub', () => {
    expect(splitWorkspaceUrl('http://127.0.0.1:7420/w/alpha')).toEqual({ url: 'http://127.0.0.1:7420', workspace: 'alpha' });
    expect(splitWorkspaceUrl('https://hub.example/baton/w/r%26d/')).toEqual({ url: 'https://hub.example/baton', workspace: 'r&d' });
    expect(splitWorkspaceUrl('http://127.0.0.1:7420')).toEqual({ url: 'http://127.0.0.1:7420' });
    expect(splitWorkspaceUrl('http://127.0.0.1:7420/w/alpha/api/v1')).toEqual({ url: 'http://127.0.0.1:7420/w/alpha/api/v1' });
    expect(splitWorkspaceUrl(undefined)).toEqual({ url: undefined });
  });
});
