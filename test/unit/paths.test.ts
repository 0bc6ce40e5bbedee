/**
 * Discovery's string shortcut for relative paths must give what `path.relative` gives, for any
 * path: the shortcut is taken only when the path is plainly under its folder, and every path
 * with a segment to resolve (`.`, `..`, an empty one) goes the long way.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { isInside, slashRelative } from '../../server/src/engine/paths';

const segment = fc.constantFrom('a', 'b', 'src', '.github', '..x', 'x.ts', '.', '..', '');
const absolute = fc.array(segment, { maxLength: 6 }).map((parts) => '/' + parts.join('/'));

describe('workspace paths', () => {
  it('slashRelative equals path.relative (with / separators) for any two absolute paths', () => {
    fc.assert(
      fc.property(absolute, fc.array(segment, { maxLength: 5 }), fc.boolean(), (base, tail, joined) => {
        // Half the cases are paths built under the base, where the shortcut applies.
        const p = joined ? base + '/' + tail.join('/') : '/' + tail.join('/');
        assert.equal(slashRelative(base, p), path.relative(base, p).split(path.sep).join('/'), `${base} → ${p}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('takes the shortcut only for a plain path under the folder (near miss: a sibling sharing the prefix)', () => {
    assert.equal(slashRelative('/w/app', '/w/app/src/a.ts'), 'src/a.ts');
    assert.equal(slashRelative('/w/app', '/w/apple/a.ts'), '../apple/a.ts');
    assert.equal(slashRelative('/w/app', '/w/app/src/../a.ts'), 'a.ts');
  });

  it('isInside: the folder itself and below, not a sibling with the same prefix', () => {
    assert.ok(isInside('/w/app', '/w/app'));
    assert.ok(isInside('/w/app/x/y', '/w/app'));
    assert.ok(!isInside('/w/apple', '/w/app'));
    assert.ok(!isInside('/w', '/w/app'));
  });
});
