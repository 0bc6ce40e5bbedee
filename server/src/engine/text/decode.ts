/**
 * The text of a source file from its bytes. UTF-8 unless a byte order mark says UTF-16, as
 * `tsc` and editors read it: a UTF-16 file decoded as UTF-8 is a string of NULs and letters in
 * which no name is found, and nothing said so. The mark itself is not part of the text (editors
 * hide it, so columns agree with theirs).
 */
export function decodeSource(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
