// The C-1…C-4 forms' labels: messages without arguments that the pages (server components) read through the
// request's translator and hand to the client forms as props. A plain module, not the client one: a server component
// that imports a value from a "use client" module gets a client reference, not the value.

/** issuance.<key>, for C-1, C-2 and C-4. */
export const ISSUANCE_KEYS = [
  "back",
  "codeLabel",
  "confirm",
  "contactHeading",
  "doneBody",
  "email",
  "emailConfirm",
  "emailConfirmHint",
  "licenseIdLabel",
  "next",
  "noPaste",
  "notYet",
  "notesHeading",
  "offersHeading",
  "offersHeadingOffline",
  "offlineMailNote",
  "offlineNote",
  "product",
  "quantity",
  "request",
  "reviewHeading",
  "reviewLead",
  "sourceHeading",
  "toMenu",
] as const;

/** issuance.forms.<kind>.<key>, the form's own. */
export const ISSUANCE_FORM_KEYS = ["title", "licenseHint", "codeHint"] as const;

export type IssuanceLabels = Record<(typeof ISSUANCE_KEYS)[number] | (typeof ISSUANCE_FORM_KEYS)[number], string> & {
  notes: string[];
  requiredMark: string;
  emailFormat: string;
  doneTitle: string;
};

/** issuance.apexCentral.<key>, for C-3. */
export const APEX_CENTRAL_KEYS = [
  "contentHeading",
  "termsHeading",
  "supportEndDate",
  "download",
  "issue",
  "doneBody",
  "repeated",
  "downloaded",
  "codeLabel",
] as const;

/** issuance.<key> that C-3 shows as well. */
export const APEX_CENTRAL_ISSUANCE_KEYS = [
  "notesHeading",
  "licenseIdLabel",
  "confirm",
  "back",
  "product",
  "quantity",
  "notYet",
  "toDetail",
  "licenseId",
] as const;

export type ApexCentralLabels = Record<(typeof APEX_CENTRAL_KEYS)[number] | (typeof APEX_CENTRAL_ISSUANCE_KEYS)[number], string> & {
  terms: string[];
  requiredNote: string;
  licenseHint: string;
  requiredMark: string;
  doneTitle: string;
};
