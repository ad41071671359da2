/**
 * Figure images beside the input: `<stem>.F1.png` or `<stem>-F1.jpg` next to
 * `<stem>.txt` is the image of figure F1. The read stage points the figure at
 * it; the image is copied next to the outputs so that the Markdown, JATS and
 * PDF all find it under the same name.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { VFile } from 'vfile';
import type { ArticleRoot } from '../src/model/types.js';
import { report } from '../src/findings/index.js';
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
    const s = statSync(full);
    if (s.isFile()) out.push({ id, name, path: full, size: s.size, mtimeMs: s.mtimeMs });
  }
  return out;
}

/** Point figures without an image at the image file beside the input. */
export function attachFigureImages(tree: ArticleRoot, inputPath: string): ArticleRoot {
  const images = figureImageFiles(inputPath);
  for (const node of tree.children) {
    if (node.type !== 'figureFloat' || node.url) continue;
    const img = images.find((i) => i.id === node.identifier);
    if (img) node.url = img.name;
  }
  return tree;
}

/**
 * The image files the figures name, to be copied next to the outputs under the
 * same relative name; a named image that does not exist is a finding.
 */
export async function figureFiles(tree: ArticleRoot, inputPath: string, file: VFile): Promise<OutputFile[]> {
  const dir = path.dirname(inputPath);
  const out: OutputFile[] = [];
  for (const node of tree.children) {
    if (node.type !== 'figureFloat' || !node.url) continue;
    const url = node.url;
    if (/^[a-z]+:/i.test(url) || path.isAbsolute(url) || url.split(/[\\/]/).includes('..')) continue;
    try {
      out.push({ name: url, data: new Uint8Array(await readFile(path.join(dir, url))) });
    } catch {
      report(file, `${node.label}: image \`${url}\` not found beside the input; a placeholder is drawn`, {
        ruleId: 'figure-image-missing',
        severity: 'info',
        place: node,
        stage: 'figures',
      });
    }
  }
  return out;
}
