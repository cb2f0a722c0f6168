import { Cell, DataTable } from "@/app/_components/table-head";
import { ListRow, PageTitle, TitledSection } from "@/app/admin/_components/admin-page";
import { listStaff } from "@/lib/staff-accounts/accounts";
import { staffPage } from "@/lib/auth/guards";
import { STAFF_ROLES } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import { InviteForm, RoleForm, RowActions } from "./staff-forms";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.staff.title"), { robots: { index: false } });

// G-1, staff accounts (admins: staff.manage): the list with each member's role, state, TOTP and last sign-in,
// and the invitation. The last enabled admin cannot be disabled or demoted (the actions refuse it and say why).
export default async function StaffAccountsPage() {
  const actor = await staffPage("staff.manage");
  const [t, staff] = await Promise.all([getTranslations(), listStaff(actor)]);
  const s = await getTranslations("admin.staff");
  const roles = STAFF_ROLES.map((value) => ({ value, label: t(`admin.role.${value}`) }));
  return (
    <div>
      <PageTitle title={s("title")} intro={s("intro")} />
      <TitledSection headingId="staff-list" title={s("listTitle")} className="mb-8">
        <DataTable columns={[s("name"), s("email"), s("role"), s("status"), s("mfa"), s("lastLogin"), s("actions")]} data-testid="staff-table">
          <tbody>
            {staff.map((m) => (
              <ListRow key={m.id} data-email={m.email}>
                <Cell label={s("name")} className="p-2" data-i18n-exempt="the staff member's name">
                  {m.name}
                </Cell>
                <Cell label={s("email")} className="p-2 break-all">
                  {m.email}
                </Cell>
                <Cell label={s("role")} className="p-2">
                  {m.status === "disabled" ? (
                    t(`admin.role.${m.role}`)
                  ) : (
                    <RoleForm id={m.id} current={m.role} roles={roles} labels={{ label: s("changeRoleLabel", { name: m.name }), button: s("changeRole") }} />
                  )}
                </Cell>
                <Cell label={s("status")} className="p-2" data-testid="staff-status">
                  {s(`statusLabel.${m.status}`)}
                  {m.status === "invited" && m.linkExpiresAt ? s("invitedUntil", { date: formatDateTime(m.linkExpiresAt) }) : null}
                </Cell>
                <Cell label={s("mfa")} className="p-2">
                  {m.mfa ? s("mfaOn") : s("mfaOff")}
                </Cell>
                <Cell label={s("lastLogin")} className="p-2 tabular-nums">
                  {m.lastLoginAt ? formatDateTime(m.lastLoginAt) : s("never")}
                </Cell>
                <Cell className="p-2">
                  {m.id === actor.accountId ? null : (
                    <RowActions
                      id={m.id}
                      disabled={m.status === "disabled"}
                      mfa={m.mfa}
                      labels={{
                        disable: s("disable"),
                        disableQuestion: s("disableQuestion", { name: m.name }),
                        enable: s("enable"),
                        resetPassword: s("resetPassword"),
                        resetPasswordQuestion: s("resetPasswordQuestion", { name: m.name }),
                        resetPasswordConfirm: s("resetPasswordConfirm"),
                        resetMfa: s("resetMfa"),
                        resetMfaQuestion: s("resetMfaQuestion", { name: m.name }),
                        resetMfaConfirm: s("resetMfaConfirm"),
                        cancel: t("admin.cancel"),
                      }}
                    />
                  )}
                </Cell>
              </ListRow>
            ))}
          </tbody>
        </DataTable>
      </TitledSection>
      <TitledSection headingId="staff-invite" title={s("inviteTitle")}>
        <p className="mb-4 text-sm">{s("inviteIntro")}</p>
        <InviteForm
          roles={roles}
          labels={{ name: s("name"), email: s("email"), role: s("role"), button: s("inviteButton"), required: t("common.requiredMark") }}
        />
      </TitledSection>
    </div>
  );
}
