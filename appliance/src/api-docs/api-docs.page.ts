// A browsable page of the OpenAPI document, rendered on the server as plain
// HTML: the stock viewers load scripts from a CDN, which the box may not
// reach and its CSP forbids.
type Operation = { summary?: string; tags?: string[]; requestBody?: unknown; parameters?: { name: string; in: string }[] };
type Spec = { info?: { title?: string; version?: string }; paths?: Record<string, Record<string, Operation>> };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

function renderOperation(path: string, method: string, op: Operation): string {
  const params = (op.parameters ?? []).map((p) => `${escapeHtml(p.name)} (${escapeHtml(p.in)})`).join(", ");
  return `<tr><td class="m ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</td><td><code>${escapeHtml(path)}</code></td>
<td>${escapeHtml(op.summary ?? "")}${params ? `<br><small>parameters: ${params}</small>` : ""}${op.requestBody ? "<br><small>JSON body</small>" : ""}</td></tr>`;
}

export function renderDocsPage(spec: Spec, specPath: string): string {
  const rows = Object.entries(spec.paths ?? {})
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => renderOperation(path, method, op)))
    .join("\n");
  const title = escapeHtml(`${spec.info?.title ?? "API"} ${spec.info?.version ?? ""}`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="/api/docs.css"></head><body><main>
<h1>${title}</h1><p>The HTTP API used by the web interface, apps and connectors. Machine-readable: <a href="${specPath}">${specPath}</a>.
Errors are always <code>{"error":{"code","message"}}</code> with a non-2xx status.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th></tr></thead><tbody>${rows}</tbody></table></main></body></html>`;
}

export const DOCS_CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2433;background:#f7f8fa}
main{max-width:960px;margin:0 auto;padding:24px}table{border-collapse:collapse;width:100%;background:#fff}
td,th{border-bottom:1px solid #e3e6eb;padding:8px;text-align:left;vertical-align:top}code{font-size:14px}
.m{font-weight:600;font-family:monospace}.get{color:#1a7f37}.post{color:#0b5cad}.patch,.put{color:#9a6700}.delete{color:#cf222e}`;
