import "server-only";

// SPEC C-1 … C-4: which contracted product may obtain what. The products are the catalog's codes (products.code);
// a deployment with other product codes changes this table, nothing else.
export type IssuanceKind = "apex_one" | "virus_buster" | "apex_central" | "offline";
/** The forms that mail an issuance URL and issue on its confirmation (C-1, C-2, C-4). */
export type MailedIssuanceKind = Exclude<IssuanceKind, "apex_central">;

type FormRule = {
  /** The route under /activation-codes (SPEC R). */
  slug: string;
  /** What ② must start with (C-1, C-2: 「OS－」から始まるアクティベーションコード); null: any code of the line (C-4). */
  codePrefix: "OS" | null;
  /** ① must hold a line of one of these products (ordered, not one issued here); each offers its products. */
  offers: Record<string, string[]>;
};

export const ISSUANCE_FORMS: Record<IssuanceKind, FormRule> = {
  // C-1: ウイルスバスター コーポレートエディション Plus or Client/Server Suite Premium → Apex One.
  apex_one: { slug: "apex-one", codePrefix: "OS", offers: { VBCE_PLUS: ["APEX_ONE"], CSSP: ["APEX_ONE"] } },
  // C-2: ウイルスバスター コーポレートエディション (Plus included) or Apex One, not the server edition → 法人用ウイルスバスター.
  virus_buster: { slug: "virus-buster", codePrefix: "OS", offers: { VBCE: ["VB_CORPORATE"], VBCE_PLUS: ["VB_CORPORATE"], APEX_ONE: ["VB_CORPORATE"] } },
  // C-3: Apex Central's own (更新用) activation code.
  apex_central: { slug: "apex-central", codePrefix: null, offers: { APEX_CENTRAL: ["APEX_CENTRAL"] } },
  // C-4: an offline code needs the online product's contract and code.
  offline: {
    slug: "offline",
    codePrefix: null,
    offers: { VBCE_PLUS: ["VBCE_PLUS_OFFLINE"], VBCE: ["VBCE_OFFLINE"], APEX_ONE: ["APEX_ONE_OFFLINE"] },
  },
};

export const MAILED_KINDS = ["apex_one", "virus_buster", "offline"] as const satisfies readonly MailedIssuanceKind[];

export function kindOfSlug(slug: string): IssuanceKind | undefined {
  return (Object.keys(ISSUANCE_FORMS) as IssuanceKind[]).find((kind) => ISSUANCE_FORMS[kind].slug === slug);
}

/** A URL-mailing form's slug, or undefined (the issuance URL exists only under C-1, C-2 and C-4). */
export function mailedKindOfSlug(slug: string): MailedIssuanceKind | undefined {
  const kind = kindOfSlug(slug);
  return kind && kind !== "apex_central" ? kind : undefined;
}

/**
 * SPEC C, "a contract gets at most the quantity it is entitled to" — the quantity rule, written here only: every
 * product a line offers may be issued up to that line's 数量, in total over all the requests based on the line.
 */
export function entitledQuantity(sourceLine: { quantity: number }): number {
  return sourceLine.quantity;
}
