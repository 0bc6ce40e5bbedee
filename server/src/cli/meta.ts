/**
 * What the CLI says about itself: name, version and where its documentation lives. SARIF and
 * `--version` read it from here so that they never disagree.
 */
import { packageVersion } from '../engine/assets';

export const TOOL_NAME = 'Catalint';
/** Read from the shipped package.json, like the engine reads its catalog. */
export const toolVersion = (): string => packageVersion();
/** The README on the project page; rule help links point at its sections. */
export const INFORMATION_URI = 'https://github.com/catalint/catalint';
