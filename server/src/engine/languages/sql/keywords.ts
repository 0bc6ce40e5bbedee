/**
 * Words the scanner never takes for a column when written bare. Deliberately short: SQL lets
 * most keywords be column names (`name`, `position`, `title`, `status`, `key`, `range`, `date`,
 * `type`, `value`), and those are exactly the names a data catalog is about. Position decides
 * for the rest (a word before `(` is a function, before a string a typed literal...).
 */
const RESERVED_LIST = `
SELECT FROM WHERE AND OR NOT NULL IS IN AS ON JOIN INNER LEFT RIGHT FULL OUTER CROSS NATURAL
LATERAL USING GROUP BY ORDER HAVING LIMIT OFFSET UNION ALL ANY SOME DISTINCT DISTINCTROW INTERSECT
EXCEPT MINUS CASE WHEN THEN ELSE END EXISTS BETWEEN LIKE ILIKE RLIKE REGEXP GLOB SIMILAR ESCAPE ASC
DESC NULLS TRUE FALSE UNKNOWN INSERT INTO VALUES UPDATE SET DELETE RETURNING WITH RECURSIVE CREATE
TABLE VIEW DROP ALTER CAST INTERVAL COLLATE FETCH ROWS ONLY OVER PARTITION WINDOW FILTER WITHIN
DEFAULT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER SESSION_USER LOCALTIME
LOCALTIMESTAMP ARRAY DIV MOD XOR QUALIFY SEPARATOR LEADING TRAILING BOTH SYMMETRIC ASYMMETRIC
ISNULL NOTNULL STRUCT FOR DO NOTHING CONFLICT DUPLICATE IGNORE TOP STRAIGHT_JOIN SQL_CALC_FOUND_ROWS
HIGH_PRIORITY LOW_PRIORITY DELAYED QUICK OF TO REPLACE MERGE MATCHED TABLESAMPLE UNNEST
VARIADIC NORMALIZED NFC NFD NFKC NFKD MODULUS REMAINDER ROLLUP CUBE
`;

export const RESERVED: ReadonlySet<string> = new Set(RESERVED_LIST.split(/\s+/).filter(Boolean));

/** Keywords that start a clause of a query, at the query's own level. */
export const CLAUSE_WORDS: ReadonlySet<string> = new Set([
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'WINDOW', 'QUALIFY', 'ORDER', 'LIMIT', 'OFFSET',
  'FETCH', 'FOR', 'INTO', 'SET', 'RETURNING', 'VALUES', 'UPDATE', 'DELETE', 'USING',
]);

export const SET_OPERATORS: ReadonlySet<string> = new Set(['UNION', 'INTERSECT', 'EXCEPT', 'MINUS']);

/** Words between table references in a FROM clause. */
export const JOIN_WORDS: ReadonlySet<string> = new Set([
  'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'NATURAL', 'STRAIGHT_JOIN', 'APPLY', 'SEMI', 'ANTI', 'ASOF',
]);

/** Words that can follow a table reference without being its alias. */
export const NOT_AN_ALIAS: ReadonlySet<string> = new Set([
  ...JOIN_WORDS, 'ON', 'USING', 'WHERE', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'OFFSET', 'WINDOW',
  'TABLESAMPLE', 'FOR', 'USE', 'FORCE', 'IGNORE', 'INDEXED', 'NOT', 'WITH', 'SET', 'VALUES',
  'RETURNING', 'UNION', 'INTERSECT', 'EXCEPT', 'MINUS', 'LATERAL', 'QUALIFY', 'FETCH', 'PARTITION',
  'SELECT', 'DEFAULT', 'AS', 'OUTPUT',
]);

