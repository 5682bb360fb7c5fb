//! `/earnings`: a doctor's earnings per month and per appointment, and withdrawal requests.

use crate::api::my_earnings::my_earnings;
use crate::api::request_withdrawal::RequestWithdrawal;
use crate::domain::Field;
use crate::domain::money::Currency;
use crate::dto::payment_views::{EarningsView, WithdrawalView};
use crate::ui::components::{FormAlert, PageData, TextField, use_form_error, use_successes};
use crate::ui::format;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/earnings` (doctors).
#[component]
pub fn EarningsPage() -> impl IntoView {
    let request = ServerAction::<RequestWithdrawal>::new();
    let requested = use_successes(request);
    let earnings = Resource::new(move || requested.get(), |_| my_earnings());
    view! {
        <Title text="Earnings" />
        <h1>"Earnings"</h1>
        <PageData resource=earnings loading="Loading earnings…" sign_in_for="to see your earnings."
            content=move |earnings| view! { <EarningsContent earnings request /> }
        />
    }
}

#[component]
fn EarningsContent(
    earnings: EarningsView,
    request: ServerAction<RequestWithdrawal>,
) -> impl IntoView {
    let error = use_form_error(request.value());
    let default = earnings.default_currency;
    let available = earnings.available.clone();
    let balances = if earnings.balances.is_empty() {
        view! { <p class="empty">"Nothing yet: completed visits add their fee here, less the platform's cut."</p> }.into_any()
    } else {
        earnings.balances.iter().zip(available.iter()).map(|(balance, free)| view! {
            <div class="card balance">
                <p class="muted">{format!("Earnings held ({})", balance.currency.code())}</p>
                <p class="balance-amount" data-testid=format!("earnings-{}", balance.currency.code())>{balance.to_string()}</p>
                <p class="hint">{format!("{free} available to withdraw")}</p>
            </div>
        }).collect_view().into_any()
    };
    view! {
        <section class="cards wallet-balances" aria-label="Balances">{balances}</section>
        <section class="card" aria-labelledby="withdraw-title">
            <h2 id="withdraw-title">"Request a withdrawal"</h2>
            {move || matches!(request.value().get(), Some(Ok(_))).then(|| view! {
                <p class="alert alert-success" role="status">"Request sent. An admin will review it."</p>
            })}
            <FormAlert error />
            <ActionForm action=request attr:class="form form-columns">
                <TextField label="Amount" field=Field::Amount error max_len=20 />
                <div class="field">
                    <label for="currency">"Currency"</label>
                    <select id="currency" name="currency">
                        {Currency::ALL.into_iter().map(|c| view! {
                            <option value=c.code() selected=c == default>{c.code()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="actions">
                    <button type="submit" class="button" disabled=move || request.pending().get()>"Request withdrawal"</button>
                </div>
            </ActionForm>
        </section>
        <h2>"By month"</h2>
        {if earnings.months.is_empty() {
            view! { <p class="empty">"No completed or cancelled paid visits yet."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap"><table class="table" data-testid="earnings-months">
                    <thead><tr><th>"Month"</th><th class="num">"Visits"</th><th class="num">"Fees kept"</th><th class="num">"Platform fee"</th><th class="num">"Your earnings"</th></tr></thead>
                    <tbody>
                        {earnings.months.into_iter().map(|m| view! {
                            <tr>
                                <td>{m.month}</td>
                                <td class="num">{m.visits}</td>
                                <td class="num">{m.gross.to_string()}</td>
                                <td class="num">{m.platform_cut.to_string()}</td>
                                <td class="num">{m.net.to_string()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table></div>
            }.into_any()
        }}
        <h2>"By appointment"</h2>
        {if earnings.lines.is_empty() {
            view! { <p class="empty">"None yet."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap"><table class="table" data-testid="earnings-lines">
                    <thead><tr><th>"Visit"</th><th>"Patient"</th><th>"Outcome"</th><th class="num">"Fee"</th><th class="num">"Platform fee"</th><th class="num">"Your earnings"</th></tr></thead>
                    <tbody>
                        {earnings.lines.into_iter().map(|l| view! {
                            <tr>
                                <td>{format::date(l.start)}" · #"{l.appointment_id.to_string()}</td>
                                <td>{l.patient_name}</td>
                                <td>{l.description}</td>
                                <td class="num">{l.fee.to_string()}</td>
                                <td class="num">{l.platform_cut.to_string()}</td>
                                <td class="num">{l.net.to_string()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table></div>
            }.into_any()
        }}
        <h2>"Withdrawal requests"</h2>
        <WithdrawalTable withdrawals=earnings.withdrawals show_doctor=false />
    }
}

/// Withdrawal requests as a table (shared with the admin page, which adds decisions).
#[component]
pub fn WithdrawalTable(withdrawals: Vec<WithdrawalView>, show_doctor: bool) -> impl IntoView {
    if withdrawals.is_empty() {
        return view! { <p class="empty">"No withdrawal requests."</p> }.into_any();
    }
    view! {
        <div class="table-wrap"><table class="table" data-testid="withdrawals">
            <thead><tr>
                <th>"Requested"</th>
                {show_doctor.then(|| view! { <th>"Doctor"</th> })}
                <th class="num">"Amount"</th><th>"Status"</th><th>"Note"</th>
            </tr></thead>
            <tbody>
                {withdrawals.into_iter().map(|w| view! {
                    <tr>
                        <td>{format::date(w.created_at)}</td>
                        {show_doctor.then(|| view! { <td>{w.doctor_name.clone()}</td> })}
                        <td class="num">{w.amount.to_string()}</td>
                        <td><span class=withdrawal_class(&w.status)>{withdrawal_label(&w.status)}</span></td>
                        <td>{w.note}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table></div>
    }
    .into_any()
}

fn withdrawal_class(status: &str) -> &'static str {
    match status {
        "approved" => "status status-ok",
        "rejected" => "status status-off",
        _ => "status status-pending",
    }
}

fn withdrawal_label(status: &str) -> &'static str {
    match status {
        "approved" => "Paid out",
        "rejected" => "Rejected",
        _ => "Waiting for approval",
    }
}
