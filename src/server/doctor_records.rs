//! A doctor's public profile and booking settings as one record, read for the doctor's page,
//! the booking engine and the directory's older list.

use crate::domain::UserId;
use crate::domain::money::{Currency, Money};
use crate::domain::schedule::settings::DoctorSettings;
use crate::domain::schedule::{SlotPolicy, TimeZone};
use crate::dto::directory_page::RatingSummary;
use crate::dto::doctor_profile::DoctorProfile;
use crate::server::services::photos::{self, PhotoSize};
use sqlx::{SqliteExecutor, SqlitePool};

#[derive(sqlx::FromRow)]
struct DoctorRow {
    user_id: i64,
    full_name: String,
    specialty: String,
    verified: bool,
    active: bool,
    bio: String,
    years_of_experience: i64,
    fee_minor: i64,
    currency: String,
    location: String,
    time_zone: TimeZone,
    slot_minutes: i64,
    buffer_before_minutes: i64,
    buffer_after_minutes: i64,
    min_notice_minutes: i64,
    horizon_days: i64,
    auto_confirm: bool,
    /// The practice place and the two levels above it (any may be missing).
    place: Option<String>,
    place_above: Option<String>,
    place_top: Option<String>,
    /// ISO 639-1 codes as a JSON array.
    languages: String,
    rating_count: Option<i64>,
    rating_average: Option<f64>,
    photo_hash: Option<String>,
}

/// A doctor's public profile and settings, with whether patients may see them.
pub struct DoctorRecord {
    pub profile: DoctorProfile,
    pub settings: DoctorSettings,
    /// Verified by an admin and active: visible and bookable.
    pub listed: bool,
}

impl DoctorRow {
    fn into_record(self) -> DoctorRecord {
        let zone = self.time_zone;
        let currency = Currency::parse(&self.currency).unwrap_or(Currency::USD);
        let fee = Money { minor: self.fee_minor, currency };
        let clamp = |v: i64, max: i64| v.clamp(0, max);
        let policy = SlotPolicy {
            slot_minutes: clamp(self.slot_minutes, 240) as u16,
            buffer_before_minutes: clamp(self.buffer_before_minutes, 120) as u16,
            buffer_after_minutes: clamp(self.buffer_after_minutes, 120) as u16,
            min_notice_minutes: clamp(self.min_notice_minutes, 43_200) as u32,
            horizon_days: clamp(self.horizon_days, 365) as u16,
        };
        DoctorRecord {
            profile: DoctorProfile {
                id: UserId(self.user_id),
                full_name: self.full_name,
                specialty: self.specialty,
                bio: self.bio.clone(),
                years_of_experience: clamp(self.years_of_experience, 70) as u8,
                fee,
                location: self.location.clone(),
                time_zone: zone,
                slot_minutes: policy.slot_minutes,
                place: crate::domain::location_search::breadcrumb(
                    [&self.place_top, &self.place_above, &self.place]
                        .into_iter()
                        .flatten()
                        .map(String::as_str),
                ),
                languages: serde_json::from_str::<Vec<String>>(&self.languages)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|code| crate::domain::languages::language_name(code))
                    .map(str::to_owned)
                    .collect(),
                rating: RatingSummary {
                    count: u32::try_from(self.rating_count.unwrap_or(0)).unwrap_or(0),
                    average_tenths: self.rating_average.map_or(0, |a| (a * 10.0).round() as u16),
                },
                photo_url: self.photo_hash.map(|hash| photos::url(&hash, PhotoSize::Profile)),
            },
            settings: DoctorSettings {
                zone,
                policy,
                fee,
                bio: self.bio,
                years_of_experience: clamp(self.years_of_experience, 70) as u8,
                location: self.location,
                auto_confirm: self.auto_confirm,
            },
            listed: self.verified && self.active,
        }
    }
}

const DOCTOR_SELECT: &str = "SELECT d.user_id, u.full_name, s.name AS specialty, \
     d.verified_at IS NOT NULL AS verified, u.is_active AS active, d.bio, d.years_of_experience, \
     d.fee_minor, d.currency, d.location, d.time_zone, d.slot_minutes, d.buffer_before_minutes, \
     d.buffer_after_minutes, d.min_notice_minutes, d.horizon_days, d.auto_confirm, \
     l.name_en AS place, l2.name_en AS place_above, l3.name_en AS place_top, \
     (SELECT json_group_array(language) FROM doctor_languages WHERE doctor_id = d.user_id) AS languages, \
     r.count AS rating_count, r.average AS rating_average, ph.hash AS photo_hash \
     FROM doctors d JOIN users u ON u.id = d.user_id JOIN specialties s ON s.id = d.specialty_id \
     LEFT JOIN locations l ON l.id = d.practice_location_id \
     LEFT JOIN locations l2 ON l2.id = l.parent_id LEFT JOIN locations l3 ON l3.id = l2.parent_id \
     LEFT JOIN doctor_ratings r ON r.doctor_id = d.user_id LEFT JOIN photos ph ON ph.id = d.photo_id";

/// One doctor's profile and settings.
pub async fn find_doctor(
    db: impl SqliteExecutor<'_>,
    doctor: UserId,
) -> Result<Option<DoctorRecord>, sqlx::Error> {
    let sql = format!("{DOCTOR_SELECT} WHERE d.user_id = ?1");
    let row: Option<DoctorRow> = sqlx::query_as(&sql).bind(doctor.0).fetch_optional(db).await?;
    Ok(row.map(DoctorRow::into_record))
}

/// Verified, active doctors (optionally of one specialty), by name.
pub async fn listed_doctors(
    pool: &SqlitePool,
    specialty: Option<i64>,
) -> Result<Vec<DoctorRecord>, sqlx::Error> {
    let sql = format!(
        "{DOCTOR_SELECT} WHERE d.verified_at IS NOT NULL AND u.is_active = 1 \
         AND (?1 IS NULL OR d.specialty_id = ?1) ORDER BY u.full_name"
    );
    let rows: Vec<DoctorRow> = sqlx::query_as(&sql).bind(specialty).fetch_all(pool).await?;
    Ok(rows.into_iter().map(DoctorRow::into_record).collect())
}
