// A tolerant reader for OFX bodies: OFX 1.x is SGML where leaf elements are
// usually not closed (<TRNAMT>-5.50<FITID>1), OFX 2.x is XML, and real files
// mix both (an XML header over SGML tags). An XML parser refuses the first
// kind, so this small reader builds the tree itself: an element followed by
// text is a leaf, an element followed by a tag is an aggregate closed by its
// end tag (closing any leaf-less elements left open inside it).

import { decodeEntities } from "../text";
import { StatementError, type StatementFormat } from "../types";

export interface OfxNode {
  name: string;
  line: number;
  /** Set for leaves ("" for an empty one); aggregates have children instead. */
  value?: string;
  children: OfxNode[];
}

/**
 * Called when an aggregate closes, with its open ancestors (root first).
 * Returning true drops the element from the tree: a 100,000-transaction
 * statement is then read one transaction at a time instead of held whole.
 */
export type OnClose = (node: OfxNode, ancestors: readonly OfxNode[]) => boolean;

/** Leaves share one empty list; an element gets its own list with its first child. */
const NO_CHILDREN: OfxNode[] = [];

interface ReaderState {
  text: string;
  pos: number;
  line: number;
  stack: OfxNode[];
  /** A leaf closed by its text, whose own end tag may follow. */
  closedLeaf?: OfxNode;
  format: StatementFormat;
  onClose?: OnClose;
  /** Tag text -> element name, so 800,000 tags share a few dozen name strings. */
  names: Map<string, string>;
  /** onClose took an element since the last pause. */
  taken: boolean;
}

