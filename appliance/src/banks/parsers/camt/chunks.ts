// A 100,000-entry statement parsed as one XML tree takes gigabytes and many
// seconds, so the document is cut into its entries (<Ntry>, which never
// nest) and a skeleton holding everything else, with an empty <Ntry/> (and
// the same line breaks) in place of each entry. Each piece is checked and
// parsed on its own, and an entry's tree is dropped once read.

import { StatementError } from "../types";

export interface EntryChunk {
  text: string;
  /** Line of the entry's start in the file. */
  line: number;
}

export interface SplitDocument {
  skeleton: string;
  entries: EntryChunk[];
}

const ENTRY_START = /<(?:([A-Za-z_][\w.-]*):)?Ntry[\s>/]/g;

export function splitEntries(text: string): SplitDocument {
  const pieces: string[] = [];
  const entries: EntryChunk[] = [];
  let position = 0;
  let line = 1;
  ENTRY_START.lastIndex = 0;
  for (let match = ENTRY_START.exec(text); match; match = ENTRY_START.exec(text)) {
    const start = match.index;
    line += countLines(text, position, start);
    const end = entryEnd(text, start, match[1], line);
    const entry = text.slice(start, end);
    const breaks = countLines(entry, 0, entry.length);
    pieces.push(text.slice(position, start), `<${match[1] ? `${match[1]}:` : ""}Ntry/>`, "\n".repeat(breaks));
    entries.push({ text: entry, line });
    line += breaks;
    position = end;
    ENTRY_START.lastIndex = end;
  }
  pieces.push(text.slice(position));
  return { skeleton: pieces.join(""), entries };
}

function entryEnd(text: string, start: number, prefix: string | undefined, line: number): number {
  const opening = text.indexOf(">", start);
  if (opening > 0 && text[opening - 1] === "/") return opening + 1; // an empty <Ntry/>
  const closing = `</${prefix ? `${prefix}:` : ""}Ntry>`;
  const end = text.indexOf(closing, start);
  if (opening < 0 || end < 0) {
    throw new StatementError("camt053", `line ${line}`, "an entry (<Ntry>) is never closed; the file looks truncated");
  }
  return end + closing.length;
}

function countLines(text: string, from: number, to: number): number {
  let lines = 0;
  for (let index = text.indexOf("\n", from); index >= 0 && index < to; index = text.indexOf("\n", index + 1)) lines++;
  return lines;
}
