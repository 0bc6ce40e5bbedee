import { DEFAULT_MAX_FILE_SIZE } from '../engine/language';

/**
 * A UTF-16 code unit takes at most 3 bytes of UTF-8, so a source file of more bytes than this
 * has more characters than the engine analyses: it is not read into memory at all.
 */
export const MAX_SOURCE_BYTES = 3 * DEFAULT_MAX_FILE_SIZE;
