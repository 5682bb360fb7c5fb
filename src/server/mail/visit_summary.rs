//! What a completed visit's mail tells the patient of the doctor's summary.

use sqlx::SqlitePool;

/// What a completed visit's mail says when the doctor has not written its summary yet.
const NO_SUMMARY_YET: &str =
    "Your doctor's summary of the visit will be on its page once they have written it.";

/// The doctor's summary of a completed visit as mail paragraphs (never the private note).
pub async fn lines(pool: &SqlitePool, appointment: i64) -> Result<Vec<String>, sqlx::Error> {
    let note: Option<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT diagnosis, advice, follow_up_weeks FROM visit_notes WHERE appointment_id = ?1",
    )
    .bind(appointment)
    .fetch_optional(pool)
    .await?;
    let (diagnosis, advice, weeks) = note.unwrap_or_default();
    let mut lines = Vec::new();
    if !diagnosis.trim().is_empty() {
        lines.push(format!("Diagnosis: {diagnosis}"));
    }
    if !advice.trim().is_empty() {
        lines.push(format!("Advice: {advice}"));
    }
    if let Some(weeks) = weeks {
        let plural = if weeks == 1 { "" } else { "s" };
        lines.push(format!(
            "Your doctor would like to see you again in {weeks} week{plural}: book the follow-up \
             from the visit's page under My appointments."
        ));
    }
    if lines.is_empty() {
        lines.push(NO_SUMMARY_YET.to_owned());
    }
    Ok(lines)
}
