import * as assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { tokenScanTypeScript } from '../../server/src/engine/languages/typescript/token-scan';
import { builtinConfig } from './harness';

const DEPTH = 10_000;

/** `rule name@line` of the findings that name data: consent-required and catalog-field. */
function named(text: string, lineOffset = 0): string[] {
  return lint({ text, path: 'a.ts' }, builtinConfig())
    .findings.filter((f) => f.rule === 'consent-required' || f.rule === 'catalog-field')
    .map((f) => `${f.rule} ${f.name}@${text.slice(0, f.span.start).split('\n').length - lineOffset}`);
}

/** The same code read by the main scanner, and inside 10,000 nested blocks by the token pass. */
function both(code: string): { main: string[]; fallback: string[] } {
  const wrapped = '{\n'.repeat(DEPTH) + code + '\n' + '}\n'.repeat(DEPTH);
  const findings = lint({ text: wrapped, path: 'a.ts' }, builtinConfig()).findings;
  assert.match(findings[0]?.message ?? '', /nests deeper/, 'the fallback ran');
  return { main: named(code), fallback: named(wrapped, DEPTH) };
}

const CONSTRUCTS: Record<string, string> = {
  'interface members': 'interface Customer {\n  email: string;\n  phone?: string;\n}',
  'type literal members': 'type Contact = {\n  dateOfBirth: string;\n  homeAddress: { postalCode: string };\n};',
  'class properties and parameter properties':
    "class Account {\n  iban = '';\n  private email: string = '';\n  constructor(private phone: string) {}\n}",
  'method parameters and their reads': 'class A {\n  send(email: string) {\n    return email;\n  }\n}',
  'function parameters and their reads': 'function notify(phoneNumber: string, count: number) {\n  deliver(phoneNumber, count);\n}',
  'arrow parameters': 'const lookup = (email: string) => email;\nconst single = email => email;',
  'object keys and shorthand properties': 'const payload = { email: customer.id, phone };\nsave({ dateOfBirth: x });',
  destructuring: 'const { dateOfBirth } = customer;\nconst { birthDate: dob } = customer;\ndeliver(dob);',
  'destructured parameters': 'const handler = ({ firstName }) => firstName;\nfunction f({ lastName }: Customer) {}',
  'variables and their reads': 'const homeAddress = await load();\ndeliver(homeAddress);\nlet phone;\nphone = read();',
  'variable from a flagged access (one finding)': 'const dob = customer.birthDate;',
  'array destructuring': "const [gender, setGender] = useState('');",
  'property and element access': "send(customer.email, row['date_of_birth']);\nconst msg = `hi ${customer.email}`;",
  'schema fields declare': 'const Schema = z.object({ lastName: z.string() });',
};

describe('the name-by-name fallback (10,000-deep nesting) reports what the main scanner does', () => {
  for (const [construct, code] of Object.entries(CONSTRUCTS)) {
    it(construct, () => {
      const { main, fallback } = both(code);
      assert.ok(main.length > 0, 'the fixture names data');
      assert.deepEqual(fallback, main);
    });
  }

  it('all constructs in one file', () => {
    const { main, fallback } = both(Object.values(CONSTRUCTS).join('\n'));
    assert.deepEqual(fallback, main);
  });

  it('near-misses: names that only look like data, and string values, stay silent in both', () => {
    const code = [
      "const style = { position: 'absolute' };",
      'const fileName = style.position;',
      "const kind = 'email';",
      "const opts = { type: 'phone', label: 'dateOfBirth' };",
      "send('email', ['phone', 'date_of_birth']);",
      "const FIELD_EMAIL = 'email';",
      "const COOKIES = { AUTH_STATE_COOKIE: 'email' };",
      "if (x) { log('ssn') }",
    ].join('\n');
    const { main, fallback } = both(code);
    assert.deepEqual(main, []);
    assert.deepEqual(fallback, []);
  });

  it('blocks, control statements and calls are not mistaken for objects or parameters', () => {
    const code = [
      'if (ready) {\n  email: for (;;) break email;\n}',
      'switch (k) {\n  case 1: {\n    send(customer.email);\n  }\n}',
      'const f = (a: string) => {\n  label: while (a) {}\n};',
      'call(email);',
    ].join('\n');
    const { main, fallback } = both(code);
    assert.deepEqual(fallback, main);
  });
});

describe('hostile input to the token pass', () => {
  const run = (text: string) => lint({ text, path: 'a.ts' }, builtinConfig(), { maxFileSize: 2_000_000 }).findings;
  for (const open of ['{', '(', '[']) {
    it(`100,000 nested ${open} finish without throwing`, () => {
      const close = { '{': '}', '(': ')', '[': ']' }[open]!;
      const findings = run('x = ' + (open + '\n').repeat(100_000) + 'customer.email' + (close + '\n').repeat(100_000));
      assert.ok(findings.some((f) => f.rule === 'consent-required' && f.name === 'email'));
      run((open + '\n').repeat(100_000)); // never closed
      run((close + '\n').repeat(100_000) + (open + '\n').repeat(100_000) + 'const { email } = c;');
    });
  }
  it('1 MB of random tokens finishes without throwing', () => {
    const tokens = [
      '{',
      '}',
      '(',
      ')',
      '[',
      ']',
      ':',
      ',',
      ';',
      '=',
      '=>',
      '.',
      '?',
      'const',
      'let',
      'function',
      'class',
      'interface',
      'type',
      'email',
      'phone',
      'x',
      "'email'",
      '`a${',
      '}`',
      '/',
      '\n',
      'case',
      'default',
      'return',
      'private',
      '...',
      '<',
      '>',
    ];
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % tokens.length;
    const parts: string[] = [];
    let size = 0;
    while (size < 1_000_000) {
      const t = tokens[rnd()];
      parts.push(t);
      size += t.length + 1;
    }
    const text = parts.join(' ');
    assert.doesNotThrow(() => lint({ text, path: 'a.ts' }, builtinConfig(), { maxFileSize: 2_000_000 }));
    // The token pass itself, whether or not the parser held the file.
    assert.ok(tokenScanTypeScript(text).occurrences.length > 0);
    assert.ok(tokenScanTypeScript('{'.repeat(100_000) + '('.repeat(100_000) + '['.repeat(100_000)).occurrences.length === 0);
  });
});
