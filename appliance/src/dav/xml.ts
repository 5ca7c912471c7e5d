// XML for WebDAV request bodies: a well-kept parser (fast-xml-parser), never
// asked to expand entities or read a DTD, and a namespace resolver on top of
// it (the parser keeps prefixes as written; WebDAV is defined by namespace
// URIs, and clients use any prefix: litmus uses none, Windows uses "a:").
//
// Text stays as it was written (entity references unexpanded), which is what
// dead properties need ("the property's XML content, as sent"); only the five
// predefined entities and character references are accepted, so echoing the
// text back always yields well-formed XML.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { DavError } from "./dav.errors";

export const DAV_NS = "DAV:";
const XML_NS = "http://www.w3.org/XML/1998/namespace";

export interface XmlAttr {
  ns: string;
  local: string;
  /** As written, entity references unexpanded. */
  value: string;
}

export interface XmlElement {
  ns: string;
  local: string;
  attrs: XmlAttr[];
  children: XmlNode[];
}

/** Raw character data (entity references unexpanded), or CDATA (literal). */
export type XmlNode = XmlElement | { text: string } | { cdata: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: "#cdata",
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
});

// Only the predefined entities and character references; anything else would need a DTD.
const BAD_REFERENCE = /&(?!(?:lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)/;
const CHAR_REFERENCE = /&#(x[0-9a-fA-F]+|[0-9]+);/g;

function invalid(reason: string): DavError {
  return new DavError(400, `The XML body is invalid: ${reason}.`);
}

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

function checkRaw(raw: string): string {
  if (BAD_REFERENCE.test(raw)) throw invalid("only the predefined entities and character references are allowed");
  for (const [, ref = ""] of raw.matchAll(CHAR_REFERENCE)) {
    const code = ref.startsWith("x") ? Number.parseInt(ref.slice(1), 16) : Number(ref);
    if (!isXmlChar(code)) throw invalid("a character reference names a character XML does not allow");
  }
  return raw;
}

type Scope = ReadonlyMap<string, string>;
type RawNode = Record<string, unknown>;

function resolvePrefix(scope: Scope, qualified: string, isAttribute: boolean): { ns: string; local: string } {
  const colon = qualified.indexOf(":");
  if (colon === -1) return { ns: isAttribute ? "" : (scope.get("") ?? ""), local: qualified };
  const prefix = qualified.slice(0, colon);
  const ns = prefix === "xml" ? XML_NS : scope.get(prefix);
  if (ns === undefined) throw invalid(`the prefix "${prefix}" is not declared`);
  return { ns, local: qualified.slice(colon + 1) };
}

function declarations(attributes: Record<string, string>, parent: Scope): Scope {
  let scope: Map<string, string> | null = null;
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== "xmlns" && !name.startsWith("xmlns:")) continue;
    const prefix = name === "xmlns" ? "" : name.slice(6);
    // Namespaces in XML 1.0: a prefix cannot be bound to the empty name (litmus propfind_invalid2).
    if (prefix !== "" && value === "") throw invalid(`the prefix "${prefix}" is bound to an empty namespace`);
    scope ??= new Map(parent);
    scope.set(prefix, checkRaw(value));
  }
  return scope ?? parent;
}

function toElement(raw: RawNode, parent: Scope): XmlElement {
  const name = Object.keys(raw).find((key) => key !== ":@");
  if (name === undefined) throw invalid("an element has no name");
  const attributes = (raw[":@"] ?? {}) as Record<string, string>;
  const scope = declarations(attributes, parent);
  const attrs = Object.entries(attributes)
    .filter(([key]) => key !== "xmlns" && !key.startsWith("xmlns:"))
    .map(([key, value]) => ({ ...resolvePrefix(scope, key, true), value: checkRaw(value) }));
  const children = (raw[name] as RawNode[]).map((child) => toNode(child, scope));
  return { ...resolvePrefix(scope, name, false), attrs, children };
}

function toNode(raw: RawNode, scope: Scope): XmlNode {
  if ("#text" in raw) return { text: checkRaw(String(raw["#text"])) };
  if ("#cdata" in raw) {
    const parts = raw["#cdata"] as RawNode[];
    return { cdata: parts.map((part) => String(part["#text"] ?? "")).join("") };
  }
  return toElement(raw, scope);
}

/** Parses a whole document into its root element; 400 for anything not well-formed or namespace-valid. */
export function parseXml(text: string): XmlElement {
  // No DTD ever: no entity expansion (billion laughs), no external entity (XXE).
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw invalid("document type declarations are not accepted");
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) throw invalid(verdict.err.msg);
  let nodes: RawNode[];
  try {
    nodes = parser.parse(text) as RawNode[];
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : "unreadable");
  }
  const roots = nodes.filter((node) => !("#text" in node) && !("#cdata" in node));
  const strayText = nodes.some((node) => "#text" in node && String(node["#text"]).trim() !== "");
  if (roots.length !== 1 || strayText) throw invalid("a document has exactly one root element");
  return toElement(roots[0] as RawNode, new Map());
}

export function elementsOf(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => "local" in child);
}

export function isDav(element: XmlElement, local: string): boolean {
  return element.ns === DAV_NS && element.local === local;
}

export function davChild(element: XmlElement, local: string): XmlElement | undefined {
  return elementsOf(element).find((child) => isDav(child, local));
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function serializeAttr(attr: XmlAttr, index: number): string {
  const value = attr.value.replace(/"/g, "&quot;");
  if (attr.ns === "") return ` ${attr.local}="${value}"`;
  if (attr.ns === XML_NS) return ` xml:${attr.local}="${value}"`;
  return ` xmlns:a${index}="${escapeXml(attr.ns)}" a${index}:${attr.local}="${value}"`;
}

/**
 * Serializes nodes so that they stand alone: every element declares its own
 * namespace as the default one, so the result means the same wherever it is
 * pasted (the prefixes of the request are not needed to read it).
 */
export function serializeNodes(nodes: readonly XmlNode[]): string {
  return nodes
    .map((node) => {
      if ("text" in node) return node.text.replace(/]]>/g, "]]&gt;");
      if ("cdata" in node) return escapeXml(node.cdata);
      const attrs = node.attrs.map(serializeAttr).join("");
      const open = `${node.local} xmlns="${escapeXml(node.ns)}"${attrs}`;
      return node.children.length === 0 ? `<${open}/>` : `<${open}>${serializeNodes(node.children)}</${node.local}>`;
    })
    .join("");
}
