import "server-only";
import { Readable } from "node:stream";
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { Database } from "@/db/client";
import { downloadFiles } from "@/db/schema";
import { blobStore } from "@/lib/blob/store";
import { now } from "@/lib/clock";
import { addToIsoDate } from "@/lib/dates";
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
    product: "ウイルスパターンファイル",
    version: "19.583.00",
    title: "ウイルスパターンファイル",
    fileName: "lpt583.zip",
    daysAgo: 1,
    kind: "zip",
    key: "demo/patterns/lpt583.zip",
  },
  {
    menu: "pattern",
    product: "スパイウェアパターンファイル",
    version: "2.781.00",
    title: "スパイウェアパターンファイル",
    fileName: "ssaptn781.zip",
    daysAgo: 2,
    kind: "zip",
    key: "demo/patterns/ssaptn781.zip",
  },
];

/** A one-page PDF saying what the demo file stands for (ASCII only: the standard font). */
async function demoPdf(file: DemoFile): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText(`${file.fileName.replace(/[^\x20-\x7e]/g, "")}`, {
    x: 50,
    y: 780,
    size: 14,
    font,
  });
  page.drawText(`Demo document: ${file.menu} ${file.version}`, {
    x: 50,
    y: 755,
    size: 11,
    font,
  });
  doc.setTitle(file.fileName);
  doc.setCreationDate(new Date("2026-01-01T00:00:00Z"));
  doc.setModificationDate(new Date("2026-01-01T00:00:00Z"));
  return doc.save();
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
