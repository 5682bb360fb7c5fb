//! How server functions' answers travel: JSON, as Leptos sends them, but read in the browser
//! from text rather than bytes. The page's hydration data is read from text too, so the wasm
//! then carries one JSON reader per answer type instead of two (`serde_json` compiles its
//! reader separately for `&str` and `&[u8]`: about 70 KB of the booking path's wasm).

use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::{Serialize, de::DeserializeOwned};

/// JSON answers (`application/json`), decoded from text.
pub struct TextJsonEncoding;

/// Arguments as Leptos's default (a URL-encoded form), answers as [`TextJsonEncoding`]: what
/// every server function of the app names as its `output`.
pub type TextJson = Post<TextJsonEncoding>;

impl ContentType for TextJsonEncoding {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for TextJsonEncoding {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for TextJsonEncoding {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for TextJsonEncoding {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde::de::Error::custom)?;
        serde_json::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_comes_back_as_it_was_sent() {
        let sent = vec![(1_i64, "Dhaka".to_owned())];
        let bytes = <TextJsonEncoding as Encodes<_>>::encode(&sent).unwrap();
        let back: Vec<(i64, String)> = TextJsonEncoding::decode(bytes).unwrap();
        assert_eq!(back, sent);
    }

    #[test]
    fn bytes_that_are_not_text_are_an_error() {
        let decoded: Result<String, _> = TextJsonEncoding::decode(Bytes::from_static(b"\"\xff\""));
        assert!(decoded.is_err());
    }
}
