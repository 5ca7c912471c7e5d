// WebDAV answers errors with a status and, for the preconditions RFC 4918
// names, a <D:error> body naming the one that failed. The file service's
// typed errors are mapped here to the statuses the RFC gives each case.
import { AppError } from "../shared/errors";

export class DavError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The inside of <D:error>, e.g. "<D:propfind-finite-depth/>". */
    readonly condition?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "DavError";
  }
}

/** What a file service error means for the method that caused it. */
export interface ErrorContext {
  method: string;
}

// ConflictError codes of FilesService, per RFC 4918 (and 7231 for PUT).
function conflictStatus(code: string, method: string): number {
  switch (code) {
    case "exists":
      return method === "MKCOL" ? 405 : 412; // MKCOL §9.3.1; COPY/MOVE with Overwrite: F §9.8.5
    case "parent_missing":
    case "not_a_folder":
      return 409; // an intermediate collection is missing (§9.3.1, §9.7.1, §9.8.5)
    case "is_a_folder":
      return 405; // PUT onto a collection (§9.7.2)
    case "same_place":
    case "into_itself":
    case "is_root":
      return 403; // §9.8.5: source and destination are the same or overlap
    case "write_in_progress":
      return 423; // another upload to the same place is streaming: locked, retry later
    default:
      return 409;
  }
}

export function toDavError(error: unknown, context: ErrorContext): DavError | null {
  if (error instanceof DavError) return error;
  if (!(error instanceof AppError)) return null;
  const status = error.status === 409 ? conflictStatus(error.code, context.method) : error.status;
  const headers: Record<string, string> = {};
  if (typeof error.details.retryAfter === "number") headers["retry-after"] = String(error.details.retryAfter);
  return new DavError(status, error.message, undefined, headers);
}
