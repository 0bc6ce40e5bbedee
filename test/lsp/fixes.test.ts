/**
 * The fix positions on their own, for the cases the LSP tests cannot reach yet or that need
 * many variants: SQL statements, existing directives, shebangs, CRLF, one-line JSDoc.
 */
import * as assert from 'node:assert/strict';
import { declareAbove, declareForFile, suppressLine } from '../../server/src/lsp/fixes/directives';
import { addIgnoreName } from '../../server/src/lsp/fixes/ignore-name';
import { sqlStatementStart } from '../../server/src/engine/languages/sql/fixes';
import type { Edit } from '../../server/src/engine/text/edit';
import { functionHost, parseTypeScript, wrapInGuard } from '../../server/src/engine/languages/typescript/fixes';
import { language } from '../../server/src/engine/languages/registry';

function apply(text: string, edits: readonly Edit[] | undefined): string {
  assert.ok(edits);
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

describe('LSP fix positions', () => {
  describe('SQL', () => {
    const SQL = "SELECT 1;\n\n-- customers\nSELECT email, 'a;b' AS x\n  FROM customers;\nSELECT $$;$$; SELECT phone FROM c;\n";

    it('finds the statement start past strings, comments and dollar quotes', () => {
      assert.equal(sqlStatementStart(SQL, SQL.indexOf('email')), SQL.indexOf('SELECT email'));
      assert.equal(sqlStatementStart(SQL, SQL.indexOf('customers;')), SQL.indexOf('SELECT email'));
      assert.equal(sqlStatementStart(SQL, SQL.indexOf('phone')), SQL.indexOf('SELECT phone'));
    });

    it('puts -- @consent above the statement, after the comments above it', () => {
      const at = sqlStatementStart(SQL, SQL.indexOf('email'));
      assert.ok(
        apply(SQL, declareAbove(SQL, at, ['customer-consent'], language('sql').comments, false)).includes(
          '-- customers\n-- @consent customer-consent\nSELECT email',
        ),
      );
    });

    it('breaks the line when the statement shares it with another', () => {
      const at = sqlStatementStart(SQL, SQL.indexOf('phone'));
      assert.ok(
        apply(SQL, declareAbove(SQL, at, ['customer-consent'], language('sql').comments, false)).includes(
          'SELECT $$;$$;\n-- @consent customer-consent\nSELECT phone',
        ),
      );
    });

    it('extends an existing -- @consent list instead of adding a line', () => {
      const text = '-- @consent registered-user\nSELECT email FROM customers;\n';
      assert.equal(
        apply(text, declareAbove(text, text.indexOf('SELECT'), ['customer-consent'], language('sql').comments, false)),
        '-- @consent registered-user, customer-consent\nSELECT email FROM customers;\n',
      );
      assert.deepEqual(declareAbove(text, text.indexOf('SELECT'), ['registered-user'], language('sql').comments, false), []);
    });

    it('writes a file header and a disable line in SQL comment syntax', () => {
      assert.equal(
        apply(SQL, declareForFile(SQL, ['customer-consent'], language('sql').comments)),
        `-- @consent customer-consent\n\n${SQL}`,
      );
      const line = apply(SQL, suppressLine(SQL, SQL.indexOf('email'), 'consent-required', language('sql').comments));
      assert.ok(line.includes('-- customers\n-- catalint-disable-next-line consent-required\nSELECT email'));
    });
  });

  describe('directives', () => {
    it('appends the rule to a disable directive on the line above, before its reason', () => {
      const text = '  // catalint-disable-next-line catalog-field -- legacy\n  send(c.email);\n';
      assert.equal(
        apply(text, suppressLine(text, text.indexOf('send'), 'consent-required', language('typescript').comments)),
        '  // catalint-disable-next-line catalog-field, consent-required -- legacy\n  send(c.email);\n',
      );
      assert.equal(suppressLine(text, text.indexOf('send'), 'catalog-field', language('typescript').comments), undefined);
    });

    it('extends a file header that already declares consent, and keeps a shebang first', () => {
      const header = '// @consent customer-consent\n\nconst x = 1;\n';
      assert.equal(
        apply(header, declareForFile(header, ['connected-drive'], language('typescript').comments)),
        '// @consent customer-consent, connected-drive\n\nconst x = 1;\n',
      );
      const shebang = '#!/usr/bin/env node\nconst x = 1;\n';
      assert.equal(
        apply(shebang, declareForFile(shebang, ['connected-drive'], language('typescript').comments)),
        '#!/usr/bin/env node\n// @consent connected-drive\n\nconst x = 1;\n',
      );
      // A comment directly above the first function is not a header: a new one goes on top.
      const fnDoc = '// @consent customer-consent\nfunction f() {}\n';
      assert.equal(
        apply(fnDoc, declareForFile(fnDoc, ['connected-drive'], language('typescript').comments)),
        `// @consent connected-drive\n\n${fnDoc}`,
      );
    });

    it('adds a tag to a one-line JSDoc, and keeps CRLF line ends', () => {
      const text = '\t/** Sends it. */\r\n\tfunction send() {}\r\n';
      const at = text.indexOf('function');
      assert.equal(
        apply(text, declareAbove(text, at, ['customer-consent'], language('typescript').comments, true)),
        '\t/** Sends it.\r\n\t * @consent customer-consent\r\n\t */\r\n\tfunction send() {}\r\n',
      );
    });
  });

  describe('TypeScript structure', () => {
    it('skips an arrow passed as an argument and annotates the function around it', () => {
      const text = 'export function routes(app: App) {\n  app.get("/", (req) => send(req.user.email));\n}\n';
      const sf = parseTypeScript(text, 'r.ts');
      assert.deepEqual(functionHost(sf, text.indexOf('email')), { anchor: 0, label: 'function routes' });
    });

    it('wraps a statement in a guard without re-indenting the inside of a template literal', () => {
      const text =
        'import { hasConsent } from "./consent";\nfunction f(context: Ctx) {\n  db.query(`\n    SELECT email\n  `, c.email);\n}\n';
      const sf = parseTypeScript(text, 'q.ts');
      const wrap = wrapInGuard(sf, text.indexOf('c.email'), ['customer-consent'], ['hasConsent'], ['hasConsent']);
      assert.equal(
        apply(text, wrap && [wrap.edit]),
        'import { hasConsent } from "./consent";\nfunction f(context: Ctx) {\n  if (hasConsent(context, "customer-consent")) {\n    db.query(`\n    SELECT email\n  `, c.email);\n  }\n}\n',
      );
      // A declaration would leave its scope if wrapped: no guard.
      const decl = 'import { hasConsent } from "./consent";\nfunction f(ctx: Ctx) {\n  const e = c.email;\n  return e;\n}\n';
      assert.equal(wrapInGuard(parseTypeScript(decl, 'd.ts'), decl.indexOf('email'), ['x'], ['hasConsent'], []), undefined);
    });

    it('offers a guard only where it compiles: the guard is in the file and a context is in scope', () => {
      const noImport = 'function f(ctx: Ctx) {\n  send(c.email);\n}\n';
      assert.equal(
        wrapInGuard(parseTypeScript(noImport, 'a.ts'), noImport.indexOf('email'), ['x'], ['hasConsent'], ['hasConsent']),
        undefined,
      );
      const noContext = 'import { hasConsent } from "./consent";\nfunction f(c: Customer) {\n  send(c.email);\n}\n';
      assert.equal(
        wrapInGuard(parseTypeScript(noContext, 'b.ts'), noContext.indexOf('email'), ['x'], ['hasConsent'], ['hasConsent']),
        undefined,
      );
      // The file's own guard calls say which argument is the context, and which guard it uses.
      const reuse =
        'import { allowed } from "./consent";\nfunction f(session: S, c: Customer) {\n  if (allowed(session, "x")) go();\n  send(c.email);\n}\n';
      const wrap = wrapInGuard(
        parseTypeScript(reuse, 'c.ts'),
        reuse.indexOf('email'),
        ['customer-consent'],
        ['hasConsent', 'allowed'],
        ['hasConsent', 'allowed'],
      );
      assert.equal(wrap?.guard, 'allowed');
      assert.match(wrap?.edit.newText ?? '', /^if \(allowed\(session, "customer-consent"\)\) \{/);
    });
  });

  describe('ignoreNames', () => {
    it('creates catalint.json, adds to the list, or says the name is already there', () => {
      assert.deepEqual(addIgnoreName(undefined, 'email'), { kind: 'create', content: '{\n  "ignoreNames": [\n    "email"\n  ]\n}\n' });
      assert.deepEqual(addIgnoreName('{ "ignoreNames": ["email"] }', 'email'), { kind: 'present' });
      const added = addIgnoreName('{\n  "exclude": []\n}\n', 'email');
      assert.equal(added.kind, 'edit');
      assert.equal(
        added.kind === 'edit' && apply('{\n  "exclude": []\n}\n', added.edits),
        '{\n  "exclude": [],\n  "ignoreNames": [\n    "email"\n  ]\n}\n',
      );
    });
  });
});
