// Builds the web UI into web/dist: hashed, minified JS and CSS under assets/,
// and an index.html that only references them (no inline script or style, so
// the strict CSP `script-src 'self'; style-src 'self'` holds).
//
//   bun web/build.ts            → web/dist
//   import { buildWeb } from './web/build'; await buildWeb(outdir)

import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const WEB_DIR = import.meta.dir;
const ENTRY = path.join(WEB_DIR, 'src', 'main.tsx');
export const DEFAULT_OUTDIR = path.join(WEB_DIR, 'dist');
const HASHED = 'assets/[name]-[hash].[ext]';

// The CozyBox mark (same drawing as Logo in src/components/Icon.tsx).
const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#0f766e"/><path d="M8 15.5 16 9l8 6.5V23a1 1 0 0 1-1 1h-4.5v-5h-5v5H9a1 1 0 0 1-1-1z" fill="#fff"/></svg>`;

export interface WebBuild {
  outdir: string;
  js: string;
  css: string;
  icon: string;
  bytes: number;
}

function html({ js, css, icon }: Pick<WebBuild, 'js' | 'css' | 'icon'>): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="description" content="CozyBox, your personal cloud at home">
<title>CozyBox</title>
<link rel="icon" href="/${icon}" type="image/svg+xml">
<link rel="stylesheet" href="/${css}">
<script type="module" src="/${js}"></script>
</head>
<body>
<div id="app"></div>
<noscript>CozyBox needs JavaScript. / CozyBox a besoin de JavaScript.</noscript>
</body>
</html>
`;
}

export async function buildWeb(outdir: string = DEFAULT_OUTDIR): Promise<WebBuild> {
  await rm(outdir, { recursive: true, force: true });
  const result = await Bun.build({
    entrypoints: [ENTRY],
    outdir,
    target: 'browser',
    format: 'esm',
    minify: true,
    splitting: false,
    sourcemap: 'none',
    naming: { entry: HASHED, chunk: HASHED, asset: HASHED },
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  if (!result.success) {
    const messages = result.logs.map((log) => String(log)).join('\n');
    throw new Error(`web build failed:\n${messages}`);
  }
  const relative = (file: string) => path.relative(outdir, file).split(path.sep).join('/');
  const js = result.outputs.find((o) => o.kind === 'entry-point' && o.path.endsWith('.js'));
  const css = result.outputs.find((o) => o.path.endsWith('.css'));
  if (!js || !css) throw new Error('web build produced no JS entry or no CSS file');

  const iconName = `assets/icon-${Bun.hash(ICON_SVG).toString(16).slice(0, 8)}.svg`;
  await mkdir(path.join(outdir, 'assets'), { recursive: true });
  await writeFile(path.join(outdir, iconName), ICON_SVG);
  const files = { js: relative(js.path), css: relative(css.path), icon: iconName };
  await writeFile(path.join(outdir, 'index.html'), html(files));
  const bytes = result.outputs.reduce((sum, o) => sum + o.size, 0);
  return { outdir, ...files, bytes };
}

if (import.meta.main) {
  const started = performance.now();
  const built = await buildWeb(process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_OUTDIR);
  const ms = Math.round(performance.now() - started);
  const kb = (built.bytes / 1024).toFixed(1);
  console.log(`web: ${built.js} + ${built.css} (${kb} KiB) → ${path.relative(process.cwd(), built.outdir) || '.'} in ${ms} ms`);
}
