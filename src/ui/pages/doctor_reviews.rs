//! The reviews on a doctor's page: average, the 5 → 1 distribution, reviews newest first with
//! the doctor's answers; the doctor answers here, admins hide and restore here.

use crate::api::answer_review::AnswerReview;
use crate::api::moderate_review::ModerateReview;
use crate::api::reviews_of_doctor::reviews_of_doctor;
use crate::domain::Field;
use crate::dto::review_views::{DoctorReviews, ReviewView};
use crate::ui::components::{FieldMessages, FormAlert, use_form_error};
use crate::ui::format;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The reviews section of doctor `doctor_id`'s page (`?reviews=N` pages through them).
#[component]
pub fn DoctorReviewsSection(doctor_id: i64) -> impl IntoView {
    let query = use_query_map();
    let page =
        move || query.with(|q| q.get("reviews").and_then(|p| p.parse::<u32>().ok()).unwrap_or(1));
    let answer = ServerAction::<AnswerReview>::new();
    let moderate = ServerAction::<ModerateReview>::new();
    let reviews = Resource::new(
        move || (page(), answer.version().get(), moderate.version().get()),
        move |(page, _, _)| reviews_of_doctor(doctor_id, page),
    );
    let answer_error = use_form_error(answer.value());
    let moderate_error = use_form_error(moderate.value());
    view! {
        <section class="card reviews" id="reviews" aria-labelledby="reviews-heading">
            <h2 id="reviews-heading">"Reviews"</h2>
            <FormAlert error=answer_error />
            <FormAlert error=moderate_error />
            <Transition fallback=|| view! { <p class="loading">"Loading reviews…"</p> }>
                {move || Suspend::new(async move {
                    match reviews.await {
                        Ok(list) => view! { <ReviewList list answer moderate answer_error /> }.into_any(),
                        Err(error) => view! { <p class="alert alert-error">{error.message()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ReviewList(
    list: DoctorReviews,
    answer: ServerAction<AnswerReview>,
    moderate: ServerAction<ModerateReview>,
    answer_error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let DoctorReviews {
        summary,
        distribution,
        reviews,
        page,
        pages,
        viewer_is_doctor,
        viewer_is_admin,
        ..
    } = list;
    if summary.count == 0 && reviews.is_empty() {
        return view! { <p class="muted">"No reviews yet. Only patients who completed a visit can review."</p> }.into_any();
    }
    let most = distribution.iter().copied().max().unwrap_or(1).max(1);
    view! {
        <div class="rating-summary">
            <p class="rating-average" data-testid="rating-average">
                <span class="stars">{format!("★ {}", summary.average_label().unwrap_or_default())}</span>
                {format!(" · {} review{}", summary.count, if summary.count == 1 { "" } else { "s" })}
            </p>
            <ul class="rating-bars" aria-label="Reviews per number of stars">
                {distribution.iter().enumerate().map(|(i, count)| {
                    let stars = 5 - i;
                    view! {
                        <li>
                            <span>{format!("{stars}★")}</span>
                            <span class="bar"><span class="bar-fill" style=format!("width:{}%", count * 100 / most)></span></span>
                            <span class="muted">{count.to_string()}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
        <ol class="review-list" data-testid="review-list">
            {reviews.into_iter().map(|review| view! {
                <ReviewItem review viewer_is_doctor viewer_is_admin answer moderate answer_error />
            }).collect_view()}
        </ol>
        {(pages > 1).then(|| view! {
            <nav class="pager" aria-label="Review pages">
                {(page > 1).then(|| view! { <a class="page" href=format!("?reviews={}#reviews", page - 1)>"← Newer"</a> })}
                <span class="page current">{format!("{page} / {pages}")}</span>
                {(page < pages).then(|| view! { <a class="page" href=format!("?reviews={}#reviews", page + 1)>"Older →"</a> })}
            </nav>
        })}
    }
    .into_any()
}

#[component]
fn ReviewItem(
    review: ReviewView,
    viewer_is_doctor: bool,
    viewer_is_admin: bool,
    answer: ServerAction<AnswerReview>,
    moderate: ServerAction<ModerateReview>,
    answer_error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let id = review.id.to_string();
    let hidden = review.hidden_reason.is_some();
    view! {
        <li class="review" class:review-hidden=hidden data-review-id=review.id.to_string()>
            <p class="review-head">
                <span class="stars" aria-label=format!("{} out of 5 stars", review.stars)>{format::stars(review.stars)}</span>
                " " <strong>{review.author.clone()}</strong>
                <span class="muted">{format!(" · {}{}", format::date(review.created_at), if review.edited { " (edited)" } else { "" })}</span>
            </p>
            {(!review.body.is_empty()).then(|| view! { <p class="review-body">{review.body.clone()}</p> })}
            {review.reply.clone().map(|reply| view! {
                <div class="review-reply"><p class="muted">"The doctor's answer"</p><p>{reply}</p></div>
            })}
            {(viewer_is_doctor && review.reply.is_none()).then(|| {
                let id = id.clone();
                view! {
                    <ActionForm action=answer attr:class="form review-answer">
                        <input type="hidden" name="review_id" value=id />
                        <label for=format!("reply-{}", review.id)>"Answer in public (once)"</label>
                        <textarea id=format!("reply-{}", review.id) name="reply" rows="3" maxlength="2000"></textarea>
                        <FieldMessages field=Field::Reply error=answer_error />
                        <button type="submit" class="button button-secondary">"Publish answer"</button>
                    </ActionForm>
                }
            })}
            {viewer_is_admin.then(|| { let id = id.clone(); match review.hidden_reason.clone() {
                Some(reason) => view! {
                    <p class="alert alert-warn">"Hidden from patients: " {reason}</p>
                    <ActionForm action=moderate attr:class="form-inline">
                        <input type="hidden" name="review_id" value=id.clone() />
                        <input type="hidden" name="hide" value="false" />
                        <button type="submit" class="button button-secondary">"Restore"</button>
                    </ActionForm>
                }.into_any(),
                None => view! {
                    <ActionForm action=moderate attr:class="form-inline review-moderate">
                        <input type="hidden" name="review_id" value=id.clone() />
                        <input type="hidden" name="hide" value="true" />
                        <label for=format!("reason-{}", review.id)>"Reason (the author is told)"</label>
                        <input id=format!("reason-{}", review.id) name="reason" type="text" maxlength="500" required=true />
                        <button type="submit" class="button button-danger">"Hide review"</button>
                    </ActionForm>
                }.into_any(),
            }})}
        </li>
    }
}
