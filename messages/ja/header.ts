export default {
  serviceNav: "サービスメニュー",
  login: "ログイン",
  logout: "ログアウト",
  languageSwitch: "English",
  languageSwitchLabel: "Switch to English",
  menu: "メニュー",
  // N-1: the signed-in top page's overview, from every page.
  overview: "概要",
  accountNav: "アカウント",
} as const;
