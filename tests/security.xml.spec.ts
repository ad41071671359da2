/**
 * Hostile JATS: external entities (general and parameter), a DOCTYPE naming a
 * local DTD, billion laughs, quadratic blowup, deep nesting, a text file that
 * starts like JATS. Nothing a document names is read from disk, nothing
 * expands without bound, nothing crashes, nothing is written outside --out.
 *
 * Every input is made here, in a temporary folder; a secret file holds a
 * unique marker that must never appear in any output.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { fromJats, toJats, validateJats } from '../src/jats/index.js';
import { severityOf } from '../src/findings/index.js';
import type { ArticleRoot, FigureFloat } from '../src/model/types.js';
import { MAX_INPUT_CHARS } from '../src/decode/index.js';
import { buildOne, InputError } from '../pipeline/run.js';
import { seedModel } from './fixtures/jats/seed-model.js';

const MARKER = `ZHPUB-SECRET-${randomBytes(8).toString('hex')}`;
const ROOT = mkdtempSync(path.join(tmpdir(), 'zhpub-secxml-'));
const SECRET_DIR = path.join(ROOT, 'secret');
mkdirSync(SECRET_DIR);
/** A file whose contents must never be read into anything. */
const SECRET = path.join(SECRET_DIR, 'secret.txt');
writeFileSync(SECRET, `${MARKER}\n`);
/** A DTD that would define entities as the marker. */
const EVIL_DTD = path.join(SECRET_DIR, 'evil.dtd');
writeFileSync(EVIL_DTD, `<!ENTITY mdash "${MARKER}">\n<!ENTITY evil "${MARKER}">\n`);
/** The same, under the name of the JATS DTD. */
const FAKE_JATS_DTD = path.join(SECRET_DIR, 'JATS-journalpublishing1-3.dtd');
writeFileSync(FAKE_JATS_DTD, `<!ENTITY mdash "${MARKER}">\n`);
/** An external parameter entity's text: declares an entity as the marker. */
const PE_FILE = path.join(SECRET_DIR, 'pe.ent');
writeFileSync(PE_FILE, `<!ENTITY leak "${MARKER}">\n<!ENTITY secretfile SYSTEM "${pathToFileURL(SECRET).href}">\n`);

const url = (p: string) => pathToFileURL(p).href;

afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

// ---------------------------------------------------------------- documents

const SEED = toJats(seedModel());
const PUBLISHING = '-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN';

/** The seed's JATS with another DOCTYPE (or none), text put into the title and first in the body. */
function jats({ doctype, title = '', body = '' }: { doctype?: string; title?: string; body?: string }): string {
  let xml = SEED.replace(/<!DOCTYPE[^>]*>/, doctype ?? '');
  if (title) xml = xml.replace(/<article-title([^>]*)>/, (_m, attrs: string) => `<article-title${attrs}>${title}`);
  if (body) xml = xml.replace('<body>', () => `<body>${body}`);
  return xml;
}

