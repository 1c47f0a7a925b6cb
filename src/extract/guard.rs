//! Limits a PDF must keep before a PDF library is let loose on it: how much its compressed streams
//! expand to, and how deep its forms draw each other.
//!
//! The PDF reader decompresses every stream it touches whole into memory, images included, and follows a
//! form that draws a form by recursion. A decompression bomb (a few kilobytes of zeros that inflate to
//! gigabytes) would end the build for lack of memory and a form that draws itself for lack of stack, and
//! neither can be caught once it happens. So both are measured first, with bounded work: every stream is
//! inflated once into a counter, never a buffer, and stops at the budget.

use std::io::Read;

/// How many bytes a PDF's streams may expand to in all: eight times the file, at least 32 MiB and at most
/// 256 MiB. Text, fonts and a page of scanned image expand four to ten times; a bomb a thousand.
pub(crate) fn budget(file_len: usize) -> u64 {
    ((file_len as u64).saturating_mul(8)).clamp(32 << 20, 256 << 20)
}

/// Checks that the streams of `bytes` inflate to no more than `budget` bytes in all; the reason
/// otherwise.
///
/// Streams are found by their `stream` keyword rather than by parsing the file, so that a stream in an
/// object nothing references, or one the cross-reference table leaves out, is counted too: whatever could
/// be inflated is. Data that
/// is not zlib or deflate (images in JPEG, plain text) fails at once and counts nothing.
pub(crate) fn check_streams(bytes: &[u8], budget: u64) -> Result<(), String> {
    let mut total: u64 = 0;
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&bytes[from..], b"stream") {
        let start = from + at;
        from = start + b"stream".len();
        if bytes[..start].ends_with(b"end") {
            continue;
        }
        let mut body = from;
        if bytes.get(body) == Some(&b'\r') {
            body += 1;
        }
        if bytes.get(body) == Some(&b'\n') {
            body += 1;
        }
        let left = budget - total;
        let dict = &bytes[start.saturating_sub(512)..start];
        let grown = if contains(dict, b"LZW") {
            lzw_len(&bytes[body..], left + 1)
        } else {
            inflated_len(&bytes[body..], left + 1)
        };
        total = within(total + grown, budget)?;
    }
    Ok(())
}

/// Checks the streams of a loaded (and decrypted) document against `budget`, as [`check_streams`] does
/// the file's bytes: an encrypted stream could not be measured before, and a stream compressed twice
/// (`[/FlateDecode /FlateDecode]`) or behind another filter (`[/ASCII85Decode /FlateDecode]`) measures
/// as its first layer only. ASCII layers are decoded to measure what they carry; a stream inflated and
/// then decoded again is refused: no statement needs it, and the reader would inflate each layer whole.
pub(crate) fn check_loaded(doc: &pdf_extract::Document, budget: u64) -> Result<(), String> {
    let mut total: u64 = 0;
    for object in doc.objects.values() {
        let pdf_extract::Object::Stream(stream) = object else {
            continue;
        };
        let filters = stream.filters().unwrap_or_default();
        let left = budget - total + 1;
        let grown = match filters.split_last() {
            None => 0,
            // ASCII layers (which the reader decodes whole, at most 4× their text), then at most one
            // inflating filter, last: measured through the layers.
            Some((last, layers)) if layers.iter().all(|f| is_ascii85(f)) => {
                let mut data = std::borrow::Cow::Borrowed(&stream.content[..]);
                for _ in layers {
                    data = std::borrow::Cow::Owned(ascii85(&data));
                }
                let layers_len = if layers.is_empty() {
                    0
                } else {
                    data.len() as u64
                };
                layers_len
                    + match *last {
                        b"LZWDecode" | b"LZW" => lzw_len(&data, left),
                        b"FlateDecode" | b"Fl" => inflated_len(&data, left),
                        _ => 0,
                    }
            }
            // An inflating filter with anything after it: the reader would inflate each layer whole.
            Some(_) if filters.iter().any(|f| is_inflating(f)) => {
                return Err(
                    "a stream is compressed through several filters, which Demarche does \
                            not read"
                        .into(),
                )
            }
            Some(_) => 0,
        };
        total = within(total + grown, budget)?;
    }
    Ok(())
}

/// `total`, or why it is past `budget`.
fn within(total: u64, budget: u64) -> Result<u64, String> {
    if total > budget {
        return Err(format!(
            "its compressed streams expand to more than {} MiB (a decompression bomb?)",
            budget >> 20
        ));
    }
    Ok(total)
}

fn is_inflating(filter: &[u8]) -> bool {
    matches!(filter, b"FlateDecode" | b"Fl" | b"LZWDecode" | b"LZW")
}

fn is_ascii85(filter: &[u8]) -> bool {
    matches!(filter, b"ASCII85Decode" | b"A85")
}

