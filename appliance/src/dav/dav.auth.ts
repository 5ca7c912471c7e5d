// Who is asking: HTTP Basic with the person's name and one of their app
// passwords (never the main passphrase: AppPasswordService checks only app
// passwords). The web session cookie is deliberately not accepted here, so
// the only credentials /dav/ knows are ones a browser never sends by itself
// to a page that did not ask for them.
import type { AppPasswordService } from "../auth";
import type { Owner } from "../files";
import { TooManyAttemptsError } from "../shared/errors";
import { clientIpOf } from "../shared/http/request-context";
import { DavError } from "./dav.errors";

export const WWW_AUTHENTICATE = 'Basic realm="CozyBox", charset="UTF-8"';
const MAX_HEADER_LENGTH = 1024;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function unauthorized(message: string): DavError {
  return new DavError(401, message, undefined, { "www-authenticate": WWW_AUTHENTICATE });
}

/** "Basic base64(name:password)" -> [name, password], or null when it is not that. */
export function parseBasic(header: string): [string, string] | null {
  if (header.length > MAX_HEADER_LENGTH) return null;
  const match = /^Basic[ ]+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (!match?.[1]) return null;
  let decoded: string;
  try {
    decoded = utf8.decode(Buffer.from(match[1], "base64"));
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  return [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

export async function authenticate(request: Request, appPasswords: AppPasswordService): Promise<Owner> {
  const header = request.headers.get("authorization");
  if (!header) throw unauthorized("Sign in with your name and an app password.");
  const credentials = parseBasic(header);
  if (!credentials) throw unauthorized("Only Basic authentication with an app password is accepted.");
  try {
    const user = await appPasswords.verifyBasic(credentials[0], credentials[1], clientIpOf(request));
    if (!user) throw unauthorized("Wrong name or app password.");
    return { id: user.id, key: user.nameKey };
  } catch (error) {
    if (error instanceof TooManyAttemptsError) {
      throw new DavError(429, error.message, undefined, { "retry-after": String(error.retryAfterSeconds) });
    }
    throw error;
  }
}
