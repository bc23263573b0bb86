import { Fields, typeName, type ProblemSink } from './fields.js';
import type { InputSpec } from './model.js';
import { isRecord } from './scope.js';

const INPUT_KEYS = ['type', 'description', 'required', 'default'] as const;

/** The collaboration dialect's `inputs`: each `{type, description, required, default}`. */
export function parseInputs(raw: Record<string, unknown>, sink: ProblemSink): Record<string, InputSpec> {
  const entries = Object.entries(raw).flatMap(([name, spec]): [string, InputSpec][] => {
    const place = { step: null, path: ['inputs', name], prefix: `inputs.${name}.` };
    if (!isRecord(spec)) {
      sink.add(place, null, `an input must be a mapping of type, description, required and default, not ${typeName(spec)}`);
      return [];
    }
    const f = new Fields(spec, place, sink);
    f.rejectUnknown(INPUT_KEYS, 'an input takes');
    const input: InputSpec = { type: f.text('type'), description: f.text('description') ?? '', required: f.bool('required', false) };
    if (Object.hasOwn(spec, 'default')) input.default = spec.default;
    return [[name, input]];
  });
  return Object.fromEntries(entries);
}

/** Input defaults are the context a run starts from; the caller's values override them. */
export const inputDefaults = (inputs: Record<string, InputSpec>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(inputs).flatMap(([name, spec]) => ('default' in spec ? [[name, spec.default]] : [])));
