//! Queries on the `users` table.

use crate::domain::schedule::TimeZone;
use crate::domain::{NewAccount, Role, UserId};
use crate::dto::mail_preferences::MailPreferences;
use crate::dto::session_user::SessionUser;
use crate::dto::user_filter::UserFilter;
use crate::dto::user_view::{DoctorDetailsView, UserView};
use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};

/// What login needs to know about an account.
#[derive(Debug, sqlx::FromRow)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
    pub is_active: bool,
    pub auth_version: i64,
}

/// A signed-in user's standing, checked on every request.
#[derive(Debug)]
pub struct SessionStanding {
    pub user: SessionUser,
    pub is_active: bool,
    pub auth_version: i64,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    role: String,
    username: String,
    email: String,
    full_name: String,
    phone: Option<String>,
    date_of_birth: Option<String>,
    is_active: bool,
    email_verified_at: Option<i64>,
    time_zone: Option<TimeZone>,
    created_at: i64,
    mail_reminders: bool,
    mail_review_requests: bool,
    specialty: Option<String>,
    licence_number: Option<String>,
    verified_at: Option<i64>,
}

const USER_VIEW_SELECT: &str = "SELECT u.id, u.role, u.username, u.email, u.full_name, u.phone, \
     u.date_of_birth, u.is_active, u.email_verified_at, u.time_zone, u.created_at, \
     u.mail_reminders, u.mail_review_requests, s.name AS specialty, d.licence_number, d.verified_at \
     FROM users u LEFT JOIN doctors d ON d.user_id = u.id \
     LEFT JOIN specialties s ON s.id = d.specialty_id";

impl From<UserRow> for UserView {
    fn from(row: UserRow) -> Self {
        let doctor = match (row.specialty, row.licence_number) {
            (Some(specialty), Some(licence_number)) => {
                Some(DoctorDetailsView { specialty, licence_number, verified_at: row.verified_at })
            }
            _ => None,
        };
        UserView {
            id: UserId(row.id),
            role: Role::parse(&row.role).unwrap_or(Role::Patient),
            username: row.username,
            email: row.email,
            full_name: row.full_name,
            phone: row.phone,
            date_of_birth: row.date_of_birth,
            is_active: row.is_active,
            email_verified_at: row.email_verified_at,
            time_zone: row.time_zone,
            created_at: row.created_at,
            mail: MailPreferences {
                reminders: row.mail_reminders,
                review_requests: row.mail_review_requests,
            },
            doctor,
        }
    }
}

/// One user's profile.
pub async fn find_view(pool: &SqlitePool, id: UserId) -> Result<Option<UserView>, sqlx::Error> {
    let sql = format!("{USER_VIEW_SELECT} WHERE u.id = ?1");
    let row: Option<UserRow> = sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?;
    Ok(row.map(UserView::from))
}

/// Users matching an admin's filter, newest first, at most `limit`.
pub async fn list_views(
    pool: &SqlitePool,
    filter: &UserFilter,
    limit: i64,
) -> Result<Vec<UserView>, sqlx::Error> {
    let condition = match filter.show.as_str() {
        "patient" | "doctor" | "admin" => "u.role = ?1",
        "unverified" => "u.role = 'doctor' AND d.verified_at IS NULL AND ?1 = ?1",
        _ => "?1 = ?1",
    };
    let sql = format!(
        "{USER_VIEW_SELECT} WHERE {condition} AND (?2 = '' OR u.full_name LIKE ?3 ESCAPE '\\' \
         OR u.username LIKE ?3 ESCAPE '\\' OR u.email LIKE ?3 ESCAPE '\\') \
         ORDER BY u.created_at DESC, u.id DESC LIMIT ?4"
    );
    let search = filter.search.trim();
    let pattern = format!("%{}%", escape_like(search));
    let rows: Vec<UserRow> = sqlx::query_as(&sql)
        .bind(&filter.show)
        .bind(search)
        .bind(pattern)
        .bind(limit)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(UserView::from).collect())
}

/// Escapes `%`, `_` and `\\` for a `LIKE … ESCAPE '\\'` pattern.
pub(crate) fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Credentials by username or email (both compared case-insensitively).
pub async fn find_credentials(
    pool: &SqlitePool,
    login: &str,
) -> Result<Option<Credentials>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, password_hash, is_active, auth_version FROM users \
         WHERE username = ?1 OR email = ?1 LIMIT 1",
    )
    .bind(login.trim())
    .fetch_optional(pool)
    .await
}

/// Credentials by id.
pub async fn find_credentials_by_id(
    pool: &SqlitePool,
    id: UserId,
) -> Result<Option<Credentials>, sqlx::Error> {
    sqlx::query_as("SELECT id, password_hash, is_active, auth_version FROM users WHERE id = ?1")
        .bind(id.0)
        .fetch_optional(pool)
        .await
}

/// The user behind a session, with what decides whether the session is still valid.
pub async fn find_standing<'e>(
    pool: impl sqlx::SqliteExecutor<'e>,
    id: UserId,
) -> Result<Option<SessionStanding>, sqlx::Error> {
    let row: Option<StandingRow> = sqlx::query_as(
        "SELECT id, role, username, full_name, is_active, auth_version, \
         email_verified_at IS NOT NULL FROM users WHERE id = ?1",
    )
    .bind(id.0)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(standing_of))
}

/// Like [`find_standing`], in the same read, only while API token `family` of the user is not
/// revoked (one query per API request instead of two).
pub async fn find_standing_in_live_family(
    pool: &SqlitePool,
    id: UserId,
    family: i64,
) -> Result<Option<SessionStanding>, sqlx::Error> {
    let row: Option<StandingRow> = sqlx::query_as(
        "SELECT u.id, u.role, u.username, u.full_name, u.is_active, u.auth_version, \
         u.email_verified_at IS NOT NULL FROM users u \
         JOIN api_token_families f ON f.user_id = u.id \
         WHERE u.id = ?1 AND f.id = ?2 AND f.revoked_at IS NULL",
    )
    .bind(id.0)
    .bind(family)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(standing_of))
}

