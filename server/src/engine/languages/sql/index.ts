import type { LanguageDescriptor } from '../language';

export const sql: LanguageDescriptor = {
  id: 'sql',
  name: 'SQL',
  extensions: ['.sql'],
  editorLanguageIds: ['sql'],
  comments: { line: '--', block: false },
  load: () => (require('./support') as typeof import('./support')).support,
};
