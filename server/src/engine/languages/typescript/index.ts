import type { LanguageDescriptor } from '../language';

export const typescript: LanguageDescriptor = {
  id: 'typescript',
  name: 'TypeScript',
  extensions: ['.ts', '.tsx', '.mts', '.cts'],
  editorLanguageIds: ['typescript', 'typescriptreact'],
  comments: { line: '//', block: true },
  load: () => (require('./support') as typeof import('./support')).support,
};
