/**
 * "Not personal data": adds a name to `ignoreNames` in the workspace's `catalint.json`,
 * editing the JSON in place (comments and formatting kept) or writing a new file.
 */
import { modify, parseTree, findNodeAtLocation, type FormattingOptions } from 'jsonc-parser';
import { type Edit, eolOf, indentUnitOf } from '../../engine/text/edit';

export type IgnoreNameEdit =
  | { readonly kind: 'edit'; readonly edits: readonly Edit[] }
  | { readonly kind: 'create'; readonly content: string }
  | { readonly kind: 'present' };

/** `current` is the file's text, or undefined when there is no `catalint.json` yet. */
export function addIgnoreName(current: string | undefined, name: string): IgnoreNameEdit {
  if (current === undefined || current.trim() === '') {
    const content = `${JSON.stringify({ ignoreNames: [name] }, null, 2)}\n`;
    return current === undefined
      ? { kind: 'create', content }
      : { kind: 'edit', edits: [{ start: 0, end: current.length, newText: content }] };
  }
  const tree = parseTree(current);
  const list = tree ? findNodeAtLocation(tree, ['ignoreNames']) : undefined;
  if (list?.type === 'array' && list.children?.some((c) => c.value === name)) return { kind: 'present' };
  const unit = indentUnitOf(current);
  const formattingOptions: FormattingOptions = {
    insertSpaces: unit !== '\t',
    tabSize: unit === '\t' ? 4 : unit.length,
    eol: eolOf(current),
  };
  const path = list?.type === 'array' ? ['ignoreNames', -1] : ['ignoreNames'];
  const value = list?.type === 'array' ? name : [name];
  const edits = modify(current, path, value, { formattingOptions, isArrayInsertion: list?.type === 'array' });
  return { kind: 'edit', edits: edits.map((e) => ({ start: e.offset, end: e.offset + e.length, newText: e.content })) };
}
