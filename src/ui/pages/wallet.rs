//! `/wallet`: a patient's balance, card deposits, and history with filters and CSV export.

use super::card_refund_form::CardRefundForm;
use crate::api::deposit::Deposit;
use crate::api::my_wallet::my_wallet;
use crate::api::send_credit_to_card::SendCreditToCard;
use crate::domain::Field;
use crate::domain::money::Currency;
use crate::domain::payment::TransactionKind;
use crate::dto::payment_views::{HistoryRow, WalletView};
use crate::error::AppError;
use crate::paths;
use crate::ui::components::{FormAlert, TextField, use_form_error, use_successes};
use crate::ui::format;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// `/wallet` (patients).
#[component]
pub fn WalletPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        query.with(|q| {
            (
                q.get("kind").unwrap_or_default(),
                q.get("from").unwrap_or_default(),
                q.get("to").unwrap_or_default(),
            )
        })
    };
    let deposit = ServerAction::<Deposit>::new();
    // Reload (balance, history, a fresh key) after each successful deposit only, so a declined
    // card keeps what was typed.
    let deposits_done = use_successes(deposit);
    let refund = ServerAction::<SendCreditToCard>::new();
    let refunds_done = use_successes(refund);
    let wallet = Resource::new(
        move || (filter(), deposits_done.get(), refunds_done.get()),
        |((kind, from, to), _, _)| my_wallet(kind, from, to),
    );
    view! {
        <Title text="Wallet" />
        <h1>"Wallet"</h1>
        <Transition fallback=|| view! { <p class="loading">"Loading your wallet…"</p> }>
            {move || Suspend::new(async move {
                match wallet.await {
                    Ok(wallet) => view! { <WalletContent wallet deposit refund /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <p class="alert alert-info">"Please " <a href=paths::LOGIN>"sign in"</a> " to see your wallet."</p>
                    }.into_any(),
                    Err(error) => view! {
                        <p class="alert alert-error" role="alert" data-error-code=error.code()>{error.message()}</p>
                        <p><a href=paths::WALLET>"Show the whole history"</a></p>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn WalletContent(
    wallet: WalletView,
    deposit: ServerAction<Deposit>,
    refund: ServerAction<SendCreditToCard>,
) -> impl IntoView {
    let balances = wallet.balances.clone();
    view! {
        <section class="cards wallet-balances" aria-label="Balances">
            {balances.into_iter().map(|money| view! {
                <div class="card balance">
                    <p class="muted">{format!("Balance ({})", money.currency.code())}</p>
                    <p class="balance-amount" data-testid=format!("balance-{}", money.currency.code())>{money.to_string()}</p>
                </div>
            }).collect_view()}
        </section>
        {if wallet.cards_accepted {
            view! { <DepositForm wallet=wallet.clone() deposit /> }.into_any()
        } else {
            view! {
                <section class="card" data-testid="no-card-deposits">
                    <h2>"Add money"</h2>
                    <p>"This clinic does not take card payments online: add money to your wallet at the reception."</p>
                </section>
            }.into_any()
        }}
        {wallet.cards_accepted.then(|| view! {
            <CardRefundForm refundable=wallet.refundable.clone() key=wallet.refund_key action=refund />
        })}
        <History rows=wallet.history />
    }
}

#[component]
fn DepositForm(wallet: WalletView, deposit: ServerAction<Deposit>) -> impl IntoView {
    let error = use_form_error(deposit.value());
    let query = use_query_map();
    let done = move || match deposit.value().get() {
        Some(Ok(done)) => Some(format!(
            "{} added to your wallet. Your balance is now {}.",
            done.amount, done.balance
        )),
        Some(Err(_)) => None,
        None => query.with(|q| q.get("deposited").map(|_| "Your deposit was added.".to_owned())),
    };
    let default = wallet.default_currency;
    view! {
        <section class="card deposit" aria-labelledby="deposit-title">
            <h2 id="deposit-title">"Add money"</h2>
            {move || done().map(|text| view! {
                <p class="alert alert-success" role="status" data-testid="deposit-done">{text}</p>
            })}
            <FormAlert error />
            <ActionForm action=deposit attr:class="form form-columns" attr:data-testid="deposit-form">
                <input type="hidden" name="idempotency_key" value=wallet.deposit_key.to_string() />
                <TextField label="Amount" field=Field::Amount error kind="text"
                    hint="For example 50 or 25.50." max_len=20 />
                <div class="field">
                    <label for="currency">"Currency"</label>
                    <select id="currency" name="currency">
                        {Currency::ALL.into_iter().map(|c| view! {
                            <option value=c.code() selected=c == default>{c.code()}</option>
                        }).collect_view()}
                    </select>
                    <p class="hint">{format!("At most {} per deposit.", wallet.max_deposit)}</p>
                </div>
                <TextField label="Card number" field=Field::CardNumber error
                    autocomplete="cc-number" max_len=23 />
                <TextField label="Expiry (MM/YY)" field=Field::CardExpiry error
                    autocomplete="cc-exp" max_len=7 />
                <TextField label="Security code" field=Field::CardCvc error
                    autocomplete="cc-csc" max_len=4 />
                <TextField label="Name on card" field=Field::CardHolder error
                    autocomplete="cc-name" max_len=100 />
                <div class="actions">
                    <button type="submit" class="button" data-testid="deposit-button"
                        disabled=move || deposit.pending().get()>
                        {move || if deposit.pending().get() { "Charging your card…" } else { "Add money" }}
                    </button>
                </div>
            </ActionForm>
            <p class="hint">
                "Card details go to the card processor only; MediBook keeps just the last four digits. "
                "Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, "
                "4000 0000 0000 0119 fails with a processor error, and 4000 0000 0000 0341 takes "
                "deposits but refuses refunds."
            </p>
        </section>
    }
}

#[component]
fn History(rows: Vec<HistoryRow>) -> impl IntoView {
    let query = use_query_map();
    let value = move |key: &'static str| move || query.with(|q| q.get(key).unwrap_or_default());
    let csv_href = move || {
        query.with(|q| {
            let pairs: Vec<String> = ["kind", "from", "to"]
                .iter()
                .filter_map(|k| q.get(k).filter(|v| !v.is_empty()).map(|v| format!("{k}={v}")))
                .collect();
            if pairs.is_empty() {
                paths::WALLET_HISTORY_CSV.to_owned()
            } else {
                format!("{}?{}", paths::WALLET_HISTORY_CSV, pairs.join("&"))
            }
        })
    };
    let kind = value("kind");
    view! {
        <section aria-labelledby="history-title">
            <h2 id="history-title">"History"</h2>
            <Form method="GET" action="" attr:class="filters">
                <label for="kind">"Type"</label>
                <select id="kind" name="kind" prop:value=kind>
                    <option value="">"All"</option>
                    {[TransactionKind::Deposit, TransactionKind::Payment, TransactionKind::Refund, TransactionKind::Withdrawal]
                        .into_iter()
                        .map(|k| view! { <option value=k.as_str()>{k.label()}</option> })
                        .collect_view()}
                </select>
                <label for="from">"From"</label>
                <input id="from" name="from" type="date" prop:value=value("from") />
                <label for="to">"To"</label>
                <input id="to" name="to" type="date" prop:value=value("to") />
                <button type="submit" class="button-secondary">"Apply"</button>
                <a class="button-secondary" href=csv_href download="medibook-wallet.csv">"Download CSV"</a>
            </Form>
            {if rows.is_empty() {
                view! { <p class="empty">"No transactions yet."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="table" data-testid="wallet-history">
                            <thead><tr><th>"Date"</th><th>"Type"</th><th>"Details"</th><th>"Status"</th><th class="num">"Amount"</th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|row| view! { <HistoryLine row /> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn HistoryLine(row: HistoryRow) -> impl IntoView {
    let method = match (row.method.as_str(), &row.card_last4) {
        ("card", Some(last4)) => format!(" · card •••• {last4}"),
        _ => String::new(),
    };
    let appointment = row.appointment_id.map(|id| format!(" · appointment #{id}"));
    let status = match row.status.as_str() {
        "posted" => ("status status-ok", "Done"),
        "declined" => ("status status-off", "Declined"),
        _ => ("status status-pending", "Processing"),
    };
    view! {
        <tr data-kind=row.kind.as_str() data-status=row.status.clone()>
            <td>{format::date(row.at)}</td>
            <td>{row.kind.label()}</td>
            <td>{row.description}{method}{appointment}</td>
            <td><span class=status.0>{status.1}</span></td>
            <td class="num">{row.amount.to_string()}</td>
        </tr>
    }
}
