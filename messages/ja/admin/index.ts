import staff from "./staff";
import contractImport from "./contractImport";
import auditLog from "./auditLog";
import files from "./files";
import supportMails from "./supportMails";
import needs from "./needs";
import contracts from "./contracts";
import notices from "./notices";
export default {
  title: "スタッフ管理画面",
  dashboard: "ダッシュボード",
  nav: { contractImport: "契約の取り込み", audit: "監査ログ", staff: "スタッフ管理" },
  outbox: "メール送信状況",
  failedMails: "送信に失敗したメール",
  noFailedMails: "送信に失敗したメールはありません。",
  role: { marketer: "マーケティング", operator: "オペレーター", admin: "管理者" },
  signedInAs: "ログイン中",
  passwordChange: "パスワード変更",
  attempts: "試行回数",
  lastError: "エラー",
  retry: "再送",
  retryLabel: "{subject} を再送する",
  retried: "再送を予約しました。",
  retryNotFailed: "このメールはすでに再送済みか、送信に失敗していません。",
  nameChanges: "法人名変更の確認",
  nameChangesIntro: "契約窓口の法人名・支社名の変更依頼です。期限（受付日＋５営業日）を過ぎたものから表示します。",
  nameChangesEmpty: "確認待ちの依頼はありません。",
  requestedAt: "受付日",
  dueDate: "期限",
  overdue: "期限超過",
  currentName: "現在の法人名・支社名",
  requestedName: "依頼された法人名・支社名",
  registryMatch: "法人情報",
  registryCandidates: "法人情報の候補（入力された名称で検索）",
  noRegistryMatch: "一致する法人情報はありません。",
  requestReason: "社名変更理由",
  requester: "依頼者",
  approve: "承認",
  reject: "却下",
  rejectNote: "却下の理由（お客様へのメールに記載されます）",
  approved: "承認しました。お客様に契約内容変更完了メールを送ります。",
  rejected: "却下しました。お客様に理由をお知らせするメールを送ります。",
  alreadyDecided: "この依頼はすでに処理されています。",
  auditExport: "監査ログをCSV出力",
  auditColumns: { at: "日時", actorType: "種別", actorEmail: "操作者", action: "操作", target: "対象", clientAddress: "接続元", details: "詳細" },
  staff,
  contractImport,
  auditLog,
  files,
  supportMails,
  needs,
  contracts,
  notices,
} as const;
