/** SQL files behind the language interface. SQL inside a host language's strings goes through `embedded.ts`. */
import { configuredDialect } from '../../config/paths';
import type { LanguageSupport } from '../language';
import { guessDialect } from './dialect';
import { sqlStatementStart } from './fixes';
import { scanSql } from './scanner';
import { tokenScanSql } from './token-scan';

export const support: LanguageSupport = {
  // SQL files are few and small next to a host language's; a migration without a catalog term
  // still declares tables whose columns later files read.
  mayHaveFindings: () => true,
  scan: (text, { file, config, checkpoint }) =>
    scanSql(text, { dialect: configuredDialect(config, file) ?? guessDialect(text), checkpoint }),
  tokenScan: (text, { file, config }) => tokenScanSql(text, configuredDialect(config, file) ?? 'generic'),
  fixes: {
    level: 'statement',
    placesAt: (text, _file, offset) => ({ statement: sqlStatementStart(text, offset) }),
    insideString: () => false,
  },
};
