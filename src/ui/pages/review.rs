//! `/appointments/:id/review`: a patient reviews a completed visit, or edits their review in
//! its first 14 days; an answer from the doctor, or the clinic's reason for hiding it, shows here.

use crate::api::edit_review::EditReview;
use crate::api::review_of_visit::review_of_visit;
use crate::api::write_review::WriteReview;
use crate::domain::{AppointmentId, Field};
use crate::dto::review_views::MyReview;
use crate::paths;
use crate::ui::components::{FieldMessages, FormAlert, PageData, use_form_error};
use crate::ui::format;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The review page of one visit.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let write = ServerAction::<WriteReview>::new();
    let edit = ServerAction::<EditReview>::new();
    let review = Resource::new(
        move || (id(), write.version().get(), edit.version().get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => review_of_visit(AppointmentId(id)).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="Review your visit" />
        <h1>"Review your visit"</h1>
        <PageData resource=review loading="Loading…" sign_in_for="to review your visit."
            content=move |mine| {
                let appointment = id().unwrap_or_default();
                match mine {
                    None => view! { <ReviewForm appointment write edit existing=None /> }.into_any(),
                    Some(existing) => view! { <ExistingReview existing write edit /> }.into_any(),
                }
            }
        />
        <p><a href=paths::APPOINTMENTS>"Back to your appointments"</a></p>
    }
}

#[component]
fn ExistingReview(
    existing: MyReview,
    write: ServerAction<WriteReview>,
    edit: ServerAction<EditReview>,
) -> impl IntoView {
    let editable = existing.editable_until > chrono::Utc::now().timestamp();
    let until = format::date(existing.editable_until);
    view! {
        <section class="card review-mine" data-testid="my-review">
            {existing.hidden_reason.clone().map(|reason| view! {
                <div class="alert alert-warn" role="status">
                    "The clinic hid this review from other patients: " {reason}
                </div>
            })}
            <p class="stars" aria-label=format!("{} out of 5 stars", existing.stars)>{format::stars(existing.stars)}</p>
            {(!existing.body.is_empty()).then(|| view! { <p class="review-body">{existing.body.clone()}</p> })}
            {existing.reply.clone().map(|reply| view! {
                <div class="review-reply"><p class="muted">"The doctor answered:"</p><p>{reply}</p></div>
            })}
            <p class="muted">
                {if editable { format!("You can change it until {until}.") } else { "It can no longer be changed.".to_owned() }}
            </p>
        </section>
        {editable.then(|| view! { <ReviewForm appointment=existing.appointment.0 write edit existing=Some(existing.clone()) /> })}
    }
}

/// Stars, text and anonymity: a new review, or changes to `existing`.
#[component]
fn ReviewForm(
    appointment: i64,
    write: ServerAction<WriteReview>,
    edit: ServerAction<EditReview>,
    existing: Option<MyReview>,
) -> impl IntoView {
    let error = match existing {
        None => use_form_error(write.value()),
        Some(_) => use_form_error(edit.value()),
    };
    let stars = existing.as_ref().map(|r| r.stars);
    let body = existing.as_ref().map(|r| r.body.clone()).unwrap_or_default();
    let anonymous = existing.as_ref().is_some_and(|r| r.anonymous);
    let fields = view! {
        <fieldset class="star-choice" aria-describedby="stars-error">
            <legend>"Your rating"</legend>
            {(1..=5u8).rev().map(|n| view! {
                <label class="star-option">
                    <input type="radio" name="stars" value=n.to_string() checked=stars == Some(n) required=true />
                    {format!("{} {}", format::stars(n), if n == 1 { "1 star".to_owned() } else { format!("{n} stars") })}
                </label>
            }).collect_view()}
            <FieldMessages field=Field::Stars error />
        </fieldset>
        <div class="field">
            <label for="review_body">"Your review (optional)"</label>
            <textarea id="review_body" name="review_body" rows="5" maxlength="2000" aria-describedby="review_body-error">{body}</textarea>
            <FieldMessages field=Field::ReviewBody error />
        </div>
        <label class="checkbox">
            <input type="checkbox" name="anonymous" value="on" checked=anonymous />
            "Show my review anonymously (otherwise: your first name and the initial of your last name)"
        </label>
    };
    let title = if existing.is_some() { "Change your review" } else { "How was your visit?" };
    view! {
        <section class="card" aria-labelledby="review-heading">
            <h2 id="review-heading">{title}</h2>
            <FormAlert error />
            {match existing {
                None => view! {
                    <ActionForm action=write attr:class="form" attr:novalidate=true>
                        <input type="hidden" name="appointment_id" value=appointment.to_string() />
                        {fields}
                        <button type="submit" class="button" disabled=move || write.pending().get()>"Publish review"</button>
                    </ActionForm>
                }.into_any(),
                Some(existing) => view! {
                    <ActionForm action=edit attr:class="form" attr:novalidate=true>
                        <input type="hidden" name="review_id" value=existing.id.to_string() />
                        {fields}
                        <button type="submit" class="button" disabled=move || edit.pending().get()>"Save changes"</button>
                    </ActionForm>
                }.into_any(),
            }}
        </section>
    }
}
