/**
 * Open documents, kept in sync incrementally. Written instead of the library's TextDocuments
 * so that out-of-order or malformed notifications (a change for a document never opened, a
 * range past the end, a stale version) are refused with a logged reason rather than silently
 * clamped into a document that no longer matches the editor's.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  DidChangeTextDocumentParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
  Range,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';

export class ProtocolViolation extends Error {
  override readonly name = 'ProtocolViolation';
}

export class DocumentStore {
  private readonly docs = new Map<string, TextDocument>();

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  all(): TextDocument[] {
    return [...this.docs.values()];
  }

  open(p: DidOpenTextDocumentParams): TextDocument {
    const { uri, languageId, version, text } = p.textDocument;
    const doc = TextDocument.create(uri, languageId, version, text);
    this.docs.set(uri, doc);
    return doc;
  }

  /** Applies the changes, or throws ProtocolViolation and leaves the document untouched. */
  change(p: DidChangeTextDocumentParams): TextDocument {
    const { uri, version } = p.textDocument;
    const doc = this.docs.get(uri);
    if (!doc) throw new ProtocolViolation(`didChange for ${uri}, which is not open`);
    if (version <= doc.version) {
      throw new ProtocolViolation(`didChange for ${uri} with version ${version}, not after ${doc.version}`);
    }
    // Check every change against the text it will apply to, before touching the document. A
    // keystroke is one change, checked against the document itself: copying a large document
    // (and indexing its lines again) for each keystroke cost more than the check.
    if (p.contentChanges.length === 1) {
      const [change] = p.contentChanges;
      if (isRangeChange(change)) checkRange(doc, change.range, uri);
    } else {
      let probe = TextDocument.create(uri, doc.languageId, doc.version, doc.getText());
      for (const change of p.contentChanges) {
        if (isRangeChange(change)) checkRange(probe, change.range, uri);
        probe = TextDocument.update(probe, [change], version);
      }
    }
    const updated = TextDocument.update(doc, p.contentChanges, version);
    this.docs.set(uri, updated);
    return updated;
  }

  close(p: DidCloseTextDocumentParams): boolean {
    return this.docs.delete(p.textDocument.uri);
  }
}

function isRangeChange(c: TextDocumentContentChangeEvent): c is { range: Range; text: string } {
  return 'range' in c && c.range !== undefined;
}

function checkRange(doc: TextDocument, range: Range, uri: string): void {
  const last = doc.lineCount - 1;
  const within = (line: number, character: number): boolean => {
    if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0) return false;
    if (line > last) return false;
    const lineLength = doc.offsetAt({ line, character: Number.MAX_SAFE_INTEGER }) - doc.offsetAt({ line, character: 0 });
    // A position may sit after the line's text but before its line break.
    return character <= lineLength;
  };
  const { start, end } = range;
  const ordered = start.line < end.line || (start.line === end.line && start.character <= end.character);
  if (!within(start.line, start.character) || !within(end.line, end.character) || !ordered) {
    throw new ProtocolViolation(
      `didChange for ${uri}: range ${start.line}:${start.character}-${end.line}:${end.character} is outside the document (${doc.lineCount} lines)`,
    );
  }
}
