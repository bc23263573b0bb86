import { join } from 'node:path';
import { openSqliteControl } from '../../src/store/sqlite/sqlite-control.js';
import { tempDir } from '../support/temp-dir.js';
import { describeControlConformance } from './control-conformance.js';

const dir = tempDir('baton-control-');
let counter = 0;

describeControlConformance('sqlite', () => openSqliteControl(join(dir, `control-${counter++}.db`)));