type StandingRow = (i64, String, String, String, bool, i64, bool);

fn standing_of(
    (id, role, username, full_name, is_active, auth_version, email_verified): StandingRow,
) -> Option<SessionStanding> {
    Some(SessionStanding {
        user: SessionUser {
            id: UserId(id),
            role: Role::parse(&role)?,
            username,
            full_name,
            email_verified,
            unread_notifications: 0,
        },
        is_active,
        auth_version,
    })
}

/// True when a user already has this username or email (case-insensitive): (username, email).
pub async fn identity_taken(
    conn: &mut SqliteConnection,
    username: &str,
    email: &str,
) -> Result<(bool, bool), sqlx::Error> {
    sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM users WHERE username = ?1), \
                EXISTS (SELECT 1 FROM users WHERE email = ?2)",
    )
    .bind(username)
    .bind(email)
    .fetch_one(conn)
    .await
}

/// Stores a new account (without doctor details) and returns its id.
pub async fn insert(
    conn: &mut SqliteConnection,
    account: &NewAccount,
    password_hash: &str,
    now: DateTime<Utc>,
    email_verified: bool,
) -> Result<UserId, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (role, username, email, full_name, phone, date_of_birth, password_hash, \
         email_verified_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) \
         RETURNING id",
    )
    .bind(account.role.as_str())
    .bind(account.username.as_str())
    .bind(account.email.as_str())
    .bind(account.full_name.as_str())
    .bind(account.phone.as_str())
    .bind(account.date_of_birth.date().to_string())
    .bind(password_hash)
    .bind(email_verified.then_some(now.timestamp()))
    .bind(now.timestamp())
    .fetch_one(conn)
    .await?;
    Ok(UserId(id))
}

/// Stores an admin account (no phone or date of birth) and returns its id.
pub async fn insert_admin(
    conn: &mut SqliteConnection,
    username: &str,
    email: &str,
    full_name: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<UserId, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (role, username, email, full_name, password_hash, email_verified_at, \
         created_at, updated_at) VALUES ('admin', ?1, ?2, ?3, ?4, ?5, ?5, ?5) RETURNING id",
    )
    .bind(username)
    .bind(email)
    .bind(full_name)
    .bind(password_hash)
    .bind(now.timestamp())
    .fetch_one(conn)
    .await?;
    Ok(UserId(id))
}

/// Activates or deactivates a user; deactivation ends all their sessions. Returns false when no
/// such user exists.
pub async fn set_active(
    conn: &mut SqliteConnection,
    id: UserId,
    active: bool,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE users SET is_active = ?2, updated_at = ?3, \
         auth_version = auth_version + (CASE WHEN ?2 = 0 AND is_active = 1 THEN 1 ELSE 0 END) \
         WHERE id = ?1",
    )
    .bind(id.0)
    .bind(active)
    .bind(now.timestamp())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces a password hash and ends every session (returns the new auth version).
pub async fn set_password(
    conn: &mut SqliteConnection,
    id: UserId,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE users SET password_hash = ?2, auth_version = auth_version + 1, updated_at = ?3 \
         WHERE id = ?1 RETURNING auth_version",
    )
    .bind(id.0)
    .bind(password_hash)
    .bind(now.timestamp())
    .fetch_one(conn)
    .await
}

/// Ends every session of `id` by moving their auth version on (one statement).
pub async fn end_all_sessions(
    writer: &SqlitePool,
    id: UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET auth_version = auth_version + 1, updated_at = ?2 WHERE id = ?1")
        .bind(id.0)
        .bind(now.timestamp())
        .execute(writer)
        .await
        .map(|_| ())
}

/// The role of a user, if they exist.
pub async fn role_of(conn: &mut SqliteConnection, id: UserId) -> Result<Option<Role>, sqlx::Error> {
    let role: Option<String> = sqlx::query_scalar("SELECT role FROM users WHERE id = ?1")
        .bind(id.0)
        .fetch_optional(conn)
        .await?;
    Ok(role.as_deref().and_then(Role::parse))
}

/// Where a mail to a user goes, and the name it greets: (email, full name).
pub async fn mail_address(
    conn: &mut SqliteConnection,
    id: UserId,
) -> Result<(String, String), sqlx::Error> {
    sqlx::query_as("SELECT email, full_name FROM users WHERE id = ?1")
        .bind(id.0)
        .fetch_one(conn)
        .await
}

/// Number of users (0 means a fresh database).
pub async fn count(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(pool).await
}

/// Who owns `email` (case-insensitive), for a password reset: id, username, full name, active.
pub async fn find_by_email(
    pool: &SqlitePool,
    email: &str,
) -> Result<Option<(UserId, String, String, bool)>, sqlx::Error> {
    let row: Option<(i64, String, String, bool)> =
        sqlx::query_as("SELECT id, username, full_name, is_active FROM users WHERE email = ?1")
            .bind(email)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(id, username, name, active)| (UserId(id), username, name, active)))
}

/// Sets the zone `id` reads times in (mail, reminders); `None` follows the doctor's zone.
pub async fn set_time_zone<'c>(
    writer: impl sqlx::SqliteExecutor<'c>,
    id: UserId,
    zone: Option<TimeZone>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET time_zone = ?2, updated_at = ?3 WHERE id = ?1")
        .bind(id.0)
        .bind(zone)
        .bind(now.timestamp())
        .execute(writer)
        .await
        .map(|_| ())
}
