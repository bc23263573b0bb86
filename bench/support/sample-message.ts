/** What every figure posts or stores: a typical completion report, the same over HTTP and straight into SQLite. */
export const SAMPLE_TITLE = '✅ Complete: bench task';

export const SAMPLE_BODY =
  'Finished the handoff. Results are in the linked document; tests pass and the API matches the contract.\n\n' +
  '- endpoints: 4\n- tests: 37 passed\n- next: review by a second instance';

export const samplePost = (): string => JSON.stringify({ title: SAMPLE_TITLE, body: SAMPLE_BODY });
