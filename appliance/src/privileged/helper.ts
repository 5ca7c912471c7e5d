// CozyBox's privileged helper: the ONE program the appliance can have run as
// root. systemd starts it per connection (cozy-privileged.socket, Accept=yes,
// StandardInput=socket): it reads ONE JSON line from stdin, checks it against
// the fixed command list (protocol.ts) and strict argument rules
// (validate.ts), runs the command without a shell, writes ONE JSON line, and
// exits. Bundled to appliance/dist/privileged.js.
import { loadHelperConfig } from "../config";
import { answerRequest } from "./dispatch";
import { MAX_REQUEST_BYTES, type PrivilegedAnswer } from "./protocol";

/** A caller that connects and says nothing must not keep a root process alive. */
const READ_TIMEOUT_MS = 10_000;

type ReadOutcome = { line: string } | { refusal: PrivilegedAnswer };

function refusal(code: string, message: string): ReadOutcome {
  return { refusal: { ok: false, error: { code, message } } };
}

/** Reads up to the first newline (or the end), refusing more than MAX_REQUEST_BYTES. */
async function readRequestLine(): Promise<ReadOutcome> {
  const chunks: Buffer[] = [];
  let size = 0;
  const timer = setTimeout(() => finish(refusal("timeout", "No request line arrived in time.")), READ_TIMEOUT_MS);
  let finish: (outcome: ReadOutcome) => void = () => undefined;
  const done = new Promise<ReadOutcome>((resolve) => (finish = resolve));
  process.stdin.on("data", (chunk: Buffer) => {
    const newline = chunk.indexOf(10);
    const part = newline === -1 ? chunk : chunk.subarray(0, newline);
    size += part.length;
    if (size >= MAX_REQUEST_BYTES) return finish(refusal("too_large", `The request is longer than ${MAX_REQUEST_BYTES} bytes.`));
    chunks.push(part);
    if (newline !== -1) finish({ line: Buffer.concat(chunks).toString("utf8") });
  });
  process.stdin.on("end", () => finish({ line: Buffer.concat(chunks).toString("utf8") }));
  process.stdin.on("error", () => finish(refusal("bad_request", "The request could not be read.")));
  const outcome = await done;
  clearTimeout(timer);
  process.stdin.pause();
  return outcome;
}

async function main(): Promise<void> {
  const outcome = await readRequestLine();
  const answer = "line" in outcome ? await answerRequest(outcome.line, loadHelperConfig()) : outcome.refusal;
  process.stdout.write(`${JSON.stringify(answer)}\n`, () => process.exit(0));
}

main().catch(() => {
  process.stdout.write(`${JSON.stringify({ ok: false, error: { code: "internal", message: "The helper failed." } })}\n`, () =>
    process.exit(1),
  );
});