/** A small article, for hostile bodies that would take the seed over the input size limit. */
function small(body: string, doctype = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${doctype}\n<article xmlns:xlink="http://www.w3.org/1999/xlink" xml:lang="en"><front><article-meta><title-group><article-title>Hostile input</article-title></title-group></article-meta></front><body>${body}</body></article>\n`;
}

const LAUGHS = (() => {
  const decls = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) decls.push(`<!ENTITY lol${i} "${(i === 1 ? '&lol;' : `&lol${i - 1};`).repeat(10)}">`);
  return `<!DOCTYPE article [\n${decls.join('\n')}\n]>`;
})();

const XXE_DOCTYPE = `<!DOCTYPE article PUBLIC "${PUBLISHING}" "JATS-journalpublishing1-3.dtd" [
  <!ENTITY passwd SYSTEM "file:///etc/passwd">
  <!ENTITY secret SYSTEM "${url(SECRET)}">
]>`;

const PE_DOCTYPE = `<!DOCTYPE article [
  <!ENTITY % p SYSTEM "${url(PE_FILE)}">
  %p;
]>`;

// ---------------------------------------------------------------- helpers

function read(xml: string): { tree: ArticleRoot; file: VFile } {
  const file = new VFile({ path: 'input.xml', value: xml });
  return { tree: fromJats(xml, file), file };
}

function findings(file: VFile, ruleId: string): VFileMessage[] {
  return file.messages.filter((m) => m.ruleId === ruleId);
}

function expectNoSecret(value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  expect(text).not.toContain(MARKER);
  expect(text).not.toMatch(/root:[^:]*:0:0:/);
}

/** Every file and folder below `dir`. */
function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = path.join(d, name);
      out.push(full);
      if (statSync(full).isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out;
}

let caseNumber = 0;

interface Built {
  result?: Awaited<ReturnType<typeof buildOne>>;
  error?: unknown;
  ms: number;
  outDir: string;
}

/**
 * Run the whole pipeline (Markdown and JATS) on `content` saved as `name`;
 * checks that nothing was written outside the output folder and that no
 * output holds the marker.
 */
async function build(name: string, content: string): Promise<Built> {
  const dir = path.join(ROOT, `case-${++caseNumber}`);
  mkdirSync(path.join(dir, 'in'), { recursive: true });
  const input = path.join(dir, 'in', name);
  writeFileSync(input, content);
  const outDir = path.join(dir, 'out');
  const before = new Set(listTree(ROOT));
  const started = performance.now();
  let result: Built['result'];
  let error: unknown;
  try {
    result = await buildOne(input, { formats: ['md', 'jats'], variant: 'tw' }, { outDir, cache: false });
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - started;
  const added = listTree(ROOT).filter((p) => !before.has(p));
  expect(added.filter((p) => p !== outDir && !p.startsWith(outDir + path.sep))).toEqual([]);
  for (const f of listTree(outDir)) {
    if (statSync(f).isFile()) expect(readFileSync(f).includes(MARKER), f).toBe(false);
  }
  for (const f of result?.files ?? []) expect(Buffer.from(f.data).includes(MARKER), f.name).toBe(false);
  if (result) expectNoSecret(result.file.messages.map((m) => m.reason));
  if (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain(MARKER);
  }
  return { result, error, ms, outDir };
}

function articleXml(built: Built): string {
  const f = built.result?.files.find((x) => x.name === 'article.xml');
  expect(f, 'article.xml written').toBeDefined();
  return String(f!.data);
}

/** Does the XML hold `text` (its `&` escaped in any way)? Checked without printing the whole document on failure. */
function holdsText(xml: string, text: string): boolean {
  const pattern = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/&/g, '(?:&amp;|&#x26;|&#38;)');
  return new RegExp(pattern).test(xml);
}

function log(what: string, ms: number): void {
  console.log(`${what}: ${ms.toFixed(0)} ms, rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
}

// ---------------------------------------------------------------- external entities

