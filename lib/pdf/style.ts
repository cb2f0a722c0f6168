import "server-only";
import { rgb } from "pdf-lib";

// The portal's documents share one look: the holdings PDF (SPEC B-3) and every later one.
export const pdfColors = {
  ink: rgb(0.12, 0.14, 0.16),
  muted: rgb(0.34, 0.38, 0.42),
  rule: rgb(0.8, 0.84, 0.87),
  brand: rgb(0.78, 0.06, 0.18),
  headerFill: rgb(0.965, 0.973, 0.98),
};
