/**
 * Command-line options: one table per command (its options, their defaults,
 * its help and examples), the parser that reads argv against that table, and
 * zod schemas that check the values. A wrong option is a usage error that
 * names it in one line: `--body-size: must be a number between 7.875 and 14, got "abc"`.
 */
import { z } from 'zod';

export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help lists the options. */
    readonly command?: string,
    /** Point to that help after the message (unknown options, missing arguments). */
    readonly hint = false,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const FORMATS = ['md', 'jats', 'pdf', 'handout', 'refs'] as const;
export type CliFormat = (typeof FORMATS)[number];

/**
 * Single outputs (`--to`, like pandoc's `-t`): name → the build format that
 * makes it and the file of the article folder that holds it.
 */
export const TARGETS = {
  markdown: { format: 'md', file: 'article.md', binary: false, ext: ['md', 'markdown'] },
  jats: { format: 'jats', file: 'article.xml', binary: false, ext: ['xml', 'jats'] },
  pdf: { format: 'pdf', file: 'article.pdf', binary: true, ext: ['pdf'] },
  csljson: { format: 'refs', file: 'references.json', binary: false, ext: ['json'] },
  bibtex: { format: 'refs', file: 'references.bib', binary: false, ext: ['bib'] },
  ris: { format: 'refs', file: 'references.ris', binary: false, ext: ['ris'] },
  handout: { format: 'handout', file: 'handout.md', binary: false, ext: [] },
  'handout-hant': { format: 'handout', file: 'handout.zh-Hant.md', binary: false, ext: [] },
  'handout-pdf': { format: 'handout', file: 'handout.pdf', binary: true, ext: [] },
  'handout-pdf-hant': { format: 'handout', file: 'handout.zh-Hant.pdf', binary: true, ext: [] },
} as const satisfies Record<string, { format: CliFormat; file: string; binary: boolean; ext: readonly string[] }>;
export type TargetName = keyof typeof TARGETS;
export type Target = (typeof TARGETS)[TargetName] & { name: TargetName };

/** Other names accepted by `--to`. */
const TARGET_ALIASES: Record<string, TargetName> = {
  md: 'markdown',
  xml: 'jats',
  'refs-json': 'csljson',
  'csl-json': 'csljson',
  bib: 'bibtex',
  'refs-bib': 'bibtex',
  'refs-ris': 'ris',
  'handout-md': 'handout',
  'handout-md-hant': 'handout-hant',
};

export function targetNamed(name: string): Target | undefined {
  const key = (name in TARGETS ? name : TARGET_ALIASES[name]) as TargetName | undefined;
  return key ? { ...TARGETS[key], name: key } : undefined;
}

/** The single output a file name asks for (`-o article.xml` → jats), if its extension says. */
export function targetForFile(file: string): Target | undefined {
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  if (!ext) return undefined;
  const key = (Object.keys(TARGETS) as TargetName[]).find((k) => (TARGETS[k].ext as readonly string[]).includes(ext));
  return key ? { ...TARGETS[key], name: key } : undefined;
}

export const STYLES = ['house', 'gbt7714', 'gbt7714-2025', 'vancouver', 'apa'] as const;
export const REPORTERS = ['line', 'vfile'] as const;

// ---------------------------------------------------------------- schemas

const formatList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(FORMATS, { error: (i) => `unknown format \`${String(i.input)}\` (use ${FORMATS.join(', ')})` })).min(1, 'name at least one format'));

const target = z.string().transform((s, ctx) => {
  const t = targetNamed(s);
  if (!t) {
    ctx.addIssue({ code: 'custom', message: `unknown output format \`${s}\` (use ${Object.keys(TARGETS).join(', ')})` });
    return z.NEVER;
  }
  return t;
});

const reporting = {
  json: z.boolean().default(false),
  quiet: z.boolean().default(false),
  verbose: z.boolean().default(false),
  reporter: z.enum(REPORTERS).default('line'),
};

