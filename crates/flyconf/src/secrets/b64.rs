//! A small, lenient base64 decoder (standard and URL-safe alphabets, padding optional,
//! ASCII whitespace ignored) used to look inside JWT payloads, HTTP Basic credentials and
//! `[[files]] raw_value` blobs.

/// Inputs longer than this are not decoded.
pub(crate) const MAX_DECODE_INPUT: usize = 1 << 20;

fn sextet(b: u8) -> Option<u32> {
    let v = match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' | b'-' => 62,
        b'/' | b'_' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Decodes `input`; `None` if it contains anything but base64 characters, `=` padding at
/// the end and ASCII whitespace, or if it is longer than [`MAX_DECODE_INPUT`].
pub(crate) fn decode(input: &[u8]) -> Option<Vec<u8>> {
    if input.len() > MAX_DECODE_INPUT {
        return None;
    }
    let mut out = Vec::with_capacity(input.len() / 4 * 3 + 3);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    let mut padding = false;
    for &b in input {
        if b.is_ascii_whitespace() {
            continue;
        }
        if b == b'=' {
            padding = true;
            continue;
        }
        if padding {
            return None;
        }
        acc = (acc << 6) | sextet(b)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    Some(out)
}

/// Decodes `input` and returns it if it is printable UTF-8 text (no control characters
/// other than tab, CR and LF).
pub(crate) fn decode_text(input: &[u8]) -> Option<String> {
    let bytes = decode(input)?;
    let text = String::from_utf8(bytes).ok()?;
    let printable = !text.is_empty()
        && text
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'));
    printable.then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_known() {
        assert_eq!(decode(b"aGVsbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(decode(b"aGVsbG8").as_deref(), Some(&b"hello"[..]));
        assert_eq!(
            decode(b"aGVs\nbG8gd29ybGQ=").as_deref(),
            Some(&b"hello world"[..])
        );
        assert_eq!(decode(b"-_-_").map(|v| v.len()), Some(3));
        assert_eq!(decode(b"a=b"), None);
        assert_eq!(decode(b"a!b"), None);
        assert_eq!(decode_text(b"dXNlcjpwYXNz").as_deref(), Some("user:pass"));
        assert_eq!(decode_text(b"AAAA"), None);
    }
}
