import * as jsonc from 'jsonc-parser';
import { ConfigError, type ConfigProblem } from '../errors';
import { LineMap } from '../text/positions';

export type JsonPath = readonly (string | number)[];

/**
 * How deep objects and arrays may nest in a `catalint.json` or a catalog. The deepest place
 * either schema describes is 6 levels down (an inline catalog's category's requirement's ids);
 * 100 leaves room for any hand-written file. jsonc-parser builds its tree and its value by
 * recursion, as do the duplicate-key walk and ajv's comparisons: a file nested tens of
 * thousands of levels deep overflowed the stack with no file, line or column. It is refused,
 * at the bracket that opens one level too many, before any of them runs.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * The offset of the first `[` or `{` that opens level `MAX_JSON_DEPTH + 1`, or undefined when
 * the text nests no deeper than that. One pass of jsonc-parser's scanner, which is a loop:
 * brackets inside strings and comments do not count.
 */
export function tooDeepAt(text: string, limit = MAX_JSON_DEPTH): number | undefined {
  const scanner = jsonc.createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== jsonc.SyntaxKind.EOF; token = scanner.scan()) {
    if (token === jsonc.SyntaxKind.OpenBraceToken || token === jsonc.SyntaxKind.OpenBracketToken) {
      if (++depth > limit) return scanner.getTokenOffset();
    } else if ((token === jsonc.SyntaxKind.CloseBraceToken || token === jsonc.SyntaxKind.CloseBracketToken) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/**
 * A JSON (with comments) file the user wrote, kept with its syntax tree so that every later
 * check, schema or semantic, can point at the exact line and column of what it rejects.
 */
export class JsonDocument {
  private readonly lines: LineMap;

  private constructor(
    readonly file: string,
    readonly text: string,
    readonly value: unknown,
    private readonly tree: jsonc.Node | undefined,
  ) {
    this.lines = new LineMap(text);
  }

  static parse(file: string, text: string): JsonDocument {
    const errors: jsonc.ParseError[] = [];
    // A BOM is common in files saved by Windows editors; it is not an error.
    const body = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
    const deep = tooDeepAt(body);
    if (deep !== undefined) {
      const doc = new JsonDocument(file, body, undefined, undefined);
      throw new ConfigError([
        doc.problemAt(
          deep,
          `nested more than ${MAX_JSON_DEPTH} levels deep: objects and arrays in a configuration or catalog never need that many`,
        ),
      ]);
    }
    const tree = jsonc.parseTree(body, errors, { allowTrailingComma: true, disallowComments: false });
    const doc = new JsonDocument(file, body, tree ? jsonc.getNodeValue(tree) : undefined, tree);
    if (errors.length > 0) {
      throw new ConfigError(errors.map((e) => doc.problemAt(e.offset, `invalid JSON: ${humanParseError(e.error)}`)));
    }
    if (!tree) throw new ConfigError([doc.problemAt(0, 'invalid JSON: the file is empty')]);
    return doc;
  }

  problemAt(offset: number, message: string): ConfigProblem {
    const p = this.lines.position(offset);
    return { file: this.file, line: p.line + 1, column: p.character + 1, message };
  }

  /** The problem placed on the value at `path`, or on the property key when `key` is set. */
  problem(path: JsonPath, message: string, key = false): ConfigProblem {
    return this.problemAt(this.offsetOf(path, key), message);
  }

  offsetOf(path: JsonPath, key = false): number {
    if (!this.tree) return 0;
    // Walk as deep as the path exists: a missing property is reported on its parent.
    for (let n = path.length; n >= 0; n--) {
      const node = jsonc.findNodeAtLocation(this.tree, path.slice(0, n) as jsonc.JSONPath);
      if (!node) continue;
      if (key && n === path.length && node.parent?.type === 'property' && node.parent.children?.[0]) {
        return node.parent.children[0].offset;
      }
      return node.offset;
    }
    return this.tree.offset;
  }

  /** Offset of the key of property `name` inside the object at `path` (for "unknown key"). */
  keyOffset(path: JsonPath, name: string): number {
    const obj = this.tree && jsonc.findNodeAtLocation(this.tree, path as jsonc.JSONPath);
    const prop = obj?.children?.find((c) => c.type === 'property' && c.children?.[0]?.value === name);
    return prop?.children?.[0]?.offset ?? this.offsetOf(path);
  }

  /** Keys that occur twice in one object: JSON parsers keep the last one silently. */
  duplicateKeys(): ConfigProblem[] {
    const out: ConfigProblem[] = [];
    const visit = (node: jsonc.Node | undefined): void => {
      if (!node) return;
      if (node.type === 'object') {
        const seen = new Set<string>();
        for (const prop of node.children ?? []) {
          const k = prop.children?.[0];
          if (k && typeof k.value === 'string') {
            if (seen.has(k.value)) out.push(this.problemAt(k.offset, `duplicate key "${k.value}"`));
            seen.add(k.value);
          }
        }
      }
      for (const c of node.children ?? []) visit(c);
    };
    visit(this.tree);
    return out;
  }
}

/** `CloseBraceExpected` -> `close brace expected`. */
function humanParseError(code: jsonc.ParseErrorCode): string {
  return jsonc
    .printParseErrorCode(code)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}
