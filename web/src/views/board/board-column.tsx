import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { PER_STATE } from './live-tasks.js';
import { narrow } from './narrow.js';

interface Props {
  name: string;
  title: string;
  count: number;
  children: ComponentChildren;
}

/** One column of the board; on a narrow screen the columns stack and each folds away from its heading. */
export function BoardColumn({ name, title, count, children }: Props) {
  const id = useId();
  const [open, setOpen] = useState(true);
  const shown = !narrow.value || open;
  const label = (
    <>
      {title} <span class="count">{count >= PER_STATE ? `${PER_STATE}+` : count}</span>
    </>
  );
  return (
    <section class={`board-column column-${name}`} data-testid={`column-${name}`} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        {narrow.value ? (
          <button type="button" class="board-fold" aria-expanded={open} aria-controls={`${id}-c`} onClick={() => setOpen(!open)}>
            {label}
          </button>
        ) : (
          label
        )}
      </h2>
      <div id={`${id}-c`} class="board-cards" hidden={!shown}>
        {count === 0 ? <p class="muted board-empty">None</p> : children}
      </div>
    </section>
  );
}
