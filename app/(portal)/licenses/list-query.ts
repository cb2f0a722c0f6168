import type { LicenseListQuery } from "@/lib/licenses/queries";
import type { LicenseListParams } from "@/lib/validation/licenses";

/** B-1: the URL's conditions as the list's filters and order; the page and its CSV export read the same ones. */
export function licenseListQuery(params: LicenseListParams): Omit<LicenseListQuery, "page" | "pageSize"> {
  return {
    licenseId: params.licenseId,
    status: params.status,
    product: params.product,
    endingWithinDays: params.within,
    supportEndFrom: params.from,
    supportEndTo: params.to,
    sort: params.sort,
    direction: params.dir,
  };
}
