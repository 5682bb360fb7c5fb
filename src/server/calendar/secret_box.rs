//! Seals CalDAV passwords with the server's calendar key (ChaCha20-Poly1305, a random nonce
//! per password, the calendar's owner bound in as associated data so a sealed password cannot
//! be moved to another doctor's row). The key comes from the environment, never the database.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand::RngCore;
use rand::rngs::OsRng;

const NONCE_BYTES: usize = 12;

/// `password` sealed for `doctor`: nonce then ciphertext.
pub fn seal(key: &[u8; 32], doctor: i64, password: &str) -> Vec<u8> {
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    let mut nonce = [0u8; NONCE_BYTES];
    OsRng.fill_bytes(&mut nonce);
    let aad = doctor.to_be_bytes();
    let sealed = cipher
        .encrypt(Nonce::from_slice(&nonce), Payload { msg: password.as_bytes(), aad: &aad })
        .unwrap_or_default();
    [nonce.as_slice(), &sealed].concat()
}

/// The password sealed for `doctor`; `None` if the key or the owner differ, or it was altered.
pub fn open(key: &[u8; 32], doctor: i64, sealed: &[u8]) -> Option<String> {
    if sealed.len() <= NONCE_BYTES {
        return None;
    }
    let (nonce, body) = sealed.split_at(NONCE_BYTES);
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    let aad = doctor.to_be_bytes();
    let plain = cipher.decrypt(Nonce::from_slice(nonce), Payload { msg: body, aad: &aad }).ok()?;
    String::from_utf8(plain).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_password_opens_only_with_its_key_and_owner() {
        let key = [9u8; 32];
        let sealed = seal(&key, 42, "app-password");
        assert!(!sealed.windows(12).any(|w| w == b"app-password"), "not readable");
        assert_eq!(open(&key, 42, &sealed).as_deref(), Some("app-password"));
        assert_eq!(open(&[8u8; 32], 42, &sealed), None, "another key");
        assert_eq!(open(&key, 43, &sealed), None, "another doctor's row");
        let mut altered = sealed.clone();
        *altered.last_mut().expect("byte") ^= 1;
        assert_eq!(open(&key, 42, &altered), None);
        assert_ne!(seal(&key, 42, "app-password"), sealed, "a fresh nonce each time");
    }
}
