import type { Problem } from './recipe-error.js';
import { isRecord } from './scope.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

/** Where a mapping sits: the step it belongs to, its path in the file, and how its keys are named in problems. */
export interface Place {
  step: string | null;
  path: YamlPath;
  /** '' for a step's own keys, 'retry.' inside its retry, and so on. */
  prefix: string;
}

/** Collects every problem the loader finds, with its line, so a file's faults are reported together. */
export class ProblemSink {
  readonly problems: Problem[] = [];

  constructor(readonly yaml: YamlSource) {}

  add(place: Place, key: string | null, message: string): void {
    const name = key === null ? place.prefix.replace(/\.$/, '') || null : `${place.prefix}${key}`;
    const line = this.yaml.lineAt(key === null ? place.path : [...place.path, key]);
    this.problems.push({ step: place.step, key: name, message, line });
  }
}

/**
 * Typed reads of one YAML mapping. A wrong type is recorded as a problem naming the key and the rule,
 * and the read falls back to the default, so loading goes on and finds the next problem too.
 * A key written with no value (`prompt:`) counts as absent.
 */
export class Fields {
  constructor(
    readonly values: Record<string, unknown>,
    readonly place: Place,
    readonly sink: ProblemSink,
  ) {}

  problem(key: string | null, message: string): void {
    this.sink.add(this.place, key, message);
  }

  has(key: string): boolean {
    return this.values[key] !== undefined && this.values[key] !== null;
  }

  /** Every key not in `known` is a problem listing the known ones. */
  rejectUnknown(known: readonly string[], what: string): void {
    for (const key of Object.keys(this.values)) {
      if (!known.includes(key)) this.problem(key, `unknown key; ${what} ${known.join(', ')}`);
    }
  }

  text(key: string): string | null {
    const value = this.values[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') return value;
    this.problem(key, `must be text, not ${typeName(value)}`);
    return null;
  }

  bool(key: string, fallback: boolean): boolean {
    const value = this.values[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    this.problem(key, `must be true or false, not ${typeName(value)}`);
    return fallback;
  }

  number(key: string, fallback: number): number {
    return this.numberOrNull(key) ?? fallback;
  }

  numberOrNull(key: string): number | null {
    const value = this.values[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    this.problem(key, `must be a number, not ${typeName(value)}`);
    return null;
  }

  choice<T extends string>(key: string, choices: readonly T[], fallback: T): T {
    const value = this.values[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    this.problem(key, `must be one of ${choices.join(', ')}, not ${shown(value)}`);
    return fallback;
  }

  map(key: string): Record<string, unknown> | null {
    const value = this.values[key];
    if (value === undefined || value === null) return null;
    if (isRecord(value)) return value;
    this.problem(key, `must be a mapping of names to values, not ${typeName(value)}`);
    return null;
  }

  /** A mapping whose values are text; numbers and booleans are taken as their text (`CI: true`). */
  textMap(key: string): Record<string, string> {
    const entries = Object.entries(this.map(key) ?? {}).flatMap(([name, value]): [string, string][] => {
      if (typeof value === 'string') return [[name, value]];
      if (typeof value === 'number' || typeof value === 'boolean') return [[name, String(value)]];
      this.problem(`${key}.${name}`, `must be text, not ${typeName(value)}`);
      return [];
    });
    return Object.fromEntries(entries);
  }

  /** A list of texts; a single text is a list of one. */
  textList(key: string): string[] {
    const value = this.values[key];
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
    this.problem(key, 'must be a list of step ids');
    return [];
  }

  /** The mapping under `key` as Fields of its own, keys named `key.inner` in problems. */
  nested(key: string): Fields | null {
    const values = this.map(key);
    return values ? new Fields(values, { ...this.place, path: [...this.place.path, key], prefix: `${this.place.prefix}${key}.` }, this.sink) : null;
  }
}

export function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'nothing';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${shown(value)}`;
  return `${typeof value} ${String(value)}`;
}

const shown = (value: unknown): string => JSON.stringify(value)?.slice(0, 60) ?? String(value);
