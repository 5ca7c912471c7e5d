// POST /api/banks/bills/propose: vendor, date, amount proposed from a PDF in
// the caller's Drive, for the "This is a bill" dialog to prefill.
import { Elysia, t } from "elysia";
import type { authGuard } from "../../auth";
import { ownerOf } from "../../files";
import { ValidationError } from "../../shared/errors";
import { jsonBody } from "../../shared/http/body";
import type { BillProposer, ProposeTarget } from "./propose.service";

const nullable = <T extends Parameters<typeof t.Union>[0][number]>(schema: T) => t.Union([schema, t.Null()]);

export const proposeBody = t.Object({
  fileId: t.Optional(t.Integer({ minimum: 1, description: "The PDF's id in Drive" })),
  path: t.Optional(t.String({ minLength: 1, maxLength: 4096, description: "Or its Drive path" })),
});

export const billProposalDto = t.Object({
  vendor: nullable(t.String()),
  date: nullable(t.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" })),
  amountMinor: nullable(t.Integer({ description: "Minor units of currency" })),
  currency: nullable(t.String({ description: "ISO 4217" })),
  type: nullable(
    t.Union([t.Literal("energy"), t.Literal("phone"), t.Literal("internet"), t.Literal("health_costs"), t.Literal("insurance"), t.Literal("tax"), t.Literal("other")]),
  ),
  excerpt: nullable(t.String({ description: "The start of the text the proposal was read from" })),
});

function targetOf(body: typeof proposeBody.static): ProposeTarget {
  if (body.fileId !== undefined && body.path === undefined) return { fileId: body.fileId };
  if (body.path !== undefined && body.fileId === undefined) return { path: body.path };
  throw new ValidationError("fileId", "Give the PDF's fileId or its path (one of them).");
}

export function billProposeRoutes(proposer: BillProposer, guard: ReturnType<typeof authGuard>) {
  return new Elysia({ prefix: "/api/banks/bills", tags: ["banks"] })
    .use(guard)
    .post("/propose", async ({ auth, body }) => proposer.propose(ownerOf(auth), targetOf(body)), {
      parse: jsonBody(4096 + 1024),
      body: proposeBody,
      response: { 200: billProposalDto },
      detail: {
        summary: "Propose a bill (vendor, date, amount, currency, type) from a PDF in Drive",
        description:
          "Reads the PDF's first pages with pdftotext; each field is null when the text does not say. Nothing is saved: " +
          "the person confirms or corrects, then POST /api/banks/bills. 404 for a file that is not the caller's, " +
          "422 for a file that is not a PDF, too large, unreadable or too slow to read.",
      },
    });
}
