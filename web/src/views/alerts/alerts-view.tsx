import type { TaskView } from '../../api/types.js';
import { ErrorNote } from '../../ui/error-note.js';
import { useLiveTasks } from '../board/live-tasks.js';
import { bySeverity, escalatedFirst, latestFirst, oldestFirst, sorted } from '../board/order.js';
import { AlertCard } from './alert-card.js';
import { AlertSection } from './alert-section.js';
import './alerts.css';

type State = TaskView['state'];

/** Escalated alerts first, then the worst, then the one waiting longest; resolved ones most recent first. */
const SECTIONS: { state: State; title: string; order: (tasks: TaskView[]) => TaskView[] }[] = [
  { state: 'open', title: 'Open', order: (t) => sorted(t, escalatedFirst, bySeverity, oldestFirst) },
  { state: 'acknowledged', title: 'Acknowledged', order: (t) => sorted(t, bySeverity, oldestFirst) },
  { state: 'resolved', title: 'Resolved', order: (t) => sorted(t, latestFirst) },
];

const STATES: readonly State[] = SECTIONS.map((s) => s.state);

/** Alerts by state, live: an acknowledgement, a resolution or an escalation shows as it happens. */
export function AlertsView() {
  const tasks = useLiveTasks('alert', STATES);
  return (
    <section class="view alerts">
      <h1>Alerts</h1>
      {tasks.failure.value !== undefined && <ErrorNote error={tasks.failure.value} />}
      {!tasks.loaded.value ? (
        <p class="muted">Loading…</p>
      ) : (
        SECTIONS.map((section) => {
          const cards = section.order(tasks.inStates([section.state]));
          return (
            <AlertSection key={section.state} name={section.state} title={section.title} count={cards.length}>
              {cards.map((task) => (
                <AlertCard key={task.id} task={task} tasks={tasks} />
              ))}
            </AlertSection>
          );
        })
      )}
    </section>
  );
}
