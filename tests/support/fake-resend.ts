import http from "node:http";
import type { AddressInfo } from "node:net";

// The only fake in the suite: Resend's HTTP API at the outer edge (SPEC M). It answers from a script of responses
// and, like Resend, treats a repeated Idempotency-Key as the same e-mail (no second delivery).
export type ScriptedResponse = { status: number; body?: unknown; headers?: Record<string, string> };
export type ReceivedRequest = { idempotencyKey: string | undefined; authorization: string | undefined; body: { from: string; to: string[]; subject: string; html: string; text: string } };

export async function startFakeResend() {
  const script: ScriptedResponse[] = [];
  const received: ReceivedRequest[] = [];
  const delivered = new Map<string, string>();
  let counter = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const key = req.headers["idempotency-key"] as string | undefined;
      received.push({ idempotencyKey: key, authorization: req.headers.authorization, body: JSON.parse(raw || "{}") });
      const next = script.shift() ?? { status: 200 };
      if (next.status === 200) {
        const id = (key && delivered.get(key)) ?? `email_${++counter}`;
        if (key) delivered.set(key, id);
        res.writeHead(200, { "content-type": "application/json", ...next.headers }).end(JSON.stringify({ id }));
      } else {
        res.writeHead(next.status, { "content-type": "application/json", ...next.headers }).end(JSON.stringify(next.body ?? { statusCode: next.status, name: "application_error", message: "scripted failure" }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    /** Distinct e-mails Resend would have delivered (by idempotency key). */
    delivered,
    respondWith: (...responses: ScriptedResponse[]) => script.push(...responses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
