/**
 * The bundles every process loads (server, CLI and each CLI worker) stay one byte per
 * character: a single character beyond Latin-1 anywhere in a bundle makes V8 keep the whole
 * program text as two bytes per character, 11 MB more in every process.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../../server/src/engine';

describe('bundles', () => {
  for (const name of ['cli.js', 'server.js', 'client.js']) {
    it(`dist/${name} is plain ASCII`, function () {
      const file = path.join(packageRoot(), 'dist', name);
      if (!fs.existsSync(file)) this.skip();
      const text = fs.readFileSync(file, 'latin1');
      const at = text.search(/[^\x00-\x7f]/);
      const line = at < 0 ? 0 : text.slice(0, at).split('\n').length;
      assert.equal(at, -1, `a non-ASCII character at line ${line}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}`);
    });
  }
});
