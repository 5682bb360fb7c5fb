//! One CSV field (RFC 4180) that a spreadsheet never reads as a formula.

/// `raw` quoted when needed; a leading `=`, `+`, `@`, tab or carriage return (or a `-` that
/// does not start a number) is defused with a `'`, so a name like `=HYPERLINK(…)` stays text.
pub fn csv_field(raw: &str) -> String {
    let text = if raw.starts_with(['=', '+', '@', '\t', '\r'])
        || (raw.starts_with('-') && raw[1..].parse::<f64>().is_err())
    {
        format!("'{raw}")
    } else {
        raw.to_owned()
    };
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("@cmd"), "'@cmd");
        assert_eq!(csv_field("\tx"), "'\tx");
        assert_eq!(csv_field("-60.00"), "-60.00", "a negative amount stays a number");
        assert_eq!(csv_field("-cmd"), "'-cmd");
    }
}
