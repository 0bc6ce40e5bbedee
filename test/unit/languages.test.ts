/**
 * The registry is the one list of languages: the file extensions discovery reads, the editor
 * language ids, and what package.json declares to VS Code must agree with it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../../server/src/engine';
import { LANGUAGES, languageOf } from '../../server/src/engine/languages/registry';

describe('language registry', () => {
  it('reads every extension of every language, and an editor id wins over the extension', () => {
    for (const l of LANGUAGES) for (const ext of l.extensions) assert.equal(languageOf(`src/file${ext.toUpperCase()}`), l.id, ext);
    assert.equal(languageOf('types/client.d.ts'), 'typescript');
    assert.equal(languageOf('prisma/schema.prisma', 'plaintext'), 'prisma', 'an id Catalint does not know falls back to the extension');
    assert.equal(languageOf('query.txt', 'sql'), 'sql');
    // Near-misses: files that only look like one.
    for (const file of ['notes.md', 'data.json', 'schema.prisma.bak', 'script.jsonc', 'Makefile'])
      assert.equal(languageOf(file), undefined, file);
  });

  it('each language is declared to VS Code in package.json: activation and menus', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
      activationEvents: string[];
      contributes: { menus: Record<string, { command: string; when: string }[]> };
    };
    const whens = Object.values(manifest.contributes.menus)
      .flat()
      .filter((m) => m.command === 'catalint.showCatalogEntry')
      .map((m) => m.when);
    assert.ok(whens.length >= 2);
    for (const l of LANGUAGES) {
      for (const id of l.editorLanguageIds) {
        assert.ok(manifest.activationEvents.includes(`onLanguage:${id}`), `activation on ${id}`);
        for (const when of whens) assert.match(when, new RegExp(`\\b${id}\\b`), `menu for ${id}`);
      }
    }
  });
});
