/**
 * References: GB/T 7714 strings to CSL-JSON, formatting and export with
 * citation-js, and the checks of the references stage.
 */
export { cslItemSchema, cslNameSchema, cslDateSchema, validateCslItem, issuedYear, isChinese, CSL_TYPES } from './csl.js';
export type { CslItem, CslName, CslDate, CslType, CslCustom } from './csl.js';
export {
  parseReference,
  parseReferenceDetailed,
  parseReferenceLines,
  parseDateText,
  missingFields,
  describeField,
  cslTypeFor,
  REQUIRED_FIELDS,
  TYPE_CODES,
} from './parse.js';
export type { ParseIssue, ParseResult, DetailedParseResult, TypeCode } from './parse.js';
export { parseReferenceList, listFamily, entryFamily } from './list.js';
export { parseNameList, parseWesternPerson, parseChinesePerson, nameText } from './names.js';
export type { NameListResult, Role } from './names.js';
export { formatReference, toBibtex, toRis, toCslJson, registerStyles, typeCode, cslAssetsDir, REFERENCE_STYLES } from './format.js';
export type { ReferenceStyle } from './format.js';
export {
  referencesStage,
  remarkReferences,
  checkReferences,
  collectReferenceEntries,
  collectCitations,
  referenceItems,
  entryCsl,
  authorMentions,
  pagesProblem,
  journalsNearEqual,
  RULES,
  STAGE,
} from './check.js';
export type { CitationSite, AuthorMention } from './check.js';
