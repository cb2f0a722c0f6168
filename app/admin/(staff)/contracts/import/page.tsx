import { Cell, DataTable } from "@/app/_components/table-head";
import { CONTRACT_CSV_HEADER, OPTIONAL_CSV_COLUMNS } from "@/lib/contract-import/format";
import { CONTRACT_UPLOAD_LIMIT_BYTES } from "@/lib/contract-import/upload";
import { staffPage } from "@/lib/auth/guards";
import { getTranslations, messageList } from "@/lib/i18n";
import { ClientMessages } from "@/app/_components/client-messages";
import { ImportForm } from "./import-form";
import { IMPORT_FORM_MESSAGES } from "./import-messages";
import { PageTitle, TitledSection } from "@/app/admin/_components/admin-page";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.contractImport.title"));

/** What a JSON Lines record looks like (the first contract of tests/fixtures/contracts-import/valid.jsonl, shortened). */
const JSONL_EXAMPLE = `{"license_id": 700001, "status": "active", "product_code": "VBCE_PLUS",
 "start_date": "2025-04-01", "end_date": "2026-03-31", "support_end_date": "2026-03-31", "corporate_number": "7123456789012",
 "contract": {"company_name": "株式会社サンプル商事", "branch_name": "東京本社", "department": "情報システム部", "person_name": "山田 太郎",
              "postal_code": "100-0005", "prefecture": "東京都", "address": "千代田区丸の内一丁目1番1号", "phone": "03-1234-5678", "email": "yamada@sample-shoji.example.jp"},
 "support": {"company_name": "株式会社サンプル商事", "person_name": "佐藤 花子", "email": "support@sample-shoji.example.jp", "…": "…"},
 "lines": [{"product_code": "VBCE_PLUS", "quantity": 250, "activation_code": "OS-GCCP-FHH9C-JD1H6-5VDYF-4LLRU-ZN1CU"},
           {"product_code": "APEX_CENTRAL", "quantity": 1, "activation_code": "AC-2KMB-9P2SC-M1R08-Q1GNO-L62MQ-KWITR"}]}`;

// G-6 契約の取り込み (operators, admins: `contracts.import`; anyone else 404): the order system's file
// uploaded, checked (確認のみ) or imported, the report with every fault's line; the format below the form. Large
// files go through the command (npm run contracts:import).
export default async function ContractImportPage() {
  await staffPage("contracts.import");
  const t = await getTranslations();
  const m = await getTranslations("admin.contractImport");
  const limitText = `${CONTRACT_UPLOAD_LIMIT_BYTES / 1024 / 1024} MB`;
  return (
    <div>
      <PageTitle title={m("title")} intro={m("intro")} />
      {/* The form's own messages only, not the format's texts below. */}
      <ClientMessages messages={IMPORT_FORM_MESSAGES}>
        <ImportForm limitBytes={CONTRACT_UPLOAD_LIMIT_BYTES} limitText={limitText} />
      </ClientMessages>
      {/* The file format: column names, literal values and examples are the format's own words, in either language. */}
      <TitledSection
        id="format"
        headingId="format-heading"
        title={m("formatHeading")}
        className="mt-10"
        data-i18n-exempt="the file format: column names, literal values and examples"
      >
        <p className="mb-2 text-sm">{m("formatCsv")}</p>
        <p className="mb-2 text-sm">{m("formatJsonl")}</p>
        <ul className="mb-4 list-disc space-y-1 pl-6 text-sm">
          {messageList(t, "admin.contractImport.formatRules").map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
        <h3 className="mb-1 font-bold">{m("headerLine")}</h3>
        <pre className="mb-4 overflow-x-auto rounded border border-line bg-white p-2 text-xs">
          <code>{CONTRACT_CSV_HEADER.join(",")}</code>
        </pre>
        <div className="mb-4">
          <DataTable columns={[m("columnHeading"), m("labelHeading"), m("requiredHeading")]} className="bg-white" data-testid="import-columns">
            <tbody>
              {CONTRACT_CSV_HEADER.map((column) => (
                <tr key={column} className="border-b border-line">
                  <Cell label={m("columnHeading")} className="p-2 font-mono text-xs">
                    {column}
                  </Cell>
                  <Cell label={m("labelHeading")} className="p-2">
                    {m(`columns.${column}`)}
                  </Cell>
                  <Cell label={m("requiredHeading")} className="p-2">
                    {OPTIONAL_CSV_COLUMNS.has(column) ? m("optional") : m("required")}
                  </Cell>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
        <h3 className="mb-1 font-bold">{m("jsonlExample")}</h3>
        <pre className="overflow-x-auto rounded border border-line bg-white p-2 text-xs">
          <code>{JSONL_EXAMPLE}</code>
        </pre>
      </TitledSection>
    </div>
  );
}
