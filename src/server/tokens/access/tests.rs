use super::*;
use crate::domain::Role;
use chrono::TimeZone;

fn key(byte: u8) -> SigningKey {
    SigningKey::from_bytes([byte; 32])
}

fn alice() -> SessionUser {
    SessionUser {
        id: UserId(7),
        role: Role::Patient,
        username: "alice".into(),
        full_name: "Alice".into(),
        email_verified: true,
        unread_notifications: 0,
    }
}

fn noon() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 12, 0, 0).single().expect("a time")
}

#[test]
fn a_token_reads_back_its_claims_until_it_expires_by_the_apps_clock() {
    let (token, expires) = issue(&key(1), &alice(), 3, 5, noon(), "j1".into()).expect("issued");
    assert_eq!(expires, noon() + chrono::Duration::minutes(15));
    let claims = read(&key(1), &token, noon()).expect("valid");
    assert_eq!((claims.sub.as_str(), claims.role.as_str()), ("7", "patient"));
    assert_eq!((claims.fam, claims.ver, claims.jti.as_str()), (3, 5, "j1"));
    let last_second = expires - chrono::Duration::seconds(1);
    assert!(read(&key(1), &token, last_second).is_some());
    assert!(read(&key(1), &token, expires).is_none(), "expired at exp");
}

#[test]
fn another_key_a_changed_payload_or_no_signature_is_refused() {
    let (token, _) = issue(&key(1), &alice(), 3, 5, noon(), "j1".into()).expect("issued");
    assert!(read(&key(2), &token, noon()).is_none(), "another key");
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    // The same header and signature over claims that name an admin.
    let (admin, _) =
        issue(&key(9), &SessionUser { role: Role::Admin, ..alice() }, 3, 5, noon(), "j1".into())
            .expect("issued");
    let forged = format!("{}.{}.{}", parts[0], admin.split('.').nth(1).expect("payload"), parts[2]);
    assert!(read(&key(1), &forged, noon()).is_none(), "payload swapped");
    // `alg: none` with the signature dropped.
    let none_header = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0";
    assert!(read(&key(1), &format!("{none_header}.{}.", parts[1]), noon()).is_none());
    assert!(read(&key(1), "not a token", noon()).is_none());
    assert!(read(&key(1), "", noon()).is_none());
}
