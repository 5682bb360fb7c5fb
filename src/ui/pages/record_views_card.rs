//! On a patient's account page: who opened their record (their doctors, the clinic's admins)
//! and when, newest first.

use crate::api::my_record_views::my_record_views;
use crate::domain::Role;
use crate::dto::patient_record::{RecordViewEntry, RecordViewsPage};
use crate::ui::format;
use crate::ui::viewer_zone::ViewerZone;
use leptos::prelude::*;

/// The access log of the signed-in patient's record, twenty at a time.
#[component]
pub fn RecordViewsCard() -> impl IntoView {
    let page = RwSignal::new(0u32);
    let views = Resource::new(move || page.get(), my_record_views);
    view! {
        <section class="card span-all" aria-labelledby="record-views-heading" data-testid="record-views">
            <h2 id="record-views-heading">"Who opened your record"</h2>
            <p class="muted">"Each time one of your doctors or a clinic administrator opens your details, it is recorded here."</p>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    views.await.ok().map(|views| view! { <Entries views page /> })
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Entries(views: RecordViewsPage, page: RwSignal<u32>) -> impl IntoView {
    if views.entries.is_empty() {
        return view! { <p class="empty">"Nobody has opened your record yet."</p> }.into_any();
    }
    let (current, pages) = (views.page, views.pages);
    view! {
        <ul class="record-views">
            {views.entries.into_iter().map(|entry| view! { <Entry entry /> }).collect_view()}
        </ul>
        {(pages > 1).then(|| view! {
            <nav class="actions" aria-label="Older and newer openings">
                <button type="button" class="button-secondary js-only" disabled=current == 0
                    on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Newer"</button>
                <span class="muted">{format!("Page {} of {pages} · {} in all", current + 1, views.total)}</span>
                <button type="button" class="button-secondary js-only" disabled=current + 1 >= pages
                    on:click=move |_| page.update(|p| *p += 1)>"Older"</button>
            </nav>
        })}
    }
    .into_any()
}

#[component]
fn Entry(entry: RecordViewEntry) -> impl IntoView {
    let zone = ViewerZone::get();
    let who = match entry.viewer_role {
        Role::Admin => format!("{} (clinic administrator)", entry.viewer_name),
        _ => entry.viewer_name,
    };
    let at = entry.at;
    let fallback = crate::domain::schedule::TimeZone::utc();
    view! {
        <li>
            <strong>{who}</strong>" viewed your record on "
            <time datetime=at.to_rfc3339()>{move || format::when_in(zone.or(fallback), at)}</time>
        </li>
    }
}
