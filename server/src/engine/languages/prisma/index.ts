import type { LanguageDescriptor } from '../language';

/**
 * Prisma schemas (`schema.prisma`, and the `prisma/models/*.prisma` of a multi-file schema):
 * their fields declare where data lives. The scanner loads on first use.
 */
export const prisma: LanguageDescriptor = {
  id: 'prisma',
  name: 'Prisma schema',
  extensions: ['.prisma'],
  editorLanguageIds: ['prisma'],
  comments: { line: '//', block: false },
  load: () => (require('./support') as typeof import('./support')).support,
};
