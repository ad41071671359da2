/**
 * The command line in pandoc's manner: per-command help, one format to
 * standard output or one file, --quiet, one-line findings (and the
 * vfile-reporter layout behind --reporter), check over folders, "up to date"
 * builds, --version, one-line messages for bad options and configuration,
 * `refs` alone, and batch --json with failed inputs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, REFS_OPTIONS } from '../src/cli/args.js';
import { main } from '../src/cli/main.js';
import { findingLine } from '../src/cli/report.js';
import { ROOT, SEED_PATH } from './helpers/seed.js';

const BIN = path.join(ROOT, 'bin/zhpub.js');
const BUNDLE = path.join(ROOT, 'dist/zhpub.cjs');

async function run(args: string[]) {
  let out = '';
  let err = '';
  let raw = '';
  const code = await main(args, {
    out: (s) => (out += s + '\n'),
    err: (s) => (err += s + '\n'),
    write: (d) => (raw += typeof d === 'string' ? d : Buffer.from(d).toString('latin1')),
  });
  return { code, out, err, raw };
}

function runBin(args: string[], cwd = ROOT) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, timeout: 60_000 });
}

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'zhpub-cli-options-'));

/** An article with two error findings, two warnings and a few info findings. */
const BAD = '标题\n\n张三,李四\n\nTitle\n\nZHANG San\n\n正文^[1]。\n';
/** A short article that builds cleanly. */
const GOOD = '城市绿地研究\n\n张三\n\n1 引言\n\n本文讨论城市绿地与公共空间。\n';

/** `file:line:col: severity: message [rule-id]` or `file: severity: message [rule-id]`, nothing padded. */
const FINDING_LINE = /^\S[^\n]*?(:\d+:\d+)?: (error|warning|info): \S[^\n]*\S \[[a-z0-9-]+\]$/;

describe('help', () => {
  for (const name of ['build', 'check', 'refs'] as const) {
    it(`${name} --help lists every option with its default, and an example`, async () => {
      for (const args of [[name, '--help'], [name, '-h'], ['help', name]]) {
        const r = await run(args);
        expect(r.code, args.join(' ')).toBe(0);
        expect(r.out).toContain(`zhpub ${name}`);
        for (const o of COMMANDS[name]!.options) {
          expect(r.out, `--${o.flag}`).toContain(`--${o.flag}`);
          if (o.short) expect(r.out).toContain(`-${o.short}, --${o.flag}`);
          if (o.flag !== 'help') expect(r.out.replace(/\s+/g, ' ')).toContain(`(default: ${o.default})`);
        }
        expect(r.out).toMatch(/Examples:\n {2}zhpub /);
      }
    });
  }

  it('build --help wins over other (even wrong) options; refs <sub> --help shows that subcommand', async () => {
    const r = await run(['build', '--bogus', 'x', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--body-size PT');
    for (const sub of Object.keys(REFS_OPTIONS)) {
      const s = await run(['refs', sub, '--help']);
      expect(s.code).toBe(0);
      expect(s.out).toContain(`Usage: zhpub refs ${sub}`);
      for (const o of REFS_OPTIONS[sub]!) expect(s.out).toContain(`--${o.flag}`);
    }
  });

  it('the global --help (and -h) lists the commands', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const r = await run([flag]);
      expect(r.code).toBe(0);
      for (const name of ['build', 'check', 'refs', 'help']) expect(r.out).toMatch(new RegExp(`^ {2}${name} +\\S`, 'm'));
      expect(r.out).toContain('--version');
    }
  });

  it('`refs` alone prints its usage (exit 2); an unknown subcommand names the choices', async () => {
    const r = await run(['refs']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('zhpub refs parse [file|-]');
    expect(r.out).toContain('zhpub refs format');
    expect(r.out).toContain('zhpub refs check');
    expect(r.err).toBe('');
    const u = await run(['refs', 'sort']);
    expect(u.code).toBe(2);
    expect(u.err.trim()).toBe('zhpub: refs: unknown subcommand `sort` (use parse, format or check) (see zhpub refs --help)');
  });
});

describe('--version', () => {
  const expectComponents = (text: string) => {
    expect(text).toMatch(/^zhpub \d+\.\d+\.\d+\n/);
    for (const name of ['unified', 'remark-parse', '@citation-js/core', 'pdf-lib', 'libxmljs2', '@jats4r/dtds'])
      expect(text).toMatch(new RegExp(`^ {2}${name.replace(/[./]/g, '\\$&')} \\d+\\.\\d+\\.\\d+`, 'm'));
    expect(text).toMatch(/libxmljs2 \S+ \(libxml2 \d+\.\d+\.\d+\)/);
    expect(text).toMatch(/@jats4r\/dtds \S+ \(JATS 1\.3 /);
    expect(text).toContain(`Node.js ${process.version}`);
    expect(text).not.toContain('not found');
  };

  it('lists zhpub and its components (-v too)', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await run([flag]);
      expect(r.code).toBe(0);
      expectComponents(r.out);
    }
  });

  it.skipIf(!existsSync(BUNDLE))('the single-file build reports the versions bundled into it', () => {
    const r = runBin(['--version'], os.tmpdir());
    expect(r.status).toBe(0);
    expectComponents(r.stdout);
  });
});