describe('external entities are never loaded', () => {
  test('an external general entity (file:///etc/passwd, a secret file) is kept as text, the subset reported', async () => {
    const xml = jats({ doctype: XXE_DOCTYPE, title: '&passwd;&secret;&mdash;' });
    const { tree, file } = read(xml);
    expectNoSecret(tree);
    expect(tree.data.meta.title.zh).toMatch(/^&passwd;&secret;—/);
    const [doctype] = findings(file, 'jats-doctype-removed');
    expect(severityOf(doctype!)).toBe('info');
    expect(doctype!.reason).toContain('2 entity declarations (passwd, secret)');
    expect(doctype!.reason).toContain('2 external entities');
    expect(doctype!.line).toBe(2);
    const unknown = findings(file, 'jats-entity-unknown');
    expect(unknown.map((m) => [severityOf(m), m.reason])).toEqual([
      ['warning', expect.stringContaining('&passwd;')],
      ['warning', expect.stringContaining('&secret;')],
    ]);

    const built = await build('xxe.xml', xml);
    expect(built.error).toBeUndefined();
    expect(holdsText(articleXml(built), '&passwd;&secret;—')).toBe(true);
    log('external general entity, build', built.ms);
  });

  test('an external parameter entity is not loaded: what it declares is unknown', async () => {
    const xml = jats({ doctype: PE_DOCTYPE, title: '&leak;&secretfile;' });
    const { tree, file } = read(xml);
    expectNoSecret(tree);
    expect(tree.data.meta.title.zh).toMatch(/^&leak;&secretfile;/);
    const reason = findings(file, 'jats-doctype-removed')[0]!.reason;
    expect(reason).toContain('1 parameter entity declaration (%p)');
    expect(reason).toContain('1 parameter entity reference');
    expect(findings(file, 'jats-entity-unknown')).toHaveLength(2);
    const built = await build('pe.xml', xml);
    expect(built.error).toBeUndefined();
    articleXml(built);
  });

  test('a subset that hides `]>` in a literal or a comment is taken out whole', () => {
    const doctype = `<!DOCTYPE article [
      <!ENTITY q "]>" >
      <!-- ]> -->
      <?pi ]> ?>
      <!ENTITY secret SYSTEM '${url(SECRET)}'>
    ]>`;
    const { tree, file } = read(jats({ doctype, title: '&q;&secret;' }));
    expectNoSecret(tree);
    expect(tree.data.meta.title.zh).toMatch(/^&q;&secret;/);
    expect(findings(file, 'jats-doctype-removed')[0]!.reason).toContain('2 entity declarations (q, secret)');
  });

  test('a DOCTYPE whose system id names a local DTD: that DTD is not loaded, the JATS DTD gives &mdash;', async () => {
    for (const doctype of [`<!DOCTYPE article SYSTEM "${url(EVIL_DTD)}">`, `<!DOCTYPE article PUBLIC "-//EVIL//DTD x//EN" "${EVIL_DTD}">`]) {
      const xml = jats({ doctype, title: '&evil;&mdash;' });
      const { tree, file } = read(xml);
      expectNoSecret(tree);
      expect(tree.data.meta.title.zh).toMatch(/^&evil;—/);
      const [removed] = findings(file, 'jats-doctype-removed');
      expect(removed!.reason).toMatch(/the DTD it names .* is not loaded/);
      expect(findings(file, 'jats-entity-unknown').map((m) => m.reason)).toEqual([expect.stringContaining('&evil;')]);
    }
    // Named like the JATS DTD: our own copy is read, not the file named.
    const xml = jats({ doctype: `<!DOCTYPE article SYSTEM "${url(FAKE_JATS_DTD)}">`, title: '&mdash;' });
    const { tree, file } = read(xml);
    expectNoSecret(tree);
    expect(tree.data.meta.title.zh).toMatch(/^—/);
    expect(file.messages.filter((m) => /^jats-(doctype|entity)/.test(m.ruleId ?? ''))).toEqual([]);
    const built = await build('system-id.xml', jats({ doctype: `<!DOCTYPE article SYSTEM "${url(EVIL_DTD)}">`, title: '&evil;&mdash;' }));
    expect(holdsText(articleXml(built), '&evil;—')).toBe(true);
  });

  test('a .txt file that starts with an XML prolog and a DOCTYPE with an external entity', async () => {
    const xml = jats({ doctype: `<!DOCTYPE article [<!ENTITY secret SYSTEM "${url(SECRET)}">]>`, title: '&secret;' });
    expect(xml.startsWith('<?xml')).toBe(true);
    const built = await build('article.txt', xml);
    expect(built.error).toBeUndefined();
    // Read as JATS (the DOCTYPE finding), and the entity kept as text.
    expect(built.result!.file.messages.some((m) => m.ruleId === 'jats-doctype-removed')).toBe(true);
    // (normalize makes the `;` before Chinese text full-width)
    expect(holdsText(articleXml(built), '&secret')).toBe(true);
  });

  test('validation never loads the document\'s entities either', () => {
    for (const xml of [jats({ doctype: XXE_DOCTYPE, title: '&secret;' }), jats({ doctype: PE_DOCTYPE, title: '&leak;' })]) {
      expectNoSecret(validateJats(xml, new VFile()));
    }
  });
});

// ---------------------------------------------------------------- expansion and nesting

