import { notFound } from "next/navigation";
import { licenseIdSchema } from "@/lib/validation/ids";

/** A license page's path segment as the ID; a malformed one is a page that does not exist, like a contract not visible (B-0). */
export function licenseIdOrNotFound(raw: string): number {
  const parsed = licenseIdSchema.safeParse(raw);
  if (!parsed.success) notFound();
  return parsed.data;
}
