import type { LanguageDescriptor } from '../language';

/**
 * JavaScript is read by TypeScript's parser, as the compiler reads it: the same scan, JSDoc
 * `@consent` and guards, with JSX allowed in `.js` files as React projects write them.
 */
export const javascript: LanguageDescriptor = {
  id: 'javascript',
  name: 'JavaScript',
  extensions: ['.js', '.jsx', '.mjs', '.cjs'],
  editorLanguageIds: ['javascript', 'javascriptreact'],
  comments: { line: '//', block: true },
  load: () => (require('../typescript/support') as typeof import('../typescript/support')).support,
};