/** Units after `INTERVAL 1` (MySQL, BigQuery) and inside `EXTRACT(... FROM x)`. */
export const TIME_UNITS: ReadonlySet<string> = new Set([
  'YEAR', 'YEARS', 'QUARTER', 'MONTH', 'MONTHS', 'WEEK', 'WEEKS', 'DAY', 'DAYS', 'HOUR', 'HOURS', 'MINUTE',
  'MINUTES', 'SECOND', 'SECONDS', 'MILLISECOND', 'MICROSECOND', 'EPOCH', 'DOW', 'DOY', 'ISODOW',
  'ISOYEAR', 'DAYOFWEEK', 'DAYOFYEAR', 'DAY_HOUR', 'DAY_MINUTE', 'DAY_SECOND', 'HOUR_MINUTE',
  'HOUR_SECOND', 'MINUTE_SECOND', 'YEAR_MONTH', 'CENTURY', 'DECADE', 'MILLENNIUM', 'TIMEZONE',
  'TIMEZONE_HOUR', 'TIMEZONE_MINUTE', 'DATE', 'TIME', 'ISOWEEK', 'JULIAN',
]);

/** Words that continue a type name after `::` (`double precision`, `timestamp with time zone`). */
export const TYPE_CONTINUATION: ReadonlySet<string> = new Set([
  'PRECISION', 'VARYING', 'WITH', 'WITHOUT', 'TIME', 'ZONE', 'UNSIGNED', 'SIGNED', 'CHARACTER', 'LOCAL',
]);

/** Window frame words inside `OVER (...)`. */
export const FRAME_WORDS: ReadonlySet<string> = new Set([
  'ROWS', 'RANGE', 'GROUPS', 'BETWEEN', 'UNBOUNDED', 'PRECEDING', 'FOLLOWING', 'CURRENT', 'ROW',
  'EXCLUDE', 'TIES', 'OTHERS', 'NO',
]);

/** Statements that never read or declare columns. */
export const NO_DATA_STATEMENTS: ReadonlySet<string> = new Set([
  'GRANT', 'REVOKE', 'DROP', 'TRUNCATE', 'SET', 'RESET', 'BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK',
  'SAVEPOINT', 'RELEASE', 'USE', 'PRAGMA', 'VACUUM', 'ANALYZE', 'ANALYSE', 'LOCK', 'UNLOCK', 'SHOW',
  'DESCRIBE', 'DESC', 'LISTEN', 'NOTIFY', 'UNLISTEN', 'CLUSTER', 'REINDEX', 'REFRESH', 'ATTACH',
  'DETACH', 'DISCARD', 'CHECKPOINT', 'DEALLOCATE', 'PREPARE', 'EXECUTE', 'LOAD', 'FLUSH', 'OPTIMIZE',
  'REPAIR', 'CHECK', 'RENAME', 'COMMENT', 'SECURITY', 'ABORT', 'CLOSE', 'FETCH', 'MOVE', 'DECLARE',
  'CALL', 'IMPORT', 'EXPORT', 'ASSERT', 'RAISE', 'KILL', 'HANDLER', 'INSTALL', 'UNINSTALL', 'DELIMITER',
  'SOURCE', 'TRUNC', 'REASSIGN', 'SHUTDOWN', 'XA', 'PURGE', 'CACHE', 'OPTIONS', 'HELP', 'CHECKSUM',
  'UNDROP', 'GET', 'SIGNAL', 'RESIGNAL', 'CONNECT', 'DISCONNECT', 'SPOOL', 'WHENEVER', 'PRINT', 'GO',
]);

/**
 * Procedural statements (BigQuery scripting, MySQL and PL/pgSQL blocks): no columns of their own,
 * but SQL may follow their keywords (`IF x THEN UPDATE ...`, `FOR r IN (SELECT ...)`).
 */
export const PROCEDURAL_STATEMENTS: ReadonlySet<string> = new Set([
  'IF', 'ELSE', 'ELSEIF', 'ELSIF', 'WHILE', 'LOOP', 'REPEAT', 'UNTIL', 'FOR', 'EXCEPTION', 'LEAVE',
  'ITERATE', 'RETURN', 'OPEN', 'CONTINUE', 'BREAK', 'EXIT', 'PERFORM', 'FOREACH', 'CASE', 'WHEN',
]);
