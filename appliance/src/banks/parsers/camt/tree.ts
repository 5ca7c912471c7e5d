// A streaming XML reader (saxes) that builds small element trees in the
// shape the CAMT readers use: an element with only text is its text, one
// with attributes or children an object ("@_Ccy", "#text", children by
// name, an array when a name repeats); namespace prefixes are dropped.
// The caller takes chosen elements out as they close (each <Ntry>), so a
// 100,000-entry statement is never one tree. saxes knows only the five
// predefined entities and never reads a DTD; the caller refuses
// declarations before any text reaches it.

import { SaxesParser, type SaxesTag, type SaxesTagPlain } from "saxes";
import { StatementError, type StatementFormat } from "../types";
import type { XmlNode } from "../xml";

export type XmlValue = XmlNode | string;

export interface OpenElement {
  name: string;
  /** Line of the start tag. */
  line: number;
  /** Attributes and children read so far; undefined while it has none. */
  node?: XmlNode;
  text: string;
}

export interface ElementHandlers {
  /** Sees each start tag with its attributes (xmlns ones included). */
  open?(name: string, attributes: Record<string, string>): void;
  /** An element has closed: return true to take it out of the tree. `parents` are the open ones, root first. */
  close(name: string, value: XmlValue, line: number, parents: readonly OpenElement[]): boolean;
}

export class XmlTreeReader {
  readonly root: XmlNode = {};
  private readonly parser = new SaxesParser({ position: true });
  private readonly stack: OpenElement[] = [];

  constructor(
    private readonly format: StatementFormat,
    private readonly handlers: ElementHandlers,
  ) {
    this.parser.on("error", (error) => {
      const reason = error.message.replace(/^\d+:\d+: /, "");
      throw new StatementError(format, `line ${this.parser.line}, column ${this.parser.column + 1}`, `the XML is malformed or truncated: ${reason}`);
    });
    this.parser.on("opentag", (tag) => this.opened(tag));
    this.parser.on("text", (text) => this.addText(text));
    this.parser.on("cdata", (text) => this.addText(text));
    this.parser.on("closetag", () => this.closed());
  }

  write(text: string): void {
    this.parser.write(text);
  }

  /** Ends the document; refuses one that stops inside an element. */
  end(): void {
    this.parser.close();
  }

  /** Elements still open, root first. */
  get openElements(): readonly OpenElement[] {
    return this.stack;
  }

  private opened(tag: SaxesTagPlain | SaxesTag): void {
    const name = localName(tag.name);
    const attributes = tag.attributes as Record<string, string>;
    this.handlers.open?.(name, attributes);
    const element: OpenElement = { name, line: this.parser.line, text: "" };
    for (const key in attributes) {
      if (key === "xmlns" || key.startsWith("xmlns:")) continue;
      element.node ??= {};
      element.node[`@_${localName(key)}`] = attributes[key];
    }
    this.stack.push(element);
  }

  private addText(text: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top) top.text = top.text === "" ? text : top.text + text;
  }

  private closed(): void {
    const element = this.stack.pop()!;
    const text = element.text.trim();
    let value: XmlValue = text;
    if (element.node) {
      if (text !== "") element.node["#text"] = text;
      value = element.node;
    }
    if (this.handlers.close(element.name, value, element.line, this.stack)) return;
    const parent = this.stack[this.stack.length - 1];
    attach(parent ? (parent.node ??= {}) : this.root, element.name, value);
  }
}

function attach(node: XmlNode, name: string, value: XmlValue): void {
  const existing = node[name];
  if (existing === undefined) node[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else node[name] = [existing, value];
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}
