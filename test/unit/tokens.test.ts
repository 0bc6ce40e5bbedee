import * as assert from 'node:assert/strict';
import { tokenize } from '../../server/src/engine/text/tokens';

describe('tokenize', () => {
  const cases: [string, string[]][] = [
    ['customerEmail', ['customer', 'email']],
    ['CustomerEmail', ['customer', 'email']],
    ['customer_email', ['customer', 'email']],
    ['customer-email', ['customer', 'email']],
    ['CUSTOMER_EMAIL', ['customer', 'email']],
    ['VINNumber', ['vin', 'number']],
    ['address2', ['address', '2']],
    ['line2Address', ['line', '2', 'address']],
    ['kilométrage', ['kilometrage']],
    ['Straße', ['strasse']],
    ['getEmail', ['email']],
    ['setDateOfBirth', ['date', 'of', 'birth']],
    ['emails', ['email']],
    ['addresses', ['address']],
    ['cookies', tokenize('cookie')],
    ['cities', tokenize('city')],
    ['date of birth', ['date', 'of', 'birth']],
  ];
  for (const [name, tokens] of cases) {
    it(`${name} -> ${tokens.join(' ')}`, () => assert.deepEqual(tokenize(name), tokens));
  }

  it('keeps a lone accessor word (a variable named `get` is not stripped to nothing)', () => {
    assert.deepEqual(tokenize('get'), ['get']);
  });
  it('does not singularise words that end in s by nature', () => {
    assert.deepEqual(tokenize('status'), ['status']);
    assert.deepEqual(tokenize('address'), ['address']);
    assert.deepEqual(tokenize('gps'), ['gps']);
  });
  it('does not split a word inside (no substring matches: `flat` is not `lat`)', () => {
    assert.deepEqual(tokenize('flatRate'), ['flat', 'rate']);
  });
});
