/**
 * The hub's log goes to stderr: stdout belongs to the MCP protocol when `baton mcp` runs.
 */
export interface Log {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export const stderrLog: Log = {
  info: (message) => process.stderr.write(`${message}\n`),
  error: (message, error) => process.stderr.write(`${message}${error ? `: ${describe(error)}` : ''}\n`),
};

export const silentLog: Log = { info: () => {}, error: () => {} };

const describe = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));
