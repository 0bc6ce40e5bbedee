import * as assert from 'node:assert';
import type { SqlDialect } from '../../server/src/engine';
import { lex, PLACEHOLDER_CHAR } from '../../server/src/engine/languages/sql/lexer';

/** `kind:text` per token, comments included. */
function tokens(text: string, dialect: SqlDialect = 'postgresql'): string[] {
  return lex(text, dialect).tokens.map((t) => `${t.kind}:${t.kind === 'quoted' ? t.value : text.slice(t.start, t.end)}`);
}

describe('sql lexer', function () {
  it('reads words, quoted names, strings, numbers, parameters and punctuation', function () {
    assert.deepStrictEqual(tokens(`SELECT "Ma""il", x::text FROM t WHERE a = $1 AND b = 'it''s' AND c > 1.5e3;`), [
      'word:SELECT',
      'quoted:Ma"il',
      'punct:,',
      'word:x',
      'punct:::',
      'word:text',
      'word:FROM',
      'word:t',
      'word:WHERE',
      'word:a',
      'punct:=',
      'param:$1',
      'word:AND',
      'word:b',
      'punct:=',
      "string:'it''s'",
      'word:AND',
      'word:c',
      'punct:>',
      'number:1.5e3',
      'end:;',
    ]);
  });

  it('gives a quoted name the range inside its quotes', function () {
    const text = 'SELECT `e-mail`, [full name] FROM t';
    const q = lex(text, 'sqlite').tokens.filter((t) => t.kind === 'quoted');
    assert.deepStrictEqual(
      q.map((t) => text.slice(t.valueStart, t.valueEnd)),
      ['e-mail', 'full name'],
    );
  });

  it('counts offsets in UTF-16 code units after multi-byte characters', function () {
    const text = "SELECT 'Zoë 😀', prénom FROM t";
    const word = lex(text, 'postgresql').tokens.find((t) => t.value === 'prénom')!;
    assert.deepStrictEqual([word.start, word.end], [17, 23]);
    assert.strictEqual(text.slice(word.start, word.end), 'prénom');
  });

  it('follows each dialect on double quotes, backslashes and # comments', function () {
    assert.deepStrictEqual(tokens(`SELECT "email" # note`, 'mysql'), ['word:SELECT', 'string:"email"', 'comment:# note']);
    assert.deepStrictEqual(tokens(`SELECT "email" # note`, 'postgresql'), ['word:SELECT', 'quoted:email', 'punct:#', 'word:note']);
    assert.deepStrictEqual(tokens(String.raw`SELECT 'a\'b', c`, 'mysql'), ['word:SELECT', String.raw`string:'a\'b'`, 'punct:,', 'word:c']);
    assert.deepStrictEqual(tokens(String.raw`SELECT E'a\'b', c`, 'postgresql'), [
      'word:SELECT',
      String.raw`string:E'a\'b'`,
      'punct:,',
      'word:c',
    ]);
    assert.deepStrictEqual(tokens(`SELECT """a 'b' c""", d`, 'bigquery'), ['word:SELECT', `string:"""a 'b' c"""`, 'punct:,', 'word:d']);
  });

  it('splits a BigQuery path in one pair of backticks into its names', function () {
    const text = 'FROM `acme-prod.crm.users` u';
    const names = lex(text, 'bigquery').tokens.filter((t) => t.kind === 'quoted');
    assert.deepStrictEqual(
      names.map((t) => [t.value, text.slice(t.valueStart, t.valueEnd)]),
      [
        ['acme-prod', 'acme-prod'],
        ['crm', 'crm'],
        ['users', 'users'],
      ],
    );
  });

  it('reads dollar-quoted bodies whole, keeping where the body is', function () {
    const text = "DO $fn$ SELECT '$$' $fn$; SELECT 1";
    const body = lex(text, 'postgresql').tokens[1]!;
    assert.strictEqual(body.kind, 'string');
    assert.ok(body.dollar);
    assert.strictEqual(text.slice(body.valueStart, body.valueEnd), " SELECT '$$' ");
    assert.deepStrictEqual(tokens('SELECT a$b FROM t', 'postgresql'), ['word:SELECT', 'word:a$b', 'word:FROM', 'word:t']);
  });

  it('nests block comments in PostgreSQL only', function () {
    assert.deepStrictEqual(tokens('/* a /* b */ c */ x', 'postgresql'), ['comment:/* a /* b */ c */', 'word:x']);
    assert.deepStrictEqual(tokens('/* a /* b */ c', 'mysql'), ['comment:/* a /* b */', 'word:c']);
  });

  it('treats psql meta-commands as lines of their own, and COPY data up to \\. as data', function () {
    const text = "\\connect crm\nCOPY t (a, b) FROM stdin;\n1\tx'y\n\\.\nSELECT a FROM t;";
    assert.deepStrictEqual(tokens(text), [
      'meta:\\connect crm',
      'word:COPY',
      'word:t',
      'punct:(',
      'word:a',
      'punct:,',
      'word:b',
      'punct:)',
      'word:FROM',
      'word:stdin',
      'end:;',
      "data:1\tx'y\n\\.",
      'word:SELECT',
      'word:a',
      'word:FROM',
      'word:t',
      'end:;',
    ]);
  });

  it('follows the MySQL client DELIMITER', function () {
    const text = 'DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END//\nDELIMITER ;\nSELECT 2;';
    assert.deepStrictEqual(
      tokens(text, 'mysql').filter((t) => t.startsWith('end') || t.startsWith('meta')),
      ['meta:DELIMITER //', 'end://', 'meta:DELIMITER ;', 'end:;'],
    );
  });

  it('ends an unterminated string at its line, so the rest of the file is still read', function () {
    const r = lex("SELECT 'oops\nSELECT email FROM t;", 'postgresql');
    assert.deepStrictEqual(r.tokens.map((t) => t.value).slice(-5), ['SELECT', 'email', 'FROM', 't', ';']);
    assert.match(r.notes[0]!.message, /unterminated string/);
  });

  it('makes a substitution placeholder one token, even glued to a word', function () {
    assert.deepStrictEqual(
      tokens(`SELECT a FROM t_${PLACEHOLDER_CHAR} WHERE b = ${PLACEHOLDER_CHAR}`).map((t) => t.split(':')[0]),
      ['word', 'word', 'word', 'placeholder', 'word', 'word', 'punct', 'placeholder'],
    );
  });
});
