import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { PER_STATE } from '../board/live-tasks.js';

interface Props {
  name: string;
  title: string;
  count: number;
  children: ComponentChildren;
}

export function AlertSection({ name, title, count, children }: Props) {
  const id = useId();
  return (
    <section class={`alerts-section section-${name}`} data-testid={`section-${name}`} aria-labelledby={id}>
      <h2 id={id}>
        {title} <span class="count">{count >= PER_STATE ? `${PER_STATE}+` : count}</span>
      </h2>
      {count === 0 ? <p class="muted">None</p> : <div class="alerts-cards">{children}</div>}
    </section>
  );
}
