#!/usr/bin/env node
import { stderrLog } from '../../server/log.js';
import { runStdioProxy } from './stdio-proxy.js';

/**
 * `node dist/surfaces/mcp/stdio-main.js`: the stdio MCP server alone, for a hub that already runs
 * at BATON_URL (default http://127.0.0.1:7420). `baton mcp` is the same, and can start the hub.
 */
await runStdioProxy({
  hubUrl: process.env.BATON_URL ?? 'http://127.0.0.1:7420',
  log: stderrLog,
  ...(process.env.BATON_SESSION ? { session: process.env.BATON_SESSION } : {}),
});
process.exit(0);
