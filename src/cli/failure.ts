import type { Command } from 'commander';

/**
 * Every failure is one line on stderr, `baton: <reason>`, and a non-zero exit: what a script can
 * log and a person can act on, without a stack trace.
 */
export function failureLine(error: unknown): string {
  const message = fileProblem(error) ?? (error instanceof Error ? error.message : String(error));
  return `baton: ${message.split('\n')[0]}`;
}

/** `ENOENT: no such file or directory, stat 'x'` says more plainly as `x: no such file or directory`. */
function fileProblem(error: unknown): string | undefined {
  const { code, path, message } = error as NodeJS.ErrnoException;
  if (!code || !path || typeof message !== 'string') return undefined;
  return `${path}: ${/^\w+: ([^,]+)/.exec(message)?.[1] ?? code}`;
}

/** Usage mistakes (a missing argument, an unknown option) in the same one-line form. */
export function oneLineErrors(command: Command): void {
  command.configureOutput({
    outputError: (text, write) => write(`baton: ${text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')} (see baton ${pathOf(command)}--help)\n`),
  });
  for (const sub of command.commands) oneLineErrors(sub);
}

function pathOf(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.length ? `${names.join(' ')} ` : '';
}
