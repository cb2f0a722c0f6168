import "server-only";

// The few places where PGlite and postgres.js differ (STACK.md), behind one helper.

/** Rows of `db.execute()`: PGlite answers `{ rows }`, postgres.js an array. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

type DriverError = { code?: string; constraint?: string; constraint_name?: string };

function driverError(error: unknown): DriverError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const candidate = current as DriverError & { cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return undefined;
}

/** SQLSTATE of a database error (23505 = unique violation on both engines), wherever Drizzle wrapped it. */
export function pgErrorCode(error: unknown): string | undefined {
  return driverError(error)?.code;
}

export function pgConstraint(error: unknown): string | undefined {
  const e = driverError(error);
  return e?.constraint ?? e?.constraint_name;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return pgErrorCode(error) === "23505" && (constraint === undefined || pgConstraint(error) === constraint);
}

/** A bigint from raw SQL: a number on PGlite, a string on postgres.js. */
export function toNumber(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}
