import { hostOfHeader, type HostAllowlist } from "../shared/http/host-allowlist";
import type { FastHandler } from "../shared/http/server";
import { SECURITY_HEADERS } from "../shared/http/security.plugin";
import type { UiService } from "./ui.service";

function errorResponse(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { ...SECURITY_HEADERS, "content-type": "application/json; charset=utf-8" },
  });
}

/**
 * GET /assets/<hashed name> straight from Bun's router (see server.ts), with
 * the same Host allowlist as every other answer; the UiService was given the
 * security headers to put on its answers.
 */
export function assetFastRoute(service: UiService, hosts: HostAllowlist): FastHandler {
  return (request) => {
    if (!hosts.allows(hostOfHeader(request.headers.get("host") ?? ""))) {
      return errorResponse(421, "host_not_allowed", "This box does not answer to that host name.");
    }
    const url = request.url;
    const start = url.indexOf("/assets/") + "/assets/".length;
    const end = url.indexOf("?", start);
    let name: string;
    try {
      name = decodeURIComponent(url.slice(start, end === -1 ? undefined : end));
    } catch {
      name = ""; // malformed percent-encoding names no asset
    }
    return service.findAsset(name, request) ?? errorResponse(404, "not_found", "No such asset.");
  };
}
