import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../web/src/api/types.js';
import { merge } from '../../web/src/views/channels/merge.js';

const message = (id: string, title = id) => ({ id, title, thread_id: id }) as MessageView;

describe('the channel view: merging what a read and the live stream bring', () => {
  it('shows each message once: one already shown is replaced in place, one brought twice keeps its first place and last copy', () => {
    const shown = [message('m-1'), message('m-2')];
    const merged = merge(shown, [message('m-2', 'edited'), message('m-3'), message('m-4'), message('m-3', 'newer')]);
    expect(merged.map((m) => [m.id, m.title])).toEqual([
      ['m-1', 'm-1'],
      ['m-2', 'edited'],
      ['m-3', 'newer'],
      ['m-4', 'm-4'],
    ]);
    expect(merge(shown, [])).toBe(shown);
  });
});
