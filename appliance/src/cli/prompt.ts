// Reading a passphrase from a person at the console without echoing it, or
// line by line from a pipe (for scripts and tests).

async function readHidden(question: string): Promise<string> {
  process.stderr.write(question);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  let typed = "";
  try {
    for await (const chunk of stdin) {
      for (const char of String(chunk)) {
        if (char === "\r" || char === "\n") return typed;
        if (char === "\u0003") throw new Error("cancelled");
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else typed += char;
      }
    }
    return typed;
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write("\n");
  }
}

let pipedLines: string[] | null = null;

async function readPipedLine(question: string): Promise<string> {
  process.stderr.write(question);
  pipedLines ??= (await Bun.stdin.text()).split(/\r?\n/);
  const line = pipedLines.shift();
  if (line === undefined || (line === "" && pipedLines.length === 0)) throw new Error("no more input");
  process.stderr.write("\n");
  return line;
}

export function askSecret(question: string): Promise<string> {
  return process.stdin.isTTY ? readHidden(question) : readPipedLine(question);
}
