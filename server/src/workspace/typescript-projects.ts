/**
 * TypeScript projects for type-aware analysis: a `tsconfig.json` read into a program, with the
 * oracle the scanner asks what names read (engine/languages/typescript/declarations.ts). Both
 * front ends load projects here: the CLI a program per `--project`, the server a language
 * service per project of an open file.
 *
 * The workspace is hostile input: the compiler reads every file through `readProjectFile`,
 * which opens regular files only, up to a limit, so a FIFO or a device named `x.ts` is a
 * missing file to it, never a hang. A tsconfig that cannot be read, or that names no file, is a
 * problem with its path and reason; the files it would have covered keep the syntactic result.
 */
import * as path from 'node:path';
import ts from 'typescript';
import { declarationOracle, type DeclarationOracle, type TypedFile } from '../engine/languages/typescript/declarations';
import { readRegularFile } from '../engine/text/read-file';
import { decodeSource } from '../engine/text/decode';
import { reasonOf } from './reasons';

/** Declaration files of generated clients (Prisma's) run to tens of megabytes. */
const MAX_PROJECT_FILE_BYTES = 64 * 1024 * 1024;

/** Why a project could not be used, said of its tsconfig: "tsconfig.json: line 3: ',' expected". */
export interface ProjectProblem {
  readonly tsconfig: string;
  readonly message: string;
}

export interface TypedProject {
  /** Absolute path of its tsconfig.json. */
  readonly tsconfig: string;
  readonly program: ts.Program;
  /** The file as the program holds it, when the program has it. */
  typedFile(abs: string): TypedFile | undefined;
  /** How many of the project's own (not declaration) files there are. */
  readonly fileCount: number;
}

/**
 * A file's text as the compiler is given it: the engine's decoding, and a byte that the encoding
 * could not give (U+FFFD) as a space, which the scanner does too, so offsets and texts agree.
 */
export function readProjectFile(file: string): string | undefined {
  try {
    const text = decodeSource(readRegularFile(file, MAX_PROJECT_FILE_BYTES));
    return text.includes('\uFFFD') ? text.replace(/\uFFFD/g, ' ') : text;
  } catch {
    return undefined;
  }
}

/** The compiler's view of the disk, reading through `readProjectFile`. */
function safeSystem(): ts.System {
  return { ...ts.sys, readFile: (f) => readProjectFile(f) };
}

/** Reads a tsconfig.json (its `extends` too) into the compiler's options and root files. */
export function parseProject(tsconfig: string, shown: (abs: string) => string): ts.ParsedCommandLine | ProjectProblem {
  const sys = safeSystem();
  let fatal: ts.Diagnostic | undefined;
  let parsed: ts.ParsedCommandLine | undefined;
  try {
    parsed = ts.getParsedCommandLineOfConfigFile(
      tsconfig,
      {},
      { ...sys, onUnRecoverableConfigFileDiagnostic: (d) => (fatal = d), getCurrentDirectory: () => path.dirname(tsconfig) },
    );
  } catch (e) {
    return { tsconfig, message: `${shown(tsconfig)}: cannot be read: ${reasonOf(e)}` };
  }
  if (fatal || !parsed) return { tsconfig, message: `${shown(tsconfig)}: ${fatal ? diagnosticText(fatal, shown) : 'cannot be read'}` };
  const errors = parsed.errors.filter((d) => d.category === ts.DiagnosticCategory.Error);
  // An error leaves options half read (a bad value, a missing `extends`): the program would not
  // be the project as written, and its answers would be wrong without saying so.
  if (errors.length > 0 || parsed.fileNames.length === 0) {
    const why = errors.length > 0 ? errors.map((d) => diagnosticText(d, shown)).join('; ') : 'it names no file';
    return { tsconfig, message: `${shown(tsconfig)}: ${why}` };
  }
  return parsed;
}

/**
 * A program for one tsconfig.json. The compiler reads only what the project includes and what
 * those files import; nothing is type-checked until a name is asked about.
 */
export function loadProject(tsconfig: string, shown: (abs: string) => string): TypedProject | ProjectProblem {
  const parsed = parseProject(tsconfig, shown);
  if (!('fileNames' in parsed)) return parsed;
  let program: ts.Program;
  try {
    // No emit ever happens: noEmit keeps a project with `outDir` quiet about output paths.
    const options = { ...parsed.options, noEmit: true };
    const host = ts.createCompilerHost(options, true);
    host.readFile = (f) => readProjectFile(f);
    const lib = defaultLibFolder();
    if (lib) {
      host.getDefaultLibLocation = () => lib;
      host.getDefaultLibFileName = (o) => path.join(lib, ts.getDefaultLibFileName(o));
    }
    program = ts.createProgram({ rootNames: parsed.fileNames, options, host, projectReferences: parsed.projectReferences });
  } catch (e) {
    return { tsconfig, message: `${shown(tsconfig)}: the project could not be loaded: ${reasonOf(e)}` };
  }
  const oracle = declarationOracle(program, shown);
  return typedProject(tsconfig, program, oracle);
}

/**
 * Where the standard library's declarations are: beside a bundle (dist/typescript-lib, copied
 * there by esbuild.mjs), else the compiler's own folder (undefined: the compiler knows).
 */
export function defaultLibFolder(): string | undefined {
  const beside = path.join(__dirname, 'typescript-lib');
  return ts.sys.fileExists(path.join(beside, 'lib.es5.d.ts')) ? beside : undefined;
}

function typedProject(tsconfig: string, program: ts.Program, oracle: DeclarationOracle): TypedProject {
  const own = program.getSourceFiles().filter((sf) => !sf.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sf));
  return {
    tsconfig,
    program,
    fileCount: own.length,
    typedFile(abs) {
      const sourceFile = program.getSourceFile(abs);
      if (!sourceFile || sourceFile.isDeclarationFile) return undefined;
      return { sourceFile, oracle };
    },
  };
}

