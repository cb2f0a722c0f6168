// G-1: the dashboard's figures, each for the roles whose pages they lead to.
export default {
  heading: "対応が必要なもの",
  none: "いま対応が必要なものはありません。",
  item: {
    nameChangesOverdue: "期限を過ぎた法人名変更の確認",
    nameChangesDue: "確認待ちの法人名変更",
    mailsFailed: "送信に失敗したメール",
    mailsStuck: "30分以上送信待ちのメール",
    signInLocks: "過去24時間にロックされたログイン（アカウント・接続元）",
    supportMailsSending: "送信中のSupport Informationメール",
  },
  // N-3: the day's run of the renewal reminders (M-13).
  reminders: {
    heading: "契約終了日のお知らせ（本日）",
    notRun: "本日はまだ実行されていません（6:00以降、1時間ごとに実行します）。",
    runs: "実行 {runs, number}回（最終 {at}）",
    sent: "送信",
    skipped: "スキップ（配信停止・期間経過）",
    failed: "送信失敗",
  },
  count: "{count, number}件",
} as const;
