//! A rendered mail.

/// A message ready for a transport: one recipient, a subject, a plain-text and an HTML part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The Message-ID of job `job`'s mail: the same on every attempt.
pub fn message_id(job: i64) -> String {
    format!("<job-{job}@medibook.invalid>")
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// Wraps paragraphs of HTML in the clinic's plain mail layout (inline styles only: mail
/// clients ignore style sheets, and nothing is loaded from elsewhere).
pub fn html_layout(title: &str, paragraphs: &[String]) -> String {
    let body: String =
        paragraphs.iter().map(|p| format!("<p style=\"margin:0 0 16px\">{p}</p>")).collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:system-ui,sans-serif;color:#1f2933;max-width:560px;margin:24px auto\">\
         <h1 style=\"font-size:20px;color:#0b6e4f\">MediBook</h1>{body}\
         <p style=\"font-size:12px;color:#6b7280\">This message was sent by MediBook. \
         If you did not expect it, you can ignore it.</p></body></html>",
        title = escape_html(title)
    )
}

/// A message of plain paragraphs, the first being the greeting: the text part joins them, the
/// HTML part escapes each into the layout.
pub fn plain_mail(to: &str, subject: &str, lines: &[String]) -> Mail {
    let text = format!("{}\n", lines.join("\n\n"));
    let paragraphs: Vec<String> = lines.iter().map(|line| escape_html(line)).collect();
    Mail {
        to: to.to_owned(),
        subject: subject.to_owned(),
        text,
        html: html_layout(subject, &paragraphs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_special_characters_are_escaped() {
        assert_eq!(escape_html("<b>\"A&B\"</b>'"), "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;&#39;");
    }
}
