export default {
  serviceNav: "サービスメニュー",
  login: "ログイン",
  logout: "ログアウト",
  languageSwitch: "English",
  languageSwitchLabel: "Switch to English",
  menu: "メニュー",
  accountNav: "アカウント",
} as const;
