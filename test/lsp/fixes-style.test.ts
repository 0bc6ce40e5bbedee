/**
 * Quick fixes write in the file's own style and touch nothing else: the guard fix quotes the
 * condition id as the file's strings are quoted, and "Add to ignoreNames" changes the
 * `ignoreNames` list (or adds one) while every other byte of catalint.json, comments and odd
 * spacing included, stays as the user wrote it.
 */
import * as assert from 'node:assert/strict';
import { findNodeAtLocation, parse, parseTree, type ParseError } from 'jsonc-parser';
import { parseTypeScript, wrapInGuard } from '../../server/src/engine/languages/typescript/fixes';
import type { Edit } from '../../server/src/engine/text/edit';
import { addIgnoreName } from '../../server/src/lsp/fixes/ignore-name';

function apply(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function guarded(text: string, file: string, at: string, ids: readonly string[] = ['customer-consent']): string {
  const wrap = wrapInGuard(parseTypeScript(text, file), text.indexOf(at), ids, ['hasConsent'], ['hasConsent']);
  assert.ok(wrap, 'no guard offered');
  return apply(text, [wrap.edit]);
}

describe('quick fixes match the file', () => {
  describe('the guard fix quotes the condition id like the file', () => {
    it('single quotes in a single-quoted file', () => {
      const text = "import { hasConsent } from './consent';\n\nexport function f(ctx: Ctx, c: Customer) {\n  send(c.email, 'now');\n}\n";
      assert.equal(
        guarded(text, 'a.ts', 'c.email'),
        "import { hasConsent } from './consent';\n\nexport function f(ctx: Ctx, c: Customer) {\n  if (hasConsent(ctx, 'customer-consent')) {\n    send(c.email, 'now');\n  }\n}\n",
      );
    });

    it('near-miss: double quotes in a double-quoted file', () => {
      const text = 'import { hasConsent } from "./consent";\n\nexport function f(ctx: Ctx, c: Customer) {\n  send(c.email, "now");\n}\n';
      assert.equal(
        guarded(text, 'a.ts', 'c.email'),
        'import { hasConsent } from "./consent";\n\nexport function f(ctx: Ctx, c: Customer) {\n  if (hasConsent(ctx, "customer-consent")) {\n    send(c.email, "now");\n  }\n}\n',
      );
    });

    it('the quote most strings use wins; JSX attributes, templates and a tie do not make it single', () => {
      // Two single-quoted strings against one double: single.
      const most =
        "import { hasConsent } from './consent';\nconst a = 'x';\nconst b = \"y\";\nfunction f(ctx: Ctx) {\n  send(c.email);\n}\n";
      assert.match(guarded(most, 'm.ts', 'c.email'), /if \(hasConsent\(ctx, 'customer-consent'\)\) \{/);
      // JSX attributes follow JSX's convention: the code around them is single-quoted.
      const jsx =
        'import { hasConsent } from \'./consent\';\nexport function F(ctx: Ctx) {\n  send(c.email);\n  return <div className="a" id="b" title="c" />;\n}\n';
      assert.match(guarded(jsx, 'j.tsx', 'c.email'), /if \(hasConsent\(ctx, 'customer-consent'\)\) \{/);
      // One each: double, the default; templates are not quotes.
      const tie =
        'import { hasConsent } from \'./consent\';\nconst b = "y";\nconst t = `z`;\nfunction f(ctx: Ctx) {\n  send(c.email);\n}\n';
      assert.match(guarded(tie, 't.ts', 'c.email'), /if \(hasConsent\(ctx, "customer-consent"\)\) \{/);
    });

    it('every id of a requirement, escaped for the quote', () => {
      const text = "import { hasConsent } from './consent';\nfunction f(ctx: Ctx) {\n  send(c.email);\n}\n";
      assert.match(
        guarded(text, 'a.ts', 'c.email', ['a-b', "it's", 'say "hi"', 'back\\slash']),
        /if \(hasConsent\(ctx, 'a-b'\) && hasConsent\(ctx, 'it\\'s'\) && hasConsent\(ctx, 'say "hi"'\) && hasConsent\(ctx, 'back\\\\slash'\)\) \{/,
      );
    });
  });

  describe('"Add to ignoreNames" edits catalint.json minimally', () => {
    /** The file after the fix, checked to be JSON with comments whose only change is the added name. */
    function added(text: string, name = 'email'): string {
      const change = addIgnoreName(text, name);
      assert.equal(change.kind, 'edit');
      const after = apply(text, change.kind === 'edit' ? change.edits : []);
      const errors: ParseError[] = [];
      const value = parse(after, errors, { allowTrailingComma: true }) as Record<string, unknown>;
      assert.deepEqual(errors, [], after);
      const before = parse(text, [], { allowTrailingComma: true }) as Record<string, unknown>;
      assert.deepEqual(value, { ...before, ignoreNames: [...((before.ignoreNames as string[] | undefined) ?? []), name] }, after);
      return after;
    }

    /** Every byte before and after the `ignoreNames` list is the same. */
    function assertOnlyTheListChanged(text: string, after: string): void {
      const list = findNodeAtLocation(parseTree(text)!, ['ignoreNames'])!;
      const [start, end] = [list.offset, list.offset + list.length];
      const change = addIgnoreName(text, 'email');
      for (const e of change.kind === 'edit' ? change.edits : []) {
        assert.ok(e.start > start && e.end < end, `edit ${JSON.stringify(e)} outside the list [${start}, ${end})`);
      }
      assert.equal(after.slice(0, start), text.slice(0, start));
      assert.equal(after.slice(after.length - (text.length - end)), text.slice(end));
    }

    const ODD = [
      '// Catalint settings for the shop.',
      '{',
      '    /* paths */ "include" :   [ "src/**" ,"lib/**" ],  "exclude":["dist/**"],',
      '    "ignoreNames":[ "legacyEmail",   "leadName" ] , // not personal',
      '       "severity": {"personal":"error"}, // stricter here',
      '',
      '    "tests": [],',
      '}',
      '',
    ].join('\n');

    it('a list on one line among odd spacing and comments: the name joins it, nothing else moves', () => {
      const after = added(ODD);
      assert.equal(after, ODD.replace('"leadName" ]', '"leadName",   "email" ]'));
      assertOnlyTheListChanged(ODD, after);
    });

    it('a list one name a line, a comment after the last and a trailing comma, CRLF and tabs', () => {
      const text =
        '{\r\n\t"exclude": ["dist/**"],\r\n\t"ignoreNames": [\r\n\t\t"legacyEmail", // 2019 import\r\n\t\t"leadName" // CRM\r\n\t],\r\n}\r\n';
      const after = added(text);
      assert.equal(
        after,
        '{\r\n\t"exclude": ["dist/**"],\r\n\t"ignoreNames": [\r\n\t\t"legacyEmail", // 2019 import\r\n\t\t"leadName", // CRM\r\n\t\t"email"\r\n\t],\r\n}\r\n',
      );
      assertOnlyTheListChanged(text, after);
      const trailing = '{\n  "ignoreNames": [\n    "a",\n  ],\n}\n';
      assert.equal(added(trailing), '{\n  "ignoreNames": [\n    "a",\n    "email",\n  ],\n}\n');
      assertOnlyTheListChanged(trailing, added(trailing));
    });

    it('an empty list, on one line or over several', () => {
      assert.equal(added('{ "ignoreNames": [], "exclude": [ "a" ] }'), '{ "ignoreNames": ["email"], "exclude": [ "a" ] }');
      assert.equal(added('{\n    "ignoreNames": [\n    ]\n}\n'), '{\n    "ignoreNames": [\n        "email"\n    ]\n}\n');
      assert.equal(added('{\n  "ignoreNames": [ // none yet\n  ]\n}\n'), '{\n  "ignoreNames": [ // none yet\n    "email"\n  ]\n}\n');
    });

    it('a name already listed is not added twice; a file nested past the limit is not edited', () => {
      assert.deepEqual(addIgnoreName(ODD, 'leadName'), { kind: 'present' });
      const deep = `{"ignoreNames": ["a"], "x": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
      assert.deepEqual(addIgnoreName(deep, 'email'), { kind: 'present' });
    });

    describe('near-miss: no ignoreNames yet, so it is added, in the file’s indentation', () => {
      it('four spaces, a comment after the last key', () => {
        const text =
          '{\n    // team settings\n    "exclude": [ "dist/**" ],   // build output\n    "severity": {"personal": "error"} // stricter\n}\n';
        assert.equal(
          added(text),
          '{\n    // team settings\n    "exclude": [ "dist/**" ],   // build output\n    "severity": {"personal": "error"}, // stricter\n    "ignoreNames": [\n        "email"\n    ]\n}\n',
        );
      });

      it('tabs and CRLF', () => {
        assert.equal(added('{\r\n\t"exclude": []\r\n}\r\n'), '{\r\n\t"exclude": [],\r\n\t"ignoreNames": [\r\n\t\t"email"\r\n\t]\r\n}\r\n');
      });

      it('an object on one line stays on one line', () => {
        assert.equal(added('{ "exclude" : ["a"] , "tests": [] }'), '{ "exclude" : ["a"] , "tests": [], "ignoreNames": ["email"] }');
      });

      it('an empty object, or one holding only a comment', () => {
        assert.equal(added('{}\n'), '{\n  "ignoreNames": [\n    "email"\n  ]\n}\n');
        assert.equal(added('{\n    // nothing yet\n}\n'), '{\n    // nothing yet\n    "ignoreNames": [\n        "email"\n    ]\n}\n');
      });
    });
  });
});
