//! `/notifications`: what happened to the signed-in user's appointments, newest first.

use crate::api::my_notifications::my_notifications;
use crate::dto::notification_views::{NotificationList, NotificationView};
use crate::paths::appointments_for;
use crate::ui::appointments::AppointmentTime;
use crate::ui::auth::Auth;
use crate::ui::components::PageData;
use crate::ui::format;
use crate::ui::notices::Notices;
use crate::ui::viewer_zone::ViewerZone;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// The notices page, with "mark read" for one or all.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let notices = Notices::get();
    let list = Resource::new(move || notices.mark_read.version().get(), |_| my_notifications());
    view! {
        <Title text="Notifications" />
        <h1>"Notifications"</h1>
        <PageData resource=list loading="Loading…" sign_in_for="to see your notifications."
            content=move |list| view! { <NoticeList list /> }
        />
    }
}

#[component]
fn NoticeList(list: NotificationList) -> impl IntoView {
    let notices = Notices::get();
    let auth = Auth::get();
    if list.items.is_empty() {
        return view! {
            <p class="empty">"Nothing yet. You will be told here (and by email) when an appointment is booked, confirmed, moved or cancelled, and before it starts."</p>
        }
        .into_any();
    }
    let unread = list.unread;
    view! {
        <div class="notice-toolbar">
            <p>{match unread { 0 => "All read.".to_owned(), 1 => "1 unread.".to_owned(), n => format!("{n} unread.") }}</p>
            {(unread > 0).then(|| view! {
                <ActionForm action=notices.mark_read>
                    <button type="submit" class="button-secondary">"Mark all as read"</button>
                </ActionForm>
            })}
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    auth.user.await.ok().flatten().map(|user| view! {
                        <a href=appointments_for(user.role)>"Go to appointments"</a>
                    })
                })}
            </Transition>
        </div>
        <ul class="notice-list">
            {list.items.into_iter().map(|item| view! { <NoticeItem item /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn NoticeItem(item: NotificationView) -> impl IntoView {
    let notices = Notices::get();
    let viewer = ViewerZone::get();
    let doctor_zone = item.doctor_time_zone;
    let received = item.created_at;
    view! {
        <li class="notice" class:unread=!item.read>
            <span class="notice-kind">{item.kind.title(item.audience)}</span>
            <p class="notice-headline">{item.headline}</p>
            <p class="notice-when">
                "Appointment: "
                <AppointmentTime start=item.start doctor_time_zone=item.doctor_time_zone />
            </p>
            <p class="muted notice-received">
                {move || format!("Received {}", format::when_in(viewer.or(doctor_zone), received))}
            </p>
            {(!item.read).then(|| view! {
                <ActionForm action=notices.mark_read>
                    <input type="hidden" name="id" value=item.id.to_string() />
                    <button type="submit" class="link-button">"Mark as read"</button>
                </ActionForm>
            })}
        </li>
    }
}
