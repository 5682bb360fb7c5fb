//! `/admin/payments`: the reconciliation check, withdrawal requests to decide, and every
//! ledger transaction with its entries.

use crate::api::admin_ledger::admin_ledger;
use crate::api::decide_withdrawal::DecideWithdrawal;
use crate::domain::payment::TransactionKind;
use crate::dto::payment_views::{AuditRow, ReconciliationView, WithdrawalView};
use crate::ui::components::{FormAlert, use_form_error};
use crate::ui::format;
use crate::ui::pages::earnings::WithdrawalTable;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// `/admin/payments` (admins only).
#[component]
pub fn AdminPaymentsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        query.with(|q| (q.get("kind").unwrap_or_default(), q.get("status").unwrap_or_default()))
    };
    let decide = ServerAction::<DecideWithdrawal>::new();
    let error = use_form_error(decide.value());
    let ledger = Resource::new(
        move || (filter(), decide.version().get()),
        |((kind, status), _)| admin_ledger(kind, status),
    );
    view! {
        <Title text="Payments" />
        <h1>"Payments"</h1>
        <FormAlert error />
        <Transition fallback=|| view! { <p class="loading">"Loading the ledger…"</p> }>
            {move || Suspend::new(async move {
                match ledger.await {
                    Ok(view) => view! {
                        <Reconciliation report=view.reconciliation />
                        <OpenWithdrawals withdrawals=view.withdrawals decide />
                        <Transactions rows=view.transactions />
                    }.into_any(),
                    Err(error) => view! { <p class="alert alert-error">{error.message()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Reconciliation(report: ReconciliationView) -> impl IntoView {
    let (class, headline) = if report.clean {
        (
            "alert alert-success",
            "The ledger reconciles: every account's balance equals its entries and each currency sums to zero.",
        )
    } else {
        ("alert alert-error", "The ledger does NOT reconcile: see the accounts below.")
    };
    view! {
        <section class="card" aria-labelledby="reconciliation-title" data-testid="reconciliation">
            <h2 id="reconciliation-title">"Reconciliation"</h2>
            <p class=class role="status" data-clean=report.clean.to_string()>{headline}</p>
            <p>{format!(
                "{} accounts, {} transactions, {} waiting for a card answer.",
                report.accounts, report.transactions, report.pending
            )}</p>
            {report.mismatched.into_iter().map(|m| view! { <p class="alert alert-error">"Balance mismatch: "{m}</p> }).collect_view()}
            {report.unbalanced.into_iter().map(|u| view! { <p class="alert alert-error">"Does not sum to zero: "{u}</p> }).collect_view()}
            <table class="table">
                <thead><tr><th>"Accounts"</th><th class="num">"Total"</th></tr></thead>
                <tbody>
                    {report.totals.into_iter().map(|(kind, total)| view! {
                        <tr><td>{kind}</td><td class="num">{total.to_string()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn OpenWithdrawals(
    withdrawals: Vec<WithdrawalView>,
    decide: ServerAction<DecideWithdrawal>,
) -> impl IntoView {
    let (open, decided): (Vec<_>, Vec<_>) =
        withdrawals.into_iter().partition(|w| w.status == "requested");
    view! {
        <section aria-labelledby="withdrawals-title">
            <h2 id="withdrawals-title">"Withdrawal requests"</h2>
            {if open.is_empty() {
                view! { <p class="empty">"None waiting."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap"><table class="table" data-testid="open-withdrawals">
                        <thead><tr><th>"Requested"</th><th>"Doctor"</th><th class="num">"Amount"</th><th>"Decision"</th></tr></thead>
                        <tbody>
                            {open.into_iter().map(|w| {
                                let approve_id = w.id.to_string();
                                let reject_id = approve_id.clone();
                                view! {
                                    <tr>
                                        <td>{format::date(w.created_at)}</td>
                                        <td>{w.doctor_name}</td>
                                        <td class="num">{w.amount.to_string()}</td>
                                        <td class="row-actions">
                                            <ActionForm action=decide>
                                                <input type="hidden" name="id" value=approve_id />
                                                <input type="hidden" name="decision" value="approve" />
                                                <button type="submit" class="button">"Approve and pay"</button>
                                            </ActionForm>
                                            <ActionForm action=decide attr:class="reason-form">
                                                <input type="hidden" name="id" value=reject_id />
                                                <input type="hidden" name="decision" value="reject" />
                                                <label class="muted" for=format!("note-{}", w.id)>"Reason"</label>
                                                <input id=format!("note-{}", w.id) name="note" required maxlength="500" />
                                                <button type="submit" class="button-danger">"Reject"</button>
                                            </ActionForm>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
            <details>
                <summary>"Decided requests"</summary>
                <WithdrawalTable withdrawals=decided show_doctor=true />
            </details>
        </section>
    }
}

#[component]
fn Transactions(rows: Vec<AuditRow>) -> impl IntoView {
    let query = use_query_map();
    let kind = move || query.with(|q| q.get("kind").unwrap_or_default());
    let status = move || query.with(|q| q.get("status").unwrap_or_default());
    view! {
        <section aria-labelledby="transactions-title">
            <h2 id="transactions-title">"Transactions"</h2>
            <Form method="GET" action="" attr:class="filters">
                <label for="kind">"Type"</label>
                <select id="kind" name="kind" prop:value=kind>
                    <option value="">"All"</option>
                    {TransactionKind::ALL.into_iter().map(|k| view! { <option value=k.as_str()>{k.label()}</option> }).collect_view()}
                </select>
                <label for="status">"Status"</label>
                <select id="status" name="status" prop:value=status>
                    <option value="">"All"</option>
                    <option value="posted">"Posted"</option>
                    <option value="declined">"Declined"</option>
                    <option value="pending">"Pending"</option>
                </select>
                <button type="submit" class="button-secondary">"Apply"</button>
            </Form>
            <p class="hint">"The newest 200 matching transactions. Amounts are exact (kept as whole cents); the entries of each posted transaction sum to zero."</p>
            {if rows.is_empty() {
                view! { <p class="empty">"No transactions."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap"><table class="table" data-testid="ledger-transactions">
                        <thead><tr><th>"#"</th><th>"Date"</th><th>"Type"</th><th>"Who"</th><th>"Details"</th><th>"Status"</th><th class="num">"Amount"</th><th>"Entries"</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|row| view! {
                                <tr>
                                    <td>{row.id}</td>
                                    <td>{format::date(row.at)}</td>
                                    <td>{row.kind.label()}</td>
                                    <td>{row.user_name.unwrap_or_default()}</td>
                                    <td>
                                        {row.description}
                                        {row.card_last4.map(|l| format!(" · card •••• {l}"))}
                                        {row.appointment_id.map(|a| format!(" · appointment #{a}"))}
                                    </td>
                                    <td>{row.status}</td>
                                    <td class="num">{row.amount.to_string()}</td>
                                    <td><ul class="plain-list">{row.entries.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
    }
}
