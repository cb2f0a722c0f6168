import { z } from "zod";
import { notFoundResponse, publicRoute } from "@/lib/auth/guards";
import { calendarFeedForToken, feedTokenSchema } from "@/lib/calendar/feed";

export const dynamic = "force-dynamic";

// N-5: the end-date calendar feed. Calendar apps fetch it without a session: the token is the whole authority. A
// malformed, unknown or revoked token gets the same 404 (nothing tells them apart, nothing is written).
const spec = { schema: z.object({ token: feedTokenSchema }), onInvalid: notFoundResponse };

async function feed({ token }: { token: string }): Promise<Response> {
  const body = await calendarFeedForToken(token);
  if (body === null) return notFoundResponse();
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="contract-end-dates.ics"',
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}

export const GET = publicRoute(spec, feed);
export const HEAD = publicRoute(spec, feed);
