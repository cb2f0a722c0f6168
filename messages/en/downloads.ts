import type { Shape } from "../shape";
import type ja from "../ja/downloads";
export default {
  columns: { title: "File", product: "Product", version: "Version", releaseDate: "Released", size: "Size", sha256: "SHA-256", download: "Download" },
  none: "No file is published at present.",
  // The exact size, in the size cell's tooltip.
  sizeBytes: "{bytes, number} bytes",
  download: "Download",
  sha256Hint: "Check that the SHA-256 hash of the downloaded file matches.",
  deepDiscovery: { intro: "Documents (PDF) of the Deep Discovery™ family, by product and version." },
  safeLock: {
    intro: "Enter the license ID of a valid Trend Micro Safe Lock contract and its activation code.",
    licenseId: "1. License ID",
    code: "2. Activation code",
    codePrefix: "SO-",
    codeHint: "Enter the part of the activation code after “SO-” (pasting the whole code works too).",
    next: "Next",
    listTitle: "Download list",
    listLead: "The files available with the contract of license ID {licenseId}.",
    again: "Show for another license ID",
    notSafeLock: "The license ID is not a valid Trend Micro Safe Lock contract. Check the license information and enter it again.",
    codeMismatch: "The activation code does not belong to the contract of the license ID. Check the license information and enter it again.",
    codeFormat: "The activation code is not in the expected form. Enter the part after “SO-” in half-width letters and digits.",
  },
  policyManager: {
    intro: "Press “Go to the site >” for the module site or the document site, then get the files you need.",
    modules: "Modules (compressed files)",
    documents: "Documents (PDF)",
    siteLink: "Go to the site >",
    modulesTitle: "Trend Micro Policy Manager™ modules",
    documentsTitle: "Trend Micro Policy Manager™ documents",
    back: "Back to the Trend Micro Policy Manager™ download site",
  },
  patterns: { intro: "Press “Pattern file” to get the latest pattern file (a zip file).", button: "Pattern file", name: "Name" },
} satisfies Shape<typeof ja>;
