import "server-only";

// RFC 4180 quoting; a leading =, +, - or @ is prefixed so that Excel never evaluates a cell as a formula.
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CRLF-terminated line (Excel's line ending). */
export function csvLine(values: string[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/**
 * A streamed CSV body: UTF-8 with a BOM (so that Excel reads Japanese headers right), the header line, then one
 * chunk of lines per pull, so a large export holds one chunk in memory.
 */
export function csvStream<Row>(header: string[], chunks: AsyncGenerator<Row[]>, line: (row: Row) => string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
    },
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map((row) => csvLine(line(row))).join("")));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** A CSV download (B-1, N-4, G-7): never cached, never sniffed as anything but CSV. */
export function csvResponse(body: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
