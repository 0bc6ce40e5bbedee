import * as assert from 'node:assert/strict';
import { LineMap } from '../../server/src/engine/text/positions';

describe('LineMap', () => {
  it('counts LF, CRLF and lone CR as line ends', () => {
    const m = new LineMap('a\nb\r\nc\rd');
    assert.deepEqual(m.position(2), { line: 1, character: 0 });
    assert.deepEqual(m.position(5), { line: 2, character: 0 });
    assert.deepEqual(m.position(7), { line: 3, character: 0 });
    assert.equal(m.lineCount, 4);
  });
  it('counts characters in UTF-16 code units, as editors do', () => {
    const text = 'é😀x';
    const m = new LineMap(text);
    assert.deepEqual(m.position(text.indexOf('x')), { line: 0, character: 3 });
  });
  it('round-trips offsets and clamps out-of-range input', () => {
    const m = new LineMap('ab\ncd');
    assert.equal(m.offset({ line: 1, character: 1 }), 4);
    assert.equal(m.offset({ line: 9, character: 0 }), 5);
    assert.deepEqual(m.position(99), { line: 1, character: 2 });
  });
});
