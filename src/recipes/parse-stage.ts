import { Fields, typeName, type ProblemSink } from './fields.js';
import type { Approval, Dialect, Stage, Step } from './model.js';
import { parseStep } from './parse-step.js';
import { rememberPlace } from './positions.js';
import { isRecord } from './scope.js';
import type { YamlPath } from './yaml-source.js';

const STAGE_KEYS = ['name', 'steps', 'approval'] as const;
const APPROVAL_KEYS = ['required', 'prompt', 'timeout', 'default'] as const;

/** The steps of a list at `path`; each bad one is reported and left out. */
export function parseSteps(raw: unknown, path: YamlPath, dialect: Dialect, sink: ProblemSink, prefix = ''): Step[] {
  const place = { step: null, path: path.slice(0, -1), prefix };
  const key = String(path[path.length - 1]);
  if (!Array.isArray(raw)) {
    sink.add(place, key, `must be a list of steps, not ${typeName(raw)}`);
    return [];
  }
  if (raw.length === 0) sink.add(place, key, 'must hold at least one step');
  return raw.flatMap((item, i) => parseStep(item, [...path, i], dialect, sink) ?? []);
}

/** Amplifier's `stages`: each a name, its steps, and an approval checked after them. */
export function parseStages(raw: unknown, dialect: Dialect, sink: ProblemSink): Stage[] {
  const top = { step: null, path: [], prefix: '' };
  if (!Array.isArray(raw)) {
    sink.add(top, 'stages', `must be a list of stages, not ${typeName(raw)}`);
    return [];
  }
  if (raw.length === 0) sink.add(top, 'stages', 'must hold at least one stage');
  return raw.flatMap((item, i) => parseStage(item, ['stages', i], dialect, sink) ?? []);
}

function parseStage(raw: unknown, path: YamlPath, dialect: Dialect, sink: ProblemSink): Stage | null {
  const label = `stages[${path[1]}]`;
  if (!isRecord(raw)) {
    sink.add({ step: null, path, prefix: `${label}.` }, null, `a stage must be a mapping with a name and steps, not ${typeName(raw)}`);
    return null;
  }
  const f = new Fields(raw, { step: null, path, prefix: `${label}.` }, sink);
  f.rejectUnknown(STAGE_KEYS, 'a stage takes');
  const name = f.text('name');
  if (name === null && !f.has('name')) f.problem('name', 'a stage needs a name');
  const stage: Stage = { name, steps: parseSteps(raw.steps ?? [], [...path, 'steps'], dialect, sink, `${label}.`), approval: readApproval(f) };
  rememberPlace(stage, (key) => sink.yaml.lineAt(key === null ? path : [...path, ...key.split('.')]));
  return stage;
}

/** Amplifier's approval gate: off unless required; a timeout of 0 (the default) waits for ever. */
function readApproval(stage: Fields): Approval | null {
  const f = stage.nested('approval');
  if (!f) return null;
  f.rejectUnknown(APPROVAL_KEYS, 'approval takes');
  const timeout = f.number('timeout', 0);
  return {
    required: f.bool('required', false),
    prompt: f.text('prompt') ?? '',
    timeoutSeconds: timeout === 0 ? null : timeout,
    onTimeout: f.choice('default', ['deny', 'approve'] as const, 'deny'),
  };
}
