import { applyTheme, theme, type Theme } from '../state/theme.js';

const NEXT: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<Theme, string> = { system: '◐ auto', light: '☀ light', dark: '☾ dark' };

export function ThemeSwitch() {
  return (
    <button type="button" class="theme" onClick={() => applyTheme(NEXT[theme.value])} title="Colour scheme: auto, light or dark">
      {LABEL[theme.value]}
    </button>
  );
}
