import { z } from "zod";

// X-3, every integer key a path, a query or a form carries, parsed one way: digits only (no sign, no space, no "1e3",
// no "0x10": " 1 " is no id), so that what reaches a query is a key that can exist — a number past the column's type
// would make PostgreSQL throw ("out of range for type integer") and the page answer 500.

/** The largest value of a PostgreSQL integer, the type of every serial key. */
export const MAX_SERIAL_ID = 2_147_483_647;

/** A serial key (a file, a notice, a mail, a staff member, a request, a quote, a receipt): 1 … 2³¹−1. */
export const serialIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .pipe(z.number().max(MAX_SERIAL_ID));

/** A ライセンスID (a bigint of the vendor's): 1 to 15 digits, within JavaScript's exact integers. */
export const licenseIdSchema = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number)
  .pipe(z.number().min(1));

/** A row version (optimistic locking): 0 … 2³¹−1. */
export const versionSchema = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .pipe(z.number().max(MAX_SERIAL_ID));
