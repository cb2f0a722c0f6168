import { z } from "zod";

// A staff-side destructive action (withdraw, reject, delete, hide, disable, a reset) runs only when the request carries
// the confirmation step's own field: the confirmation's form (app/admin/_components/confirm-action.tsx) is the only
// form that sends it, so that no other button of the page — nor a request made without the step — can act.

/** The confirmation step's field, as the form sends it. */
export const CONFIRM_FIELD = { name: "confirm", value: "yes" } as const;

/** The field in an action's schema: exactly "yes". */
export const confirmedSchema = z.literal(CONFIRM_FIELD.value);