describe('hostile structure: bounded time and memory, a model or a clean error', () => {
  test('billion laughs: the declarations are dropped, &lol9; is kept as text', async () => {
    const xml = jats({ doctype: LAUGHS, body: '<p>&lol9;</p>' });
    const started = performance.now();
    const { tree, file } = read(xml);
    const ms = performance.now() - started;
    log('billion laughs, read', ms);
    expect(ms).toBeLessThan(3000);
    const text = JSON.stringify(tree);
    expect(text).toContain('&lol9;');
    expect(text).not.toContain('lollol');
    expect(findings(file, 'jats-doctype-removed')[0]!.reason).toContain('10 entity declarations');
    const built = await build('laughs.xml', xml);
    log('billion laughs, build', built.ms);
    expect(built.ms).toBeLessThan(15000);
    expect(articleXml(built).includes('lollol')).toBe(false);
  });

  test('quadratic blowup: one big entity used 100,000 times', async () => {
    const xml = jats({ doctype: `<!DOCTYPE article [<!ENTITY a "${'x'.repeat(50_000)}">]>`, body: `<p>${'&a;'.repeat(100_000)}</p>` });
    const started = performance.now();
    const { tree, file } = read(xml);
    const ms = performance.now() - started;
    log('quadratic blowup, read', ms);
    expect(ms).toBeLessThan(3000);
    expect(JSON.stringify(tree)).not.toContain('x'.repeat(1000));
    const unknown = findings(file, 'jats-entity-unknown');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.reason).toContain('100000 times');
    // Through the pipeline: as many uses as the input size limit lets through.
    const uses = Math.min(100_000, Math.floor((MAX_INPUT_CHARS - 60_000) / 3));
    const built = await build('quadratic.xml', small(`<p>${'&a;'.repeat(uses)}</p>`, `<!DOCTYPE article [<!ENTITY a "${'x'.repeat(50_000)}">]>`));
    log(`quadratic blowup (${uses} uses), build`, built.ms);
    expect(built.error).toBeUndefined();
    expect(articleXml(built).includes('x'.repeat(1000))).toBe(false);
  });

  test('100,000 nested <p> or <italic>: a clean error', async () => {
    for (const tag of ['p', 'italic']) {
      const xml = jats({ body: `<p>${`<${tag}>`.repeat(100_000)}x${`</${tag}>`.repeat(100_000)}</p>` });
      const started = performance.now();
      expect(() => fromJats(xml, new VFile())).toThrow(/nested more than 256 levels deep/);
      log(`100,000 nested <${tag}>, read`, performance.now() - started);
    }
    // Through the pipeline (under the input size limit): the reason, as a one-line input error.
    const levels = Math.min(60_000, Math.floor((MAX_INPUT_CHARS - 1000) / 7));
    const built = await build('deep.xml', small(`${'<p>'.repeat(levels)}x${'</p>'.repeat(levels)}`));
    log(`${levels} nested <p>, build`, built.ms);
    expect(built.error).toBeInstanceOf(InputError);
    expect((built.error as Error).message).toMatch(/deep\.xml: .*nested more than 256 levels deep/);
  });

  test('nesting the parser accepts but the reader bounds: read as text, reported', async () => {
    const italics = jats({ body: `<p>${'<italic>'.repeat(240)}deep text${'</italic>'.repeat(240)}</p>` });
    const { tree, file } = read(italics);
    expect(JSON.stringify(tree)).toContain('deep text');
    const deep = findings(file, 'jats-nesting-deep');
    expect(deep).toHaveLength(1);
    expect(severityOf(deep[0]!)).toBe('warning');

    const quotes = jats({ body: `${'<disp-quote>'.repeat(240)}<p>quoted</p>${'</disp-quote>'.repeat(240)}` });
    const second = read(quotes);
    expect(JSON.stringify(second.tree)).toContain('quoted');
    expect(findings(second.file, 'jats-nesting-deep')[0]!.reason).toContain('more than 200 levels');

    // Writing Markdown doubles its work per nested <sup>: 30 levels must not take minutes.
    const sups = jats({ body: `<p>${'<sup>s'.repeat(30)}${'</sup>'.repeat(30)}</p>` });
    for (const [name, xml] of [['italic.xml', italics], ['quote.xml', quotes], ['sup.xml', sups]] as const) {
      const built = await build(name, xml);
      log(`deep ${name}, build`, built.ms);
      expect(built.error).toBeUndefined();
      expect(built.ms).toBeLessThan(15000);
      expect(built.result!.file.messages.some((m) => m.ruleId === 'jats-nesting-deep')).toBe(true);
      articleXml(built);
    }
  });

  test('invalid character references are a clean error', async () => {
    for (const ref of ['&#0;', '&#xD800;', '&#1114112;']) {
      expect(() => fromJats(jats({ title: ref }))).toThrow(/xmlParseCharRef|character reference/);
    }
    expect(read(jats({ title: '&#x41;&#66;' })).tree.data.meta.title.zh).toMatch(/^AB/);
    const built = await build('charref.xml', jats({ title: '&#0;' }));
    expect(built.error).toBeInstanceOf(InputError);
    expect((built.error as Error).message).toMatch(/charref\.xml: .*xmlParseCharRef/);
  });

  test('a DOCTYPE that cannot be taken apart, or a second one, is a clean error', () => {
    expect(() => fromJats(jats({ doctype: '<!DOCTYPE article [<!ENTITY x "never closed>]>' }))).toThrow(/DOCTYPE declaration is not well-formed/);
    expect(() => fromJats(jats({ doctype: `<!DOCTYPE article><!-- --><!DOCTYPE article [<!ENTITY s SYSTEM "${url(SECRET)}">]>` }))).toThrow(/second DOCTYPE/);
    expect(() => fromJats(jats({ doctype: '<!DOCTYPE article [<![INCLUDE[<!ENTITY x "y">]]>]>' }))).toThrow(/not well-formed/);
  });
});

