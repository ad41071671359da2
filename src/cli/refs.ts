/** `zhpub refs …`: reference parsing, formatting and checking. */
import { readFile } from 'node:fs/promises';
import { VFile } from 'vfile';
import { buildOne, InputError } from '../../pipeline/run.js';
import { decode, DecodeError } from '../decode/index.js';
import { hasErrors } from '../findings/index.js';
import { commandHelp, parseArgv, refsHelp, REFS_OPTIONS, refsOptionsSchema, UsageError, validate, wantsHelp } from './args.js';
import type { CslItem } from '../model/csl.js';
import type { Io } from './main.js';
import { printFindings } from './main.js';
import { fileFindings } from './report.js';

async function readInput(p: string | undefined): Promise<string> {
  let bytes: Buffer;
  try {
    if (!p || p === '-') {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      bytes = Buffer.concat(chunks);
    } else bytes = await readFile(p);
  } catch (error) {
    throw new InputError(`${p ?? 'standard input'}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return decode(bytes).text;
  } catch (error) {
    if (error instanceof DecodeError) throw new InputError(`${p ?? 'standard input'}: ${error.message}`);
    throw error;
  }
}

/** A reference line's own number: `[12] `, `12. `, `12、`. */
const LINE_NUMBER = /^(?:[\[［]\s*(\d+)\s*[\]］]|(\d+)\s*[.．、](?!\d))\s*/u;

type ListReader = (texts: readonly string[], ids: readonly string[]) => { results: Array<{ item: CslItem; issues: Array<{ kind: string; field?: string; message: string }> }> };

/**
 * `refs parse`: one item per input line (a blank line gives null); a
 * repeated number and what could not be read are warnings on `warn`.
 */
function readLines(
  lines: readonly string[],
  source: string,
  warn: (line: string) => void,
  readList: ListReader,
): { items: Array<CslItem | null>; unread: number; texts: string[]; untyped: Set<number> } {
  const texts = lines.map((raw) => raw.replace(/^\s*[-*•]\s+/u, '').trim());
  const at = texts.flatMap((t, i) => (t ? [i] : []));
  const { results } = readList(at.map((i) => texts[i]!), at.map((i) => `ref-${i + 1}`));
  const items: Array<CslItem | null> = texts.map(() => null);
  const labels = new Map<string, number>();
  const untyped = new Set<number>();
  let unread = 0;
  at.forEach((i, k) => {
    const label = LINE_NUMBER.exec(texts[i]!);
    const number = label ? (label[1] ?? label[2])! : undefined;
    const first = number === undefined ? undefined : labels.get(number);
    if (first !== undefined) warn(`${source}:${i + 1}: warning: the number [${number}] repeats line ${first}; this item is ref-${i + 1} [ref-parse]`);
    else if (number !== undefined) labels.set(number, i + 1);
    const { item, issues } = results[k]!;
    for (const issue of issues.filter((x) => x.kind === 'parse')) {
      if (issue.field === 'type') untyped.add(i);
      unread++;
      warn(`${source}:${i + 1}: warning: ${issue.message} [ref-parse]`);
    }
    items[i] = item;
  });
  return { items, unread, texts, untyped };
}

export async function refsCommand(argv: string[], io: Io): Promise<number> {
  const sub = argv[0];
  // `zhpub refs` alone: its usage (a usage error); `refs --help`, `refs <sub> --help`: the help
  if (sub === undefined) {
    io.out(commandHelp('refs'));
    return 2;
  }
  if (wantsHelp(argv)) {
    io.out(REFS_OPTIONS[sub] ? refsHelp(sub) : commandHelp('refs'));
    return 0;
  }
  const specs = REFS_OPTIONS[sub];
  if (!specs) throw new UsageError(`refs: unknown subcommand \`${sub}\` (use parse, format or check)`, 'refs', true);
  const command = `refs ${sub}`;
  const { positionals: rest, flags } = parseArgv(argv.slice(1), specs, command);
  const refs = await import('../references/index.js');
  switch (sub) {
    case 'parse': {
      const opts = validate(refsOptionsSchema, { paths: rest, ...flags }, command, specs);
      // One output item per input line, so that item i is line i: a blank line gives null.
      const source = opts.paths[0] ?? 'standard input';
      const lines = stripMarkup(await readInput(opts.paths[0])).split('\n');
      if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
      const { items, unread } = readLines(lines, source, opts.quiet ? () => {} : io.err, refs.parseReferenceList);
      io.out(JSON.stringify(items, null, 2));
      if (unread && !opts.quiet) io.err(`${unread} part${unread > 1 ? 's' : ''} of the references could not be read (see above)`);
      return 0;
    }
    case 'format': {
      const opts = validate(refsOptionsSchema, { paths: rest, ...flags }, command, specs);
      const text = await readInput(opts.paths[0]);
      let items: CslItem[];
      /** Lines no family could read and without a type code: printed as written, not given an invented `[Z]`. */
      let asWritten = new Map<CslItem, string>();
      // CSL-JSON is an array of objects; `[1] 张三.某书[M]` and a line ending in `[2024-01-01]` are reference lines.
      const data = /^\s*\[\s*\{/.test(text) ? parseJson(text) : undefined;
      if (Array.isArray(data)) {
        items = data.map((d, i) => {
          const r = refs.validateCslItem(d);
          if (!r.ok) throw new InputError(`CSL item ${i + 1}: ${r.problems.join('; ')}`);
          return r.item;
        });
      } else {
        // Reference lines, read as `refs parse` reads them, with the same warnings.
        const lines = stripMarkup(text).split('\n');
        const read = readLines(lines, opts.paths[0] ?? 'standard input', opts.quiet ? () => {} : io.err, refs.parseReferenceList);
        items = read.items.filter((item): item is CslItem => item !== null);
        asWritten = new Map([...read.untyped].map((i) => [read.items[i]!, read.texts[i]!.replace(LINE_NUMBER, '')]));
      }
      const formatted = refs.formatReference(items, opts.style);
      io.out(formatted.map((l, i) => `[${i + 1}] ${asWritten.get(items[i]!) ?? l}`).join('\n'));
      return 0;
    }
    case 'check': {
      const opts = validate(refsOptionsSchema, { paths: rest, ...flags }, command, specs);
      if (opts.paths.length !== 1) throw new UsageError('refs check: name one article', command, true);
      const result = await buildOne(opts.paths[0]!, { formats: ['refs'], variant: 'tw' }, { outDir: '.', write: false, cache: false });
      const file = new VFile({ path: result.file.path });
      file.messages = result.file.messages.filter((m) => /^(ref|cite)-/.test(m.ruleId ?? '') && !/^ref-(separator|space-before-type|slash-space)$/.test(m.ruleId ?? ''));
      printFindings([fileFindings(file, opts.paths[0]!)], { ...opts, verbose: false }, io);
      return hasErrors(file) ? 1 : 0;
    }
    default:
      throw new UsageError(`refs: unknown subcommand \`${sub}\` (use parse, format or check)`, 'refs', true);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`input starts as CSL-JSON but is not JSON: ${(error as Error).message}`);
  }
}

/** Reference lines pasted from Markdown: `*Journal*` and `^{lpr}` are markup, not text. */
function stripMarkup(text: string): string {
  return text.replace(/\*([^*\n]+)\*/g, '$1').replace(/\^\{([^}\n]*)\}/g, '$1').replace(/^\s*[-*]\s+(?=\[)/gm, '');
}