describe('one format to standard output or one file', () => {
  it.skipIf(!existsSync(BUNDLE))('-o - prints only the Markdown on standard output, findings on standard error', async () => {
    const out = await tmp();
    const r = runBin(['build', SEED_PATH, '-o', '-']);
    expect(r.status, r.stderr).toBe(0);
    expect(await run(['build', SEED_PATH, '--out', out, '--format', 'md'])).toMatchObject({ code: 0 });
    const md = await readFile(path.join(out, '000_551b843f840d1098/article.md'), 'utf8');
    expect(r.stdout).toBe(md);
    expect(r.stderr).toMatch(/info findings/);
    expect(r.stderr).not.toMatch(/wrote|up to date/);
  });

  it.skipIf(!existsSync(BUNDLE))('--to jats -o - prints the JATS XML', () => {
    const r = runBin(['build', SEED_PATH, '--to', 'jats', '-o', '-']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<!DOCTYPE article PUBLIC "-\/\/NLM\/\/DTD JATS \(Z39\.96\) Journal Publishing DTD v1\.3/);
    expect(r.stdout.trimEnd()).toMatch(/<\/article>$/);
  });

  it('--to alone writes to standard output; pandoc-like names and aliases', async () => {
    const bib = await run(['build', SEED_PATH, '-t', 'bibtex']);
    expect(bib.code).toBe(0);
    expect(bib.raw).toMatch(/^@article\{ref-1,/);
    expect(bib.out).toBe('');
    const ris = await run(['build', SEED_PATH, '--to=refs-ris']);
    expect(ris.raw).toMatch(/^TY {2}- JOUR/m);
  });

  it('-o FILE writes that one file (format from its extension), up to date the second time, and never the input', async () => {
    const dir = await tmp();
    const input = path.join(dir, 'a.txt');
    await writeFile(input, GOOD);
    const xml = path.join(dir, 'a.xml');
    const first = await run(['build', input, '-o', xml]);
    expect(first.code, first.err).toBe(0);
    expect(first.err).toContain(`wrote ${xml}`);
    expect(await readFile(xml, 'utf8')).toMatch(/^<\?xml/);
    const again = await run(['build', input, '-o', xml]);
    expect(again.err).toContain(`${xml}: up to date`);
    expect(again.err).not.toContain('wrote');
    for (const args of [['-o', input], ['--to', 'md', '-o', input], ['--to', 'md', '-o', path.join(dir, '.', 'a.txt')]]) {
      const r = await run(['build', input, ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/is the input; not overwritten/);
    }
    expect(await readFile(input, 'utf8')).toBe(GOOD);
    const folder = await run(['build', input, '-o', dir]);
    expect(folder.code).toBe(2);
    expect(folder.err).toMatch(/-o .*: a folder; .*--out an output folder/);
  });
});

describe('findings: one line each, --quiet, --reporter vfile', () => {
  it('check prints file:line:col: severity: message [rule-id], unpadded', async () => {
    const dir = await tmp();
    const input = path.join(dir, 'bad.txt');
    await writeFile(input, BAD);
    const r = await run(['check', input]);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    const findings = lines.filter((l) => !/info findings .* not shown/.test(l));
    expect(findings.length).toBeGreaterThanOrEqual(2);
    for (const l of findings) {
      expect(l).toMatch(FINDING_LINE);
      expect(l.startsWith(`${input}`)).toBe(true);
      expect(l).not.toMatch(/ {2}|\s$/);
    }
    expect(r.out).toContain(`${input}:3:4: error: 2 Chinese author names but 1 English ones: 李四 has no English name [align-author-count]`);
    // a finding without a position: the file alone
    expect(findingLine(input, { ruleId: 'jats-pub-date-missing', severity: 'warning', message: 'no pub-date', line: null, column: null } as never)).toBe(`${input}: warning: no pub-date [jats-pub-date-missing]`);
    expect(r.out).toMatch(/\d+ info findings \(recorded changes\) not shown; use --verbose or --json/);
    // --verbose shows the info findings in the same layout
    const v = await run(['check', input, '--verbose']);
    expect(v.out).toMatch(/: info: .* \[ingest-[a-z-]+\]$/m);
    expect(v.out).not.toMatch(/not shown/);
  });

  it('a line without a column is column 1; no position at all is the file alone', () => {
    const base = { ruleId: 'x-y', severity: 'warning' as const, message: 'two\nlines' };
    expect(findingLine('a.txt', { ...base, line: 3, column: null })).toBe('a.txt:3:1: warning: two lines [x-y]');
    expect(findingLine('a.txt', { ...base, line: null, column: null })).toBe('a.txt: warning: two lines [x-y]');
  });

  it('--quiet prints errors only', async () => {
    const dir = await tmp();
    const input = path.join(dir, 'bad.txt');
    await writeFile(input, BAD);
    const r = await run(['check', input, '--quiet']);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.length).toBe(2);
    for (const l of lines) expect(l).toMatch(/: error: /);
    const good = path.join(dir, 'good.txt');
    await writeFile(good, GOOD);
    const b = await run(['build', good, '--out', path.join(dir, 'out'), '--format', 'md', '-q']);
    expect(b.code).toBe(0);
    expect(b.err).toBe('');
    expect(b.out).toBe('');
  });

  it('--reporter vfile gives the vfile-reporter layout', async () => {
    const dir = await tmp();
    const input = path.join(dir, 'bad.txt');
    await writeFile(input, BAD);
    const r = await run(['check', input, '--reporter', 'vfile']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/3:4(-\d+:\d+)?\s+error\s+.*align-author-count/);
    expect(r.out).toMatch(/✖ 2 errors/);
  });
});

describe('check over files and folders', () => {
  it('checks every article of a folder without writing; failed inputs are named, and in --json', async () => {
    const dir = await tmp();
    const folder = path.join(dir, 'in');
    await mkdir(folder);
    await writeFile(path.join(folder, 'a-bad.txt'), BAD);
    await writeFile(path.join(folder, 'b-empty.txt'), '');
    await writeFile(path.join(folder, 'c-good.txt'), GOOD);
    const r = await run(['check', folder, '--jobs', '1']);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${path.join(folder, 'a-bad.txt')}:3:4: error: `);
    expect(r.out).not.toMatch(/c-good\.txt:/);
    expect(r.err).toMatch(/b-empty\.txt: failed: .*empty/);
    expect(r.err).toMatch(/2 checked \(1 with errors, 0 with warnings only\), 1 failed/);
    const j = await run(['check', folder, path.join(folder, 'c-good.txt'), '--json', '--jobs', '1']);
    const data = JSON.parse(j.out) as Array<{ file: string; ruleId: string; severity: string }>;
    expect(data.find((f) => f.ruleId === 'input-failed')).toMatchObject({ file: path.join(folder, 'b-empty.txt'), severity: 'error' });
    expect(new Set(data.map((f) => path.basename(f.file)))).toEqual(new Set(['a-bad.txt', 'b-empty.txt', 'c-good.txt']));
    expect(existsSync(path.join(ROOT, 'a-bad'))).toBe(false);
    expect(existsSync(path.join(folder, 'report.json'))).toBe(false);
  });
});

describe('batch output', () => {
  it('prints each article line, then its warnings and errors one per line; --quiet keeps only the errors', async () => {
    const dir = await tmp();
    const folder = path.join(dir, 'in');
    await mkdir(folder);
    await writeFile(path.join(folder, 'a-bad.txt'), BAD);
    await writeFile(path.join(folder, 'c-good.txt'), GOOD);
    const r = await run(['build', folder, '--out', path.join(dir, 'out'), '--format', 'md', '--jobs', '1', '--no-progress']);
    expect(r.err).toContain(`${path.join(folder, 'a-bad.txt')}: built `);
    expect(r.err).toContain(`${path.join(folder, 'a-bad.txt')}:3:4: error: 2 Chinese author names but 1 English ones`);
    const q = await run(['build', folder, '--out', path.join(dir, 'out'), '--format', 'md', '--jobs', '1', '--no-progress', '--quiet', '--force']);
    expect(q.err).toContain(`${path.join(folder, 'a-bad.txt')}:3:4: error: `);
    expect(q.err).not.toContain(': built ');
  });
});

describe('builds: only what changed', () => {
  it('a second build from the cache is "up to date"; a new format lists only its new files', async () => {
    const dir = await tmp();
    const input = path.join(dir, 'a.txt');
    await writeFile(input, GOOD);
    const out = path.join(dir, 'out');
    const first = await run(['build', input, '--out', out, '--format', 'md']);
    expect(first.code).toBe(0);
    expect(first.err).toContain(`wrote ${path.join(out, 'a', 'article.md')}, ${path.join(out, 'a', 'report.json')}`);
    const second = await run(['build', input, '--out', out, '--format', 'md']);
    expect(second.err).toContain(`${path.join(out, 'a')}: up to date`);
    expect(second.err).not.toContain('wrote');
    const quiet = await run(['build', input, '--out', out, '--format', 'md', '--quiet']);
    expect(quiet.err).toBe('');
    const more = await run(['build', input, '--out', out, '--format', 'md,refs']);
    expect(more.err).toMatch(/^wrote [^\n]*references\.bib, [^\n]*references\.json, [^\n]*references\.ris$/m);
    expect(more.err).not.toMatch(/article\.md/);
  });

  it('a batch says which articles were up to date', async () => {
    const dir = await tmp();
    const folder = path.join(dir, 'in');
    await mkdir(folder);
    await writeFile(path.join(folder, 'a.txt'), GOOD);
    await writeFile(path.join(folder, 'b.txt'), GOOD.replace('城市', '乡村'));
    const out = path.join(dir, 'out');
    const args = ['build', folder, '--out', out, '--format', 'md', '--jobs', '1', '--no-progress'];
    expect((await run(args)).err).toMatch(/a\.txt: built article\.md/);
    await writeFile(path.join(folder, 'b.txt'), GOOD.replace('城市', '山区'));
    const again = await run(args);
    expect(again.err).toMatch(/a\.txt: up to date \(0 errors, \d+ warnings\)/);
    expect(again.err).toMatch(/b\.txt: built article\.md/);
    expect(again.err).toMatch(/2 built \(1 up to date, /);
  });

  it('batch --json includes the inputs that failed, with their error', async () => {
    const dir = await tmp();
    const folder = path.join(dir, 'in');
    await mkdir(folder);
    await writeFile(path.join(folder, 'a.txt'), GOOD);
    await writeFile(path.join(folder, 'b.txt'), '');
    const r = await run(['build', folder, '--out', path.join(dir, 'out'), '--format', 'md', '--json', '--jobs', '1']);
    expect(r.code).toBe(2);
    const data = JSON.parse(r.out) as Array<{ file: string; ruleId: string; severity: string; message: string }>;
    const failed = data.filter((f) => f.ruleId === 'input-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ file: path.join(folder, 'b.txt'), severity: 'error', line: null, column: null });
    expect(failed[0]!.message).toMatch(/empty/);
    expect(data.some((f) => f.file === path.join(folder, 'a.txt'))).toBe(true);
  });

  it('a single input that fails under --json is still one JSON document', async () => {
    const dir = await tmp();
    const r = await run(['build', path.join(dir, 'missing.txt'), '--out', path.join(dir, 'out'), '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toEqual([{ ruleId: 'input-failed', severity: 'error', message: 'no such file or folder', line: null, column: null, file: path.join(dir, 'missing.txt') }]);
  });
});

describe('one-line messages for bad options and configuration', () => {
  it('a bad --body-size names the option, the range and the value', async () => {
    for (const value of ['abc', '30']) {
      const r = await run(['build', SEED_PATH, '--body-size', value]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`zhpub: --body-size: must be a number between 7.875 and 14, got "${value}"\n`);
    }
    const j = await run(['build', SEED_PATH, '-j', 'many']);
    expect(j.err).toBe('zhpub: --jobs: must be a whole number from 1 to 64, got "many"\n');
    const v = await run(['build', SEED_PATH, '--variant=cn']);
    expect(v.err).toBe('zhpub: --variant: must be tw or hk, got "cn"\n');
    const u = await run(['check', SEED_PATH, '--style', 'apa']);
    expect(u.err).toBe('zhpub: unknown option --style for check (see zhpub check --help)\n');
  });

  it('a bad configuration names the file and each field, in words', async () => {
    const dir = await tmp();
    const config = path.join(dir, 'zhpub.config.json');
    await writeFile(config, JSON.stringify({ journal: { title: { zh: 3 }, volume: 'x' }, colour: 'red' }));
    const r = await run(['check', SEED_PATH, '--config', config]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(`zhpub: ${config}: journal.title.zh: expected text, got 3; journal.volume: a volume is a number; unknown field colour`);
    expect(r.err).not.toMatch(/Invalid input|received|\n\s+at /);
  });
});
