import http from "node:http";
import type { AddressInfo } from "node:net";

// The only fake in the suite: Resend's HTTP API at the outer edge (SPEC M). It answers from a script of responses
// and, like Resend, treats a repeated Idempotency-Key as the same e-mail (no second delivery). POST /emails takes one
// mail; POST /emails/batch (M-12's chunks) an array of them, delivered or refused together under the request's key.
export type ScriptedResponse = { status: number; body?: unknown; headers?: Record<string, string> };
export type SentMail = { from: string; to: string[]; subject: string; html: string; text: string; headers?: Record<string, string> };
export type ReceivedRequest = { idempotencyKey: string | undefined; authorization: string | undefined; body: SentMail };
/** A mail the fake accepted as new (a repeated key is not counted again): what a recipient would have received. */
export type DeliveredMail = SentMail & { id: string; idempotencyKey: string | undefined; batch: boolean; authorization: string | undefined };

export async function startFakeResend(options: { delayMs?: number } = {}) {
  const script: ScriptedResponse[] = [];
  const received: ReceivedRequest[] = [];
  const delivered = new Map<string, string>();
  const batches = new Map<string, string[]>();
  const deliveries: DeliveredMail[] = [];
  let counter = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const key = req.headers["idempotency-key"] as string | undefined;
      const batch = req.url?.startsWith("/emails/batch") ?? false;
      const parsed = JSON.parse(raw || "{}") as SentMail | SentMail[];
      const mails = Array.isArray(parsed) ? parsed : [parsed];
      for (const mail of mails) received.push({ idempotencyKey: key, authorization: req.headers.authorization, body: mail });
      const next = script.shift() ?? { status: 200 };
      if (next.status !== 200) {
        res
          .writeHead(next.status, { "content-type": "application/json", ...next.headers })
          .end(JSON.stringify(next.body ?? { statusCode: next.status, name: "application_error", message: "scripted failure" }));
        return;
      }
      const known = key ? (batch ? batches.get(key) : delivered.has(key) ? [delivered.get(key)!] : undefined) : undefined;
      const ids = known ?? mails.map(() => `email_${++counter}`);
      if (!known) {
        if (key && batch) batches.set(key, ids);
        else if (key) delivered.set(key, ids[0]!);
        mails.forEach((mail, index) => deliveries.push({ ...mail, id: ids[index]!, idempotencyKey: key, batch, authorization: req.headers.authorization }));
      }
      const body = batch ? { data: ids.map((id) => ({ id })) } : { id: ids[0] };
      // A provider that takes its time (delayMs): concurrent workers then overlap, as they do against the real one.
      setTimeout(() => res.writeHead(200, { "content-type": "application/json", ...next.headers }).end(JSON.stringify(body)), options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    /** Single mails Resend would have accepted, by idempotency key → id. */
    delivered,
    /** Every mail accepted as new, in order: count a recipient's mails here. */
    deliveries,
    respondWith: (...responses: ScriptedResponse[]) => script.push(...responses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type FakeResend = Awaited<ReturnType<typeof startFakeResend>>;
