import { z } from "zod";
import { receiveContractUpload, streamContractImport } from "@/lib/contract-import/upload";
import { staffRoute } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

// G-6 契約の取り込み (operators, admins: `contracts.import`; anyone else 404): POST the file's bytes
// as the request body, `dryRun` (1: 確認のみ) and the file's name (its extension picks the format) in the query string.
// The answer is JSON lines: progress, then the report (lib/contract-import/upload.ts). Not a server action: its
// body limit is 1 MB, and the upload page shows the upload's progress.
const uploadInput = z.object({
  dryRun: z.enum(["0", "1"]).transform((value) => value === "1"),
  fileName: z.string().max(255).optional(),
});

export const POST = staffRoute({ capability: "contracts.import", schema: uploadInput }, async ({ dryRun, fileName }, { actor, request, locale }) => {
  const upload = await receiveContractUpload(request);
  if (!upload.ok) return Response.json({ error: upload.error }, { status: upload.status, headers: { "Cache-Control": "no-store" } });
  return new Response(streamContractImport({ upload, fileName, dryRun, actor, locale }), {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
});
