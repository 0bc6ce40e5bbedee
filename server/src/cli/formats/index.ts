/**
 * The output formats, by the name `--format` takes.
 */
import type { Content } from '../output';
import type { Report } from '../report';
import { renderGithub } from './github';
import { renderJson } from './json';
import { renderSarif } from './sarif';
import { renderStylish } from './stylish';

export interface RenderOptions {
  /** ANSI colours; only the stylish format uses them. */
  readonly color: boolean;
}

/** The report in parts, produced as they are written: a header, each file's findings, a footer (see output.ts). */
export type Render = (report: Report, options: RenderOptions) => Content;

const formats = {
  stylish: renderStylish,
  json: renderJson,
  sarif: renderSarif,
  github: renderGithub,
} as const satisfies Record<string, Render>;

export type FormatName = keyof typeof formats;

export const FORMAT_NAMES = Object.keys(formats) as readonly FormatName[];

export function render(format: FormatName, report: Report, options: RenderOptions): Content {
  return formats[format](report, options);
}
