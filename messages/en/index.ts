// the English catalogue. Japanese product names and the manual's proper names stay as they are.
import type { Shape } from "../shape";
import type { Messages } from "../ja";
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

const en = {
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
} satisfies Shape<Messages>;

export default en;
