/**
 * The references stage: read every reference entry into CSL-JSON, keep it
 * on the entry (`entry.data.csl`), and check references and citations.
 *
 * Rules (rule id, severity):
 * - `cite-unresolved` (error): a citation names a number with no entry.
 * - `ref-uncited` (warning): an entry is never cited.
 * - `cite-order` (warning): references are not numbered in the order of
 *   their first citation.
 * - `ref-duplicate` (warning): two entries describe the same work (same DOI,
 *   or same title, year and first author).
 * - `ref-field-missing` (warning): a field the document type needs is absent
 *   (a journal article needs authors, title, journal, year, volume or issue,
 *   and pages or an article number).
 * - `ref-pages-invalid` (warning): pages that are not a page, a range, a list
 *   of those or an article number, or a range that ends before it starts.
 * - `ref-year-implausible` (warning): a year later than the article's own
 *   (`meta.articleNumber.year`, else the current year) or before 1800.
 * - `cite-author-mismatch` (warning): text such as `Zhou等^[43]` names an
 *   author who is not the first author of the cited reference.
 * - `ref-journal-inconsistent` (warning): one journal written two ways
 *   (`Arthritis Rheum` / `Arthritis Rheumatol`, `Stem Cell Res Ther` /
 *   `Stem cell res. ther.`).
 * - `ref-parse` (warning): the entry's structure could not be fully read.
 */
import type { Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report, type Severity } from '../findings/index.js';
import type { Citation, ReferenceEntry } from '../model/types.js';
import { plainText } from '../model/util.js';
import { foldKey, issuedYear, isChinese, type CslItem } from './csl.js';
import { compactInitials, HAN } from './names.js';
import { describeField, missingFields } from './parse.js';
import { entryFamily, FAMILY_NAMES, parseReferenceList } from './list.js';
import type { DetailedParseResult } from './draft.js';
import type { StyleFamily } from './styles/detect.js';
import { unsafeUrlReason } from '../text/urls.js';
import { cslItemSchema } from './csl.js';
import { formatHouse } from './house.js';
import type { ParseIssue } from './parse.js';

export const STAGE = 'references';

export const RULES: Record<string, Severity> = {
  'cite-unresolved': 'error',
  'ref-uncited': 'warning',
  'cite-order': 'warning',
  'ref-duplicate': 'warning',
  'ref-field-missing': 'warning',
  'ref-pages-invalid': 'warning',
  'ref-year-implausible': 'warning',
  'cite-author-mismatch': 'warning',
  'ref-journal-inconsistent': 'warning',
  'ref-parse': 'info',
  'ref-style-mixed': 'info',
};

/** Entries written in another style family than the rest of their list. */
function reportMixedStyles(file: VFile, entries: readonly ReferenceEntry[], results: readonly DetailedParseResult[], family: StyleFamily): void {
  results.forEach((r, i) => {
    const own = entryFamily(r);
    if (!own || own === family) return;
    const entry = entries[i]!;
    // In a GB/T 7714 list such an entry has lost its type code (`[EB//OL]`, `J]`) as often as it was written otherwise.
    const how = family === 'gbt7714' ? `has no document-type code and reads as the ${FAMILY_NAMES[own]} style` : `is written in the ${FAMILY_NAMES[own]} style`;
    report(file, `Reference [${entry.number}] ${how}; the rest of the list is in the ${FAMILY_NAMES[family]} style`, {
      ruleId: 'ref-style-mixed',
      severity: RULES['ref-style-mixed'],
      place: entry,
      stage: STAGE,
    });
  });
}

type AnyNode = Root | RootContent | PhrasingContent;

export interface CitationSite {
  node: Citation;
  parent: Parent;
  index: number;
}

function children(node: AnyNode): AnyNode[] {
  return 'children' in node && Array.isArray(node.children) ? (node.children as AnyNode[]) : [];
}

/** All reference entries of the document, in order. */
export function collectReferenceEntries(tree: Root): ReferenceEntry[] {
  const out: ReferenceEntry[] = [];
  const walk = (node: AnyNode): void => {
    if (node.type === 'referenceEntry') {
      out.push(node as ReferenceEntry);
      return;
    }
    for (const child of children(node)) walk(child);
  };
  walk(tree);
  return out;
}

