/**
 * `@catalog` tags without a program (the syntactic analysis): a tag classifies the declaration
 * it is written on, `none` declassifies it, an unknown id is reported where it is written. Each
 * form has its near miss: a tag in a comment that is not a doc comment, a tag that belongs to
 * the field above, a word that only contains the tag's name.
 */
import * as assert from 'node:assert/strict';
import { findings } from './harness';

describe('@catalog tags (syntactic)', () => {
  it('classify a field, a parameter and a variable that no term names', () => {
    const code = [
      'interface Vehicle {',
      '  /** @catalog vehicle.mileage */',
      '  m: number;',
      '  n: number;',
      '}',
      'function trip(/** @catalog vehicle.mileage */ d: number, e: number) {',
      '  /** @catalog contact.email */',
      '  const to = e;',
      '  return d + to;',
      '}',
    ].join('\n');
    // Without a program, reads of a tagged parameter or variable are not followed (`d + to`):
    // type-aware analysis does that (test/cli/typed-project.test.ts).
    assert.deepEqual(findings(code), ['catalog-field m@3:3', 'consent-required d@6:47', 'consent-required to@8:9']);
  });

  it('near misses: a line comment, a plain block comment, a longer word, the field after a tagged one', () => {
    const code = [
      'interface Vehicle {',
      '  // @catalog vehicle.mileage',
      '  a: number;',
      '  /* @catalog vehicle.mileage */',
      '  b: number;',
      '  /** @catalogue vehicle.mileage */',
      '  c: number;',
      '  /** @catalog vehicle.mileage */',
      '  m: number;',
      '  n: number;',
      '}',
    ].join('\n');
    assert.deepEqual(findings(code), ['catalog-field m@9:3']);
  });

  it('none declassifies a field, and a whole type, whatever their names say', () => {
    const code = [
      '/** @catalog none */',
      'interface Product {',
      '  email: string;',
      '  name: string;',
      '}',
      'interface Supplier {',
      '  /** @catalog none */',
      '  email: string;',
      '  phone: string;',
      '}',
    ].join('\n');
    assert.deepEqual(findings(code), ['catalog-field phone@9:3']);
  });

  it('an unknown id is an error where it is written, with the id it probably meant', () => {
    const code = ['interface Vehicle {', '  /** @catalog vehicle.milage */', '  m: number;', '}'].join('\n');
    assert.deepEqual(findings(code), ['unknown-category vehicle.milage@2:16']);
  });

  it('never repeats an id that is not shaped like one', () => {
    const code = ['interface Vehicle {', '  /** @catalog <script>alert(1)</script> */', '  m: number;', '}'].join('\n');
    const { lint } = require('../../server/src/engine') as typeof import('../../server/src/engine');
    const { builtinConfig } = require('./harness') as typeof import('./harness');
    const config = builtinConfig();
    const result = lint({ text: code, path: `${config.root}/sample.ts` }, config);
    const unknown = result.findings.filter((f) => f.rule === 'unknown-category');
    assert.equal(unknown.length, 1);
    assert.doesNotMatch(unknown[0].message, /script|alert/);
    assert.equal(unknown[0].name, '');
  });
});
