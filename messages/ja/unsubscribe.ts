export default {
  title: "Support Informationメールの配信停止",
  explain: "下のボタンを押すと、このメールアドレスへのSupport Informationメールの配信を停止します。",
  // N-3: M-13's link stops every renewal reminder to the address.
  remindersTitle: "契約終了日のお知らせの配信停止",
  remindersExplain: "下のボタンを押すと、このメールアドレスへの契約終了日のお知らせ（すべての契約）の配信を停止します。",
  button: "配信を停止する",
  done: "配信を停止しました。再開するには、ログインしてメール配信設定で購読を選んでください。",
  invalid: "このリンクは無効です。メール配信設定から配信を停止してください。",
  expired: "このリンクは有効期限が切れています。メール配信設定から配信を停止してください。",
  settingsHint: "ログインして設定を変更することもできます：",
  settingsLink: "メール配信設定",
} as const;
