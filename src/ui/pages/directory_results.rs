//! The directory's answer: a count, the cards, the pages, or why nothing matched.

use super::doctors::directory_href;
use crate::domain::directory_filter::FilterKind;
use crate::dto::directory_page::{DirectoryCard, DirectoryPage};
use crate::paths;
use leptos::prelude::*;

/// The default picture for doctors without a photo.
pub const DEFAULT_AVATAR: &str = "/avatar.svg";

/// One page of results.
#[component]
pub fn DirectoryResults(page: DirectoryPage) -> impl IntoView {
    if page.total == 0 {
        return view! { <NothingFound page /> }.into_any();
    }
    let mut summary = match page.total {
        1 => "1 doctor".to_owned(),
        n => format!("{n} doctors"),
    };
    if page.pages > 1 {
        summary.push_str(&format!(" · page {} of {}", page.filter.page, page.pages));
    }
    view! {
        <p class="result-count" data-testid="result-count">
            {summary}
        </p>
        <ul class="cards" data-testid="doctor-list">
            {page.cards.iter().cloned().map(|card| view! { <DoctorCardView card /> }).collect_view()}
        </ul>
        <Pager page />
    }
    .into_any()
}

#[component]
fn DoctorCardView(card: DirectoryCard) -> impl IntoView {
    let href = paths::doctor(card.id.0);
    let photo = card.photo_url.clone().unwrap_or_else(|| DEFAULT_AVATAR.to_owned());
    view! {
        <li class="card doctor-card">
            <img class="avatar" src=photo alt="" width="72" height="72" loading="lazy" />
            <div class="doctor-card-body">
                <h2><a href=href>{card.full_name.clone()}</a></h2>
                <p class="specialty">{card.specialty.clone()}</p>
                {card.place.clone().map(|place| view! { <p class="place">{place}</p> })}
                <p class="fee">{format!("Fee {} · {} years' experience", card.fee, card.years_of_experience)}</p>
                <p class="rating">
                    {match card.rating.average_label() {
                        Some(average) => format!("★ {average} ({} review{})", card.rating.count, if card.rating.count == 1 { "" } else { "s" }),
                        None => "No reviews yet".to_owned(),
                    }}
                </p>
                <p class="next-free">
                    {match card.next_free_day {
                        Some(day) => format!("Next free: {}", crate::domain::date_text::short_day(day)),
                        None => "No free times in the coming weeks".to_owned(),
                    }}
                </p>
            </div>
        </li>
    }
}

/// Previous / next and page numbers around the current one.
#[component]
fn Pager(page: DirectoryPage) -> impl IntoView {
    if page.pages <= 1 {
        return ().into_any();
    }
    let current = page.filter.page;
    let link = move |n: u32, text: String, rel: Option<&'static str>| {
        let href = directory_href(&page.filter.on_page(n));
        if n == current {
            view! { <span class="page current" aria-current="page">{text}</span> }.into_any()
        } else {
            view! { <a class="page" href=href rel=rel>{text}</a> }.into_any()
        }
    };
    let first = current.saturating_sub(2).max(1);
    let last = (current + 2).min(page.pages);
    view! {
        <nav class="pager" aria-label="Pages">
            {(current > 1).then(|| link(current - 1, "← Previous".into(), Some("prev")))}
            {(first > 1).then(|| link(1, "1".into(), None))}
            {(first > 2).then(|| view! { <span class="page gap">"…"</span> })}
            {(first..=last).map(|n| link(n, n.to_string(), None)).collect_view()}
            {(last + 1 < page.pages).then(|| view! { <span class="page gap">"…"</span> })}
            {(last < page.pages).then(|| link(page.pages, page.pages.to_string(), None))}
            {(current < page.pages).then(|| link(current + 1, "Next →".into(), Some("next")))}
        </nav>
    }
    .into_any()
}

/// Nothing matched: say so, and offer the search without its narrowest filter.
#[component]
fn NothingFound(page: DirectoryPage) -> impl IntoView {
    let filtered = !page.filter.active().is_empty();
    view! {
        <div class="card empty-result" data-testid="no-results">
            <p>
                {if filtered { "No doctor matches all of these filters." } else { "No doctors are listed yet." }}
            </p>
            {page.wider.map(|wider| view! {
                <p>
                    {format!("Without {} there {} ", filter_name(wider.drop), if wider.total == 1 { "is" } else { "are" })}
                    <a href=directory_href(&wider.filter) data-testid="wider-search">
                        {if wider.total == 1 { "1 doctor".to_owned() } else { format!("{} doctors", wider.total) }}
                    </a>
                    "."
                </p>
            })}
            {filtered.then(|| view! { <p><a href=paths::DOCTORS>"Clear all filters"</a></p> })}
        </div>
    }
}

fn filter_name(kind: FilterKind) -> &'static str {
    match kind {
        FilterKind::Text => "the search words",
        FilterKind::Specialty => "the specialty",
        FilterKind::Location => "the place",
        FilterKind::FeeMin => "the lowest fee",
        FilterKind::FeeMax => "the highest fee",
        FilterKind::Experience => "the years of experience",
        FilterKind::Rating => "the rating",
        FilterKind::FreeOn => "the free day",
        FilterKind::Language => "the language",
    }
}
