// Per-request facts shared by the plugins: an id for logs and error answers,
// the start time, and the client's address.
export interface RequestContext {
  id: string;
  startedAt: number;
  ip: string;
}

const contexts = new WeakMap<Request, RequestContext>();
let counter = 0;
const bootTag = Math.floor(Math.random() * 0xffffff).toString(36);

export function beginRequest(request: Request, ip: string): RequestContext {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  const context = { id: `${bootTag}-${counter.toString(36)}`, startedAt: performance.now(), ip };
  contexts.set(request, context);
  return context;
}

export function contextOf(request: Request): RequestContext | undefined {
  return contexts.get(request);
}

export function requestIdOf(request: Request): string {
  return contexts.get(request)?.id ?? "unknown";
}

export function clientIpOf(request: Request): string {
  return contexts.get(request)?.ip ?? "";
}

export function startedAtOf(request: Request): number | undefined {
  return contexts.get(request)?.startedAt;
}
