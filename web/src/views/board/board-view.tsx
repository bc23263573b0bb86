import type { TaskView } from '../../api/types.js';
import { ErrorNote } from '../../ui/error-note.js';
import { BoardColumn } from './board-column.js';
import { HandoffCard } from './handoff-card.js';
import { useLiveTasks } from './live-tasks.js';
import { byPriority, latestFirst, leaseFirst, oldestFirst, sorted } from './order.js';
import './board.css';

type State = TaskView['state'];

/** The columns, each with the states it shows and the order of its cards. Cancelled work sits with failed. */
const COLUMNS: { name: string; title: string; states: readonly State[]; order: (tasks: TaskView[]) => TaskView[] }[] = [
  { name: 'open', title: 'Open', states: ['open'], order: (t) => sorted(t, byPriority, oldestFirst) },
  { name: 'claimed', title: 'Claimed', states: ['claimed'], order: (t) => sorted(t, leaseFirst, byPriority) },
  { name: 'completed', title: 'Completed', states: ['completed'], order: (t) => sorted(t, latestFirst) },
  { name: 'failed', title: 'Failed', states: ['failed', 'cancelled'], order: (t) => sorted(t, latestFirst) },
];

const STATES: readonly State[] = COLUMNS.flatMap((c) => c.states);

/** Handoffs by state, live: a claim, a completion or a lease running out moves the card as it happens. */
export function BoardView() {
  const tasks = useLiveTasks('handoff', STATES);
  return (
    <section class="view board">
      <h1>Handoffs</h1>
      {tasks.failure.value !== undefined && <ErrorNote error={tasks.failure.value} />}
      {!tasks.loaded.value ? (
        <p class="muted">Loading…</p>
      ) : (
        <div class="board-columns">
          {COLUMNS.map((column) => {
            const cards = column.order(tasks.inStates(column.states));
            return (
              <BoardColumn key={column.name} name={column.name} title={column.title} count={cards.length}>
                {cards.map((task) => (
                  <HandoffCard key={task.id} task={task} tasks={tasks} />
                ))}
              </BoardColumn>
            );
          })}
        </div>
      )}
    </section>
  );
}
