//! The analytics dashboard's cancellations: visits called off in a range, by who, and the
//! reasons given most often.

use super::analytics::count;
use crate::dto::analytics_view::LabelledCount;
use crate::server::error::{Doing, ServerResult};
use sqlx::SqlitePool;
use std::collections::HashMap;

/// Visits in the range called off, by who, and the reasons given most often: one pass over the
/// range's cancelled and declined visits, grouped by who and by the reason's words.
pub async fn of_range(
    db: &SqlitePool,
    only: Option<i64>,
    from: i64,
    to: i64,
) -> ServerResult<(Vec<LabelledCount>, Vec<LabelledCount>)> {
    let rows: Vec<(String, Option<String>, String, i64)> = sqlx::query_as(
        "SELECT status, status_by, min(trim(status_note)), count(*) FROM appointments \
         WHERE start_at >= ?1 AND start_at < ?2 AND status IN ('cancelled', 'rejected') \
           AND (?3 IS NULL OR doctor_id = ?3) GROUP BY 1, 2, lower(trim(status_note))",
    )
    .bind(from)
    .bind(to)
    .bind(only)
    .fetch_all(db)
    .await
    .doing("counting cancellations")?;
    let labels = [
        ("cancelled", Some("patient"), "Cancelled by the patient"),
        ("cancelled", Some("doctor"), "Cancelled by the doctor"),
        ("cancelled", Some("admin"), "Cancelled by the clinic"),
        ("rejected", Some("doctor"), "Declined by the doctor"),
    ];
    let mut by_who: Vec<LabelledCount> = labels
        .iter()
        .map(|(status, by, label)| LabelledCount {
            label: (*label).to_owned(),
            count: rows
                .iter()
                .filter(|(s, b, _, _)| s == status && b.as_deref() == *by)
                .map(|(_, _, _, n)| count(*n))
                .sum(),
        })
        .collect();
    let other: u32 = rows
        .iter()
        .filter(|(s, b, _, _)| !labels.iter().any(|(ls, lb, _)| ls == s && b.as_deref() == *lb))
        .map(|(_, _, _, n)| count(*n))
        .sum();
    if other > 0 {
        by_who.push(LabelledCount { label: "Other".to_owned(), count: other });
    }
    Ok((by_who, top_reasons(&rows)))
}

/// The five reasons given most often (the same words in any case are one reason, shown as the
/// first in sort order), most first, then by name.
fn top_reasons(rows: &[(String, Option<String>, String, i64)]) -> Vec<LabelledCount> {
    let mut reasons: HashMap<String, (String, i64)> = HashMap::new();
    for (_, _, note, n) in rows.iter().filter(|r| !r.2.is_empty()) {
        let entry = reasons.entry(note.to_lowercase()).or_insert_with(|| (note.clone(), 0));
        if *note < entry.0 {
            entry.0 = note.clone();
        }
        entry.1 += n;
    }
    let mut reasons: Vec<(String, i64)> = reasons.into_values().collect();
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    reasons.truncate(5);
    reasons.into_iter().map(|(label, n)| LabelledCount { label, count: count(n) }).collect()
}

#[cfg(test)]
mod tests {
    use super::top_reasons;

    #[test]
    fn reasons_in_any_case_and_from_anyone_count_as_one_and_the_five_commonest_come_first() {
        let row = |by: &str, note: &str, n: i64| {
            ("cancelled".to_owned(), Some(by.to_owned()), note.to_owned(), n)
        };
        let rows = [
            row("patient", "travelling", 2),
            row("doctor", "Travelling", 1),
            row("patient", "", 9),
            row("patient", "Ill", 3),
            row("doctor", "Clinic closed", 1),
            row("patient", "Exams", 1),
            row("patient", "Car broke down", 1),
            row("patient", "Weather", 1),
        ];
        let got: Vec<(String, u32)> =
            top_reasons(&rows).into_iter().map(|r| (r.label, r.count)).collect();
        assert_eq!(
            got,
            [
                ("Ill".to_owned(), 3),
                ("Travelling".to_owned(), 3),
                ("Car broke down".to_owned(), 1),
                ("Clinic closed".to_owned(), 1),
                ("Exams".to_owned(), 1),
            ],
            "ties by name; a blank reason is no reason; the sixth is left out"
        );
    }
}
