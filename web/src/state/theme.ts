import { signal } from '@preact/signals';

export type Theme = 'light' | 'dark' | 'system';

const KEY = 'baton.theme';

/** Light, dark, or the system's; kept in this browser. */
export const theme = signal<Theme>(((): Theme => {
  const kept = localStorage.getItem(KEY);
  return kept === 'light' || kept === 'dark' ? kept : 'system';
})());

export function applyTheme(next: Theme): void {
  theme.value = next;
  if (next === 'system') {
    localStorage.removeItem(KEY);
    delete document.documentElement.dataset.theme;
  } else {
    localStorage.setItem(KEY, next);
    document.documentElement.dataset.theme = next;
  }
}
