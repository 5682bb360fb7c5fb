//! Demo data: verified doctors, a few patients and one admin. Idempotent by username.

use super::services::register::start_schedule;
use super::state::AppState;
use super::{db, doctors, users};
use crate::domain::money::Money;
use crate::domain::schedule::WeeklyHours;
use crate::domain::{
    DateOfBirth, Email, Field, LicenceNumber, NewAccount, Password, PersonName, Phone, Role,
    UserId, Username,
};
use anyhow::Context;

/// A seeded doctor: name, specialty and the weekdays they work (used by the scheduling module).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedDoctor {
    pub username: String,
    pub full_name: String,
    pub specialty: &'static str,
    /// ISO weekday numbers, Monday = 1.
    pub weekdays: &'static [u32],
}

/// The five named specialists every demo starts with: username, name, specialty, weekdays.
const NAMED_DOCTORS: [(&str, &str, &str, &[u32]); 5] = [
    ("dr_smith", "Dr. John Smith", "Cardiology", &[1, 2, 3, 5]),
    ("dr_johnson", "Dr. Sarah Johnson", "Dermatology", &[2, 3, 4, 5]),
    ("dr_brown", "Dr. Michael Brown", "Orthopedics", &[1, 3, 5]),
    ("dr_davis", "Dr. Emily Davis", "Pediatrics", &[1, 2, 3, 4, 5]),
    ("dr_wilson", "Dr. Robert Wilson", "Internal Medicine", &[2, 4, 5]),
];

/// Where the named doctors practise (Dhaka's metropolitan thanas).
const SEEDED_THANAS: [&str; 5] = ["Dhanmondi", "Gulshan", "Mirpur", "Uttara", "Motijheel"];

const GENERATED_FIRST: [&str; 8] =
    ["Alex", "Priya", "Kenji", "Fatima", "Lucas", "Amara", "Noah", "Ingrid"];
const GENERATED_LAST: [&str; 7] =
    ["Taylor", "Patel", "Tanaka", "Haddad", "Silva", "Okafor", "Berg"];
const GENERATED_SPECIALTIES: [&str; 6] =
    ["General Practice", "Neurology", "Ophthalmology", "Endocrinology", "Cardiology", "Pediatrics"];
const WEEKDAYS_MON_FRI: &[u32] = &[1, 2, 3, 4, 5];

/// Demo patients: username, full name, date of birth.
const PATIENTS: [(&str, &str, &str); 3] = [
    ("alice", "Alice Martin", "1988-04-12"),
    ("bob", "Bob Nguyen", "1975-09-30"),
    ("carol", "Carol Schmidt", "2001-01-17"),
];

/// The admin every demo has.
pub const ADMIN_USERNAME: &str = "admin";

/// What a seed run created (existing accounts are left alone).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeedReport {
    pub created: Vec<String>,
    pub existing: Vec<String>,
}

/// The `n`-th doctor (0-based): the five named ones first, then generated ones.
pub fn doctor(n: u32) -> SeedDoctor {
    if let Some((username, full_name, specialty, weekdays)) = NAMED_DOCTORS.get(n as usize) {
        return SeedDoctor {
            username: (*username).into(),
            full_name: (*full_name).into(),
            specialty,
            weekdays,
        };
    }
    let i = n as usize;
    let first = GENERATED_FIRST[i % GENERATED_FIRST.len()];
    let last = GENERATED_LAST[(i / GENERATED_FIRST.len()) % GENERATED_LAST.len()];
    SeedDoctor {
        username: format!("dr_{:03}", n + 1),
        full_name: format!("Dr. {first} {last}"),
        specialty: GENERATED_SPECIALTIES[i % GENERATED_SPECIALTIES.len()],
        weekdays: WEEKDAYS_MON_FRI,
    }
}

/// Creates the admin, `doctor_count` verified doctors and the demo patients, skipping accounts
/// whose username exists already. All demo accounts share `password`.
pub async fn run(
    state: &AppState,
    doctor_count: u32,
    password: &str,
) -> anyhow::Result<SeedReport> {
    let mut report = SeedReport::default();
    let admin = ensure_admin(state, password, &mut report).await?;
    for n in 0..doctor_count {
        ensure_doctor(state, &doctor(n), n, admin, password, &mut report).await?;
    }
    for (i, (username, full_name, dob)) in PATIENTS.iter().enumerate() {
        let account = account(Role::Patient, username, full_name, dob, i as u32 + 100, password)?;
        ensure_account(state, &account, None, &mut report).await?;
    }
    Ok(report)
}

/// The wallet credit each demo patient starts with on a new demo clinic, in minor units.
pub const DEMO_CREDIT_MINOR: i64 = 20_000;

/// Gives each demo patient [`DEMO_CREDIT_MINOR`] in the clinic's currency (once: the credit's
/// idempotency key is per patient), so a demo booking can be paid from the wallet at once.
pub async fn demo_credit(state: &AppState) -> anyhow::Result<()> {
    use crate::domain::payment::ledger::Posting;
    use crate::server::payments::ledger::{self, NewTransaction};
    let currency = state.config.payments.currency;
    let minor = DEMO_CREDIT_MINOR * 10i64.pow(currency.minor_digits()) / 100;
    for (username, _, _) in PATIENTS {
        let Some(patient) = users::find_credentials(&state.db, username).await? else { continue };
        let patient = UserId(patient.id);
        let key = format!("demo-credit:{}", patient.0);
        let mut tx = db::begin_write(&state.writer).await?;
        let new = NewTransaction {
            kind: "deposit",
            requested: Money { minor, currency },
            user: Some(patient),
            appointment: None,
            idempotency_key: Some(&key),
            card_last4: None,
            now: state.clock.now(),
        };
        if let Some(id) = ledger::reserve(&mut tx, &new).await? {
            ledger::post(&mut tx, id, currency, &Posting::deposit(patient, minor), "demo_credit")
                .await?;
        }
        tx.commit().await?;
    }
    Ok(())
}

