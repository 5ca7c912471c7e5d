// Safe XML for statements. fast-xml-parser runs with entity processing off,
// and any document that declares a DOCTYPE or an ENTITY is refused outright:
// no external entity is ever fetched (XXE) and no entity bomb is expanded
// (billion laughs). Only the five predefined entities and numeric
// references are decoded, by hand, in the values read.

import { XMLParser, XMLValidator } from "fast-xml-parser";
import { decodeEntities } from "./text";
import { StatementError, type StatementFormat } from "./types";

export type XmlNode = Record<string, unknown>;

/** Refuses markup declarations before any parser sees the text. */
export function refuseDeclarations(text: string, format: StatementFormat): void {
  const match = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.exec(text);
  if (match) {
    const line = text.slice(0, match.index).split("\n").length;
    throw new StatementError(
      format,
      `line ${line}`,
      `the document declares <!${match[1]?.toUpperCase()}>; declarations are refused (they can read local files or expand into gigabytes)`,
    );
  }
}

/** A reader for many small documents (or one): entity processing off, values kept as text. */
export class SafeXmlReader {
  private readonly parser: XMLParser;

  constructor(private readonly format: StatementFormat) {
    this.parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "@_",
      removeNSPrefix: true,
      processEntities: false,
      htmlEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      // No callbacks need paths; repeated elements are read through els(), which accepts one or many.
      jPath: false,
    });
  }

  /**
   * Checks well-formedness, then parses. `firstLine` is the line of the
   * text's start in the whole file, so errors name the file's own lines.
   * The caller has refused declarations (refuseDeclarations) on the whole file.
   */
  read(text: string, firstLine = 1): XmlNode {
    const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
    if (valid !== true) {
      const where = `line ${valid.err.line + firstLine - 1}, column ${valid.err.col}`;
      throw new StatementError(this.format, where, `the XML is malformed or truncated: ${valid.err.msg}`);
    }
    try {
      return this.parser.parse(text) as XmlNode;
    } catch (error) {
      throw new StatementError(this.format, `line ${firstLine}`, `the XML cannot be read: ${(error as Error).message}`);
    }
  }
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
  const value = decodeEntities(String(raw)).trim();
  return value === "" ? undefined : value;
}

export function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== "object") return undefined;
  const value = (node as XmlNode)[`@_${name}`];
  return typeof value === "string" ? decodeEntities(value).trim() : undefined;
}
