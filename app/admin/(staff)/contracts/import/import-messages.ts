// The messages of admin.contractImport that the upload form (import-form.tsx) shows: what the page's provider ships
// to the client. Apart from the form, which is a client module: its exports reach a server page only as references.
export const IMPORT_FORM_MESSAGES = [
  "file",
  "fileHint",
  "dryRun",
  "submit",
  "noFile",
  "tooLarge",
  "emptyFile",
  "failed",
  "uploading",
  "reading",
  "applying",
  "resultDryRun",
  "resultApplied",
  "resultRefused",
  "countsCaption",
  "counts",
  "countUnit",
  "errorsHeading",
  "moreErrors",
  "formatLink",
].map((key) => `admin.contractImport.${key}` as const);
