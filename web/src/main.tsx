import { render } from 'preact';
import { App } from './app.js';
import { applyTheme, theme } from './state/theme.js';
import './ui/styles.css';

applyTheme(theme.value);
const root = document.getElementById('app')!;
// The hub drew this page without script (for clients that have none); the app draws it again.
root.textContent = '';
render(<App />, root);
