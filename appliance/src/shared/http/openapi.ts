import { t } from "elysia";

/** The shape of every error answer, for the OpenAPI document. */
export const errorSchema = t.Object({
  error: t.Object({ code: t.String(), message: t.String() }, { additionalProperties: true }),
});
