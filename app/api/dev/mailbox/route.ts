import { z } from "zod";
import { isDevMailboxOpenTo } from "@/lib/mail/dev-mailbox";
import { listOutbox } from "@/lib/mail/queries";

export const dynamic = "force-dynamic";

const querySchema = z.object({ to: z.email({ message: "Query parameter 'to' must be an e-mail address." }) });

// SPEC M: GET /api/dev/mailbox?to=ADDRESS → newest first: id, to, from, subject, text, html, createdAt.
export async function GET(request: Request) {
  if (!isDevMailboxOpenTo(request.headers)) return new Response("Not Found", { status: 404 });
  const parsed = querySchema.safeParse({ to: new URL(request.url).searchParams.get("to") ?? undefined });
  if (!parsed.success) return Response.json({ error: z.flattenError(parsed.error).fieldErrors.to?.[0] ?? "Bad request" }, { status: 400 });
  const mails = await listOutbox({ to: parsed.data.to, limit: 100 });
  return Response.json(
    mails.map((m) => ({
      id: m.id,
      to: m.toAddresses,
      from: m.fromAddress,
      subject: m.subject,
      text: m.text,
      html: m.html,
      createdAt: m.createdAt.toISOString(),
      status: m.status,
      template: m.template,
    })),
    { headers: { "Cache-Control": "no-store" } },
  );
}
