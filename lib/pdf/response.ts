import "server-only";

/** A PDF for the browser's viewer (inline), or saved under `filename` with `download` ("attachment"); never cached. */
export function pdfResponse(pdf: Uint8Array, filename: string, download: boolean): Response {
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `${download ? "attachment" : "inline"}; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
