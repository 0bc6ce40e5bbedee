/**
 * The editor's incremental path: `lint` with a DocumentMemory must give exactly what a fresh
 * `lint` gives, edit after edit, whatever the edits do to the text (half-typed brackets,
 * directives appearing, statements merging), while replaying the statements an edit left alone.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { DocumentMemory, lint } from '../../server/src/engine';
import { CORPUS, configFor, ROOT } from '../fuzz/harness';
import { fuzzParameters } from '../fuzz/harness';
import { apply, mutation } from '../fuzz/mutations';

const edited = CORPUS.typescript.filter((s) => s.text.length > 400);

function fresh(text: string, file: string): string {
  return JSON.stringify(lint({ text, path: file }, configFor(file)).findings);
}

describe('lint with a document memory', () => {
  it('finds, edit after edit, exactly what a fresh analysis finds', () => {
    fc.assert(
      fc.property(fc.constantFrom(...edited), fc.array(mutation, { minLength: 1, maxLength: 12 }), (sample, edits) => {
        const memory = new DocumentMemory();
        const config = configFor(sample.file);
        let text = sample.text;
        lint({ text, path: sample.file }, config, { memory });
        for (const edit of edits) {
          text = apply(text, edit);
          const remembered = JSON.stringify(lint({ text, path: sample.file }, config, { memory }).findings);
          assert.equal(remembered, fresh(text, sample.file), `after ${JSON.stringify(edit)} in ${path.relative(ROOT, sample.file)}`);
        }
      }),
      fuzzParameters(120),
    );
  });

  it('replays the statements an edit did not touch, and walks the one it did', () => {
    const sample =
      CORPUS.typescript.find((s) => s.file.endsWith(path.join('connected-car', 'src', 'customer', 'customer-service.ts'))) ?? edited[0];
    const config = configFor(sample.file);
    const memory = new DocumentMemory();
    const before = lint({ text: sample.text, path: sample.file }, config, { memory });
    assert.equal(memory.replayed, 0, 'nothing to replay on the first analysis');
    // A use of personal data typed at the end of the file: one new finding, the rest replayed.
    const text = `${sample.text}\nexport const typed = (customer: { email: string }) => customer.email;\n`;
    const after = lint({ text, path: sample.file }, config, { memory });
    assert.ok(memory.replayed > 0, 'unchanged statements are replayed');
    assert.equal(JSON.stringify(after.findings), fresh(text, sample.file));
    assert.ok(after.findings.length > before.findings.length, 'the typed use is found');
  });

  it('re-reads a statement when a module-level declaration it reads changes', () => {
    const file = path.join(ROOT, 'examples', 'connected-car', 'src', 'memory-probe.ts');
    const config = configFor(file);
    const memory = new DocumentMemory();
    // Statements between the edit and the use, so the compiler keeps the use's node as it was.
    const between = Array.from({ length: 20 }, (_, i) => `export function pad${i}(n: number): number {\n  return n + ${i};\n}\n`).join(
      '\n',
    );
    const use = `\nexport function send() {\n  return holder.title;\n}\n`;
    // A use of data elsewhere, so that even the neutral text is parsed and remembered.
    const other = `export const mail = (c: Customer) => c.email;\n`;
    const neutral = `import { x } from 'y';\n${other}const holder = loadPage();\n${between}${use}`;
    const personal = `import { x } from 'y';\n${other}const holder: Customer = loadPage();\n${between}${use}`;
    assert.deepEqual(names(lint({ text: neutral, path: file }, config, { memory })), ['email']);
    // `title` is personal only in a customer's context, which the declaration above now gives.
    const remembered = names(lint({ text: personal, path: file }, config, { memory }));
    assert.ok(memory.replayed >= 15, `the statements in between are replayed (${memory.replayed})`);
    assert.deepEqual(remembered, ['email', 'title'], 'the use is read again with the new declaration');
    assert.deepEqual(names(lint({ text: personal, path: file }, config)), ['email', 'title']);
  });
});

function names(r: ReturnType<typeof lint>): string[] {
  return r.findings.filter((f) => f.rule === 'consent-required').map((f) => f.name);
}
