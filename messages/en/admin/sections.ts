// the staff area's sections, one file each; index.ts adds them to its own messages.
export { default as staff } from "./staff";
export { default as contractImport } from "./contractImport";
export { default as auditLog } from "./auditLog";
export { default as files } from "./files";
export { default as supportMails } from "./supportMails";
export { default as needs } from "./needs";
export { default as contracts } from "./contracts";
export { default as notices } from "./notices";
