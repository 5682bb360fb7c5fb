//! Turning an uploaded file into the two square JPEGs we serve. The type is sniffed from the
//! bytes (never the name or the header), the pixel count is read from the image header and
//! refused before anything is decoded (no decompression bombs), and the picture is decoded and
//! re-encoded, so EXIF, GPS and anything else hidden in the file is gone.

use crate::domain::field_error::{Field, FieldError, FieldErrorCode};
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, Rgb, RgbImage};
use std::io::Cursor;

/// The largest file accepted.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// The most pixels a picture may have (width × height), checked before decoding.
pub const MAX_PIXELS: u64 = 20_000_000;
/// Side of the square on directory cards.
pub const CARD_SIDE: u32 = 160;
/// Side of the square on the doctor's page.
pub const PROFILE_SIDE: u32 = 480;
const JPEG_QUALITY: u8 = 85;

/// A photo as we store and serve it: two square JPEGs without metadata.
#[derive(Debug)]
pub struct ProcessedPhoto {
    pub card: Vec<u8>,
    pub profile: Vec<u8>,
}

/// The picture format the bytes start like, of the three accepted.
pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some(ImageFormat::WebP)
    } else {
        None
    }
}

/// Checks, decodes and re-encodes an upload; the refusal names the photo field and why.
pub fn process(bytes: &[u8]) -> Result<ProcessedPhoto, FieldError> {
    let refuse = |code| FieldError::new(Field::Photo, code);
    if bytes.is_empty() {
        return Err(refuse(FieldErrorCode::Required));
    }
    if bytes.len() > MAX_BYTES {
        return Err(refuse(FieldErrorCode::TooLong));
    }
    let format = sniff(bytes).ok_or(refuse(FieldErrorCode::InvalidFormat))?;
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| refuse(FieldErrorCode::Damaged))?;
    if width == 0 || height == 0 {
        return Err(refuse(FieldErrorCode::Damaged));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(refuse(FieldErrorCode::OutOfRange));
    }
    let image = decode(bytes, format, width, height).ok_or(refuse(FieldErrorCode::Damaged))?;
    let profile = square(&image, PROFILE_SIDE);
    let card = image::imageops::resize(&profile, CARD_SIDE, CARD_SIDE, FilterType::Lanczos3);
    Ok(ProcessedPhoto {
        card: jpeg(&card).ok_or(refuse(FieldErrorCode::Damaged))?,
        profile: jpeg(&profile).ok_or(refuse(FieldErrorCode::Damaged))?,
    })
}

/// Decodes within limits set from the header (a decoder asking for more fails), upright as
/// the camera's orientation tag says (the tag itself is not kept).
fn decode(bytes: &[u8], format: ImageFormat, width: u32, height: u32) -> Option<DynamicImage> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    // RGBA with 16 bits a channel, plus room for the decoder's own buffers.
    limits.max_alloc = Some(MAX_PIXELS * 8 + 64 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().ok()?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).ok()?;
    image.apply_orientation(orientation);
    Some(image)
}

/// The largest centred square of `image`, scaled to `side` and laid on white (no alpha in JPEG).
fn square(image: &DynamicImage, side: u32) -> RgbImage {
    let edge = image.width().min(image.height());
    let cropped =
        image.crop_imm((image.width() - edge) / 2, (image.height() - edge) / 2, edge, edge);
    let scaled = cropped.resize_exact(side, side, FilterType::Lanczos3).to_rgba8();
    RgbImage::from_fn(side, side, |x, y| {
        let [r, g, b, a] = scaled.get_pixel(x, y).0;
        let over_white = |c: u8| {
            let (c, a) = (u16::from(c), u16::from(a));
            ((c * a + 255 * (255 - a)) / 255) as u8
        };
        Rgb([over_white(r), over_white(g), over_white(b)])
    })
}

fn jpeg(image: &RgbImage) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY).encode_image(image).ok()?;
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut bytes = Cursor::new(Vec::new());
        image.write_to(&mut bytes, format).expect("encoding a test picture");
        bytes.into_inner()
    }

    fn refusal(bytes: &[u8]) -> FieldErrorCode {
        process(bytes).expect_err("the file should be refused").code
    }

    #[test]
    fn each_accepted_format_becomes_two_square_jpegs() {
        let picture = DynamicImage::ImageRgba8(image::RgbaImage::from_fn(300, 200, |x, y| {
            image::Rgba([(x % 256) as u8, (y % 256) as u8, 90, if x < 20 { 0 } else { 255 }])
        }));
        for format in [ImageFormat::Png, ImageFormat::WebP, ImageFormat::Jpeg] {
            let source = if format == ImageFormat::Jpeg {
                DynamicImage::ImageRgb8(picture.to_rgb8())
            } else {
                picture.clone()
            };
            let photo = process(&encoded(&source, format)).expect("a good picture is accepted");
            for (bytes, side) in [(&photo.card, CARD_SIDE), (&photo.profile, PROFILE_SIDE)] {
                assert_eq!(sniff(bytes), Some(ImageFormat::Jpeg));
                let served = image::load_from_memory(bytes).expect("the result decodes");
                assert_eq!((served.width(), served.height()), (side, side), "{format:?}");
            }
        }
    }

    #[test]
    fn bad_files_are_refused_with_their_reason() {
        let png = encoded(&DynamicImage::new_rgb8(64, 64), ImageFormat::Png);
        assert_eq!(refusal(b""), FieldErrorCode::Required);
        assert_eq!(refusal(b"#!/bin/sh\nrm -rf /\n"), FieldErrorCode::InvalidFormat);
        assert_eq!(refusal(b"<script>alert(1)</script>"), FieldErrorCode::InvalidFormat);
        assert_eq!(refusal(b"GIF89a\x01\x00\x01\x00"), FieldErrorCode::InvalidFormat);
        assert_eq!(refusal(&png[..png.len() / 2]), FieldErrorCode::Damaged);
        assert_eq!(refusal(&png[..20]), FieldErrorCode::Damaged);
        assert_eq!(refusal(&vec![0xFF; MAX_BYTES + 1]), FieldErrorCode::TooLong);
    }

    #[test]
    fn a_picture_over_twenty_megapixels_is_refused_from_its_header() {
        // A 5,000 × 5,000 PNG whose data is a few bytes: decoding it would take 75 MB.
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut header = 5000u32.to_be_bytes().repeat(2);
        header.extend_from_slice(&[8, 2, 0, 0, 0]);
        for (kind, data) in [
            (b"IHDR", header),
            (b"IDAT", b"\x78\x9c\x63\x00\x00\x00\x01\x00\x01".to_vec()),
            (b"IEND", Vec::new()),
        ] {
            png.extend_from_slice(&u32::try_from(data.len()).expect("short chunk").to_be_bytes());
            let mut body = kind.to_vec();
            body.extend_from_slice(&data);
            png.extend_from_slice(&body);
            png.extend_from_slice(&crc32(&body).to_be_bytes());
        }
        assert_eq!(refusal(&png), FieldErrorCode::OutOfRange);
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
}