/** All citation nodes outside the reference list, in document order. */
export function collectCitations(tree: Root): CitationSite[] {
  const out: CitationSite[] = [];
  const walk = (node: AnyNode): void => {
    if (node.type === 'referenceList') return;
    const kids = children(node);
    kids.forEach((child, index) => {
      if (child.type === 'citation') out.push({ node: child as Citation, parent: node as Parent, index });
      else walk(child);
    });
  };
  walk(tree);
  return out;
}

/** The CSL item stored on an entry by the stage. */
export function entryCsl(entry: ReferenceEntry): CslItem | undefined {
  return entry.data?.csl;
}

/**
 * A structured input whose tagged item no longer matches its printed text
 * (an edited `element-citation`): the item is the truth, so the entry is
 * printed anew from it in the house style, for the Markdown and the PDF.
 */
function printAnew(entry: ReferenceEntry, item: CslItem, file: VFile): void {
  const text = formatHouse(item);
  if (!text) return;
  const before = plainText(entry.children);
  entry.children = [{ type: 'text', value: text, ...(entry.children[0]?.position ? { position: entry.children[0].position } : {}) }];
  delete entry.data!.printedStale;
  report(file, `Reference [${entry.number}]: the printed text differs from the tagged citation; printed anew from it ("${before.slice(0, 60)}" → "${text.slice(0, 60)}")`, {
    ruleId: 'ref-printed-regenerated',
    severity: 'info',
    place: entry,
    stage: STAGE,
  });
}

/** Number → CSL item for every entry that carries one. */
export function referenceItems(tree: Root): Map<number, CslItem> {
  const items = new Map<number, CslItem>();
  const unread = new Set<number>();
  for (const entry of collectReferenceEntries(tree)) {
    const item = entryCsl(entry);
    if (item) items.set(entry.number, item);
  }
  return items;
}

// ---------------------------------------------------------------------------
// helpers

function firstAuthorKey(item: CslItem): string {
  const a = item.author?.[0];
  if (!a) return '';
  return foldKey(a.literal ?? `${a.family ?? ''}${a.given ? compactInitials(a.given).slice(0, 1) : ''}`);
}

const PAGE_TOKEN = /^(?:[A-Za-z]{0,3}\d{1,20}(?:\.\d+)?[A-Za-z]?|[ivxlcdm]{1,8}|[IVXLCDM]{1,8})$/;

/** Why a page value is not acceptable, or undefined when it is. */
export function pagesProblem(page: string): string | undefined {
  const value = page.trim();
  if (!value) return 'empty pages';
  for (const part of value.split(/\s*[,，;；+]\s*/u)) {
    const ends = part.split(/\s*[-–—~～]\s*/u);
    if (ends.length > 2 || ends.some((e) => !PAGE_TOKEN.test(e))) return `“${value}” is not a page, a page range or an article number`;
    if (ends.length === 2) {
      const [a, b] = ends as [string, string];
      const na = /^\d+(?:\.\d+)?$/.test(a) ? Number(a) : undefined;
      let nb = /^\d+(?:\.\d+)?$/.test(b) ? Number(b) : undefined;
      // abbreviated end (`1445-53`)
      if (na !== undefined && nb !== undefined && /^\d+$/.test(a) && /^\d+$/.test(b) && b.length < a.length) {
        nb = Number(a.slice(0, a.length - b.length) + b);
      }
      if (na !== undefined && nb !== undefined && nb < na) return `page range “${value}” ends before it starts`;
    }
  }
  return undefined;
}

const COMMON_SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝'.split(''),
);

export interface AuthorMention {
  /** The name as written before the citation (`Zhou`, `Cahill`, `马琳洁`). */
  name: string;
  numbers: number[];
  citation: Citation;
  /** The cited references' first authors, as printed. */
  firstAuthors: string[];
  matched: boolean;
}

