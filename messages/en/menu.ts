import type { Shape } from "../shape";
import type ja from "../ja/menu";
export default {
  contracts: {
    title: "View, change and print contracts",
    items: { licenses: "Your licenses", search: "View, change and print contracts (search by activation code etc.)", faq: "Q&A about license contracts" },
  },
  activation: {
    title: "Activation codes",
    online: "For online environments",
    offline: "For offline environments",
    items: {
      apexOne: "Activation codes for Apex One",
      virusBuster: "Virus Buster for business",
      apexCentral: "Apex Central (formerly TMCM) activation codes",
      offline: "Activation codes for offline environments",
    },
    buttons: {
      apexOne: "Apex One / Virus Buster Corporate Edition",
      virusBuster: "Virus Buster for business",
      apexCentral: "Apex Central (formerly TMCM)",
    },
  },
  downloads: {
    title: "Latest programs and documents",
    items: {
      deepDiscovery: "Deep Discovery™ family documents",
      safeLock: "Trend Micro Safe Lock latest modules",
      policyManager: "Trend Micro Policy Manager™ downloads",
      patterns: "Latest pattern files",
    },
  },
  account: {
    title: "Account settings",
    items: { password: "Change login password", mail: "Mail settings and back numbers", mfa: "Two-factor authentication", calendar: "Calendar feed" },
  },
} satisfies Shape<typeof ja>;