// ---------------------------------------------------------------- the normal case and URLs

describe('ordinary JATS still reads', () => {
  test('&mdash; &nbsp; from the JATS DTD, with or without a DOCTYPE, and nothing reported', () => {
    for (const doctype of [undefined, '', `<!DOCTYPE article PUBLIC "${PUBLISHING}" "https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3.dtd">`]) {
      const { tree, file } = read(jats({ doctype, title: 'a&mdash;b&nbsp;c&amp;d&lt;' }));
      expect(tree.data.meta.title.zh).toMatch(/^a—b\u00a0c&d</);
      expect(file.messages.filter((m) => /^jats-(doctype|entity|nesting)/.test(m.ruleId ?? ''))).toEqual([]);
    }
  });

  test('entities inside comments, CDATA and attribute values', () => {
    const body = '<p><!-- &secret; --><![CDATA[&mdash; &nope;]]> <ext-link ext-link-type="uri" xlink:href="https://x.org/?a=1&amp;b=&mdash;&nope;">l</ext-link></p>';
    const { tree, file } = read(jats({ body }));
    const p = tree.children[0] as { type: string; children: Array<{ type: string; value?: string; url?: string }> };
    expect(p.children[0]).toEqual({ type: 'text', value: '&mdash; &nope; ' });
    expect(p.children[1]!.url).toBe('https://x.org/?a=1&b=—&nope;');
    expect(findings(file, 'jats-entity-unknown')).toHaveLength(1);
  });

  test('many unknown entities: twenty findings, then one for the rest', () => {
    const refs = Array.from({ length: 30 }, (_, i) => `&u${i};`).join('') + '&u0;';
    const { tree, file } = read(jats({ body: `<p>${refs}</p>` }));
    expect(JSON.stringify(tree)).toContain('&u29;');
    const unknown = findings(file, 'jats-entity-unknown');
    expect(unknown).toHaveLength(21);
    expect(unknown[0]!.reason).toContain('&u0; ');
    expect(unknown[0]!.reason).toContain('(2 times)');
    expect(unknown[20]!.reason).toBe('10 more unknown entities (10 references) kept as text');
  });

  test('graphic and link URLs are kept as written, and no file they name is read', async () => {
    const hrefs = ['../secret/secret.txt', url(SECRET), SECRET, 'javascript:alert(1)'];
    const body = hrefs
      .map((h, i) => `<fig id="X${i}"><label>Figure X${i}</label><caption><title>t</title></caption><graphic xlink:href="${h}"/></fig>`)
      .join('');
    const xml = jats({ body: `${body}<p><ext-link ext-link-type="uri" xlink:href="javascript:alert(1)">x</ext-link> <uri>file:///etc/passwd</uri></p>` });
    const { tree } = read(xml);
    const figs = tree.children.filter((c): c is FigureFloat => c.type === 'figureFloat' && /^X\d$/.test(c.identifier));
    expect(figs.map((f) => f.url)).toEqual(hrefs);
    const built = await build('urls.xml', xml);
    expect(built.error).toBeUndefined();
    expect(built.result!.files.map((f) => f.name)).not.toContain('../secret/secret.txt');
  });
});

// ---------------------------------------------------------------- properties

/** Entity references and markup that parse (mostly to text). */
const GOOD_SNIPPETS = [
  '&mdash;', '&nbsp;', '&amp;', '&lt;', '&quot;', '&undeclared;', '&passwd;', '&secret;', '&leak;', '&secretfile;', '&lol9;', '&a;',
  '&#x41;', '&#65;', '&#x1F600;', '%p;', '<![CDATA[&secret; ]]>', '<!-- &secret; -->', '<?pi &secret; ?>', '>', '"',
];
/** ... and some that do not: the reader must throw a clean error. */
const BAD_SNIPPETS = ['&#0;', '&#xD800;', '&#1114112;', '&', '&;', '&#;', '&a b;', ']]>', '<', '<!DOCTYPE x>'];
const SNIPPET = fc.oneof({ arbitrary: fc.constantFrom(...GOOD_SNIPPETS), weight: 20 }, { arbitrary: fc.constantFrom(...BAD_SNIPPETS), weight: 1 });

