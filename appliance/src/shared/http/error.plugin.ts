// The one place where errors become HTTP answers: {"error":{"code","message"}}
// with the right status. Unexpected errors are logged with the request id and
// answered as a generic 500 that reveals nothing about internals.
import { Elysia, ValidationError as ElysiaValidationError } from "elysia";
import { AppError } from "../errors";
import type { Logger } from "../logger";
import { requestIdOf } from "./request-context";

export interface ErrorBody {
  error: { code: string; message: string; [extra: string]: unknown };
}

function errorResponse(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const body: ErrorBody = { error: { code, message, ...extra } };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

function validationResponse(error: ElysiaValidationError) {
  const first = error.valueError ?? error.all[0];
  const path = first && "path" in first ? String(first.path) : "";
  const field = path.replace(/^\//, "").replaceAll("/", ".") || error.type;
  const reason = first && "message" in first ? String(first.message) : "is invalid";
  const where = error.type === "body" ? "" : ` (${error.type})`;
  return errorResponse(422, "validation_failed", `The field "${field}"${where} ${reason.charAt(0).toLowerCase()}${reason.slice(1)}.`, { field });
}

export function errorPlugin(logger: Logger) {
  return new Elysia({ name: "cozy.errors" }).onError({ as: "global" }, (context) => {
    const response = toErrorResponse(context, logger);
    // Keeps the status where the request log reads it.
    context.set.status = response.status;
    return response;
  });
}

interface ErrorContext {
  code: string | number;
  error: unknown;
  request: Request;
}

function toErrorResponse({ code, error: raised, request }: ErrorContext, logger: Logger): Response {
    // Elysia wraps what a body parser throws in its own ParseError.
    const cause = (raised as { cause?: unknown } | null)?.cause;
    const error = cause instanceof AppError ? cause : raised;
    if (error instanceof AppError) {
      const headers: Record<string, string> = {};
      if (typeof error.details.retryAfter === "number") headers["retry-after"] = String(error.details.retryAfter);
      return errorResponse(error.status, error.code, error.message, error.details, headers);
    }
    switch (code) {
      case "VALIDATION":
        return validationResponse(error as ElysiaValidationError);
      case "PARSE":
        return errorResponse(400, "malformed_body", "The request body could not be parsed.");
      case "NOT_FOUND":
        return errorResponse(404, "not_found", "Not found.");
      case "INVALID_COOKIE_SIGNATURE":
        return errorResponse(400, "invalid_cookie", "A cookie is malformed.");
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      return errorResponse(status, "bad_request", "The request was refused.");
    }
    const requestId = requestIdOf(request);
    logger.error("unexpected error", {
      requestId,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      stack: error instanceof Error ? error.stack?.split("\n").slice(0, 6).join(" | ") : undefined,
    });
    return errorResponse(500, "internal_error", `Something went wrong on the box (request ${requestId}).`, { requestId });
}
