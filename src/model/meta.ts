/**
 * Article metadata, validated by zod at every boundary (ingest, Markdown
 * front matter, JATS front). Field names are the ones used in the YAML
 * front matter of the Markdown output.
 */
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1);

export const bilingual = z
  .object({
    zh: nonEmpty.optional(),
    en: nonEmpty.optional(),
  })
  .strict();
export type Bilingual = z.infer<typeof bilingual>;

export const authorSchema = z
  .object({
    name: bilingual,
    affiliations: z.array(z.string().regex(/^aff\d+$/, 'affiliation ids look like aff1')),
    corresponding: z.boolean(),
    email: z.email().optional(),
  })
  .strict();
export type Author = z.infer<typeof authorSchema>;

export const affiliationPart = z
  .object({
    text: nonEmpty,
    institution: nonEmpty.optional(),
    city: nonEmpty.optional(),
    province: nonEmpty.optional(),
    postcode: z.string().regex(/^\d{6}$/, 'a Chinese postcode has six digits').optional(),
    country: nonEmpty.optional(),
  })
  .strict();
export type AffiliationPart = z.infer<typeof affiliationPart>;

export const affiliationSchema = z
  .object({
    id: z.string().regex(/^aff\d+$/),
    label: z.string().min(1),
    zh: affiliationPart.optional(),
    en: affiliationPart.optional(),
  })
  .strict();
export type Affiliation = z.infer<typeof affiliationSchema>;

const abstractPart = z.object({ label: nonEmpty, text: nonEmpty }).strict();
export type AbstractPart = z.infer<typeof abstractPart>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD');

export const articleNumberSchema = z
  .object({
    text: nonEmpty,
    issn: z.string().regex(/^\d{4}-\d{3}[\dX]$/, 'an ISSN looks like 2095-9664'),
    year: z.number().int().min(1800).max(2200),
    issue: z.number().int().min(0).max(99),
    firstPage: z.number().int().min(0),
    pageCount: z.number().int().min(1),
    lastPage: z.number().int().min(0),
  })
  .strict();
export type ArticleNumber = z.infer<typeof articleNumberSchema>;

export const journalSchema = z
  .object({
    title: bilingual,
    abbrev: nonEmpty.optional(),
    publisher: bilingual.optional(),
    volume: z.string().regex(/^\d{1,4}$/, 'a volume is a number').optional(),
  })
  .strict();
export type Journal = z.infer<typeof journalSchema>;

export const metaSchema = z
  .object({
    lang: z.literal('zh'),
    /** The journal (from the configuration file; the extracted text does not name it). */
    journal: journalSchema.optional(),
    title: bilingual,
    authors: z.array(authorSchema),
    affiliations: z.array(affiliationSchema),
    abstract: bilingual.optional(),
    keywords: z
      .object({
        zh: z.array(nonEmpty).optional(),
        en: z.array(nonEmpty).optional(),
        /** English keywords derived by the pipeline, to be confirmed by an editor. */
        enDerived: z.boolean().optional(),
      })
      .strict(),
    clc: z.array(nonEmpty).optional(),
    documentCode: z.string().regex(/^[A-Z]$/).optional(),
    articleNumber: articleNumberSchema.optional(),
    doi: z.string().regex(/^10\.\S+\/\S+$/).optional(),
    received: isoDate.optional(),
    revised: isoDate.optional(),
    accepted: isoDate.optional(),
    /** The funding note as printed (基金项目 / Foundation item), per language. */
    funding: bilingual.optional(),
    /** Notes on the authors as printed (作者简介 / Biography), per language. */
    authorNotes: bilingual.optional(),
    /** A structured abstract's parts (目的/方法/结果/结论, Objective/Methods/…); `abstract` holds the whole text. */
    abstractParts: z
      .object({ zh: z.array(abstractPart).optional(), en: z.array(abstractPart).optional() })
      .strict()
      .optional(),
    editor: nonEmpty.optional(),
    correspondence: z
      .object({ name: bilingual.optional(), email: z.email().optional() })
      .strict()
      .optional(),
  })
  .strict();
export type ArticleMeta = z.infer<typeof metaSchema>;

export function emptyMeta(): ArticleMeta {
  return { lang: 'zh', title: {}, authors: [], affiliations: [], keywords: {} };
}

/** Turn a zod error into one line per problem, each naming the field path. */
export function describeZodError(error: z.ZodError, root = 'metadata'): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length ? `${root}.${issue.path.join('.')}` : root;
    return `${path}: ${issue.message}`;
  });
}

export type MetaResult = { ok: true; meta: ArticleMeta } | { ok: false; problems: string[] };

export function validateMeta(input: unknown, root = 'metadata'): MetaResult {
  const result = metaSchema.safeParse(input);
  if (result.success) return { ok: true, meta: result.data };
  return { ok: false, problems: describeZodError(result.error, root) };
}