const DOCTYPES = [
  undefined,
  `<!DOCTYPE article PUBLIC "${PUBLISHING}" "JATS-journalpublishing1-3.dtd">`,
  XXE_DOCTYPE,
  PE_DOCTYPE,
  LAUGHS,
  `<!DOCTYPE article SYSTEM "${url(EVIL_DTD)}">`,
  `<!DOCTYPE article SYSTEM "${url(FAKE_JATS_DTD)}">`,
  `<!DOCTYPE article [<!ENTITY a "${'x'.repeat(1000)}">]>`,
  '<!DOCTYPE article [<!ENTITY x "unterminated>]>',
];

/** Attribute values as written between double quotes: escaped, hostile, or not well-formed. */
const ATTRIBUTE_VALUE = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.constantFrom(
      'javascript:alert(1)',
      'a'.repeat(200_000),
      '&quot;&lt;&amp;&apos;',
      '&mdash;&secret;',
      'file:///etc/passwd',
      url(SECRET),
      '../secret/secret.txt',
      'zh-\u00ad\u202e',
      'x'.repeat(300),
    ),
  },
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }).map((v) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')) },
  { weight: 1, arbitrary: fc.constantFrom('"', '<', '&', '&#0;', 'zh-\u0001') },
);

const hostileJats = fc
  .record({
    doctype: fc.constantFrom(...DOCTYPES),
    title: fc.array(SNIPPET, { maxLength: 6 }),
    body: fc.array(SNIPPET, { maxLength: 6 }),
    tag: fc.constantFrom('italic', 'sup', 'p', 'named-content', 'disp-quote', 'list-item'),
    depth: fc.oneof({ arbitrary: fc.nat({ max: 30 }), weight: 4 }, { arbitrary: fc.nat({ max: 300 }), weight: 1 }),
    lang: ATTRIBUTE_VALUE,
    href: ATTRIBUTE_VALUE,
    graphic: ATTRIBUTE_VALUE,
  })
  .map(({ doctype, title, body, tag, depth, lang, href, graphic }) => {
    const nested = `${`<${tag}>`.repeat(depth)}n${`</${tag}>`.repeat(depth)}`;
    const xml = jats({
      doctype,
      title: title.join(''),
      body:
        `<p>${body.join('')}<ext-link ext-link-type="uri" xlink:href="${href}">link</ext-link></p>` +
        `<fig id="FX"><label>Figure X</label><graphic xlink:href="${graphic}"/></fig><p>${nested}</p>`,
    });
    return xml.replace(/<article-title([^>]*?)(?: xml:lang="[^"]*")?>/, (_m, attrs: string) => `<article-title${attrs} xml:lang="${lang}">`);
  });

describe('properties: any hostile JATS gives a model or a clean error, never a secret', () => {
  test('fromJats', () => {
    const outcome = { models: 0, errors: 0 };
    fc.assert(
      fc.property(hostileJats, (xml) => {
        const file = new VFile({ path: 'p.xml', value: xml });
        let tree: ArticleRoot;
        try {
          tree = fromJats(xml, file);
        } catch (error) {
          outcome.errors++;
          if (process.env.SECXML_DEBUG) console.log((error as Error).message.slice(0, 120));
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message.trim()).not.toBe('');
          expect((error as Error).message).not.toContain('\n');
          expectNoSecret((error as Error).message);
          return;
        }
        outcome.models++;
        expectNoSecret(tree);
        expectNoSecret(file.messages.map((m) => m.reason));
      }),
      { numRuns: 15 },
    );
    console.log(`fromJats property: ${outcome.models} models, ${outcome.errors} clean errors`);
  });

  test('the whole pipeline: only input errors, nothing written outside --out', async () => {
    const outcome = { models: 0, errors: 0 };
    await fc.assert(
      fc.asyncProperty(hostileJats, async (xml) => {
        const built = await build('prop.xml', xml);
        if (built.error) {
          outcome.errors++;
          expect(built.error).toBeInstanceOf(InputError);
          expect((built.error as Error).message).toMatch(/prop\.xml: \S/);
          expect((built.error as Error).message).not.toContain('\n');
        } else {
          outcome.models++;
          articleXml(built);
        }
      }),
      { numRuns: 3 },
    );
    console.log(`pipeline property: ${outcome.models} builds, ${outcome.errors} input errors`);
  });
});
