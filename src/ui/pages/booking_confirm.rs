//! `/book/:id`: the confirmation step. The chosen time is held for the patient (with a visible
//! countdown) while they check the details and give a reason for the visit.

use crate::api::book_held_slot::BookHeldSlot;
use crate::api::hold_details::hold_details;
use crate::api::release_hold::ReleaseHold;
use crate::domain::AppointmentId;
use crate::domain::Field;
use crate::domain::booking::MAX_NOTE;
use crate::dto::hold_view::HoldConfirmation;
use crate::error::AppError;
use crate::paths;
use crate::ui::components::{FormAction, PostForm};
use crate::ui::components::{FormAlert, TextField, use_form_error};
use crate::ui::format;
use crate::ui::viewer_zone::ViewerZone;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/book/:id`.
#[component]
pub fn BookingConfirmPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| AppointmentId::parse(&id)));
    let details = Resource::new(id, |id| async move {
        match id {
            Some(id) => hold_details(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text="Confirm your appointment" />
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match details.await {
                    Ok(details) => view! { <Confirmation details /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <section class="card narrow">
                            <h1>"Confirm your appointment"</h1>
                            <p class="alert alert-info">"Please " <a href=paths::LOGIN>"sign in"</a> " to continue."</p>
                        </section>
                    }.into_any(),
                    Err(error) => view! {
                        <section class="card narrow" data-testid="hold-gone">
                            <h1>"This time is no longer held"</h1>
                            <p class="alert alert-error" data-error-code=error.code()>{error.message()}</p>
                            <p><a href=paths::APPOINTMENTS>"Your appointments"</a>" · "<a href=paths::DOCTORS>"Find a doctor"</a></p>
                        </section>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The confirmation card, an island: on its page (an islands page) the browser runs only this.
#[island]
fn Confirmation(details: HoldConfirmation) -> impl IntoView {
    crate::ui::islands::provide_island_context();
    let hold = details.hold.clone();
    let doctor_zone = hold.doctor_time_zone;
    let viewer = ViewerZone::get();
    let book = FormAction::<BookHeldSlot>::new();
    let release = FormAction::<ReleaseHold>::new();
    let book_error = use_form_error(book.value());
    let release_error = use_form_error(release.value());
    let id = hold.appointment_id.to_string();
    let release_id = id.clone();
    let remaining = countdown(hold.expires_at);
    release_when_leaving(hold.appointment_id, book, release);
    let go_to = crate::ui::islands::use_go_to();
    Effect::new(move |_| {
        if let Some(Ok(doctor)) = release.value().get() {
            go_to(&paths::doctor(doctor.0));
        }
    });
    let your_time = move || format::when_in(viewer.or(doctor_zone), hold.start);
    let doctor_time = format::when_in(doctor_zone, hold.start);
    let expired = move || remaining.get().is_some_and(|s| s <= 0);
    view! {
        <section class="card narrow booking-confirm" data-testid="booking-confirm">
            <h1>"Confirm your appointment"</h1>
            <p class="hold-banner" role="status" data-testid="hold-countdown">
                {move || match remaining.get() {
                    Some(seconds) if seconds > 0 => format!(
                        "This time is held for you for {}:{:02}.", seconds / 60, seconds % 60
                    ),
                    Some(_) => "Your hold has run out. Please choose the time again.".to_owned(),
                    None => format!(
                        "This time is held for you until {}.",
                        format::when_in(viewer.or(doctor_zone), hold.expires_at)
                    ),
                }}
            </p>
            <dl class="details">
                <dt>"Doctor"</dt><dd>{hold.doctor_name.clone()}" · "{details.specialty.clone()}</dd>
                <dt>"Your time"</dt><dd data-testid="your-time">{your_time}</dd>
                <dt>"Doctor's time"</dt><dd>{doctor_time}</dd>
                <dt>"Length"</dt><dd>{format!("{} minutes", (hold.end - hold.start).num_minutes())}</dd>
                <dt>"Consultation fee"</dt><dd data-testid="fee">{hold.fee.to_string()}</dd>
            </dl>
            <FormAlert error=book_error />
            <FormAlert error=release_error />
            <PostForm action=book attr:class="form">
                <input type="hidden" name="appointment_id" value=id />
                <input type="hidden" name="idempotency_key" value=details.booking_key.to_string() />
                <div class="field">
                    <label for="reason">"Reason for the visit"</label>
                    <textarea id="reason" name="reason" rows="3" maxlength=MAX_NOTE.to_string()
                        placeholder="Symptoms, or what you would like to discuss (optional)"></textarea>
                    <p class="hint">"Only your doctor and the clinic see this."</p>
                </div>
                {(hold.fee.minor > 0).then(|| view! { <PaymentChoice details=details.clone() error=book_error /> })}
                <div class="actions">
                    <button type="submit" class="button" data-testid="book-button"
                        disabled=move || book.pending().get() || expired()>
                        {move || match (book.pending().get(), hold.fee.minor > 0) {
                            (true, _) => "Booking…".to_owned(),
                            (false, true) => format!("Pay {} and book", hold.fee),
                            (false, false) => "Book appointment".to_owned(),
                        }}
                    </button>
                </div>
            </PostForm>
            <PostForm action=release>
                <input type="hidden" name="appointment_id" value=release_id />
                <button type="submit" class="button-secondary">"Choose another time"</button>
            </PostForm>
        </section>
    }
}

/// How to pay the fee: from the wallet (chosen when it covers the fee) or by card. The card
/// fields hide while the wallet is chosen (CSS only, so it works before the wasm loads).
#[component]
fn PaymentChoice(details: HoldConfirmation, error: Signal<Option<AppError>>) -> impl IntoView {
    let fee = details.hold.fee;
    let wallet = details.wallet_balance;
    let covers = wallet.minor >= fee.minor;
    let cards = details.cards_accepted;
    view! {
        <fieldset class="payment" data-testid="payment-choice">
            <legend>{format!("Pay the consultation fee of {fee}")}</legend>
            <label class="checkbox">
                <input type="radio" name="payment_method" value="wallet" checked=covers disabled=!covers />
                {format!("From my wallet (balance {wallet})")}
            </label>
            {(!covers).then(|| view! {
                <p class="hint">
                    "Your wallet does not cover the fee. " <a href=paths::WALLET>"Add money"</a>
                    {if cards { " or pay by card." } else { " at the reception." }}
                </p>
            })}
            {cards.then(|| view! {
                <label class="checkbox">
                    <input type="radio" name="payment_method" value="card" checked=!covers />
                    "By card"
                </label>
                <div class="card-fields form-columns">
                    <TextField label="Card number" field=Field::CardNumber error autocomplete="cc-number" max_len=23 required=false />
                    <TextField label="Expiry (MM/YY)" field=Field::CardExpiry error autocomplete="cc-exp" max_len=7 required=false />
                    <TextField label="Security code" field=Field::CardCvc error autocomplete="cc-csc" max_len=4 required=false />
                    <TextField label="Name on card" field=Field::CardHolder error autocomplete="cc-name" max_len=100 required=false />
                </div>
            })}
            <p class="hint" data-testid="refund-policy">{details.refund_policy.clone()}</p>
        </fieldset>
    }
}

/// Seconds left until `expires_at`, ticking each second once the page is interactive (`None`
/// while rendered on the server).
fn countdown(expires_at: DateTime<Utc>) -> ReadSignal<Option<i64>> {
    let (remaining, set_remaining) = signal(None::<i64>);
    Effect::new(move |_| {
        let tick = move || set_remaining.set(Some((expires_at - Utc::now()).num_seconds().max(0)));
        tick();
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(1)) {
            on_cleanup(move || handle.clear());
        }
    });
    remaining
}

/// Lets the hold go when the patient navigates away without booking: as the component is left
/// inside the app, or (an islands page) as the browser leaves the page for another.
fn release_when_leaving(
    appointment_id: AppointmentId,
    book: FormAction<BookHeldSlot>,
    release: FormAction<ReleaseHold>,
) {
    let still_held = move || {
        let booked = book.value().try_get_untracked().flatten().is_some_and(|r| r.is_ok());
        let released = release.value().try_get_untracked().flatten().is_some();
        let busy = book.pending().try_get_untracked() == Some(true)
            || release.pending().try_get_untracked() == Some(true);
        !booked && !released && !busy
    };
    #[cfg(feature = "hydrate")]
    if crate::ui::islands::is_islands_page() {
        crate::ui::leaving_page::on_leaving_page(move || {
            if still_held() {
                let id = appointment_id.to_string();
                let path = <ReleaseHold as leptos::server_fn::ServerFn>::PATH;
                crate::ui::leaving_page::post_while_leaving(path, &[("appointment_id", &id)]);
            }
        });
        return;
    }
    Effect::new(move |_| {
        on_cleanup(move || {
            if still_held() {
                leptos::task::spawn_local(async move {
                    let _ = crate::api::release_hold::release_hold(appointment_id).await;
                });
            }
        });
    });
}