async fn ensure_admin(
    state: &AppState,
    password: &str,
    report: &mut SeedReport,
) -> anyhow::Result<UserId> {
    if let Some(existing) = users::find_credentials(&state.db, ADMIN_USERNAME).await? {
        report.existing.push(ADMIN_USERNAME.into());
        return Ok(UserId(existing.id));
    }
    let password = Password::parse(password, Field::Password, &[])
        .map_err(|e| anyhow::anyhow!("demo password refused: {}", e.message()))?;
    let hash = state.hasher.hash(&password).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut tx = db::begin_write(&state.writer).await?;
    let id = users::insert_admin(
        &mut tx,
        ADMIN_USERNAME,
        "admin@medibook.local",
        "Clinic Admin",
        &hash,
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    report.created.push(ADMIN_USERNAME.into());
    Ok(id)
}

async fn ensure_doctor(
    state: &AppState,
    seed: &SeedDoctor,
    n: u32,
    admin: UserId,
    password: &str,
    report: &mut SeedReport,
) -> anyhow::Result<()> {
    let account =
        account(Role::Doctor, &seed.username, &seed.full_name, "1975-06-15", n, password)?;
    let licence = LicenceNumber::parse(&format!("MB-{:06}", n + 1))
        .map_err(|e| anyhow::anyhow!("licence: {}", e.message()))?;
    let created =
        ensure_account(state, &account, Some((seed.specialty, licence, admin)), report).await?;
    if let Some(id) = created {
        let mut tx = db::begin_write(&state.writer).await?;
        let week = WeeklyHours::template_on(seed.weekdays);
        start_schedule(&mut tx, id, state.config.clinic.time_zone, &week).await?;
        sqlx::query(
            "UPDATE doctors SET fee_minor = ?2, years_of_experience = ?3, bio = ?4, location = ?5 \
             WHERE user_id = ?1",
        )
        .bind(id.0)
        .bind(6000 + 1500 * i64::from(n % 5))
        .bind(i64::from(8 + 3 * (n % 7)))
        .bind(format!("{} is a board-certified specialist in {}.", seed.full_name, seed.specialty))
        .bind("MediBook Clinic, 100 Main Street")
        .execute(&mut *tx)
        .await?;
        // A practice place (named ones in Dhaka's thanas, the rest spread over the country)
        // and the languages they consult in.
        sqlx::query(
            "UPDATE doctors SET practice_location_id = coalesce( \
               (SELECT id FROM locations WHERE depth = 3 AND name_en = ?2 AND code LIKE 'BD.6.47.%'), \
               (SELECT id FROM locations WHERE depth = 3 ORDER BY code LIMIT 1 OFFSET ?3)) \
             WHERE user_id = ?1",
        )
        .bind(id.0)
        .bind(SEEDED_THANAS.get(n as usize).copied().unwrap_or(""))
        .bind(i64::from(n * 37 % 500))
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO doctor_languages (doctor_id, language) \
             SELECT ?1, value FROM json_each(?2)",
        )
        .bind(id.0)
        .bind(if n.is_multiple_of(3) { r#"["bn","en","hi"]"# } else { r#"["bn","en"]"# })
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Creates the account unless its username exists; returns the new id.
async fn ensure_account(
    state: &AppState,
    account: &NewAccount,
    doctor: Option<(&str, LicenceNumber, UserId)>,
    report: &mut SeedReport,
) -> anyhow::Result<Option<UserId>> {
    let username = account.username.as_str().to_owned();
    if users::find_credentials(&state.db, &username).await?.is_some() {
        report.existing.push(username);
        return Ok(None);
    }
    let hash = state.hasher.hash(&account.password).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.writer).await?;
    let id = users::insert(&mut tx, account, &hash, now, true).await.context("inserting user")?;
    if let Some((specialty, licence, admin)) = doctor {
        let specialty_id = doctors::specialty_by_name(&mut tx, specialty)
            .await?
            .with_context(|| format!("specialty {specialty} is missing"))?;
        doctors::insert(&mut tx, id, specialty_id, &licence, Some((admin, now))).await?;
    }
    tx.commit().await.context("committing seed account")?;
    report.created.push(username);
    Ok(Some(id))
}

fn account(
    role: Role,
    username: &str,
    full_name: &str,
    dob: &str,
    n: u32,
    password: &str,
) -> anyhow::Result<NewAccount> {
    let fail = |e: crate::domain::FieldError| anyhow::anyhow!("seed {username}: {}", e.message());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).context("date")?;
    Ok(NewAccount {
        role,
        full_name: PersonName::parse(full_name).map_err(fail)?,
        username: Username::parse(username).map_err(fail)?,
        email: Email::parse(&format!("{}@medibook.local", username.replace('_', ".")))
            .map_err(fail)?,
        phone: Phone::parse(&format!("+1555{:07}", 1000 + n)).map_err(fail)?,
        date_of_birth: DateOfBirth::parse(dob, today).map_err(fail)?,
        password: Password::parse(password, Field::Password, &[]).map_err(fail)?,
        doctor: None,
    })
}
