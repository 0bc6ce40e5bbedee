/** The extension from the repository (extensionDevelopmentPath), on the fixture workspace. */
import { runMochaIn } from '../mochaInHost';

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
