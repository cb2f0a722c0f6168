import { z } from "zod";
import { licenseIdSchema, MAX_SERIAL_ID } from "./ids";

// N-4 変更履歴: the keyset cursor of the history's pages. A row is placed by (created_at, source, id), newest first;
// the cursor is the last row shown, written `<microseconds since the epoch>_<source>_<id>` — microseconds, not a
// JavaScript Date, because PostgreSQL keeps them and two rows a few microseconds apart must not be one position.

export const HISTORY_SOURCES = ["history", "quote", "request"] as const;
export type HistorySource = (typeof HISTORY_SOURCES)[number];

export type HistoryCursor = { atMicros: string; source: HistorySource; id: number };

export const historyCursorSchema = z
  .string()
  .regex(/^\d{1,16}_(history|quote|request)_[1-9]\d{0,9}$/)
  .transform((value): HistoryCursor => {
    const [atMicros, source, id] = value.split("_") as [string, HistorySource, string];
    return { atMicros, source, id: Number(id) };
  })
  .refine((cursor) => cursor.id <= MAX_SERIAL_ID);

export function formatHistoryCursor(cursor: HistoryCursor): string {
  return `${cursor.atMicros}_${cursor.source}_${cursor.id}`;
}

/** /licenses/[licenseId]/history: the path's ID and an optional cursor (repeated or malformed: invalid). */
export const historyPageInput = z.object({ before: historyCursorSchema.optional() });

/** /licenses/[licenseId]/history/export: the path's ID only (the CSV is the whole history). */
export const historyExportInput = z.object({ licenseId: licenseIdSchema });