export const buildOptionsSchema = z
  .object({
    paths: z.array(z.string().min(1)).min(1, 'name at least one file or folder'),
    out: z.string().min(1).default('output'),
    format: formatList.optional(),
    to: target.optional(),
    output: z.string().min(1).optional(),
    force: z.boolean().default(false),
    watch: z.boolean().default(false),
    ...reporting,
    jobs: z.coerce.number().int().min(1).max(64).optional(),
    variant: z.enum(['tw', 'hk']).default('tw'),
    progress: z.boolean().optional(),
    config: z.string().min(1).optional(),
    bodySize: z.coerce.number().min(7.875).max(14).optional(),
  })
  .strict();
export type BuildCli = z.infer<typeof buildOptionsSchema>;

export const checkOptionsSchema = z
  .object({
    paths: z.array(z.string().min(1)).min(1, 'name at least one file or folder'),
    ...reporting,
    jobs: z.coerce.number().int().min(1).max(64).optional(),
    config: z.string().min(1).optional(),
  })
  .strict();
export type CheckCli = z.infer<typeof checkOptionsSchema>;

export const refsOptionsSchema = z
  .object({
    paths: z.array(z.string()).max(1, 'name at most one file'),
    style: z.enum(STYLES).default('house'),
    ...reporting,
  })
  .strict();
export type RefsCli = z.infer<typeof refsOptionsSchema>;

// ---------------------------------------------------------------- option table

export interface OptionSpec {
  /** The long name, without dashes (`body-size`). */
  flag: string;
  /** One-letter alias (`o` for `-o`). */
  short?: string;
  /** Placeholder of the value; absent for a switch. */
  value?: string;
  /** The default, as shown in the help. */
  default: string;
  help: string;
  /** What a valid value is, for error messages (`a number between 7.875 and 14`). */
  expect?: string;
}

const O = {
  out: { flag: 'out', value: 'DIR', default: 'output', help: 'folder to write into; each input goes to DIR/<input file stem>/', expect: 'a folder name' },
  format: {
    flag: 'format',
    value: 'LIST',
    default: FORMATS.join(','),
    help: `formats to build, comma-separated: ${FORMATS.join(', ')}`,
  },
  to: {
    flag: 'to',
    short: 't',
    value: 'FORMAT',
    default: 'none; markdown with -o -',
    help: `one format of one input, to standard output or the -o file: ${Object.keys(TARGETS).join(', ')} (also md, xml, bib, refs-json, ...)`,
  },
  output: {
    flag: 'output',
    short: 'o',
    value: 'FILE|-',
    default: 'standard output with --to',
    help: 'write that one format to FILE (its extension may name the format), or - for standard output; never the input itself',
    expect: 'a file name or -',
  },
  force: { flag: 'force', default: 'off', help: 'ignore cached stage results' },
  watch: { flag: 'watch', default: 'off', help: 'build, then rebuild whenever an input changes (Ctrl-C to stop)' },
  json: { flag: 'json', default: 'off', help: 'findings as JSON on standard output: one array per run, failed inputs included (rule input-failed); with --watch one line per build (JSON Lines)' },
  jsonFindings: { flag: 'json', default: 'off', help: 'findings as JSON on standard output: one array, failed inputs included (rule input-failed)' },
  quiet: { flag: 'quiet', short: 'q', default: 'off', help: 'print errors only' },
  verbose: { flag: 'verbose', default: 'off', help: 'also print info findings (the changes normalization recorded)' },
  reporter: {
    flag: 'reporter',
    value: 'NAME',
    default: 'line',
    help: 'finding layout: line (file:line:col: severity: message [rule-id]) or vfile (vfile-reporter blocks)',
    expect: 'line or vfile',
  },
  jobs: { flag: 'jobs', short: 'j', value: 'N', default: 'the number of cores', help: 'worker processes for a batch', expect: 'a whole number from 1 to 64' },
  variant: { flag: 'variant', value: 'tw|hk', default: 'tw', help: 'Traditional Chinese of the handout: Taiwan or Hong Kong', expect: 'tw or hk' },
  progress: { flag: 'progress', default: 'on a terminal', help: 'progress bar for a batch (--no-progress: one line per article)' },
  config: {
    flag: 'config',
    value: 'FILE',
    default: 'zhpub.config.json, when present',
    help: 'configuration file (the journal: title, abbreviation, publisher, volume)',
    expect: 'a file name',
  },
  bodySize: { flag: 'body-size', value: 'PT', default: '10.5', help: 'PDF body text size in points', expect: 'a number between 7.875 and 14' },
  style: { flag: 'style', value: 'NAME', default: 'house', help: `reference style: ${STYLES.join(', ')}`, expect: `one of ${STYLES.join(', ')}` },
  help: { flag: 'help', short: 'h', default: 'off', help: 'print this help' },
} satisfies Record<string, OptionSpec>;

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string[];
  /** A paragraph after the usage lines. */
  about?: string;
  options: OptionSpec[];
  examples: string[];
}

