//! `POST /api/reviews_of_doctor`: a listed doctor's reviews, newest first (public).

use crate::dto::review_views::DoctorReviews;
use crate::error::AppError;
use leptos::prelude::*;

/// Page `page` (from 1) of the reviews of `doctor_id`, with their summary and distribution.
/// Admins also see hidden reviews, with the reason.
#[server(endpoint = "reviews_of_doctor", output = crate::wire::TextJson)]
pub async fn reviews_of_doctor(
    doctor_id: i64,
    #[server(default)] page: u32,
) -> Result<DoctorReviews, AppError> {
    use crate::domain::UserId;
    use crate::server::services::reviews;
    use crate::server::{auth, request};
    let result = async {
        let ctx = request::context().await?;
        let viewer = auth::current_user(&ctx.state, &ctx.session).await?;
        reviews::of_doctor(&ctx.state, viewer.as_ref(), UserId(doctor_id), page).await
    }
    .await;
    request::finish(result)
}
