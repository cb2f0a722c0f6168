"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { customerAction } from "@/lib/auth/guards";
import { createCalendarFeed, revokeCalendarFeed } from "@/lib/calendar/feed";
import type { FormState } from "@/lib/validation/form-state";
import { confirmedSchema } from "@/lib/validation/confirm";

/**
 * The feed URL comes back once, to the login that has just made it, and is never stored or shown again (like the MFA
 * recovery codes): the one exception to FormState's "no token in state", since showing it is the point.
 */
export type CalendarFeedState = FormState & { feedUrl?: string };

// N-5 「URLを発行する」 / 「URLを再発行」 (issue) and 「無効にする」 (revoke). Replacing or revoking a URL that a calendar
// uses runs only from the page's confirmation step (CONFIRM_FIELD); the first issue needs none (an issue without it
// while a feed is active changes nothing: a second tab's stale 「URLを発行する」).
const feedInput = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("issue"), confirm: confirmedSchema.optional() }),
  z.object({ intent: z.literal("revoke"), confirm: confirmedSchema }),
]);

export const calendarFeedAction = customerAction(
  { schema: feedInput, next: "/account/calendar", onInvalid: (): CalendarFeedState => ({ status: "error" }) },
  async (input, { actor, t }): Promise<CalendarFeedState> => {
    let state: CalendarFeedState;
    if (input.intent === "issue") {
      const created = await createCalendarFeed({ actor, replace: input.confirm === "yes" });
      state =
        created === "active"
          ? { status: "error", message: t("calendarFeed.alreadyActive") }
          : { status: "success", message: t("calendarFeed.issued"), feedUrl: created.url };
    } else {
      const revoked = await revokeCalendarFeed({ actor });
      state = { status: revoked ? "success" : "error", message: t(revoked ? "calendarFeed.revoked" : "calendarFeed.notActive") };
    }
    revalidatePath("/account/calendar");
    return state;
  },
);
