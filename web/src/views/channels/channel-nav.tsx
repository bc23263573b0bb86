import { useLocation } from 'preact-iso';
import type { ChannelView } from '../../api/types.js';
import { ErrorNote } from '../../ui/error-note.js';
import { channelPath } from './channel-path.js';
import type { ChannelList } from './channel-list.js';
import { unread } from './unread.js';

/** The channels: a list beside the messages, or one compact choice above them on a narrow screen. */
export function ChannelNav({ list, current }: { list: ChannelList; current: string }) {
  const { route } = useLocation();
  const channels = list.channels ?? [];
  const fresh = unread.value;
  return (
    <nav class="channels-nav" aria-label="Channels">
      {list.error !== undefined && <ErrorNote error={list.error} />}
      <ul class="channels-nav-list">
        {channels.map((c) => (
          <ChannelLink channel={c} current={c.name === current} fresh={fresh.has(c.name)} />
        ))}
      </ul>
      <label class="channels-nav-pick">
        <span class="sr-only">Channel</span>
        <select data-testid="channel-select" value={current} onChange={(event) => route(channelPath(event.currentTarget.value))}>
          {!channels.some((c) => c.name === current) && <option value={current}>#{current}</option>}
          {channels.map((c) => (
            <option value={c.name}>
              #{c.name}
              {fresh.has(c.name) ? '  • new' : ''}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}

function ChannelLink({ channel, current, fresh }: { channel: ChannelView; current: boolean; fresh: boolean }) {
  return (
    <li>
      <a
        href={channelPath(channel.name)}
        aria-current={current ? 'page' : undefined}
        title={channel.description || undefined}
        class={fresh ? 'channels-fresh' : undefined}
      >
        <span class="channels-hash" aria-hidden="true">
          #
        </span>
        {channel.name}
        {fresh && (
          <span class="channels-dot" data-testid="unread">
            <span class="sr-only">, new messages</span>
          </span>
        )}
      </a>
    </li>
  );
}
