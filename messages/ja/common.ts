export default {
  skipToContent: "本文へ移動",
  backToTop: "法人カスタマーサービス＆サポートトップに戻る",
  notFoundTitle: "ページが見つかりません",
  notFoundBody: "お探しのページは移動または削除されたか、URLが正しくない可能性があります。",
  errorTitle: "エラーが発生しました",
  errorBody: "申し訳ございません。処理中にエラーが発生しました。しばらくしてから再度お試しください。",
  retry: "再読み込み",
  unavailableTitle: "ただいまご利用いただけません",
  unavailableBody: "システムに一時的に接続できない状態です。数秒から数分で復旧しますので、しばらくしてから再読み込みしてください。",
  invalidInput: "入力内容をご確認ください。",
  // Punctuation that differs between the locales: a label before its value, a parenthesised note, the mark of a
  // required field (the manual's ※).
  colon: "：",
  parenthesized: "（{text}）",
  requiredMark: "※",
} as const;
