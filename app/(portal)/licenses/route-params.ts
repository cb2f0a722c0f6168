import { notFound } from "next/navigation";
import { z } from "zod";

/** A license ID from a path or a form: 1 to 15 digits (the contracts' numbering), as a number. */
export const licenseIdParam = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);

/** A record's serial id from a path (a file, a renewal quote, a change receipt): 1 to 10 digits without a leading zero. */
export const serialIdParam = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number);

/** A license page's path segment as the ID; a malformed one is a page that does not exist, like a contract not visible (B-0). */
export function licenseIdOrNotFound(raw: string): number {
  const parsed = licenseIdParam.safeParse(raw);
  if (!parsed.success) notFound();
  return parsed.data;
}
