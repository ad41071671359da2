/**
 * Figure images. A figure's `url` names an image file relative to the input
 * (`![](images/a.jpg)`, `<graphic xlink:href>`, or `<stem>.F1.png` beside
 * `<stem>.txt`, which the read stage attaches to figure F1).
 *
 * The input is untrusted: every image is resolved, checked and read by
 * `resolveFigureImage` (src/render/images.ts), once per build, and only the
 * bytes it approves are copied or embedded. A refused image is a finding
 * (`figure-image-refused`), a missing one too (`figure-image-missing`); its
 * figure gets the placeholder.
 *
 * Approved images are copied into the `figures/` subfolder of the article's
 * output folder (`images/a.jpg` → `figures/images/a.jpg`), so content never
 * picks the name of an output file; the Markdown and JATS outputs link them
 * there (`withOutputFigureUrls`).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import type { ArticleRoot, FigureFloat } from '../src/model/types.js';
import { report } from '../src/findings/index.js';
import { figureOutputUrl, resolveFigureImage, type ApprovedImage, type ImageResolution } from '../src/render/images.js';
import type { OutputFile } from './graph.js';

const IMAGE = /\.(png|jpe?g)$/i;

export function figureImageFiles(inputPath: string): Array<{ id: string; name: string; path: string; size: number; mtimeMs: number }> {
  const dir = path.dirname(inputPath);
  const stem = path.basename(inputPath).replace(/\.[^.]+$/, '');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: Array<{ id: string; name: string; path: string; size: number; mtimeMs: number }> = [];
  for (const name of names.sort()) {
    if (!IMAGE.test(name) || !(name.startsWith(`${stem}.`) || name.startsWith(`${stem}-`))) continue;
    const id = name.slice(stem.length + 1).replace(IMAGE, '');
    if (!/^F\d+(?:-\d+)?$/.test(id)) continue;
    const full = path.join(dir, name);
    let s;
    try {
      // stat only (never opens): a dangling symlink or a FIFO is skipped here, refused later
      s = statSync(full);
    } catch {
      continue;
    }
    if (s.isFile()) out.push({ id, name, path: full, size: s.size, mtimeMs: s.mtimeMs });
  }
  return out;
}

/** Point figures without an image at the image file beside the input (checked like any other image later). */
export function attachFigureImages(tree: ArticleRoot, inputPath: string): ArticleRoot {
  const images = figureImageFiles(inputPath);
  for (const node of tree.children) {
    if (node.type !== 'figureFloat' || node.url) continue;
    const img = images.find((i) => i.id === node.identifier);
    if (img) node.url = img.name;
  }
  return tree;
}

/** Resolutions of one build, by url: each image is read once, whichever stage asks first. */
const resolved = new WeakMap<VFile, { dir: string; byUrl: Map<string, ImageResolution> }>();

function figures(tree: ArticleRoot): FigureFloat[] {
  return tree.children.filter((n): n is FigureFloat => n.type === 'figureFloat' && !!n.url);
}

/** The resolution of a figure's url in this build (cached on the build's file). */
export function resolveOnce(url: string, inputPath: string, file: VFile): ImageResolution {
  const dir = path.dirname(path.resolve(inputPath));
  let entry = resolved.get(file);
  if (!entry || entry.dir !== dir) resolved.set(file, (entry = { dir, byUrl: new Map() }));
  let r = entry.byUrl.get(url);
  if (!r) entry.byUrl.set(url, (r = resolveFigureImage(url, dir)));
  return r;
}

/** The images the PDF may embed, by url: only those the resolver approved. Reports nothing (the figures stage does). */
export function approvedImages(tree: ArticleRoot, inputPath: string, file: VFile): Record<string, ApprovedImage> {
  const out: Record<string, ApprovedImage> = {};
  for (const node of figures(tree)) {
    const r = resolveOnce(node.url!, inputPath, file);
    if (r.ok) out[node.url!] = r.image;
  }
  return out;
}

/**
 * The approved image files, to be written under `figures/` in the output
 * folder; a missing or refused image is a finding.
 */
export async function figureFiles(tree: ArticleRoot, inputPath: string, file: VFile): Promise<OutputFile[]> {
  const out: OutputFile[] = [];
  const written = new Map<string, string>();
  const seen = new Set<string>();
  for (const node of figures(tree)) {
    const url = node.url!;
    const r = resolveOnce(url, inputPath, file);
    const label = node.label || node.identifier;
    if (!r.ok) {
      if (seen.has(url)) continue;
      seen.add(url);
      if (r.reason === 'missing') {
        report(file, `${label}: image \`${url}\` not found beside the input; a placeholder is drawn`, {
          ruleId: 'figure-image-missing',
          severity: 'info',
          place: node,
          stage: 'figures',
        });
      } else {
        report(file, `${label}: image \`${url}\` refused: ${r.detail}; a placeholder is drawn`, {
          ruleId: 'figure-image-refused',
          severity: r.reason === 'remote' ? 'info' : 'warning',
          place: node,
          stage: 'figures',
        });
      }
      continue;
    }
    seen.add(url);
    const name = figureOutputUrl(url)!;
    const previous = written.get(name);
    if (previous === undefined) {
      written.set(name, r.image.path);
      out.push({ name, data: r.image.bytes });
    } else if (previous !== r.image.path) {
      report(file, `${label}: image \`${url}\` not copied: \`${name}\` in the output folder is already another figure's image`, {
        ruleId: 'figure-image-refused',
        severity: 'warning',
        place: node,
        stage: 'figures',
      });
    }
  }
  return out;
}

/**
 * The tree as the Markdown and JATS outputs write it: each figure's url is
 * where its image is copied in the output folder (`figures/<url>`, see
 * `figureOutputUrl`); a url that could never be read (absolute, `..`) is not
 * written. The tree itself is not changed (it may be frozen); only figures
 * are copied.
 */
export function withOutputFigureUrls(tree: ArticleRoot): ArticleRoot {
  if (!tree.children.some((n) => n.type === 'figureFloat' && n.url)) return tree;
  const children = tree.children.map((n) => {
    if (n.type !== 'figureFloat' || !n.url) return n;
    const { url, ...rest } = n;
    const out = figureOutputUrl(url);
    return out ? { ...rest, url: out } : rest;
  });
  return { ...tree, children } as ArticleRoot;
}
