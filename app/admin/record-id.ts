import { z } from "zod";

/** A staff record's id as the address or a form carries it: 1 to 10 digits, no leading zero. */
export const recordIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number);
