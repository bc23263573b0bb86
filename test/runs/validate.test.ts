import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/cli-process.js';
import { tempDir } from '../support/temp-dir.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('baton recipe validate', () => {
  const validate = (file: string, ...args: string[]) => runCli(['recipe', 'validate', file, ...args], { BATON_DATA: tempDir('baton-validate-') });

  it('an unknown step key stops the load, naming the line, the step, the key and the keys there are', async () => {
    const result = await validate(fixture('bad-key.yaml'));
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/bad-key\.yaml:7: step 'split', key 'colour': unknown key; a step's keys are id, type/);
  });

  it('an undefined variable and a foreach over a non-list are both reported, each naming its step and key', async () => {
    const result = await validate(fixture('bad.yaml'));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/step 'split', key 'command'.*undefined_thing/);
    expect(result.stderr).toMatch(/step 'each', key 'foreach'.*list/);
  });

  it("passes the seed's recipe unchanged, and an example with its required input given", async () => {
    for (const [name, args] of [['distributed-code-review', []], ['release-check', []], ['collaborative-task', ['--input', 'task_description=ship it']]] as const) {
      const file = fileURLToPath(new URL(`../../recipes/${name}.yaml`, import.meta.url));
      const result = await validate(file, ...args);
      expect(result.stderr, name).toBe('');
      expect(result.stdout.trim(), name).toBe(`${file}: ok`);
    }
  });
});
