// G-4: the download menus a file can be on (db/schema/downloads.ts's download_menu), in the order the forms offer them.
export const FILE_MENUS = ["deep_discovery", "safe_lock", "policy_manager_module", "policy_manager_document", "pattern"] as const;
