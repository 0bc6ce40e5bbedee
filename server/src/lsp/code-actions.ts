/**
 * Quick fixes for Catalint's diagnostics. Each one is a complete WorkspaceEdit computed from
 * the diagnostic's `data` and the document's structure (fixes/), so applying it clears the
 * diagnostic it was offered for.
 */
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Requirement } from '../engine/catalog/model';
import type { Language } from '../engine/lint';
import type { FixSupport } from '../engine/languages/language';
import { language } from '../engine/languages/registry';
import { type CommentStyle, type Edit, normalizeEdits, lineStartOf, lineEndOf, eolOf } from '../engine/text/edit';
import type { DiagnosticData } from './diagnostics';
import { declareAbove, declareForFile, type KnownConditions, suppressLine } from './fixes/directives';
import { addIgnoreName } from './fixes/ignore-name';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.catalint`;

/** What the fixes need beyond the diagnostic. */
export interface FixContext {
  readonly doc: TextDocument;
  /** File system path of the document (its name decides TSX parsing). */
  readonly path: string;
  readonly language: Language;
  /** `if (...)` guard names of the configuration in force (first one is used). */
  readonly checkGuards: readonly string[];
  readonly requireGuards: readonly string[];
  /** The `catalint.json` that ignoreNames goes into, with its current text (undefined: absent). */
  readonly configFile: { readonly uri: string; readonly text: string | undefined };
  /** The client can create files in a WorkspaceEdit. */
  readonly canCreateFiles: boolean;
  /**
   * The catalog's condition ids (`config.catalog.conditions`). With them, declaring consent where
   * a misspelt id of the same condition is written corrects the typo instead of adding the id.
   */
  readonly conditions?: KnownConditions;
}

/** A document with what its language says about where fixes go. */
class Doc {
  readonly text: string;
  /** How the document's language writes directive comments. */
  readonly style: CommentStyle;
  readonly fixes: FixSupport;

  constructor(readonly ctx: FixContext) {
    this.text = ctx.doc.getText();
    const lang = language(ctx.language);
    this.style = lang.comments;
    this.fixes = lang.load().fixes;
  }

  placesAt(offset: number) {
    return this.fixes.placesAt(this.text, this.ctx.path, offset);
  }

  edit(edits: readonly Edit[]): WorkspaceEdit {
    return { changes: { [this.ctx.doc.uri]: normalizeEdits(edits).map((e) => this.textEdit(e)) } };
  }

  textEdit(e: Edit): TextEdit {
    return { range: { start: this.ctx.doc.positionAt(e.start), end: this.ctx.doc.positionAt(e.end) }, newText: e.newText };
  }
}

const idsText = (ids: readonly string[]): string => ids.join(', ');

function action(title: string, diagnostic: Diagnostic | undefined, edit: WorkspaceEdit, preferred = false): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: diagnostic ? [diagnostic] : undefined,
    isPreferred: preferred || undefined,
    edit,
  };
}

/** Quick fixes for one Catalint diagnostic. */
export function actionsFor(diagnostic: Diagnostic & { data: DiagnosticData }, ctx: FixContext): CodeAction[] {
  const doc = new Doc(ctx);
  const offset = ctx.doc.offsetAt(diagnostic.range.start);
  const data = diagnostic.data;
  switch (data.rule) {
    case 'consent-required':
      return [
        ...consentActions(doc, diagnostic, offset, data.requires ?? []),
        ...suppressAction(doc, diagnostic, offset, data.rule),
        ...ignoreNameAction(doc, diagnostic, data.name),
      ];
    case 'catalog-field':
      return [...ignoreNameAction(doc, diagnostic, data.name), ...suppressAction(doc, diagnostic, offset, data.rule)];
    case 'unknown-condition':
    case 'unknown-category':
      return data.suggestion
        ? [
            action(
              `Change to '${data.suggestion}'`,
              diagnostic,
              doc.edit([{ start: offset, end: ctx.doc.offsetAt(diagnostic.range.end), newText: data.suggestion }]),
              true,
            ),
          ]
        : [];
    case 'unused-directive':
      return [
        action(
          `Remove the unused ${data.name === '@consent' ? '@consent' : 'catalint-disable-next-line'} directive`,
          diagnostic,
          doc.edit(
            data.name === '@consent'
              ? removeConsent(doc.text, offset, ctx.doc.offsetAt(diagnostic.range.end))
              : [removeComment(doc.text, offset, ctx.doc.offsetAt(diagnostic.range.end))],
          ),
          true,
        ),
      ];
    default:
      return [];
  }
}

function consentActions(doc: Doc, diagnostic: Diagnostic, offset: number, requires: Requirement): CodeAction[] {
  const out: CodeAction[] = [];
  const { text, style } = doc;
  const places = doc.placesAt(offset);
  const fnHost = places.function;
  const stmtAnchor = places.statement;
  requires.forEach((ids, i) => {
    const first = i === 0;
    if (fnHost) {
      out.push(
        action(
          `Declare @consent ${idsText(ids)} on ${fnHost.label}`,
          diagnostic,
          doc.edit(declareAbove(text, fnHost.anchor, ids, style, true, doc.ctx.conditions)),
          first,
        ),
      );
    }
    if (stmtAnchor !== undefined && stmtAnchor !== fnHost?.anchor) {
      out.push(
        action(
          `Declare @consent ${idsText(ids)} on this statement`,
          diagnostic,
          doc.edit(declareAbove(text, stmtAnchor, ids, style, false, doc.ctx.conditions)),
          first && !fnHost,
        ),
      );
    }
    out.push(
      action(
        `Declare @consent ${idsText(ids)} for the whole file`,
        diagnostic,
        doc.edit(declareForFile(text, ids, style, doc.ctx.conditions)),
      ),
    );
    {
      const wrap = doc.fixes.wrapInGuard?.(text, doc.ctx.path, offset, ids, doc.ctx.checkGuards, [
        ...doc.ctx.checkGuards,
        ...doc.ctx.requireGuards,
      ]);
      if (wrap)
        out.push(
          action(
            `Wrap the statement in if (${wrap.guard}(…, ${ids.map((id) => JSON.stringify(id)).join(' && ')}))`,
            diagnostic,
            doc.edit([wrap.edit]),
          ),
        );
    }
  });
  return out;
}

function suppressAction(doc: Doc, diagnostic: Diagnostic, offset: number, rule: string): CodeAction[] {
  if (doc.fixes.insideString(doc.text, doc.ctx.path, offset)) return [];
  const edits = suppressLine(doc.text, offset, rule, doc.style);
  return edits ? [action(`Suppress ${rule} on this line`, diagnostic, doc.edit(edits))] : [];
}

function ignoreNameAction(doc: Doc, diagnostic: Diagnostic, name: string): CodeAction[] {
  const { configFile, canCreateFiles } = doc.ctx;
  const change = addIgnoreName(configFile.text, name);
  const title = `Add '${name}' to ignoreNames in catalint.json (not personal data)`;
  if (change.kind === 'present') return [];
  if (change.kind === 'edit') {
    const lines = configFile.text ?? '';
    const edits = change.edits.map((e) => ({
      range: { start: positionIn(lines, e.start), end: positionIn(lines, e.end) },
      newText: e.newText,
    }));
    return [action(title, diagnostic, { changes: { [configFile.uri]: edits } })];
  }
  if (!canCreateFiles) return [];
  return [
    action(title, diagnostic, {
      documentChanges: [
        { kind: 'create', uri: configFile.uri, options: { ignoreIfExists: true } },
        {
          textDocument: { uri: configFile.uri, version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: change.content }],
        },
      ],
    }),
  ];
}

/** LSP position of an offset in a text that is not an open document. */
function positionIn(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** Deletes a directive comment; with its whole line when nothing else is on it. */
function removeComment(text: string, start: number, end: number): Edit {
  const lineStart = lineStartOf(text, start);
  const lineEnd = lineEndOf(text, end);
  if (text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '') {
    const eol = text.startsWith(eolOf(text), lineEnd) ? eolOf(text).length : lineEnd < text.length ? 1 : 0;
    return { start: lineStart, end: lineEnd + eol, newText: '' };
  }
  return { start, end, newText: '' };
}

/**
 * Deletes a `@consent` directive: the whole comment when it says nothing else, else only its
 * `@consent` lines, so the documentation of a JSDoc block stays.
 */
function removeConsent(text: string, start: number, end: number): Edit[] {
  const body = text.slice(start, end);
  if (!body.startsWith('/*')) return [removeComment(text, start, end)];
  const inner = body.slice(2, body.endsWith('*/') ? -2 : undefined);
  const prose = inner
    .split(/\r?\n|\r/)
    .map((l) => l.replace(/^[ \t]*\**[ \t]*/, '').trim())
    .filter((l) => l !== '' && !/^@consent\b/.test(l));
  if (prose.length === 0) return [removeComment(text, start, end)];
  const edits: Edit[] = [];
  const tag = /@consent\b[^\r\n]*/g;
  for (const m of body.matchAll(tag)) {
    const at = start + m.index!;
    const lineStart = lineStartOf(text, at);
    const first = lineStart <= start;
    // Only a tag that starts its comment line is a directive; prose that mentions one stays.
    if (first ? !/^\/\*+[ \t]*$/.test(text.slice(start, at)) : !/^[ \t]*\**[ \t]*$/.test(text.slice(lineStart, at))) continue;
    const close = m[0].indexOf('*/');
    if (first || close >= 0) {
      // The tag shares its line with the comment's opening or closing: only the tag goes.
      const tail = close >= 0 ? m[0].slice(0, close) : m[0];
      edits.push({ start: at, end: at + tail.trimEnd().length, newText: '' });
      continue;
    }
    const lineEnd = lineEndOf(text, at);
    const eol = text.startsWith('\r\n', lineEnd) ? 2 : 1;
    edits.push({ start: lineStart, end: lineEnd + eol, newText: '' });
  }
  return edits.length > 0 ? edits : [removeComment(text, start, end)];
}

/** One consent-required finding as the fix-all sees it. */
export interface ConsentNeed {
  readonly offset: number;
  readonly requires: Requirement;
}

/**
 * Declares consent for every need of the document, one directive per function (or statement
 * outside functions, or the file for what has neither). Each place gets the first alternative
 * of its needs unless an alternative already chosen there satisfies it too.
 */
export function fixAllEdit(needs: readonly ConsentNeed[], ctx: FixContext): WorkspaceEdit | undefined {
  if (needs.length === 0) return undefined;
  const doc = new Doc(ctx);
  const places = new Map<number | 'file', { jsdoc: boolean; ids: string[] }>();
  for (const need of needs) {
    if (need.requires.length === 0) continue;
    let key: number | 'file' = 'file';
    let jsdoc = false;
    const at = doc.placesAt(need.offset);
    if (at.function) {
      key = at.function.anchor;
      jsdoc = true;
    } else if (at.statement !== undefined) {
      key = at.statement;
    }
    const place = places.get(key) ?? { jsdoc, ids: [] };
    places.set(key, place);
    const chosen = new Set(place.ids);
    if (need.requires.some((alt) => alt.every((id) => chosen.has(id)))) continue;
    for (const id of need.requires[0]) if (!chosen.has(id)) place.ids.push(id);
  }
  const edits: Edit[] = [];
  // The file header first: when a function also starts the file, both insert at offset 0.
  const ordered = [...places].sort(([a], [b]) => (a === 'file' ? -1 : b === 'file' ? 1 : 0));
  for (const [key, place] of ordered) {
    if (place.ids.length === 0) continue;
    edits.push(
      ...(key === 'file'
        ? declareForFile(doc.text, place.ids, doc.style, ctx.conditions)
        : declareAbove(doc.text, key, place.ids, doc.style, place.jsdoc, ctx.conditions)),
    );
  }
  return edits.length > 0 ? doc.edit(edits) : undefined;
}

export function fixAllAction(needs: readonly ConsentNeed[], ctx: FixContext, kind: string): CodeAction | undefined {
  const edit = fixAllEdit(needs, ctx);
  if (!edit) return undefined;
  const level = language(ctx.language).load().fixes.level;
  return { title: `Declare consent for every finding of this file (${needs.length}) at ${level} level`, kind, edit };
}
