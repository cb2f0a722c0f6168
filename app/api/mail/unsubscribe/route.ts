import { z } from "zod";
import { publicRoute } from "@/lib/auth/guards";
import { unsubscribeWithToken } from "@/lib/support-mail/subscriptions";

export const dynamic = "force-dynamic";

const tokenInput = z.object({ token: z.string().max(600) });

// M-12's List-Unsubscribe URL (RFC 8058). POST (the mail client's one-click, body "List-Unsubscribe=One-Click",
// from the provider's servers: no Origin of ours, no session) unsubscribes; the token is the whole authority. GET —
// a person following the link, or a scanner fetching it — unsubscribes nobody: it leads to the page with a button.
export const POST = publicRoute(
  { schema: tokenInput, crossOrigin: "allowed", onInvalid: () => new Response("invalid token", { status: 400 }) },
  async ({ token }, { clientAddress }) => {
    const outcome = await unsubscribeWithToken({ token, clientAddress });
    return new Response(outcome === "unsubscribed" ? "unsubscribed" : `refused: ${outcome}`, {
      status: outcome === "unsubscribed" ? 200 : 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  },
);

export const GET = publicRoute(
  { schema: tokenInput, onInvalid: () => new Response(null, { status: 303, headers: { Location: "/mail/unsubscribe", "Cache-Control": "no-store" } }) },
  async ({ token }, { request }) => {
    const target = new URL("/mail/unsubscribe", request.url);
    target.searchParams.set("token", token);
    return new Response(null, { status: 303, headers: { Location: `${target.pathname}${target.search}`, "Cache-Control": "no-store" } });
  },
);