function diagnosticText(d: ts.Diagnostic, shown: (abs: string) => string): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
  if (!d.file || d.start === undefined) return message;
  const { line } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${shown(d.file.fileName)}:${line + 1}: ${message}`;
}

/**
 * The projects of a run, loaded once each, and which one holds a file: the first listed that
 * has it (a monorepo's packages are listed apart; a file in two is analysed once).
 */
export class TypedProjects {
  readonly projects: TypedProject[] = [];
  readonly problems: ProjectProblem[] = [];

  constructor(tsconfigs: readonly string[], shown: (abs: string) => string) {
    for (const tsconfig of [...new Set(tsconfigs)]) {
      const loaded = loadProject(tsconfig, shown);
      if ('program' in loaded) this.projects.push(loaded);
      else this.problems.push(loaded);
    }
  }

  typedFile(abs: string): TypedFile | undefined {
    for (const p of this.projects) {
      const f = p.typedFile(abs);
      if (f) return f;
    }
    return undefined;
  }
}

/**
 * The editor's projects: a language service per tsconfig.json, so that an edit re-checks what
 * it changed rather than the whole program. The document being analysed is read from the
 * editor's text; every other file from disk, through `readProjectFile`.
 */
export class ProjectServices {
  private readonly services = new Map<string, ProjectService | ProjectProblem>();

  constructor(private readonly shown: (abs: string) => string) {}

  /**
   * The project a file belongs to: the first of `configured` (catalint.json's "project") whose
   * files include it, else the nearest tsconfig.json between the file and `folder`.
   */
  projectOf(file: string, folder: string, configured: readonly string[]): ProjectService | ProjectProblem | undefined {
    for (const tsconfig of configured) {
      const p = this.load(tsconfig);
      if (p instanceof ProjectService && p.includes(file)) return p;
    }
    const nearest = nearestTsconfig(path.dirname(file), folder);
    if (!nearest) return configured.length > 0 ? this.load(configured[0]) : undefined;
    const p = this.load(nearest);
    return !(p instanceof ProjectService) || p.includes(file) ? p : undefined;
  }

  private load(tsconfig: string): ProjectService | ProjectProblem {
    let p = this.services.get(tsconfig);
    if (!p) {
      const parsed = parseProject(tsconfig, this.shown);
      p = 'fileNames' in parsed ? new ProjectService(tsconfig, parsed, this.shown) : parsed;
      this.services.set(tsconfig, p);
    }
    return p;
  }

  /** Forgets every project: a tsconfig.json or a file on disk changed. */
  clear(): void {
    this.services.clear();
  }
}

/** The nearest tsconfig.json from `dir` up to `folder` (included), never above it. */
function nearestTsconfig(dir: string, folder: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'tsconfig.json');
    if (ts.sys.fileExists(candidate)) return candidate;
    if (d === folder || path.dirname(d) === d || !d.startsWith(folder)) return undefined;
  }
}

export class ProjectService {
  private readonly service: ts.LanguageService;
  private readonly files: Set<string>;
  private open: { file: string; text: string; version: number } | undefined;
  private lastProgram: ts.Program | undefined;
  private lastOracle: DeclarationOracle | undefined;

  constructor(
    readonly tsconfig: string,
    parsed: ts.ParsedCommandLine,
    private readonly shown: (abs: string) => string,
  ) {
    this.files = new Set(parsed.fileNames.map((f) => path.resolve(f)));
    const options = { ...parsed.options, noEmit: true };
    const lib = defaultLibFolder();
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => options,
      getScriptFileNames: () => [...this.files],
      getScriptVersion: (f) => {
        if (this.open && path.resolve(f) === this.open.file) return `open:${this.open.version}`;
        // A file on disk is the same as long as its time and size are.
        try {
          const s = ts.sys.getModifiedTime?.(f)?.getTime() ?? 0;
          return `${s}:${ts.sys.getFileSize?.(f) ?? 0}`;
        } catch {
          return 'missing';
        }
      },
      getScriptSnapshot: (f) => {
        const text = this.open && path.resolve(f) === this.open.file ? this.open.text : readProjectFile(f);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => path.dirname(tsconfig),
      getDefaultLibFileName: (o) => (lib ? path.join(lib, ts.getDefaultLibFileName(o)) : ts.getDefaultLibFilePath(o)),
      fileExists: (f) => ts.sys.fileExists(f),
      readFile: (f) => readProjectFile(f),
      readDirectory: (...a) => ts.sys.readDirectory(...a),
      directoryExists: (d) => ts.sys.directoryExists(d),
      getDirectories: (d) => ts.sys.getDirectories(d),
      useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
    };
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  /** How many files the project lists: `auto` turns type-aware analysis on for projects up to a size. */
  get size(): number {
    return this.files.size;
  }

  includes(file: string): boolean {
    return this.files.has(path.resolve(file));
  }

  /** The document as the project's program holds it, with the editor's text for it. */
  typedFile(file: string, text: string, version: number): TypedFile | undefined {
    const abs = path.resolve(file);
    this.open = { file: abs, text: text.includes('\uFFFD') ? text.replace(/\uFFFD/g, ' ') : text, version };
    const program = this.service.getProgram();
    if (!program) return undefined;
    if (program !== this.lastProgram) {
      this.lastProgram = program;
      this.lastOracle = declarationOracle(program, this.shown);
    }
    const sourceFile = program.getSourceFile(abs);
    if (!sourceFile || sourceFile.isDeclarationFile) return undefined;
    return { sourceFile, oracle: this.lastOracle! };
  }

  dispose(): void {
    this.service.dispose();
  }
}
