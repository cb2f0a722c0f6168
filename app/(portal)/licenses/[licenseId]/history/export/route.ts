import { customerRoute, notFoundResponse } from "@/lib/auth/guards";
import { now } from "@/lib/clock";
import { csvResponse, csvStream } from "@/lib/csv";
import { formatDateTime, tokyoDate } from "@/lib/dates";
import { translator } from "@/lib/i18n";
import { describeHistoryEntry, iterateContractHistory, listContractHistory } from "@/lib/licenses/history";
import { historyExportInput } from "@/lib/validation/history";

export const dynamic = "force-dynamic";

// N-4 変更履歴 CSV出力: the whole history, newest first, in the page's words (describeHistoryEntry), each entry's
// changes one line each in one cell. UTF-8 with BOM, CRLF, formula-safe cells (lib/csv.ts), as B-1's CSV. A contract
// the customer may not see, or a malformed ID, is 404 — checked before the first byte is sent.
export const GET = customerRoute({ schema: historyExportInput, onInvalid: notFoundResponse }, async ({ licenseId }, { actor, locale }) => {
  if (!(await listContractHistory({ actor, licenseId, limit: 1 }))) return notFoundResponse();
  const t = translator(locale);
  const header = (["at", "actor", "action", "changes"] as const).map((key) => t(`licenses.history.${key}`));
  const stream = csvStream(header, iterateContractHistory({ actor, licenseId }), (entry) => {
    const described = describeHistoryEntry(t, entry);
    return [formatDateTime(entry.at), described.actor, described.action, described.lines.map((line) => line.text).join("\n")];
  });
  const filename = `license-${licenseId}-history-${tokyoDate(now()).replaceAll("-", "")}.csv`;
  return csvResponse(stream, filename);
});