export const COMMANDS: Record<string, CommandSpec> = {
  build: {
    name: 'build',
    summary: 'build articles into Markdown, JATS, PDF, handouts and references',
    usage: ['zhpub build <files or folders...> [options]', 'zhpub build <file> --to FORMAT [-o FILE|-] [options]'],
    about:
      'Inputs: article text (.txt, or .md extracted from a PDF), Markdown written by zhpub, JATS (.xml).\n' +
      'Each input is written to <out>/<input file stem>/; a folder or several inputs make a batch,\n' +
      'with a report in <out>/report.json. With --to or -o, one format of one input is written to\n' +
      'standard output or to one file, and findings go to standard error.',
    options: [O.out, O.format, O.to, O.output, O.force, O.watch, O.json, O.quiet, O.verbose, O.reporter, O.jobs, O.variant, O.bodySize, O.config, O.progress, O.help],
    examples: [
      'zhpub build article.txt --out out',
      'zhpub build papers/ --out out --format md,jats --jobs 4',
      'zhpub build article.txt --to jats -o -',
      'zhpub build article.txt -o article.pdf --body-size 11',
      'zhpub build article.md --out out --watch',
    ],
  },
  check: {
    name: 'check',
    summary: 'run the pipeline without writing and print the findings',
    usage: ['zhpub check <files or folders...> [options]'],
    about: 'Findings go to standard output, one per line: file:line:col: severity: message [rule-id].',
    options: [O.jsonFindings, O.quiet, O.verbose, O.reporter, O.jobs, O.config, O.help],
    examples: ['zhpub check article.txt', 'zhpub check papers/ --quiet', 'zhpub check article.txt --json'],
  },
  refs: {
    name: 'refs',
    summary: 'parse, format and check reference lists',
    usage: ['zhpub refs parse [file|-] [--quiet]', 'zhpub refs format [file|-] [--style NAME] [--quiet]', 'zhpub refs check <article> [--json]'],
    about:
      'parse:  reference lines (a file, or standard input with - or nothing) to CSL-JSON.\n' +
      'format: reference lines or CSL-JSON to numbered references in a style.\n' +
      'check:  the reference and citation findings of an article.',
    options: [O.style, O.jsonFindings, O.quiet, O.reporter, O.help],
    examples: ['zhpub refs parse refs.txt', 'zhpub refs format refs.txt --style gbt7714', 'pbpaste | zhpub refs format - --style apa', 'zhpub refs check article.txt'],
  },
  help: {
    name: 'help',
    summary: 'print the help of a command',
    usage: ['zhpub help [command]'],
    options: [],
    examples: ['zhpub help build'],
  },
};

