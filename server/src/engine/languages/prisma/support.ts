/** Prisma schemas behind the language interface: the scan, and where a directive line goes. */
import { mayHoldDirectives } from '../../consent/directives';
import type { DirectivePlaces, LanguageSupport } from '../language';
import { scanPrisma } from './scanner';
import { parsePrisma, type Schema } from './structure';

export const support: LanguageSupport = {
  mayHaveFindings: (text, config) => config.matcher.mayMatchText(text) || mayHoldDirectives(text),
  scan: (text, { checkpoint }) => scanPrisma(text, checkpoint),
  // The scan is one loop already: nothing nests deep enough to need a fallback.
  tokenScan: (text, { checkpoint }) => scanPrisma(text, checkpoint),
  fixes: {
    level: 'statement',
    placesAt: (text, _file, offset) => placesAt(text, offset),
    // Prisma strings end at their line: a comment line can always go above one.
    insideString: () => false,
  },
};

/** One code-action request asks about the same text several times. */
let last: { readonly text: string; readonly schema: Schema } | undefined;

/**
 * The field line holding `offset`, else the block holding it: `// @consent` above either covers
 * it. Nothing outside any block can hold a finding that needs one.
 */
function placesAt(text: string, offset: number): DirectivePlaces {
  if (last?.text !== text) last = { text, schema: parsePrisma(text) };
  for (const block of last.schema.blocks) {
    if (offset < block.span.start || offset > block.span.end) continue;
    const field = block.fields.find((f) => f.line.start <= offset && offset <= f.line.end);
    return { statement: field ? field.line.start : block.span.start };
  }
  return {};
}