const WESTERN_MENTION =
  /(?:^|[\s。，；：、,;:(（“"])(?<name>\p{Lu}[\p{Ll}'’]+(?:[-‐ ]\p{Lu}[\p{Ll}'’]+)?)\s*(?:等人?|et\s+al\.?|and\s+colleagues|and\s+co-workers)\s*$/u;
const CHINESE_MENTION = /(?:^|[\s。，；：、,;:(（“"])(?<name>\p{Script=Han}{2,4}?)\s*等人?\s*$/u;

function mentionMatches(name: string, item: CslItem): boolean | undefined {
  const first = item.author?.[0];
  if (!first) return undefined;
  if (first.literal) return foldKey(first.literal).startsWith(foldKey(name)) ? true : undefined;
  const family = first.family ?? '';
  if (HAN.test(name)) {
    const full = family + (first.given ?? '');
    return name === full || name === family || full.startsWith(name);
  }
  const fold = (s: string): string => foldKey(s.normalize('NFD').replace(/\p{M}/gu, ''));
  return fold(family) === fold(name);
}

function printedName(item: CslItem): string {
  const a = item.author?.[0];
  if (!a) return '(no author)';
  if (a.literal) return a.literal;
  if (HAN.test(a.family ?? '')) return `${a.family}${a.given ?? ''}`;
  return a.given ? `${a.family} ${compactInitials(a.given)}` : (a.family ?? '');
}

/** Author names written right before a citation (`Zhou等^[43]`), checked against the cited references. */
export function authorMentions(tree: Root, items: Map<number, CslItem>): AuthorMention[] {
  const out: AuthorMention[] = [];
  for (const site of collectCitations(tree)) {
    const before = site.parent.children[site.index - 1] as AnyNode | undefined;
    if (!before || before.type !== 'text') continue;
    const text = (before as Text).value;
    const cited = site.node.numbers.map((n) => items.get(n)).filter((x): x is CslItem => Boolean(x));
    if (!cited.length) continue;
    let name: string | undefined;
    const western = WESTERN_MENTION.exec(text);
    if (western?.groups) name = western.groups.name!;
    else {
      const chinese = CHINESE_MENTION.exec(text);
      const candidate = chinese?.groups?.name;
      // only when the cited work is Chinese and the mention starts with a surname
      if (candidate && cited.some(isChinese) && (COMMON_SURNAMES.has(candidate[0]!) || cited.some((i) => mentionMatches(candidate, i)))) {
        name = candidate;
      }
    }
    if (!name) continue;
    // `As Kamen et al.`: the capture may take a word before the name
    const forms = /\s/.test(name) ? [name, name.split(/\s+/).pop()!] : [name];
    const verdicts = cited.map((item) => {
      const v = forms.map((f) => mentionMatches(f, item));
      return v.includes(true) ? true : v.includes(false) ? false : undefined;
    });
    if (verdicts.every((v) => v === undefined)) continue;
    const matchedForm = forms.find((f) => cited.some((item) => mentionMatches(f, item) === true));
    out.push({
      name: matchedForm ?? forms[forms.length - 1]!,
      numbers: site.node.numbers,
      citation: site.node,
      firstAuthors: cited.map(printedName),
      matched: verdicts.some((v) => v === true),
    });
  }
  return out;
}

function wordsNear(a: string, b: string): boolean {
  const wa = a
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s.,;:()（）]+/u)
    .filter(Boolean);
  const wb = b
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s.,;:()（）]+/u)
    .filter(Boolean);
  if (wa.length !== wb.length || !wa.length) return false;
  let differing = 0;
  let same = 0;
  for (let i = 0; i < wa.length; i++) {
    const x = wa[i]!;
    const y = wb[i]!;
    if (x === y) {
      same++;
      continue;
    }
    const [short, long] = x.length <= y.length ? [x, y] : [y, x];
    if (short.length < 3 || !long.startsWith(short)) return false;
    // a single word one letter longer (`Cell` / `Cells`) is another journal
    if (long.length - short.length < 2 && same === 0 && wa.length === 1) return false;
    differing++;
  }
  return differing > 0;
}

/** `short` is `long` with one or two characters left out. */
function dropsFew(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const diff = long.length - short.length;
  if (diff < 1 || diff > 2 || short.length < 4) return false;
  let i = 0;
  let skipped = 0;
  for (const c of long) {
    if (i < short.length && short[i] === c) i++;
    else skipped++;
  }
  return i === short.length && skipped === diff;
}

/** Two journal names that look like one journal written two ways. */
export function journalsNearEqual(a: string, b: string): boolean {
  if (a === b) return false;
  const ka = foldKey(a);
  const kb = foldKey(b);
  if (!ka || !kb) return false;
  if (ka === kb) return true;
  if (HAN.test(a) || HAN.test(b)) return HAN.test(a) && HAN.test(b) && dropsFew(ka, kb);
  return wordsNear(a, b);
}

// ---------------------------------------------------------------------------
// the checks

/** Run every reference and citation rule; findings go to `file`. */
export function checkReferences(tree: Root, file: VFile, items: Map<number, CslItem>, unread: Set<number> = new Set()): void {
  const entries = collectReferenceEntries(tree);
  const entryByNumber = new Map<number, ReferenceEntry>();
  for (const entry of entries) if (!entryByNumber.has(entry.number)) entryByNumber.set(entry.number, entry);
  const numbers = new Set<number>([...entryByNumber.keys(), ...items.keys()]);
  const placeOf = (n: number): ReferenceEntry | null => entryByNumber.get(n) ?? null;
  // `sure` false: the source may be fine and the reading wrong (extraction damage, a parse that failed): noted as info.
  const say = (ruleId: keyof typeof RULES & string, reason: string, place: Parameters<typeof report>[2]['place'], sure = true): void => {
    report(file, reason, { ruleId, severity: sure ? RULES[ruleId] : 'info', place, stage: STAGE });
  };
  const textOf = (n: number): string => {
    const entry = entryByNumber.get(n);
    return entry ? plainText(entry.children) : '';
  };

  // citations
  const sites = collectCitations(tree);
  const cited = new Set<number>();
  let highestFirst = 0;
  // Numbers missing inside the list, or a label inside an entry (`… 2014. '15] Badhwar G D …`): the extraction ran entries together.
  const maxNumber = Math.max(0, ...numbers);
  const listDamaged = (numbers.size > 0 && numbers.size < maxNumber) || entries.some((e) => /\s\S?\d{1,3}\]\s*[A-Z\u4e00-\u9fff]/.test(plainText(e.children)));
  // When most references are never cited, the extraction lost the citation marks: order and use are not judged for certain.
  const citedAtAll = new Set(sites.flatMap((site) => site.node.numbers).filter((n) => numbers.has(n)));
  const citationsRead = numbers.size > 0 && citedAtAll.size >= numbers.size * 0.9 && !citationMarksDamaged(tree, numbers);
  for (const site of sites) {
    for (const n of site.node.numbers) {
      if (!numbers.has(n)) {
        // With numbers missing inside the list, entries were run together by the extraction: the one cited may be there.
        say('cite-unresolved', `Citation [${n}] has no entry in the reference list`, site.node, !listDamaged);
        continue;
      }
      if (!cited.has(n)) {
        if (n < highestFirst) {
          say('cite-order', `Reference [${n}] is first cited after [${highestFirst}]; references should be numbered in the order of first citation`, site.node, citationsRead);
        }
        highestFirst = Math.max(highestFirst, n);
        cited.add(n);
      }
    }
  }
  for (const n of [...numbers].sort((a, b) => a - b)) {
    if (!cited.has(n)) say('ref-uncited', `Reference [${n}] is never cited in the text`, placeOf(n), citationsRead);
  }

  // entries
  const knownYear = tree.data?.meta?.articleNumber?.year;
  const articleYear = knownYear ?? new Date().getFullYear();
  const seenWork = new Map<string, number>();
  const journals: { n: number; name: string }[] = [];
  for (const n of [...items.keys()].sort((a, b) => a - b)) {
    const item = items.get(n)!;
    const place = placeOf(n);
    for (const spec of missingFields(item)) {
      say('ref-field-missing', `Reference [${n}] (${item.type}) lacks ${describeField(spec)}`, place, surelyAbsent(spec, textOf(n), !unread.has(n), item.type));
    }
    if (item.page !== undefined) {
      const problem = pagesProblem(String(item.page));
      // Certain only for a plain range that ends before it starts (`265-27`); other shapes (`1139-1150.e4`, `764- 772.]`) are often readings.
      if (problem) say('ref-pages-invalid', `Reference [${n}]: ${problem}`, place, /^\s*\d+\s*[-–~]\s*\d+\s*$/.test(String(item.page)));
    }
    const year = issuedYear(item);
    if (year !== undefined && (year > articleYear || year < 1800)) {
      say(
        'ref-year-implausible',
        year > articleYear ? `Reference [${n}] is dated ${year}, later than the article (${articleYear})` : `Reference [${n}] is dated ${year}, before 1800`,
        place,
        // A year before 1800 is mostly a page or a number read as a year; a later one is certain only against the article's own year.
        year > articleYear && knownYear !== undefined,
      );
    }
    const workKeys: string[] = [];
    if (item.DOI) workKeys.push(`doi:${item.DOI.toLowerCase()}`);
    if (item.title) workKeys.push(`work:${foldKey(item.title)}|${year ?? ''}|${firstAuthorKey(item)}`);
    for (const k of workKeys) {
      const earlier = seenWork.get(k);
      if (earlier !== undefined && earlier !== n) {
        say('ref-duplicate', `Reference [${n}] repeats reference [${earlier}]`, place);
        break;
      }
    }
    for (const k of workKeys) if (!seenWork.has(k)) seenWork.set(k, n);
    if (item['container-title'] && ['article-journal', 'article-magazine', 'article-newspaper'].includes(item.type)) {
      journals.push({ n, name: item['container-title'] });
    }
  }

  // one journal written two ways: report each variant once, at its first use
  const reported = new Set<string>();
  for (let i = 0; i < journals.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = journals[j]!;
      const b = journals[i]!;
      if (!journalsNearEqual(a.name, b.name)) continue;
      const pair = `${a.name}\u0000${b.name}`;
      if (reported.has(pair) || reported.has(b.name)) continue;
      reported.add(pair);
      reported.add(b.name);
      const glued = (x: string) => /[a-z][A-Z]/.test(x);
      say(
        'ref-journal-inconsistent',
        `Journal “${b.name}” in reference [${b.n}] looks like “${a.name}” in reference [${a.n}]; write one journal one way`,
        placeOf(b.n),
        // Words run together by the extraction (`NatureReviews`) make two journals look like one.
        !extractionVariant(a.name, b.name) && !hanContains(a.name, b.name) && !glued(a.name) && !glued(b.name),
      );
    }
  }

  // `Zhou等^[43]`
  for (const mention of authorMentions(tree, items)) {
    if (mention.matched) continue;
    say(
      'cite-author-mismatch',
      `“${mention.name}” is named before citation [${mention.numbers.join(',')}], whose first author is ${mention.firstAuthors.join(' / ')}`,
      mention.citation,
      // With citation marks damaged, the number itself may be misread (`[5]` for `[15]`).
      citationsRead,
    );
  }
}

