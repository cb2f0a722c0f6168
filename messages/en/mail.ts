import type { Shape } from "../shape";
import type ja from "../ja/mail";

// The mails in English: kept in step with messages/ja/mail.ts (the same keys and arguments), although the site sends
// every mail in Japanese (SPEC M).
export default {
  layout: {
    sendOnly: "※ This mail was sent from a send-only address. Replies to it are not read.",
    contact: "{windowName}, phone: {phone} (hours: {hours})",
  },
  common: {
    toContact: "Dear customer,",
    toPerson: "Dear {name},",
    notYou: "※ If you did not expect this mail, please contact the contact desk below.",
  },
  temporaryPassword: {
    subject: "[{vendor}] Corporate Customer Service & Support: temporary password",
    preview: "Your temporary password",
    lead: "A temporary password for {siteName} has been issued. Sign in at the login URL below and set a new password.",
    loginUrl: "Login URL: ",
    open: "Open the login page",
    loginEmail: "Login e-mail address: {email}",
    password: "Temporary password: ",
    validUntil: "※ The temporary password is valid until {expiresAt} and works for one sign-in only.",
    reissue: "※ Issuing another temporary password voids this one.",
    notYou: "※ If you did not ask for it, discard this mail. Your current password keeps working.",
  },
  passwordChanged: {
    subject: "[{vendor}] Corporate Customer Service & Support: your password was changed",
    preview: "Your password was changed",
    body: "Your login password for {siteName} was changed ({changedAt}). You can go on using every service menu of {siteName}.",
    notYou: "※ If you did not change it, someone else may have. Please contact the contact desk ({contactPhone}).",
  },
  contactChange: {
    subject: { complete: "Contract details changed", accepted: "Contract details change received, partly done" },
    lead: {
      complete: "The contract details of License ID {licenseId} were changed on {siteName} ({changedAt}).",
      accepted:
        "A change of the contract details of License ID {licenseId} was received on {siteName} ({changedAt}). Everything except the contract contact's company / branch name has been changed.",
    },
    item: "Item",
    before: "Before",
    after: "After",
    row: "{role} {field}",
    none: "(none)",
    role: { contract: "Contract contact", support: "Support contact" },
    nameChange:
      "The change of the contract contact's company / branch name ({before} → {after}) is checked first and takes about 5 business days (expected by {dueDate}). A “Contract details changed” mail tells you when it is done.",
    emailNote:
      "The {role}'s e-mail address (login ID) was changed to {after}. The new address can sign in from {effectiveAt}; until then, sign in with {before}.",
  },
  nameChangeDecision: {
    subject: { approved: "Contract details changed", rejected: "About your request to change the company / branch name" },
    approved: "The change of the company / branch name of License ID {licenseId} that you requested on {requestedAt} is done ({decidedAt}).",
    before: "Before: {name}",
    after: "After: {name}",
    rejected:
      "The change of the company / branch name of License ID {licenseId} that you requested on {requestedAt} ({before} → {after}) could not be accepted after review ({decidedAt}).",
    reason: "Reason: {note}",
    again: "Please check the details and request the change again on {siteName}, or contact the contact desk below.",
  },
  issuance: {
    title: {
      apex_one: "Apex One / Virus Buster Corp. activation code",
      virus_buster: "Virus Buster for business serial number",
      offline: "offline activation code",
    },
    codeLabel: { apex_one: "activation code", virus_buster: "serial number", offline: "activation code" },
    product: "Product",
    quantity: "Quantity",
    keepSafe: "※ The {codeLabel} is needed to use the product. Keep it safe and do not share it.",
    url: {
      subject: "[{vendor}] Issue URL for your {title}",
      preview: "Issue URL for your {title}",
      lead: "Your request for an {title} for License ID {licenseId} was received on {siteName} ({requestedAt}). It is as follows.",
      contactEmail: "Contact e-mail address: {email}",
      notYet: "The {codeLabel} has not been issued yet. Open the issue URL below, check the request and press “Request issue”.",
      urlLabel: "Issue URL: ",
      validUntil: "※ The issue URL is valid until {expiresAt} and works once.",
      signIn: "※ Opening it needs a sign-in with the account that made the request.",
      resend: "※ After it expires, you can have it sent again from the contract's page on {siteName} (or request again).",
    },
    complete: {
      subject: "[{vendor}] Your {title} has been issued",
      preview: "Your {title} has been issued",
      lead: "The {title} for License ID {licenseId} was issued on {siteName} ({issuedAt}). The issued {codeLabel} is as follows.",
      detail: "The issued {codeLabel} is also shown on {siteName}, on the page of License ID {licenseId} under “License details”.",
    },
  },
  apexCentral: {
    subject: "{vendor} product activation code",
    preview: "Your activation code",
    lead: "The activation code for {productName} of License ID {licenseId} was issued on {siteName} ({issuedAt}). It is as follows.",
    product: "Product",
    quantity: "Quantity",
    code: "Activation code",
    supportEndDate: "Support end date",
  },
  staffLink: {
    subject: {
      invite: "[{vendor}] {siteName}: invitation to the staff area",
      reset: "[{vendor}] {siteName}: staff area password reset",
    },
    preview: { invite: "Invitation to the staff area", reset: "Password reset" },
    lead: {
      invite: "{invitedBy} invited you to the staff area of {siteName}. Set your password through the link below.",
      reset: "{invitedBy} asked for a new staff area password for you on {siteName}. Set a new password through the link below.",
    },
    validUntil: "The link is valid until {expiresAt} and works once. At your first sign-in after setting the password you set up two-factor authentication.",
    notYou: "※ If you did not expect this mail, discard it without opening the link.",
  },
  // M-13 (N-3, beyond the manual): the renewal reminders, 90/60/30 days before the end date.
  renewalReminder: {
    subject: "[{vendor}] Your license contracts end in {days, number} days",
    preview: "Contracts ending in {days, number} days",
    lead: "Thank you for using {siteName}. {count, plural, one {The contract below ends} other {The # contracts below end}} in {days, number} days. To keep using them, please consider renewing.",
    licenseId: "License ID",
    product: "Product",
    endDate: "End date",
    quote: "Reference renewal price",
    quoteLink: "Calculate the reference renewal price",
    noQuote: "— (please ask your reseller or our contact desk)",
    list: "See all your contracts in the <link>license list</link>.",
    stop: "You can stop these notices per contract in <settings>mail settings</settings>. To stop every end-date notice, <unsubscribe>unsubscribe</unsubscribe>.",
  },
  supportInformation: {
    backNumbers: "Back numbers are <link>here</link>.",
    unsubscribe:
      "To stop receiving Support Information mails, go to <unsubscribe>unsubscribe</unsubscribe>; to change your mail settings, go to <settings>mail settings</settings>.",
  },
} satisfies Shape<typeof ja>;
