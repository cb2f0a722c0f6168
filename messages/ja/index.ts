// every user-facing string of the site, Japanese (the default locale), one file per namespace. Labels are
// the manual's, copied exactly. Messages are ICU MessageFormat (next-intl): {name} is an argument, '{' a literal brace.
import header from "./header";
import top from "./top";
import noticeCategory from "./noticeCategory";
import menu from "./menu";
import notices from "./notices";
import contactPage from "./contactPage";
import common from "./common";
import password from "./password";
import auth from "./auth";
import temporaryPassword from "./temporaryPassword";
import passwordChange from "./passwordChange";
import mfa from "./mfa";
import admin from "./admin/index";
import mailSettings from "./mailSettings";
import unsubscribe from "./unsubscribe";
import licenses from "./licenses";
import contractSearch from "./contractSearch";
import faqLicenses from "./faqLicenses";
import contactChange from "./contactChange";
import issuance from "./issuance";
import renewal from "./renewal";
import downloads from "./downloads";
import fields from "./fields";
import devMailbox from "./devMailbox";
import mail from "./mail";

const ja = {
  header,
  top,
  noticeCategory,
  menu,
  notices,
  contactPage,
  common,
  password,
  auth,
  temporaryPassword,
  passwordChange,
  mfa,
  admin,
  mailSettings,
  unsubscribe,
  licenses,
  contractSearch,
  faqLicenses,
  contactChange,
  issuance,
  renewal,
  downloads,
  fields,
  devMailbox,
  mail,
};

export default ja;
export type Messages = typeof ja;