/// ASCII base-85 text to its bytes, as PDF writes it ("z" for four zeros, "~>" at the end).
fn ascii85(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let (mut group, mut n) = (0u32, 0usize);
    for &c in text {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group = group.wrapping_mul(85).wrapping_add(u32::from(c - b'!'));
                n += 1;
                if n == 5 {
                    out.extend_from_slice(&group.to_be_bytes());
                    (group, n) = (0, 0);
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for _ in n..5 {
            group = group.wrapping_mul(85).wrapping_add(84);
        }
        out.extend_from_slice(&group.to_be_bytes()[..n - 1]);
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// How many bytes `data` inflates to as zlib, or else as raw deflate (which PDF readers also accept),
/// counting at most `limit`.
fn inflated_len(data: &[u8], limit: u64) -> u64 {
    let zlib = count(flate2::read::ZlibDecoder::new(data), limit);
    if zlib > 0 {
        return zlib;
    }
    count(flate2::read::DeflateDecoder::new(data), limit)
}

/// How many bytes `data` decodes to as LZW (early change, as PDF writes it), counting at most `limit`.
fn lzw_len(data: &[u8], limit: u64) -> u64 {
    let mut decoder = weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
    let mut buf = vec![0u8; 64 << 10];
    let (mut input, mut total) = (data, 0u64);
    while total < limit {
        let result = decoder.decode_bytes(input, &mut buf);
        total += result.consumed_out as u64;
        input = &input[result.consumed_in..];
        match result.status {
            Ok(weezl::LzwStatus::Ok) if result.consumed_in + result.consumed_out > 0 => {}
            _ => break,
        }
    }
    total
}

/// Bytes read from `reader` until it ends, fails or passes `limit`.
fn count(reader: impl Read, limit: u64) -> u64 {
    let mut sink = [0u8; 64 << 10];
    let mut reader = reader.take(limit);
    let mut total = 0u64;
    loop {
        match reader.read(&mut sink) {
            Ok(0) | Err(_) => return total,
            Ok(n) => total += n as u64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn once_loaded_a_stream_compressed_twice_is_refused_and_a_bomb_counted() {
        use pdf_extract::{Dictionary, Document, Object, Stream};
        let name = |n: &str| Object::Name(n.as_bytes().to_vec());
        let mut doc = Document::with_version("1.5");
        let mut twice = Dictionary::new();
        twice.set(
            "Filter",
            Object::Array(vec![name("FlateDecode"), name("FlateDecode")]),
        );
        doc.add_object(Object::Stream(Stream::new(
            twice,
            deflated(&deflated(b"text")),
        )));
        assert!(check_loaded(&doc, 1 << 20)
            .unwrap_err()
            .contains("several filters"));

        // What an encrypted file hid until it was decrypted: measured like the file's bytes.
        let mut doc = Document::with_version("1.5");
        let mut once = Dictionary::new();
        once.set("Filter", name("FlateDecode"));
        doc.add_object(Object::Stream(Stream::new(
            once,
            deflated(&vec![0u8; 4 << 20]),
        )));
        assert!(check_loaded(&doc, 1 << 20).unwrap_err().contains("bomb"));
        assert!(check_loaded(&doc, 8 << 20).is_ok());

        // The same bomb behind an ASCII layer, which the scan of the file could not inflate.
        let mut doc = Document::with_version("1.5");
        let mut layered = Dictionary::new();
        layered.set(
            "Filter",
            Object::Array(vec![name("ASCII85Decode"), name("FlateDecode")]),
        );
        let text = encoded85(&deflated(&vec![0u8; 4 << 20]));
        assert_eq!(check_streams(&text, 1 << 20), Ok(()));
        doc.add_object(Object::Stream(Stream::new(layered, text)));
        assert!(check_loaded(&doc, 1 << 20).unwrap_err().contains("bomb"));
    }

    /// ASCII base-85, as PDF writes it.
    fn encoded85(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for chunk in data.chunks(4) {
            let mut word = [0u8; 4];
            word[..chunk.len()].copy_from_slice(chunk);
            let mut n = u32::from_be_bytes(word);
            let mut digits = [0u8; 5];
            for d in digits.iter_mut().rev() {
                *d = (n % 85) as u8 + b'!';
                n /= 85;
            }
            out.extend_from_slice(&digits[..chunk.len() + 1]);
        }
        out.extend_from_slice(b"~>");
        out
    }

    #[test]
    fn ascii85_decodes_as_pdf_writes_it() {
        assert_eq!(
            ascii85(b"9jqo^BlbD-BleB1DJ+*+F(f,q"),
            b"Man is distinguished"
        );
        assert_eq!(ascii85(b"z~>"), [0, 0, 0, 0]);
        let data: Vec<u8> = (0..=255).collect();
        assert_eq!(ascii85(&encoded85(&data)), data);
    }

    fn deflated(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn pdf_with_stream(body: &[u8]) -> Vec<u8> {
        let mut pdf = b"%PDF-1.4\n1 0 obj << /Filter /FlateDecode >> stream\n".to_vec();
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendstream endobj\n%%EOF\n");
        pdf
    }

    #[test]
    fn a_decompression_bomb_is_refused_after_bounded_work() {
        let zeros = vec![0u8; 64 << 20];
        let bomb = pdf_with_stream(&deflated(&zeros));
        assert!(bomb.len() < 200 << 10, "{}", bomb.len());
        let err = check_streams(&bomb, budget(bomb.len())).unwrap_err();
        assert!(err.contains("decompression bomb"), "{err}");
    }

    #[test]
    fn ordinary_streams_pass() {
        let text = b"BT /F1 12 Tf (Peace is near.) Tj ET ".repeat(1000);
        let pdf = pdf_with_stream(&deflated(&text));
        assert_eq!(check_streams(&pdf, budget(pdf.len())), Ok(()));
        assert_eq!(
            check_streams(b"%PDF-1.4 stream\nnot compressed\nendstream", 1 << 20),
            Ok(())
        );
    }
}