/**
 * The stage: parse every reference entry (its plain text), store the item
 * on `entry.data.csl`, report what could not be read, then run the checks.
 * Returns the items by reference number.
 */
export function referencesStage(tree: Root, file: VFile): Map<number, CslItem> {
  const items = new Map<number, CslItem>();
  const unread = new Set<number>();
  const entries = collectReferenceEntries(tree);
  // A structured input (JATS element-citation) gave the item: kept as read, never re-parsed from the printed text.
  const given = entries.map((entry) => (entry.data?.csl ? cslItemSchema.safeParse(entry.data.csl) : null));
  const toRead = entries.filter((_, i) => !given[i]?.success);
  const list = parseReferenceList(
    toRead.map((entry) => plainText(entry.children)),
    toRead.map((entry) => entry.identifier || `ref-${entry.number}`),
  );
  const read = new Map(list.results.map((r, i) => [toRead[i]!, r]));
  if (list.family) reportMixedStyles(file, toRead, list.results, list.family);
  entries.forEach((entry, n) => {
    const checked = given[n];
    let item: CslItem;
    let issues: ParseIssue[] = [];
    if (checked?.success) item = checked.data;
    else ({ item, issues } = read.get(entry)!);
    const unsafe = item.URL !== undefined ? unsafeUrlReason(item.URL) : null;
    if (unsafe) {
      report(file, `Reference [${entry.number}]: address dropped, ${unsafe}: \`${item.URL!.slice(0, 80)}\``, { ruleId: 'link-unsafe', severity: 'warning', place: entry, stage: STAGE });
      delete item.URL;
    }
    entry.data = { ...(entry.data ?? {}), csl: item };
    if (checked?.success && entry.data.printedStale) printAnew(entry, item, file);
    if (!items.has(entry.number)) items.set(entry.number, item);
    for (const issue of issues) {
      if (issue.kind === 'repair') {
        report(file, `Reference [${entry.number}]: ${issue.message}`, { ruleId: 'ref-repaired', severity: 'info', place: entry, stage: STAGE });
        continue;
      }
      if (issue.kind !== 'parse') continue; // missing fields are reported by the checks
      unread.add(entry.number);
      report(file, `Reference [${entry.number}]: ${issue.message}`, { ruleId: 'ref-parse', severity: RULES['ref-parse'], place: entry, stage: STAGE });
    }
  });
  checkReferences(tree, file, items, unread);
  return items;
}

