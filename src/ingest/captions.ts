/**
 * Figure and table captions: `图1 …`, `Fig. 1 …`, `Figure 1. …`, `表1 …`,
 * `Table 1 …`, `续表1`, with or without a Markdown heading mark, in Chinese or
 * English; a credit in parentheses at the end (`（作者绘制）`) is kept apart.
 */
export interface CaptionMatch {
  kind: 'figure' | 'table';
  number: number;
  lang: 'zh' | 'en';
  /** Offset of the caption text after its label. */
  textStart: number;
  /** `续表1`: the continuation of a table already captioned. */
  continued: boolean;
}

const FIGURE = /^(?:#{1,6}\s*)?(?:(图)|(Fig(?:ure)?\.?|FIG\.?|FIGURE))\s*(\d+)(?![.]\d)(?:O(?=[a-z]))?(?:\s*[.:：．]\s*|\s*)/;
const TABLE = /^(?:#{1,6}\s*)?(?:(续?表)|(Table|TABLE|Tab\.?))\s*(\d+|[lI](?=\s*[A-Z]))(?![.]\d)(?:\s*[.:：．]\s*|\s*)/;

/**
 * A caption line. `nextToFloat`: the line follows an image or a float directly,
 * where a caption may be long and end as a sentence does.
 */
export function matchCaption(text: string, nextToFloat = false): CaptionMatch | null {
  // TeX remnants make a caption long without making it a sentence: measure without them.
  const plain = text.replace(/\$[^$]*\$/g, '$');
  if (plain.length > (nextToFloat ? 800 : 240) || text.includes('\t') || (!nextToFloat && /[。；]$/.test(text))) return null;
  for (const [kind, re] of [['figure', FIGURE], ['table', TABLE]] as const) {
    const m = re.exec(text);
    if (!m) continue;
    const rest = text.slice(m[0].length);
    // `图1所示`, `表2中的数据`: a sentence about the float, not its caption.
    if (/^(?:[(（][a-zA-Z\d][)）]\s*)?(?:所示|则|即|分别|中(?=\s*[$\\]|的|所|可|列|给|数据|显示|表明|结果|[,，])|和|与|及|为|是|的|可见|表明|显示|说明|列出|给出|所列|可知|描述|展示|表示|反映|对比|比较|选取|采用|中可以|,|，|、)/.test(rest)) return null;
    if (m[2] && /^(?:shows?|is|are|and|presents?|lists?)\b/.test(rest)) return null;
    // `Tablel`: an OCR reading of `Table1`.
    // A label run into the caption's digits (`表52019-2021年…`) is read against the numbering by the caller.
    const number = /^[lI]$/.test(m[3]!) ? 1 : m[3]!.length > 3 ? Number.NaN : Number(m[3]);
    return { kind, number, lang: m[1] ? 'zh' : 'en', textStart: m[0].length, continued: m[1] === '续表' };
  }
  return null;
}

const CREDIT = /\s*[(（]([^()（）]*(?:绘制|提供|引自|来源|摄|drawn|courtesy|source)[^()（）]*)[)）]\s*$/i;

/** The credit at the end of a caption and where it starts, if any. */
export function captionCredit(text: string): { credit: string; at: number } | null {
  const m = CREDIT.exec(text);
  return m ? { credit: m[1]!.trim(), at: m.index } : null;
}
