//! The doctor's own calendars on the schedule page: busy times from an ICS address or a CalDAV
//! calendar keep patients off those hours. Each shows its last good sync, its error in plain
//! words and a stale warning; "Sync now" and "Remove" act on one.

use crate::api::choose_write_back::ChooseWriteBack;
use crate::api::connect_calendar::ConnectCalendar;
use crate::api::my_calendars::my_calendars;
use crate::api::remove_calendar::RemoveCalendar;
use crate::api::sync_calendar::SyncCalendar;
use crate::domain::Field;
use crate::dto::external_calendar::ExternalCalendarView;
use crate::ui::components::{FormAlert, TextField, use_form_error, use_successes};
use crate::ui::format;
use crate::ui::viewer_zone::ViewerZone;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The section: the connected calendars and the form to connect one.
#[component]
pub fn OwnCalendars() -> impl IntoView {
    let connect = ServerAction::<ConnectCalendar>::new();
    let sync = ServerAction::<SyncCalendar>::new();
    let remove = ServerAction::<RemoveCalendar>::new();
    let write_back = ServerAction::<ChooseWriteBack>::new();
    let calendars = Resource::new(
        move || {
            (
                connect.version().get(),
                sync.version().get(),
                remove.version().get(),
                write_back.version().get(),
            )
        },
        |_| my_calendars(),
    );
    let error = use_form_error(connect.value());
    let act_error = use_form_error(sync.value());
    let remove_error = use_form_error(remove.value());
    let write_back_error = use_form_error(write_back.value());
    let connected = use_successes(connect);
    view! {
        <section class="card span-all" aria-labelledby="own-calendars-heading" data-testid="own-calendars">
            <h2 id="own-calendars-heading">"Your own calendars"</h2>
            <p class="muted">
                "Busy times in your personal calendar (a conference, a school run) keep patients off those hours. MediBook only reads when you are busy, never what the events say."
            </p>
            <FormAlert error=act_error />
            <FormAlert error=remove_error />
            <FormAlert error=write_back_error />
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    calendars.await.ok().map(|list| view! { <CalendarList list sync remove write_back /> })
                })}
            </Transition>
            <h3>"Connect a calendar"</h3>
            <FormAlert error />
            // A fresh, empty form after each calendar connected (the password never lingers).
            {move || {
                connected.get();
                view! { <ConnectForm connect error /> }
            }}
        </section>
    }
}

#[component]
fn CalendarList(
    list: Vec<ExternalCalendarView>,
    sync: ServerAction<SyncCalendar>,
    remove: ServerAction<RemoveCalendar>,
    write_back: ServerAction<ChooseWriteBack>,
) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="empty">"No calendar connected."</p> }.into_any();
    }
    view! {
        <ul class="plain-list own-calendars">
            {list.into_iter().map(|calendar| view! { <CalendarItem calendar sync remove write_back /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn CalendarItem(
    calendar: ExternalCalendarView,
    sync: ServerAction<SyncCalendar>,
    remove: ServerAction<RemoveCalendar>,
    write_back: ServerAction<ChooseWriteBack>,
) -> impl IntoView {
    let zone = ViewerZone::get();
    let fallback = crate::domain::schedule::TimeZone::utc();
    let (last, busy) = (calendar.last_success, calendar.busy_ahead);
    let problem = calendar.error_sentence();
    let detail = calendar.error_detail.clone().unwrap_or_default();
    let kind = if calendar.kind == "caldav" { "CalDAV" } else { "ICS" };
    let (sync_id, remove_id) = (calendar.id.to_string(), calendar.id.to_string());
    let back_id = calendar.id.to_string();
    let (caldav, writing, failed) =
        (calendar.kind == "caldav", calendar.write_back, calendar.failed_pushes);
    view! {
        <li data-testid="own-calendar">
            <div>
                <strong>{calendar.label.clone()}</strong>
                <span class="muted">{format!(" · {kind} · {}", calendar.address)}</span>
                <p class="muted" data-testid="calendar-synced">
                    {move || match last {
                        Some(at) => format!(
                            "Last synced {} · {} busy {} ahead",
                            format::when_in(zone.or(fallback), at),
                            busy,
                            if busy == 1 { "time" } else { "times" }
                        ),
                        None => "Never synced successfully.".to_owned(),
                    }}
                </p>
                {calendar.stale.then(|| view! {
                    <p class="alert alert-warning" data-testid="calendar-stale">"Not synced for a while: its busy times may be out of date."</p>
                })}
                {writing.then(|| view! {
                    <p class="badge" data-testid="calendar-write-back">"Your confirmed appointments are written here."</p>
                })}
                {(failed > 0).then(|| view! {
                    <p class="alert alert-error">{format!("{failed} appointment changes could not be written to this calendar.")}</p>
                })}
                {problem.map(|sentence| view! {
                    <p class="alert alert-error" role="alert" data-testid="calendar-error" title=detail>{sentence}</p>
                })}
            </div>
            <div class="actions">
                <ActionForm action=sync>
                    <input type="hidden" name="calendar_id" value=sync_id />
                    <button type="submit" class="button-secondary" disabled=move || sync.pending().get()>"Sync now"</button>
                </ActionForm>
                {caldav.then(|| view! {
                    <ActionForm action=write_back>
                        <input type="hidden" name="calendar_id" value=back_id.clone() />
                        {(!writing).then(|| view! { <input type="hidden" name="on" value="1" /> })}
                        <button type="submit" class="button-secondary" data-testid="write-back-toggle">
                            {if writing { "Stop writing appointments here" } else { "Write my appointments here" }}
                        </button>
                    </ActionForm>
                })}
                <ActionForm action=remove>
                    <input type="hidden" name="calendar_id" value=remove_id />
                    <button type="submit" class="button-secondary">"Remove"</button>
                </ActionForm>
            </div>
        </li>
    }
}

/// The form: the kind, the address, an optional name and, for CalDAV, the credentials.
#[component]
fn ConnectForm(
    connect: ServerAction<ConnectCalendar>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let kind = RwSignal::new("ics".to_owned());
    view! {
            <ActionForm action=connect attr:class="form" attr:novalidate=true>
                <fieldset class="choice">
                    <legend>"Kind"</legend>
                    <label class="checkbox">
                        <input type="radio" name="kind" value="ics" checked=true
                            on:change=move |_| kind.set("ics".into()) />
                        " An ICS address (Google \"secret address\", Outlook \"publish\", iCloud public link)"
                    </label>
                    <label class="checkbox">
                        <input type="radio" name="kind" value="caldav" data-testid="kind-caldav"
                            on:change=move |_| kind.set("caldav".into()) />
                        " A CalDAV calendar (Nextcloud, Fastmail, iCloud with an app password)"
                    </label>
                </fieldset>
                <TextField label="Calendar address" field=Field::CalendarUrl error kind="url"
                    hint="The full address starting with https://." />
                <TextField label="Name (optional)" field=Field::CalendarLabel error required=false max_len=80 />
                <div class:hidden=move || kind.get() != "caldav">
                    <TextField label="User name" field=Field::CalendarUsername error required=false autocomplete="off" />
                    <TextField label="App password" field=Field::CalendarPassword error kind="password" required=false
                        autocomplete="new-password" hint="Stored sealed with the clinic's key and never shown again." />
                </div>
                <button type="submit" class="button" data-testid="connect-calendar"
                    disabled=move || connect.pending().get()>"Connect"</button>
            </ActionForm>
    }
}
