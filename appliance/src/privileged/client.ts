// The appliance's side of the privileged helper: one connection per command
// to the helper's Unix socket, one JSON line each way, a deadline. Off the
// image (no COZY_PRIVILEGED_SOCKET, e.g. `make run`), every command fails
// with one clear 503 instead of a crash, so the features that need root say
// where they work.
import { AppError } from "../shared/errors";
import { MAX_ANSWER_BYTES, type PrivilegedAnswer, type PrivilegedCommand } from "./protocol";

const DEFAULT_TIMEOUT_MS = 30_000;

/** No helper here: a developer's machine, or the helper's socket is not there. */
export class PrivilegedUnavailableError extends AppError {
  constructor(message = "This works only on the CozyBox image (no privileged helper runs here).") {
    super(503, "only_on_image", message);
  }
}

/** The helper answered, and refused or failed. */
export class PrivilegedCommandError extends AppError {
  constructor(
    readonly helperCode: string,
    message: string,
  ) {
    super(502, "system_refused", message, { helperCode });
  }
}

export class PrivilegedTimeoutError extends AppError {
  constructor(command: string) {
    super(504, "system_timeout", `The system did not finish "${command}" in time.`);
  }
}

/** What the capabilities depend on: tests and dev pass a client with no socket. */
export interface Privileged {
  readonly available: boolean;
  run(command: PrivilegedCommand, args?: Record<string, string>): Promise<string | undefined>;
}

function parseAnswer(line: string): PrivilegedAnswer {
  const answer = JSON.parse(line) as PrivilegedAnswer;
  if (typeof answer !== "object" || answer === null || typeof answer.ok !== "boolean") throw new Error("not an answer");
  return answer;
}

export class PrivilegedClient implements Privileged {
  constructor(
    private readonly socketPath: string | null,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  get available(): boolean {
    return this.socketPath !== null;
  }

  async run(command: PrivilegedCommand, args: Record<string, string> = {}): Promise<string | undefined> {
    if (this.socketPath === null) throw new PrivilegedUnavailableError();
    const line = await this.exchange(this.socketPath, `${JSON.stringify({ command, args })}\n`, command);
    let answer: PrivilegedAnswer;
    try {
      answer = parseAnswer(line);
    } catch {
      throw new PrivilegedCommandError("bad_answer", "The privileged helper gave an answer that is not one.");
    }
    if (!answer.ok) throw new PrivilegedCommandError(answer.error.code, answer.error.message);
    return answer.output;
  }

  /** Sends the request line, resolves with the first answer line. */
  private exchange(path: string, request: string, command: string): Promise<string> {
    return new Promise((resolve, reject) => {
      let received = "";
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const timer = setTimeout(() => settle(() => reject(new PrivilegedTimeoutError(command))), this.timeoutMs);
      const onData = (data: Uint8Array, end: () => void) => {
        received += Buffer.from(data).toString("utf8");
        const newline = received.indexOf("\n");
        if (newline !== -1) settle(() => resolve(received.slice(0, newline)));
        else if (received.length > MAX_ANSWER_BYTES) settle(() => reject(new PrivilegedCommandError("bad_answer", "The helper's answer is too long.")));
        if (settled) end();
      };
      Bun.connect({
        unix: path,
        socket: {
          open: (socket) => void socket.write(request),
          data: (socket, data) => onData(data, () => socket.end()),
          close: () => settle(() => (received ? resolve(received) : reject(new PrivilegedCommandError("no_answer", "The privileged helper closed without answering.")))),
          error: () => settle(() => reject(new PrivilegedUnavailableError("The privileged helper is not answering."))),
        },
      }).catch(() => settle(() => reject(new PrivilegedUnavailableError("The privileged helper is not answering."))));
    });
  }
}
