// The If header (RFC 4918 §10.4): lists of conditions on lock tokens and
// ETags, either untagged (about the Request-URI) or tagged with the resource
// they are about. The header holds when at least one list holds; a list
// holds when each of its conditions does. A lock token that appears in the
// header (not under "Not") is "submitted" (§6.4), which is what lets its
// holder write to a locked resource.
import { DavError } from "./dav.errors";

export interface IfCondition {
  not: boolean;
  /** A state token (a lock token, or anything else, such as DAV:no-lock, which matches nothing). */
  token?: string;
  etag?: string;
}

export interface IfList {
  /** The tagged resource (as written), or null for the Request-URI. */
  resource: string | null;
  conditions: IfCondition[];
}

const MAX_IF_LENGTH = 8192;

function malformed(why: string): DavError {
  return new DavError(400, `The If header is malformed: ${why}.`);
}

class Scanner {
  position = 0;

  constructor(readonly text: string) {}

  skipSpace(): void {
    while (/\s/.test(this.text[this.position] ?? "")) this.position += 1;
  }

  peek(): string {
    this.skipSpace();
    return this.text[this.position] ?? "";
  }

  /** Reads up to (and past) `close`, returning what lies between. */
  until(close: string): string {
    const end = this.text.indexOf(close, this.position + 1);
    if (end === -1) throw malformed(`missing "${close}"`);
    const inside = this.text.slice(this.position + 1, end);
    this.position = end + 1;
    return inside;
  }

  keyword(word: string): boolean {
    this.skipSpace();
    if (this.text.slice(this.position, this.position + word.length).toLowerCase() !== word.toLowerCase()) return false;
    this.position += word.length;
    return true;
  }
}

function readCondition(scanner: Scanner): IfCondition {
  const not = scanner.keyword("Not");
  const next = scanner.peek();
  if (next === "<") return { not, token: scanner.until(">").trim() };
  if (next === "[") return { not, etag: scanner.until("]").trim() };
  throw malformed("a condition is a <state-token> or an [etag]");
}

function readList(scanner: Scanner, resource: string | null): IfList {
  scanner.position += 1; // "("
  const conditions: IfCondition[] = [];
  while (scanner.peek() !== ")") {
    if (scanner.peek() === "") throw malformed('missing ")"');
    conditions.push(readCondition(scanner));
  }
  scanner.position += 1;
  if (conditions.length === 0) throw malformed("a list cannot be empty");
  return { resource, conditions };
}

export function parseIfHeader(header: string): IfList[] {
  if (header.length > MAX_IF_LENGTH) throw malformed("too long");
  const scanner = new Scanner(header);
  const lists: IfList[] = [];
  let resource: string | null = null;
  let tagged: boolean | null = null;
  while (scanner.peek() !== "") {
    const next = scanner.peek();
    if (next === "<") {
      if (tagged === false) throw malformed("tagged and untagged lists cannot be mixed");
      tagged = true;
      resource = scanner.until(">").trim();
      if (scanner.peek() !== "(") throw malformed("a resource tag must be followed by a list");
    } else if (next === "(") {
      if (tagged === null) tagged = false;
      lists.push(readList(scanner, resource));
    } else {
      throw malformed(`unexpected "${next}"`);
    }
  }
  if (lists.length === 0) throw malformed("it holds no list");
  return lists;
}

/** Lock tokens named positively anywhere in the header. */
export function submittedTokens(lists: readonly IfList[]): Set<string> {
  return new Set(lists.flatMap((list) => list.conditions.filter((c) => !c.not && c.token).map((c) => c.token as string)));
}

/** What the conditions are checked against, for one resource. */
export interface ResourceState {
  /** null when the resource does not exist (or is not on this box). */
  etag: string | null;
  /** Tokens of the locks that cover it. */
  lockTokens: ReadonlySet<string>;
}

function holds(condition: IfCondition, state: ResourceState): boolean {
  const matched = condition.token !== undefined ? state.lockTokens.has(condition.token) : state.etag !== null && state.etag === condition.etag;
  return condition.not ? !matched : matched;
}

/** True when at least one list holds; `stateOf` resolves a list's resource (null = Request-URI). */
export async function evaluateIf(lists: readonly IfList[], stateOf: (resource: string | null) => Promise<ResourceState>): Promise<boolean> {
  for (const list of lists) {
    const state = await stateOf(list.resource);
    if (list.conditions.every((condition) => holds(condition, state))) return true;
  }
  return false;
}
