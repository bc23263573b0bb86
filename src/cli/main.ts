#!/usr/bin/env node
import { Command } from 'commander';
import { VERSION } from '../server/version.js';
import { serveCommand } from './commands/serve.js';

const program = new Command('baton')
  .description('The collaboration hub for multi-instance AI agents')
  .version(VERSION)
  .showHelpAfterError();

program.addCommand(serveCommand());

await program.parseAsync(process.argv);
