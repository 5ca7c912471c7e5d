// A 100,000-entry statement parsed as one XML tree takes gigabytes and many
// seconds, so the document is cut into its entries (<Ntry>, which never
// nest) and a skeleton holding everything else, with an empty <Ntry/> (and
// the same line breaks) in place of each run of consecutive entries, its
// count="n" saying how many it stands for. Each piece is checked and parsed
// on its own, and an entry's tree is dropped once read.

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

interface Run {
  /** Index in the skeleton's pieces of the placeholder standing for this run. */
  piece: number;
  count: number;
  tag: string;
}

export function splitEntries(text: string): SplitDocument {
  const pieces: string[] = [];
  const entries: EntryChunk[] = [];
  let run: Run | undefined;
  let position = 0;
  let line = 1;
  ENTRY_START.lastIndex = 0;
  for (let match = ENTRY_START.exec(text); match; match = ENTRY_START.exec(text)) {
    const between = text.slice(position, match.index);
    line += countLines(between);
    const end = entryEnd(text, match.index, match[1], line);
    const entry = text.slice(match.index, end);
    const tag = `${match[1] ? `${match[1]}:` : ""}Ntry`;
    pieces.push(between);
    if (run && run.tag === tag && between.trim() === "") run.count++;
    else run = { piece: pieces.push("") - 1, count: 1, tag };
    pieces[run.piece] = `<${tag} count="${run.count}"/>`;
    const breaks = countLines(entry);
    pieces.push("\n".repeat(breaks)); // keeps the skeleton's line numbers those of the file
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

function countLines(text: string): number {
  let lines = 0;
  for (let index = text.indexOf("\n"); index >= 0; index = text.indexOf("\n", index + 1)) lines++;
  return lines;
}