/** Builds the element tree of an OFX body (text from the <OFX> tag on). */
export function readOfxTree(text: string, format: StatementFormat, firstLine: number, onClose?: OnClose): OfxNode {
  const steps = readOfxSteps(text, format, firstLine, onClose);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * Reads the body, pausing (yield) after each element that onClose took out
 * of the tree, so the caller can hand what onClose read to its consumer
 * before the next one is read. Returns the tree when the body is read.
 */
export function* readOfxSteps(text: string, format: StatementFormat, firstLine: number, onClose?: OnClose): Generator<void, OfxNode, undefined> {
  const root: OfxNode = { name: "#root", line: firstLine, children: [] };
  const state: ReaderState = { text, pos: 0, line: firstLine, stack: [root], format, onClose, names: new Map(), taken: false };
  while (state.pos < text.length) {
    const lt = text.indexOf("<", state.pos);
    const segment = text.slice(state.pos, lt < 0 ? text.length : lt);
    handleText(state, segment);
    advance(state, lt < 0 ? text.length : lt);
    if (lt < 0) break;
    readMarkup(state);
    if (state.taken) {
      state.taken = false;
      yield;
    }
  }
  const open = state.stack[state.stack.length - 1];
  if (open && open !== root) {
    throw new StatementError(format, `line ${state.line}`, `the file ends inside <${open.name}> opened at line ${open.line}; it looks truncated`);
  }
  return root;
}

function advance(state: ReaderState, to: number): void {
  for (let index = state.pos; index < to; index++) if (state.text.charCodeAt(index) === 10) state.line++;
  state.pos = to;
}

function readMarkup(state: ReaderState): void {
  const { text, pos } = state;
  if (text.startsWith("<![CDATA[", pos)) {
    const end = requireEnd(state, "]]>", "a CDATA section");
    handleText(state, text.slice(pos + 9, end), true);
    advance(state, end + 3);
  } else if (text.startsWith("<!--", pos)) {
    advance(state, requireEnd(state, "-->", "a comment") + 3);
  } else if (text.startsWith("<?", pos)) {
    advance(state, requireEnd(state, "?>", "a processing instruction") + 2);
  } else if (text.startsWith("<!", pos)) {
    throw new StatementError(state.format, `line ${state.line}`, "markup declarations (<!DOCTYPE, <!ENTITY) are refused");
  } else {
    const end = requireEnd(state, ">", "a tag");
    const tag = text.slice(pos + 1, end).trim();
    advance(state, end + 1);
    handleTag(state, tag);
  }
}

function requireEnd(state: ReaderState, marker: string, what: string): number {
  const end = state.text.indexOf(marker, state.pos + 1);
  if (end < 0) throw new StatementError(state.format, `line ${state.line}`, `the file ends inside ${what}; it looks truncated`);
  return end;
}

function handleText(state: ReaderState, raw: string, cdata = false): void {
  const value = (cdata ? raw : decodeEntities(raw)).trim();
  if (value === "" && !cdata) return;
  const top = state.stack[state.stack.length - 1];
  if (!top || top.name === "#root" || top.children.length > 0) return; // stray text between aggregates
  top.value = (top.value ?? "") + value;
  if (!cdata) closeLeaf(state, top);
}

function closeLeaf(state: ReaderState, leaf: OfxNode): void {
  state.stack.pop();
  state.closedLeaf = leaf;
}

function handleTag(state: ReaderState, tag: string): void {
  const name = elementName(state, tag);
  if (name.startsWith("/")) return handleEndTag(state, name.slice(1));
  closePendingCdataLeaf(state);
  state.closedLeaf = undefined;
  if (!/^[A-Z0-9._-]+$/.test(name)) {
    throw new StatementError(state.format, `line ${state.line}`, `"<${tag.slice(0, 30)}>" is not an OFX tag`);
  }
  const node: OfxNode = { name, line: state.line, children: NO_CHILDREN };
  const parent = state.stack[state.stack.length - 1] as OfxNode;
  if (parent.children === NO_CHILDREN) parent.children = [];
  parent.children.push(node);
  if (tag.endsWith("/")) node.value = "";
  else state.stack.push(node);
}

function elementName(state: ReaderState, tag: string): string {
  let name = state.names.get(tag);
  if (name === undefined) {
    name = tag.replace(/\/$/, "").split(/\s/)[0]?.toUpperCase() ?? "";
    if (state.names.size < 10_000) state.names.set(tag, name);
  }
  return name;
}

/** A leaf whose value came only from CDATA stays open until the next tag. */
function closePendingCdataLeaf(state: ReaderState): void {
  const top = state.stack[state.stack.length - 1];
  if (top && top.value !== undefined && top.children.length === 0) state.stack.pop();
}

function handleEndTag(state: ReaderState, name: string): void {
  if (state.closedLeaf?.name === name) {
    state.closedLeaf = undefined;
    return;
  }
  state.closedLeaf = undefined;
  const index = findOpen(state.stack, name);
  if (index < 0) return; // an end tag for an element never opened: SGML leniency
  while (state.stack.length > index + 1) {
    const inner = state.stack.pop();
    if (inner && inner.children.length === 0 && inner.value === undefined) inner.value = "";
  }
  const node = state.stack.pop() as OfxNode;
  if (node.children.length === 0 && node.value === undefined) node.value = "";
  if (state.onClose?.(node, state.stack)) {
    state.taken = true;
    const parent = state.stack[state.stack.length - 1];
    if (parent?.children[parent.children.length - 1] === node) parent.children.pop();
  }
}

function findOpen(stack: OfxNode[], name: string): number {
  for (let index = stack.length - 1; index > 0; index--) if (stack[index]?.name === name) return index;
  return -1;
}

export function child(node: OfxNode | undefined, name: string): OfxNode | undefined {
  return node?.children.find((candidate) => candidate.name === name);
}

export function childValue(node: OfxNode | undefined, name: string): string | undefined {
  const found = child(node, name);
  const value = found?.value?.trim();
  return value === undefined || value === "" ? undefined : value;
}

/** Every element with this name under node, not descending into matches. */
export function findAll(node: OfxNode, name: string, found: OfxNode[] = []): OfxNode[] {
  for (const candidate of node.children) {
    if (candidate.name === name) found.push(candidate);
    else findAll(candidate, name, found);
  }
  return found;
}
