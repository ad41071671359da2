/**
 * What a reference parser has read so far, and how it becomes a checked
 * CSL item: shared by every style family.
 */
import { cslItemSchema, type CslDate, type CslItem, type CslName, type CslType } from '../model/csl.js';
import { inferLanguage } from './csl.js';
import type { NameListResult, Role } from './names.js';
import type { TypeCode } from './parse.js';

export interface ParseIssue {
  /**
   * `parse`: the string's structure could not be read; `missing`: a required
   * field is absent; `repair`: extraction damage was mended (a URL broken by a space).
   */
  kind: 'parse' | 'missing' | 'repair';
  field?: string;
  message: string;
}

export interface ParseResult {
  item: CslItem;
  problems: string[];
}

export interface DetailedParseResult {
  item: CslItem;
  issues: ParseIssue[];
  /** The style family the string was read as (`gbt7714` when it carries a type code or none read it otherwise). */
  family?: 'gbt7714' | 'author-date' | 'nature' | 'vancouver';
}

export interface Draft {
  type: CslType;
  code?: TypeCode;
  carrier?: string;
  author?: CslName[];
  editor?: CslName[];
  translator?: CslName[];
  etAl?: boolean;
  editorEtAl?: boolean;
  translatorEtAl?: boolean;
  title?: string;
  containerTitle?: string;
  eventDate?: string;
  eventPlace?: string;
  volume?: string;
  issue?: string;
  page?: string;
  number?: string;
  edition?: string;
  version?: string;
  scale?: string;
  dimensions?: string;
  genre?: string;
  publisher?: string;
  place?: string;
  placeUnknown?: boolean;
  publisherUnknown?: boolean;
  issued?: CslDate;
  accessed?: CslDate;
  URL?: string;
  DOI?: string;
  note?: string[];
}

export function assignNames(d: Draft, names: NameListResult, role: Role): void {
  const r = names.role ?? role;
  if (!names.names.length && !names.etAl) return;
  if (r === 'translator') {
    d.translator = [...(d.translator ?? []), ...names.names];
    if (names.etAl) d.translatorEtAl = true;
  } else if (r === 'editor') {
    d.editor = [...(d.editor ?? []), ...names.names];
    if (names.etAl) d.editorEtAl = true;
  } else {
    d.author = [...(d.author ?? []), ...names.names];
    if (names.etAl) d.etAl = true;
  }
}

export function buildItem(d: Draft, id: string): CslItem {
  const language = inferLanguage({ title: d.title, 'container-title': d.containerTitle, author: d.author, editor: d.editor });
  const item: Record<string, unknown> = { id, type: d.type, language };
  const set = (key: string, value: unknown): void => {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return;
    item[key] = value;
  };
  set('author', d.author);
  set('editor', d.editor);
  set('translator', d.translator);
  set('title', d.title);
  set('container-title', d.containerTitle);
  set('event-date', d.eventDate ? { literal: d.eventDate } : undefined);
  set('event-place', d.eventPlace);
  set('genre', d.genre);
  set('edition', d.edition);
  set('version', d.version);
  set('scale', d.scale);
  set('dimensions', d.dimensions);
  set('publisher-place', d.place);
  set('publisher', d.publisher);
  set('issued', d.issued);
  set('volume', d.volume);
  set('issue', d.issue);
  set('page', d.page);
  set('number', d.number);
  set('accessed', d.accessed);
  set('URL', d.URL);
  set('DOI', d.DOI);
  set('note', d.note?.join('. '));
  const custom: Record<string, unknown> = {};
  if (d.etAl) custom.etAl = true;
  if (d.editorEtAl) custom.editorEtAl = true;
  if (d.translatorEtAl) custom.translatorEtAl = true;
  if (d.code) custom.gbtType = d.code;
  if (d.carrier) custom.carrier = d.carrier;
  if (d.placeUnknown) custom.placeUnknown = true;
  if (d.publisherUnknown) custom.publisherUnknown = true;
  if (Object.keys(custom).length) item.custom = custom;
  const checked = cslItemSchema.safeParse(item);
  if (checked.success) return checked.data;
  // keep what is valid: drop the offending top-level fields
  for (const issue of checked.error.issues) {
    const key = issue.path[0];
    if (typeof key === 'string' && key !== 'id' && key !== 'type') delete item[key];
  }
  return cslItemSchema.parse(item);
}
