import { Fields, typeName, type ProblemSink } from './fields.js';
import type { Barrier, Dialect, OnError, Retry, Step, StepType } from './model.js';
import { rememberPlace } from './positions.js';
import { isRecord } from './scope.js';
import type { YamlPath } from './yaml-source.js';

/** Amplifier's step keys, then Baton's (`barrier`, `claim_deadline`). Any other key is an error. */
export const STEP_KEYS = [
  'id', 'type', 'agent', 'prompt', 'command', 'cwd', 'env', 'recipe', 'context', 'output', 'condition',
  'foreach', 'as', 'collect', 'parallel', 'max_iterations', 'while_condition', 'max_while_iterations',
  'break_when', 'update_context', 'timeout', 'retry', 'on_error', 'parse_json', 'depends_on',
  'barrier', 'claim_deadline',
] as const;

const STEP_TYPES: readonly StepType[] = ['agent', 'bash', 'recipe'];
const ON_ERROR: readonly OnError[] = ['fail', 'continue', 'skip_remaining'];
const RETRY_KEYS = ['max_attempts', 'backoff', 'initial_delay', 'max_delay'] as const;
const BARRIER_KEYS = ['require', 'timeout'] as const;

/** Amplifier's defaults. */
const DEFAULTS = { as: 'item', maxIterations: 100, maxWhileIterations: 100, timeoutSeconds: 600 } as const;
const RETRY_DEFAULTS: Retry = { maxAttempts: 3, backoff: 'exponential', initialDelaySeconds: 5, maxDelaySeconds: 300 };

/** One step as the model has it, or null when it is not even a mapping. Problems go to the sink. */
export function parseStep(raw: unknown, path: YamlPath, dialect: Dialect, sink: ProblemSink): Step | null {
  const label = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').slice(1);
  if (!isRecord(raw)) {
    sink.add({ step: label, path, prefix: '' }, null, `a step must be a mapping with an id, not ${typeName(raw)}`);
    return null;
  }
  const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : null;
  const f = new Fields(raw, { step: id ?? label, path, prefix: '' }, sink);
  if (id === null) f.problem(f.has('id') ? 'id' : null, f.has('id') ? `must be text, not ${typeName(raw.id)}` : 'a step needs an id');
  f.rejectUnknown(STEP_KEYS, "a step's keys are");
  const step = readStep(f, id ?? label, dialect);
  rememberPlace(step, (key) => sink.yaml.lineAt(key === null ? path : [...path, ...key.split('.')]));
  return step;
}

function readStep(f: Fields, id: string, dialect: Dialect): Step {
  const type = f.choice('type', STEP_TYPES, 'agent');
  const foreach = f.text('foreach');
  return {
    id,
    type,
    agent: f.text('agent'),
    prompt: f.text('prompt'),
    command: f.text('command'),
    cwd: f.text('cwd'),
    env: f.textMap('env'),
    recipe: f.text('recipe'),
    recipeContext: f.map('context') ?? {},
    output: f.text('output'),
    condition: f.text('condition'),
    foreach,
    as: f.text('as') ?? DEFAULTS.as,
    collect: f.text('collect'),
    parallel: readParallel(f, defaultParallel(dialect, type, foreach)),
    maxIterations: f.number('max_iterations', DEFAULTS.maxIterations),
    whileCondition: f.text('while_condition'),
    maxWhileIterations: f.number('max_while_iterations', DEFAULTS.maxWhileIterations),
    breakWhen: f.text('break_when'),
    updateContext: f.textMap('update_context'),
    timeoutSeconds: f.number('timeout', DEFAULTS.timeoutSeconds),
    retry: readRetry(f),
    onError: f.choice('on_error', ON_ERROR, 'fail'),
    parseJson: f.bool('parse_json', false),
    dependsOn: f.textList('depends_on'),
    barrier: readBarrier(f),
    claimDeadlineSeconds: f.numberOrNull('claim_deadline'),
  };
}

/**
 * Amplifier runs a foreach one item at a time unless told otherwise. The collaboration dialect
 * exists to spread work over many instances, so there a foreach of agent steps fans out (posts
 * every handoff at once) unless the recipe says `parallel: false`.
 */
function defaultParallel(dialect: Dialect, type: StepType, foreach: string | null): boolean {
  return dialect === 'collaboration' && type === 'agent' && foreach !== null;
}

function readParallel(f: Fields, fallback: boolean): boolean | number {
  const value = f.values.parallel;
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
  f.problem('parallel', `must be true, false or how many iterations may run at once, not ${typeName(value)}`);
  return fallback;
}

function readRetry(f: Fields): Retry | null {
  const retry = f.nested('retry');
  if (!retry) return null;
  retry.rejectUnknown(RETRY_KEYS, 'retry takes');
  return {
    maxAttempts: retry.number('max_attempts', RETRY_DEFAULTS.maxAttempts),
    backoff: retry.choice('backoff', ['fixed', 'exponential'] as const, RETRY_DEFAULTS.backoff),
    initialDelaySeconds: retry.number('initial_delay', RETRY_DEFAULTS.initialDelaySeconds),
    maxDelaySeconds: retry.number('max_delay', RETRY_DEFAULTS.maxDelaySeconds),
  };
}

function readBarrier(f: Fields): Barrier {
  const barrier = f.nested('barrier');
  if (!barrier) return { require: 'all', timeoutSeconds: null };
  barrier.rejectUnknown(BARRIER_KEYS, 'barrier takes');
  return { require: readRequire(barrier), timeoutSeconds: barrier.numberOrNull('timeout') };
}

function readRequire(barrier: Fields): Barrier['require'] {
  const value = barrier.values.require;
  if (value === undefined || value === null || value === 'all') return 'all';
  if (value === 'any') return 'any';
  if (typeof value === 'number' && Number.isFinite(value)) return { atLeast: value };
  barrier.problem('require', `must be all, any or how many results are needed, not ${typeName(value)}`);
  return 'all';
}
