// Typed errors thrown by services. The error plugin turns each into
// {"error":{"code","message"}} with its status; nothing else does.

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra fields safe to show to the client (never internals). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(400, code, message, details);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Sign in to continue.", code = "unauthenticated") {
    super(401, code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(code: string, message: string) {
    super(403, code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = "Not found.") {
    super(404, "not_found", message);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, "payload_too_large", `The request body is larger than ${limitBytes} bytes.`, { limitBytes });
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(expected: string) {
    super(415, "unsupported_media_type", `The request body must be ${expected}.`);
  }
}

export class ValidationError extends AppError {
  constructor(field: string, message: string) {
    super(422, "validation_failed", message, { field });
  }
}

export class TooManyAttemptsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, "too_many_attempts", `Too many attempts, try again in ${retryAfterSeconds} s.`, {
      retryAfter: retryAfterSeconds,
    });
  }
}
