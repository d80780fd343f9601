// The formats citebot reads, one loader each. Adding a format: one file and one line here.
import { docxLoader } from './docx.ts';
import { htmlLoader } from './html.ts';
import { markdownLoader } from './markdown.ts';
import { pdfLoader } from './pdf.ts';
import { textLoader } from './text.ts';
import type { Loader } from './types.ts';

export const LOADERS: Loader[] = [textLoader, markdownLoader, pdfLoader, docxLoader, htmlLoader];

export function loaderFor(fileName: string): Loader | undefined {
  const lower = fileName.toLowerCase();
  return LOADERS.find((l) => l.extensions.some((ext) => lower.endsWith(ext)));
}

export const SUPPORTED_EXTENSIONS = LOADERS.flatMap((l) => l.extensions);
