export * from "./catalog";
export * from "./contracts";
export * from "./accounts";
export * from "./registry";
export * from "./issuance";
export * from "./content";
export * from "./mail";
export * from "./audit";