/** The options of `refs` subcommands. */
export const REFS_OPTIONS: Record<string, OptionSpec[]> = {
  parse: [O.quiet, O.help],
  format: [O.style, O.quiet, O.help],
  check: [O.jsonFindings, O.quiet, O.reporter, O.help],
};

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

// ---------------------------------------------------------------- help

function optionNames(o: OptionSpec): string {
  const long = `--${o.flag}${o.value ? ` ${o.value}` : ''}`;
  return o.short ? `-${o.short}, ${long}` : `    ${long}`;
}

/** An option in the help: its names, then its text and default wrapped to 80 columns. */
function optionLines(o: OptionSpec, width: number): string[] {
  const text = o.flag === 'help' ? o.help : `${o.help} (default: ${o.default})`;
  const indent = width + 4;
  const lines: string[] = [];
  let line = `  ${optionNames(o).padEnd(width)} `;
  for (const word of text.split(' ')) {
    if (line.length + 1 + word.length > 80 && line.trim().length > 0 && line.length > indent) {
      lines.push(line);
      line = ' '.repeat(indent - 1);
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}

/** A command's help: usage, what it does, every option with its default, examples. */
export function commandHelp(name: string): string {
  const c = COMMANDS[name];
  if (!c) throw new UsageError(`unknown command \`${name}\` (use ${Object.keys(COMMANDS).join(', ')})`);
  const lines = [`zhpub ${c.name}: ${c.summary}`, '', 'Usage:', ...c.usage.map((u) => `  ${u}`)];
  if (c.about) lines.push('', c.about);
  if (c.options.length) {
    const width = Math.max(...c.options.map((o) => optionNames(o).length));
    lines.push('', 'Options:');
    for (const o of c.options) lines.push(...optionLines(o, width));
  }
  if (c.examples.length) lines.push('', 'Examples:', ...c.examples.map((e) => `  ${e}`));
  if (name !== 'help') lines.push('', 'Exit status: 0 fine, 1 a finding of error severity, 2 usage or input/output error.');
  return lines.join('\n');
}

/** The help of `zhpub refs <sub>` (one subcommand). */
export function refsHelp(sub: string): string {
  const c = COMMANDS.refs!;
  const options = REFS_OPTIONS[sub] ?? [];
  const usage = c.usage.find((u) => u.startsWith(`zhpub refs ${sub}`))!;
  const width = Math.max(...options.map((o) => optionNames(o).length));
  const lines = [`Usage: ${usage}`, '', c.about!.split('\n').find((l) => l.startsWith(`${sub}:`))!.replace(/:\s+/, ': '), '', 'Options:'];
  for (const o of options) lines.push(...optionLines(o, width));
  return lines.join('\n');
}

// ---------------------------------------------------------------- parsing

/**
 * Split argv into positionals and options, knowing only the options in
 * `specs`: `--name value`, `--name=value`, `--switch`, `--no-switch`, `-x value`,
 * `-x`; `--` ends the options, `-` alone is a positional (standard input or output).
 */
export function parseArgv(argv: string[], specs: OptionSpec[], command?: string): { positionals: string[]; flags: Record<string, unknown> } {
  const positionals: string[] = [];
  const flags: Record<string, unknown> = {};
  const byFlag = new Map(specs.map((s) => [s.flag, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const where = command ? ` for ${command}` : '';
  const take = (spec: OptionSpec, inline: string | undefined, i: number, shown: string): number => {
    const key = camel(spec.flag);
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`${shown} takes no value`, command, true);
      flags[key] = true;
      return i;
    }
    const value = inline ?? argv[i + 1];
    if (value === undefined || (inline === undefined && value.startsWith('-') && value !== '-' && !/^-\d/.test(value)))
      throw new UsageError(`${shown} needs a value (${spec.value})`, command, true);
    flags[key] = value;
    return inline === undefined ? i + 1 : i;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
      const spec = byFlag.get(name) ?? byFlag.get(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
      if (spec) {
        i = take(spec, inline, i, `--${spec.flag}`);
        continue;
      }
      const negated = name.startsWith('no-') ? byFlag.get(name.slice(3)) : undefined;
      if (negated && !negated.value) {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value`, command, true);
        flags[camel(negated.flag)] = false;
        continue;
      }
      throw new UsageError(`unknown option --${name}${where}`, command, true);
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    // -x, -xVALUE, -x=VALUE
    const spec = byShort.get(arg[1]!);
    if (!spec) throw new UsageError(`unknown option ${arg}${where}`, command, true);
    const rest = arg.slice(2);
    i = take(spec, rest === '' ? undefined : rest.replace(/^=/, ''), i, `-${spec.short}`);
  }
  return { positionals, flags };
}

/** Does argv ask for help (`--help` or `-h` before any `--`)? */
export function wantsHelp(argv: string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

// ---------------------------------------------------------------- validation

/** Check parsed options against a schema; the first problem becomes a one-line usage error naming the option. */
export function validate<T>(schema: z.ZodType<T>, input: Record<string, unknown>, command?: string, specs: OptionSpec[] = []): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new UsageError(optionIssue(issue, input, specs, command), command, issue.path[0] === 'paths' || issue.code === 'unrecognized_keys');
}

function optionIssue(issue: z.core.$ZodIssue, input: Record<string, unknown>, specs: OptionSpec[], command?: string): string {
  if (issue.code === 'unrecognized_keys') return `${issue.keys.map((k) => `--${flagOf(k, specs)}`).join(', ')}: not an option${command ? ` of ${command}` : ''}`;
  const key = issue.path[0];
  if (key === undefined) return issue.message;
  if (key === 'paths') return `${command ?? 'arguments'}: ${issue.message}`;
  const spec = specs.find((s) => camel(s.flag) === key);
  const flag = `--${spec?.flag ?? flagOf(String(key), specs)}`;
  // options without an expectation have their own messages in the schema (unknown format …)
  if (issue.code === 'custom' || !spec?.expect) return `${flag}: ${issue.message}`;
  return `${flag}: must be ${spec.expect}, got ${JSON.stringify(input[String(key)])}`;
}

function flagOf(key: string, specs: OptionSpec[]): string {
  return specs.find((s) => camel(s.flag) === key)?.flag ?? key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

/** A zod issue in words, without zod's jargon (`expected text`, `must not be empty`, `unknown field colour`). */
export function friendlyMessage(issue: z.core.$ZodIssue, value?: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const want = TYPE_WORDS[issue.expected] ?? issue.expected;
      return value === undefined && issue.path.length ? `missing (expected ${want})` : `expected ${want}${value === undefined ? '' : `, got ${shown(value)}`}`;
    }
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}${value === undefined ? '' : `, got ${shown(value)}`}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`;
      return `must be at least ${issue.minimum}${value === undefined ? '' : `, got ${shown(value)}`}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${issue.maximum} items`;
      return `must be at most ${issue.maximum}${value === undefined ? '' : `, got ${shown(value)}`}`;
    case 'invalid_format':
      // a pattern with its own message ('a volume is a number') says it; zod's own names the pattern
      return /^Invalid /.test(issue.message) ? `not a valid ${issue.format === 'regex' ? 'value' : issue.format}${value === undefined ? '' : `: ${shown(value)}`}` : issue.message;
    case 'invalid_union':
      return 'not any of the accepted forms';
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}

function shown(value: unknown): string {
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** A zod error over a data file as one line: `journal.title.zh: expected text; volume: a volume is a number`. */
export function describeIssues(error: z.ZodError, data: unknown): string {
  return error.issues
    .map((issue) => {
      const at = issue.path.map(String).join('.');
      const value = issue.path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined), data);
      const message = friendlyMessage(issue, issue.code === 'unrecognized_keys' ? undefined : value);
      return at ? `${at}: ${message}` : message;
    })
    .join('; ');
}
