// A separate connection to one SQLite file, in its own thread: the store's own code, as built in dist/.
// It opens (append) or waits (open), says 'ready', and starts its work on 'go', so every worker
// starts at once.
import { parentPort, workerData } from 'node:worker_threads';

const { openSqliteStore } = await import(new URL('../../../dist/store/sqlite/sqlite-store.js', import.meta.url).href);
const { mode, file } = workerData;

async function append(store) {
  const { writer, perWriter, channelIds, authorId } = workerData;
  for (let n = 0; n < perWriter; n++) {
    await store.messages.append({
      channelId: channelIds[n % channelIds.length],
      title: `w${writer}-${n}`,
      body: '',
      authorId,
      createdAt: Date.now(),
      replyTo: null,
      threadId: null,
    });
  }
}

// Tries to claim every task once, as one holder; returns the ids it won.
async function claim(store) {
  const { taskIds, holderId, channelId, now } = workerData;
  const won = [];
  for (const id of taskIds) {
    const result = await store.tasks.change({
      id,
      expect: { states: ['open'], kind: 'handoff' },
      set: { state: 'claimed', holderId, claimedAt: now, leaseExpiresAt: now + 900_000, updatedAt: now },
      messages: [{ channelId, title: `✋ Claimed by ${holderId}`, body: '', authorId: holderId, createdAt: now, replyTo: null, threadId: null, replyToTask: true }],
    });
    if (result.ok) won.push(id);
  }
  return won;
}

const opened = mode === 'open' ? undefined : openSqliteStore(file);
parentPort.once('message', async () => {
  try {
    const store = opened ?? openSqliteStore(file);
    if (mode === 'append') await append(store);
    const won = mode === 'claim' ? await claim(store) : undefined;
    await store.close();
    parentPort.postMessage({ done: true, ...(won ? { won } : {}) });
  } catch (error) {
    parentPort.postMessage({ error: String(error?.stack ?? error) });
  }
});
parentPort.postMessage({ ready: true });
