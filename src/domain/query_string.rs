//! `application/x-www-form-urlencoded` query strings, as browsers write them for GET forms.

/// `name=value` pairs joined by `&`, values percent-encoded (unreserved characters kept).
pub fn encode<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(name, value)| format!("{}={}", percent_encode(name), percent_encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes one name or value: every byte but `A–Z a–z 0–9 - _ . ~` becomes `%XX`.
pub fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The pairs of a query string (without `?`), `+` read as a space, `%XX` decoded; malformed
/// escapes are kept as written and invalid UTF-8 replaced.
pub fn decode(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match hex(bytes[i + 1]).zip(hex(bytes[i + 2])) {
                Some((high, low)) => {
                    out.push(high * 16 + low);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn browsers_plus_and_escapes_are_read() {
        assert_eq!(
            decode("q=heart+doctor&x=%E0%A6%A7&bad=%zz&empty="),
            vec![
                ("q".into(), "heart doctor".into()),
                ("x".into(), "ধ".into()),
                ("bad".into(), "%zz".into()),
                ("empty".into(), String::new()),
            ]
        );
    }

    proptest! {
        #[test]
        fn encoded_pairs_decode_to_themselves(pairs in proptest::collection::vec(("[a-z_]{1,8}", "\\PC{0,12}"), 0..5)) {
            let query = encode(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            let back = decode(&query);
            prop_assert_eq!(back, pairs);
        }
    }
}
