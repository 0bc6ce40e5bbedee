/** The extension as users install it: from the packaged .vsix, in a fresh extensions folder. */
import { runMochaIn } from '../mochaInHost';

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