/**
 * Is a required field surely absent from the printed reference, not merely
 * unread? Only when the entry was read without trouble and the text shows
 * nothing that could be it (no year-like number, no page-like number).
 */
function surelyAbsent(spec: string, text: string, readCleanly: boolean, type: string): boolean {
  if (!readCleanly) return false;
  if (spec === 'issued') return !/(?<!\d)(?:1[6-9]|20)\d{2}(?!\d)/.test(text);
  // Proceedings are often printed without pages: a conference paper's missing pages are noted, not certain.
  if (spec.includes('page')) return type !== 'paper-conference' && !/\d+\s*[-–~—]\s*\d+|[:：]\s*[A-Za-z]?\d+/.test(text);
  if (spec.includes('volume')) return !/[,，]\s*\d{1,4}\s*(?:[(（:：]|$)|[,，]\s*(?:Vol\.?|第)\s*\d/i.test(text);
  // Names and titles: a missing one is far more often a reading that failed than a reference without them.
  return false;
}

/** Two spellings of one journal that differ only by what extraction does (spaces lost, a year glued on). */
function extractionVariant(a: string, b: string): boolean {
  const squash = (x: string) => x.normalize('NFKC').replace(/\s+/g, '').replace(/\d+$/, '').toLowerCase();
  return squash(a) === squash(b) || squash(a).startsWith(squash(b)) || squash(b).startsWith(squash(a));
}

/** `生态学报` inside `家畜生态学报`: two journals as likely as one written two ways. */
function hanContains(a: string, b: string): boolean {
  return HAN.test(a) && HAN.test(b) && (a.includes(b) || b.includes(a));
}

/**
 * Citation marks the extraction damaged in the body (`等人[提出`, `结果1]`,
 * `[I]`): some citations were lost, so which references are cited, and in
 * what order, cannot be told for certain.
 */
function citationMarksDamaged(tree: Root, listed: ReadonlySet<number>): boolean {
  let damaged = false;
  visit(tree, 'paragraph', (node: Paragraph) => {
    const text = plainText(node.children);
    if (/\[(?![\d\s,，、\-–~～]+\])(?=[\u4e00-\u9fffIl|“。])|(?<![\[\d,，\-–~～\s])\d{1,3}\](?!\()|\[[Il|]\]|\[\d{1,3}(?![\d\s,，、\-–~～\]])|\[[,，、]+\s*\d|\[0\](?!\()/.test(text)) damaged = true;
  });
  // A mark naming no reference of the list (`[0]` for `[10]`, in the text or read as a citation): a number misread.
  visit(tree, 'citation', (node: Citation) => {
    if (node.numbers.some((n) => !listed.has(n))) damaged = true;
  });
  return damaged;
}

/** unified plugin form of the stage. */
export function remarkReferences() {
  return (tree: Root, file: VFile): void => {
    referencesStage(tree, file);
  };
}
