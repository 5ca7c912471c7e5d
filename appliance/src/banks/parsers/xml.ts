// Safe XML for statements. Any document that declares a DOCTYPE or an
// ENTITY is refused outright: no external entity is ever fetched (XXE) and
// no entity bomb is expanded (billion laughs). The reader (camt/tree.ts,
// saxes) decodes only the five predefined entities and numeric references;
// these helpers read the element trees it builds.

import { StatementError, type StatementFormat } from "./types";

export type XmlNode = Record<string, unknown>;

const DECLARATION = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i;

/** Refuses markup declarations before any parser sees the text. */
export function refuseDeclarations(text: string, format: StatementFormat, firstLine = 1): void {
  const match = DECLARATION.exec(text);
  if (match) {
    const line = firstLine + countLines(text.slice(0, match.index));
    throw new StatementError(
      format,
      `line ${line}`,
      `the document declares <!${match[1]?.toUpperCase()}>; declarations are refused (they can read local files or expand into gigabytes)`,
    );
  }
}

/**
 * The same refusal for a document read in pieces: each piece is checked
 * (with the end of the one before, so a declaration cut in two is seen)
 * before the parser gets it.
 */
export class DeclarationGuard {
  private tail = "";
  private line = 1;

  constructor(private readonly format: StatementFormat) {}

  check(piece: string): void {
    refuseDeclarations(this.tail + piece, this.format, this.line - countLines(this.tail));
    this.line += countLines(piece);
    this.tail = piece.slice(-32);
  }
}

export function countLines(text: string): number {
  let lines = 0;
  for (let index = text.indexOf("\n"); index >= 0; index = text.indexOf("\n", index + 1)) lines++;
  return lines;
}

/** Child element (the first when repeated). */
export function el(node: unknown, ...path: string[]): XmlNode | undefined {
  let current: unknown = node;
  for (const name of path) {
    if (!current || typeof current !== "object") return undefined;
    current = (current as XmlNode)[name];
    if (Array.isArray(current)) current = current[0];
  }
  return current === undefined || current === null ? undefined : (current as XmlNode);
}

/** Every child element with this name. */
export function els(node: unknown, name: string): unknown[] {
  if (!node || typeof node !== "object") return [];
  const value = (node as XmlNode)[name];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Text content of an element (or of the element at path), entities decoded, trimmed. */
export function txt(node: unknown, ...path: string[]): string | undefined {
  const target: unknown = path.length > 0 ? el(node, ...path) : node;
  const raw = typeof target === "string" ? target : target && typeof target === "object" ? (target as XmlNode)["#text"] : undefined;
  if (typeof raw !== "string" && typeof raw !== "number") return undefined;
  const value = String(raw).trim();
  return value === "" ? undefined : value;
}

export function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== "object") return undefined;
  const value = (node as XmlNode)[`@_${name}`];
  return typeof value === "string" ? value.trim() : undefined;
}
