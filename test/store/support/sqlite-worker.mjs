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

const opened = mode === 'append' ? openSqliteStore(file) : undefined;
parentPort.once('message', async () => {
  try {
    const store = opened ?? openSqliteStore(file);
    if (mode === 'append') await append(store);
    await store.close();
    parentPort.postMessage({ done: true });
  } catch (error) {
    parentPort.postMessage({ error: String(error?.stack ?? error) });
  }
});
parentPort.postMessage({ ready: true });
