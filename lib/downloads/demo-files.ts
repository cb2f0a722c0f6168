import "server-only";
import { Readable } from "node:stream";
import type { Database } from "@/db/client";
import { downloadFiles } from "@/db/schema";
import { blobStore } from "@/lib/blob/store";
import { now } from "@/lib/clock";
import { addToIsoDate } from "@/lib/dates";
import { createPdfDocument } from "@/lib/pdf/document";
import { drawText } from "@/lib/pdf/text";
import { createZip } from "@/lib/zip/create-zip";

// SPEC X-2: the demo seed publishes small files for every download screen — documents as real
// PDFs, modules and pattern files as real zip archives — written to the configured blob store, so that each screen
// has something to list and to download. Keys are fixed per file: seeding twice writes the same bytes.

type DemoFile = {
  menu: (typeof downloadFiles.$inferInsert)["menu"];
  product: string;
  version: string;
  title: string;
  fileName: string;
  daysAgo: number;
  kind: "pdf" | "zip";
  key: string;
};

const FILES: DemoFile[] = [
  {
    menu: "deep_discovery",
    product: "Deep Discovery Inspector",
    version: "6.8",
    title: "管理者ガイド",
    fileName: "DDI_6.8_Administrators_Guide.pdf",
    daysAgo: 40,
    kind: "pdf",
    key: "demo/dd/ddi-6.8-admin-guide.pdf",
  },
  {
    menu: "deep_discovery",
    product: "Deep Discovery Inspector",
    version: "6.8",
    title: "インストールガイド",
    fileName: "Deep Discovery Inspector 6.8 インストールガイド.pdf",
    daysAgo: 40,
    kind: "pdf",
    key: "demo/dd/ddi-6.8-install-guide.pdf",
  },
  {
    menu: "deep_discovery",
    product: "Deep Discovery Analyzer",
    version: "7.5",
    title: "管理者ガイド",
    fileName: "DDAN_7.5_Administrators_Guide.pdf",
    daysAgo: 75,
    kind: "pdf",
    key: "demo/dd/ddan-7.5-admin-guide.pdf",
  },
  {
    menu: "safe_lock",
    product: "Trend Micro Safe Lock",
    version: "3.0 SP1",
    title: "Agent 最新モジュール",
    fileName: "SafeLock_3.0_SP1_Agent.zip",
    daysAgo: 20,
    kind: "zip",
    key: "demo/safe-lock/safe-lock-3.0-sp1-agent.zip",
  },
  {
    menu: "safe_lock",
    product: "Trend Micro Safe Lock",
    version: "3.0 SP1",
    title: "Readme",
    fileName: "SafeLock_3.0_SP1_Readme.pdf",
    daysAgo: 20,
    kind: "pdf",
    key: "demo/safe-lock/safe-lock-3.0-sp1-readme.pdf",
  },
  {
    menu: "policy_manager_module",
    product: "Trend Micro Policy Manager",
    version: "3.0 Patch 2",
    title: "Policy Manager モジュール",
    fileName: "TPM_3.0_Patch2.zip",
    daysAgo: 30,
    kind: "zip",
    key: "demo/policy-manager/tpm-3.0-patch2.zip",
  },
  {
    menu: "policy_manager_document",
    product: "Trend Micro Policy Manager",
    version: "3.0",
    title: "管理者ガイド",
    fileName: "TPM_3.0_Administrators_Guide.pdf",
    daysAgo: 60,
    kind: "pdf",
    key: "demo/policy-manager/tpm-3.0-admin-guide.pdf",
  },
  {
    menu: "pattern",
    // The product the pattern file is for (D-4's 製品 column), not the file's own name again.
    product: "Apex One / ウイルスバスター コーポレートエディション",
    version: "19.583.00",
    title: "ウイルスパターンファイル",
    fileName: "lpt583.zip",
    daysAgo: 1,
    kind: "zip",
    key: "demo/patterns/lpt583.zip",
  },
  {
    menu: "pattern",
    // The product the pattern file is for (D-4's 製品 column), not the file's own name again.
    product: "Apex One / ウイルスバスター コーポレートエディション",
    version: "2.781.00",
    title: "スパイウェアパターンファイル",
    fileName: "ssaptn781.zip",
    daysAgo: 2,
    kind: "zip",
    key: "demo/patterns/ssaptn781.zip",
  },
];

/** The title a demo document shows (and its viewer's tab): product, version and the document's title, whole. */
function demoDocumentTitle(file: Pick<DemoFile, "product" | "version" | "title">): string {
  return `${file.product} ${file.version} ${file.title}`;
}

/**
 * A one-page PDF saying what the demo file stands for, in the site's Japanese PDF font (lib/pdf): its heading is the
 * whole title — the standard font drew ASCII only, and 「インストールガイド」 fell out of it (issue 29, item 22).
 */
async function demoPdf(file: DemoFile): Promise<Uint8Array> {
  const title = demoDocumentTitle(file);
  const note = `Demo document: ${file.fileName}`;
  const date = new Date("2026-01-01T00:00:00Z");
  const pdf = await createPdfDocument({ text: title + note, title, producer: "Demo", date });
  const page = pdf.addPage();
  drawText(page, title, { x: 50, y: 780, size: 14, font: pdf.fonts.regular, width: 495 });
  drawText(page, note, { x: 50, y: 755, size: 11, font: pdf.fonts.regular, width: 495 });
  return pdf.save();
}

async function contentOf(file: DemoFile): Promise<Uint8Array> {
  if (file.kind === "pdf") return demoPdf(file);
  const readme = Buffer.from(`${file.product} ${file.version}\r\nDemo file of the 法人カスタマーサービス＆サポート demo data.\r\n`, "utf8");
  return createZip([
    { name: "readme.txt", data: readme },
    {
      name: `${file.fileName.replace(/\.zip$/, "")}.bin`,
      data: Buffer.alloc(4096, file.version),
    },
  ]);
}

/** Publishes the demo files when the table is empty (first seed); `today` is the seed's Tokyo date. */
export async function seedDemoDownloads(db: Database, today: string): Promise<void> {
  const existing = await db.select({ id: downloadFiles.id }).from(downloadFiles).limit(1);
  if (existing.length > 0) return;
  const store = await blobStore();
  const rows: (typeof downloadFiles.$inferInsert)[] = [];
  for (const file of FILES) {
    const stored = await store.put(file.key, Readable.from([Buffer.from(await contentOf(file))]), {
      contentType: file.kind === "pdf" ? "application/pdf" : "application/zip",
    });
    rows.push({
      menu: file.menu,
      product: file.product,
      version: file.version,
      title: file.title,
      releaseDate: addToIsoDate(today, { days: -file.daysAgo }),
      fileName: file.fileName,
      contentType: file.kind === "pdf" ? "application/pdf" : "application/zip",
      size: stored.size,
      sha256: stored.sha256,
      storageKey: file.key,
      status: "published",
      publishedAt: now(),
    });
  }
  await db.insert(downloadFiles).values(rows).onConflictDoNothing();
}
