/**
 * The one CSL-JSON item type of the model: what the reference stage
 * produces, what structured inputs (JATS `element-citation`, CSL-JSON) give,
 * and what every emitter reads, checked by a zod schema. The field names
 * are those of CSL-JSON 1.0.2; the few facts CSL has no variable for live in
 * `custom`:
 *
 * - `etAl`, `editorEtAl`, `translatorEtAl`: the printed list of names was cut
 *   with `等` / `et al.` (the names after the cut are unknown).
 * - `gbtType`: the GB/T 7714 document-type code as printed (`J`, `M`, `C`,
 *   `G`, `DB`, ...), `carrier`: the carrier code after the slash (`OL`, `CD`,
 *   `MT`, ...). Together they give back `[J/OL]` when the item is formatted.
 * - `placeUnknown` / `publisherUnknown`: the string said `[S.l.]` / `[s.n.]`
 *   (or `[出版地不详]` / `[出版者不详]`).
 *
 * Article numbers (e-locators such as `e000704`, or `772` in
 * `Front Immunol, 2019, 10:772`) are stored in `page`, where the journal
 * prints them; `number` is kept for report, standard and patent numbers.
 */
import { z } from 'zod';

export const CSL_TYPES = [
  'article',
  'article-journal',
  'article-magazine',
  'article-newspaper',
  'bill',
  'book',
  'broadcast',
  'chapter',
  'classic',
  'collection',
  'dataset',
  'document',
  'entry',
  'entry-dictionary',
  'entry-encyclopedia',
  'event',
  'figure',
  'graphic',
  'hearing',
  'interview',
  'legal_case',
  'legislation',
  'manuscript',
  'map',
  'motion_picture',
  'musical_score',
  'pamphlet',
  'paper-conference',
  'patent',
  'performance',
  'periodical',
  'personal_communication',
  'post',
  'post-weblog',
  'regulation',
  'report',
  'review',
  'review-book',
  'software',
  'song',
  'speech',
  'standard',
  'thesis',
  'treaty',
  'webpage',
] as const;
export type CslType = (typeof CSL_TYPES)[number];

const text = z.string().trim().min(1);

export const cslNameSchema = z
  .object({
    family: text.optional(),
    given: z.string().optional(),
    literal: text.optional(),
    suffix: z.string().optional(),
    'non-dropping-particle': z.string().optional(),
    'dropping-particle': z.string().optional(),
  })
  .strict()
  .refine((n) => n.family !== undefined || n.literal !== undefined, {
    message: 'a name needs a family name or a literal',
  });
export type CslName = z.infer<typeof cslNameSchema>;

const datePart = z.union([z.number().int(), z.string().regex(/^\d+$/)]);

export const cslDateSchema = z
  .object({
    'date-parts': z.array(z.array(datePart).min(1).max(3)).min(1).max(2).optional(),
    raw: text.optional(),
    literal: text.optional(),
    season: z.union([z.number().int(), z.string()]).optional(),
    circa: z.union([z.boolean(), z.number(), z.string()]).optional(),
  })
  .strict()
  .refine((d) => d['date-parts'] !== undefined || d.raw !== undefined || d.literal !== undefined, {
    message: 'a date needs date-parts, raw or literal',
  });
export type CslDate = z.infer<typeof cslDateSchema>;

const numberish = z.union([text, z.number()]);
const names = z.array(cslNameSchema);

export const cslCustomSchema = z
  .object({
    etAl: z.boolean().optional(),
    editorEtAl: z.boolean().optional(),
    translatorEtAl: z.boolean().optional(),
    gbtType: z.string().regex(/^[A-Z]{1,2}$/).optional(),
    carrier: z.string().regex(/^[A-Z][A-Z-]{0,6}$/).optional(),
    placeUnknown: z.boolean().optional(),
    publisherUnknown: z.boolean().optional(),
  })
  .catchall(z.unknown());
export type CslCustom = z.infer<typeof cslCustomSchema>;

export const cslItemSchema = z
  .object({
    id: text,
    type: z.enum(CSL_TYPES),
    language: text.optional(),
    title: text.optional(),
    'title-short': text.optional(),
    'container-title': text.optional(),
    'container-title-short': text.optional(),
    'collection-title': text.optional(),
    'event-title': text.optional(),
    'event-place': text.optional(),
    'event-date': cslDateSchema.optional(),
    author: names.optional(),
    editor: names.optional(),
    translator: names.optional(),
    'container-author': names.optional(),
    'collection-editor': names.optional(),
    issued: cslDateSchema.optional(),
    accessed: cslDateSchema.optional(),
    volume: numberish.optional(),
    issue: numberish.optional(),
    page: numberish.optional(),
    'number-of-pages': numberish.optional(),
    number: numberish.optional(),
    edition: numberish.optional(),
    version: numberish.optional(),
    /** A map's scale (`1∶25 000`). */
    scale: text.optional(),
    /** A map's or object's physical size (`128cm×84cm`). */
    dimensions: text.optional(),
    publisher: text.optional(),
    'publisher-place': text.optional(),
    genre: text.optional(),
    medium: text.optional(),
    URL: text.optional(),
    DOI: text.optional(),
    ISBN: text.optional(),
    ISSN: text.optional(),
    PMID: text.optional(),
    PMCID: text.optional(),
    note: text.optional(),
    'citation-key': text.optional(),
    custom: cslCustomSchema.optional(),
  })
  .strict();
export type CslItem = z.infer<typeof cslItemSchema>;

/** Validate an item; returns the problems as `field: message` lines. */
export function validateCslItem(input: unknown): { ok: true; item: CslItem } | { ok: false; problems: string[] } {
  const result = cslItemSchema.safeParse(input);
  if (result.success) return { ok: true, item: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'item'}: ${i.message}`),
  };
}
