//! On the account page of a patient or doctor: their calendar subscription — a secret address
//! their calendar app follows, shown once when made, replaceable and stoppable; for a doctor,
//! whether it names patients.

use crate::api::my_calendar_feed::my_calendar_feed;
use crate::api::renew_calendar_feed::RenewCalendarFeed;
use crate::api::save_feed_privacy::SaveFeedPrivacy;
use crate::api::stop_calendar_feed::StopCalendarFeed;
use crate::dto::calendar_feed::{CalendarFeedView, NewFeedAddress};
use crate::ui::components::{FormAlert, use_form_error};
use crate::ui::format;
use crate::ui::viewer_zone::ViewerZone;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The subscription card.
#[component]
pub fn CalendarFeedCard() -> impl IntoView {
    let renew = ServerAction::<RenewCalendarFeed>::new();
    let stop = ServerAction::<StopCalendarFeed>::new();
    let privacy = ServerAction::<SaveFeedPrivacy>::new();
    let feed = Resource::new(
        move || (renew.version().get(), stop.version().get(), privacy.version().get()),
        |_| my_calendar_feed(),
    );
    let renew_error = use_form_error(renew.value());
    let stop_error = use_form_error(stop.value());
    // The address just made, until it is stopped or replaced.
    let fresh = move || renew.value().get().and_then(Result::ok);
    Effect::new(move |_| {
        if matches!(stop.value().get(), Some(Ok(()))) {
            renew.value().set(None);
        }
    });
    Effect::new(move |_| {
        if matches!(renew.value().get(), Some(Ok(_))) {
            stop.value().set(None);
        }
    });
    view! {
        <section class="card" aria-labelledby="calendar-heading" data-testid="calendar-feed">
            <h2 id="calendar-heading">"Your calendar"</h2>
            <p class="muted">
                "Follow your appointments in the calendar app you already use (Apple, Google, Outlook, Thunderbird…) through a private address."
            </p>
            <FormAlert error=renew_error />
            <FormAlert error=stop_error />
            {move || fresh().map(|address| view! { <FreshAddress address /> })}
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    feed.await.ok().map(|current| view! { <FeedState current renew stop privacy /> })
                })}
            </Transition>
        </section>
    }
}

/// The address just made: shown this once.
#[component]
fn FreshAddress(address: NewFeedAddress) -> impl IntoView {
    view! {
        <div class="alert alert-success" role="status">
            <p>"Your private calendar address is ready. Copy it now: for your privacy it is not shown again (you can always make a new one)."</p>
            <label class="field">
                <span>"Calendar address"</span>
                <input type="text" readonly=true value=address.url.clone() data-testid="feed-url" />
            </label>
            <p><a class="button" href=address.webcal.clone() data-testid="feed-subscribe">"Open in my calendar app"</a></p>
            <p class="muted">"Anyone with this address can see your appointments' times. Do not share it."</p>
        </div>
    }
}

#[component]
fn FeedState(
    current: CalendarFeedView,
    renew: ServerAction<RenewCalendarFeed>,
    stop: ServerAction<StopCalendarFeed>,
    privacy: ServerAction<SaveFeedPrivacy>,
) -> impl IntoView {
    let zone = ViewerZone::get();
    let Some(since) = current.active_since else {
        return view! {
            <p data-testid="feed-state">"You have no calendar address."</p>
            <ActionForm action=renew attr:class="form">
                <button type="submit" class="button" data-testid="feed-make"
                    disabled=move || renew.pending().get()>"Get a calendar address"</button>
            </ActionForm>
        }
        .into_any();
    };
    let fallback = crate::domain::schedule::TimeZone::utc();
    view! {
        <p data-testid="feed-state">
            {move || format!("Your calendar address works since {}.", format::when_in(zone.or(fallback), since))}
        </p>
        {current.can_name_patients.then(|| view! {
            <ActionForm action=privacy attr:class="form">
                <label class="checkbox">
                    <input type="checkbox" name="patient_names" checked=current.patient_names data-testid="feed-names" />
                    " Show patients' names (otherwise each visit reads \"Appointment\")"
                </label>
                <button type="submit" class="button-secondary" disabled=move || privacy.pending().get()>"Save"</button>
            </ActionForm>
        })}
        <div class="actions">
            <ActionForm action=renew>
                <button type="submit" class="button-secondary" data-testid="feed-renew"
                    disabled=move || renew.pending().get()>"Make a new address (the old one stops working)"</button>
            </ActionForm>
            <ActionForm action=stop>
                <button type="submit" class="button-secondary" data-testid="feed-stop"
                    disabled=move || stop.pending().get()>"Stop the calendar address"</button>
            </ActionForm>
        </div>
    }
    .into_any()
}
