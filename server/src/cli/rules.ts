/**
 * Documentation of each rule, for SARIF's rule table and the README. The engine decides what a
 * rule finds; this only explains it to a reader.
 */
import { type RuleId, type Severity, ruleDocsUrl } from '../engine/finding';

export interface RuleDoc {
  readonly id: RuleId;
  readonly short: string;
  readonly full: string;
  readonly help: string;
  /** The severity when `catalint.json` does not change it (consent-required depends on the data kind). */
  readonly defaultSeverity: Severity;
}

const docs: Readonly<Record<RuleId, Omit<RuleDoc, 'id'>>> = {
  'consent-required': {
    short: 'Catalog data used without a declared consent condition in scope.',
    full:
      'A name that matches a category of the data catalog is read or written where none of the ' +
      "category's required consent conditions is declared. Telemetry is an error, personal data a " +
      'warning, unless catalint.json says otherwise.',
    help:
      'Declare the consent that covers this use: a `@consent <id>` JSDoc or line comment above the ' +
      'function or statement, a file-level `@consent` comment, a guard such as ' +
      '`if (hasConsent(ctx, "<id>")) { ... }` or `requireConsent(ctx, "<id>");`, or a ' +
      '`"consent": { "<glob>": ["<id>"] }` entry in catalint.json. If the name is not personal data, ' +
      'add it to `ignoreNames` in catalint.json or suppress the line with ' +
      '`// catalint-disable-next-line consent-required -- reason`.',
    defaultSeverity: 'warning',
  },
  'catalog-field': {
    short: 'A field declaration that holds catalog data.',
    full:
      'An interface, type or class member, or an SQL column, whose name matches a category of the ' +
      'data catalog. It classifies the field; declaring it needs no consent.',
    help: 'No action needed: this tells you which category of the catalog the field holds.',
    defaultSeverity: 'information',
  },
  'unknown-condition': {
    short: 'A consent directive or guard names a condition the catalog does not define.',
    full:
      'The condition id in a `@consent` directive, a consent guard or catalint.json is not one of the ' +
      "catalog's conditions, so it declares nothing.",
    help: "Use one of the catalog's condition ids (the message suggests the closest), or add the condition to your catalog.",
    defaultSeverity: 'error',
  },
  'unknown-category': {
    short: 'A @catalog tag names a category the catalog does not define.',
    full:
      "The id in a `@catalog` tag on a field, parameter or type is not one of the catalog's category ids " +
      '(nor `none`), so it classifies nothing and the name is judged by its spelling.',
    help: "Use one of the catalog's category ids (the message suggests the closest), `none` to declassify, or add the category to your catalog.",
    defaultSeverity: 'error',
  },
  'unused-directive': {
    short: 'A catalint-disable-next-line directive that suppresses nothing.',
    full: 'The line after a `catalint-disable-next-line` directive has no finding of the rules it names.',
    help: 'Remove the directive, or move it directly above the line it is meant for.',
    defaultSeverity: 'hint',
  },
  'skipped-file': {
    short: 'A file that was not analysed.',
    full:
      'The file was not analysed: it is too large, minified or generated, exceeded its time budget, ' +
      'or is reached through a symbolic link that leads out of the scanned folder.',
    help: 'Lint the file on its own if it matters, or exclude it in catalint.json so the note goes away.',
    defaultSeverity: 'information',
  },
};

export const RULES: readonly RuleDoc[] = (Object.keys(docs) as RuleId[]).map((id) => ({ id, ...docs[id] }));

export function ruleHelpUri(id: RuleId): string {
  return ruleDocsUrl(id);
}
