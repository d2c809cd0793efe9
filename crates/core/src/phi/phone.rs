//! North American phone numbers: `(503) 555-0142`, `503-555-0142`, `503.555.0142`,
//! `503 555 0142`, with an optional `+1`/`1` prefix, or ten bare digits. A number's shape
//! says nothing about whose it is (the clinic's own number sits in every footer), so the
//! scanner reports a phone number only where context names a person's phone.

fn digits(b: &[u8], from: usize, n: usize) -> bool {
    b.get(from..from + n)
        .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
}

/// A number whose area code starts at `i` (a `(` may stand before it): the span's start
/// and end. `bare` allows ten digits without delimiters.
pub fn parse(b: &[u8], i: usize, bare: bool) -> Option<(usize, usize)> {
    let mut start = i;
    let mut at = i;
    // Country code "1" or "+1" followed by a delimiter.
    if b.get(at) == Some(&b'1') && matches!(b.get(at + 1), Some(b'-' | b' ' | b'.')) {
        at += 2;
        if b.get(at) == Some(&b'(') {
            at += 1;
        }
    }
    if i > 0 && b[i - 1] == b'+' {
        start = i - 1;
    }
    if !digits(b, at, 3) {
        return None;
    }
    let area = at;
    let after_area;
    if at > 0 && b[at - 1] == b'(' && b.get(at + 3) == Some(&b')') {
        if at == i {
            start = i - 1;
        }
        after_area = at + 4 + usize::from(b.get(at + 4) == Some(&b' '));
    } else if digits(b, at, 10) && bare {
        let end = at + 10;
        return (valid(b, area, at + 3) && super::ssn::ends_number(b, end)).then_some((start, end));
    } else {
        let sep = *b.get(at + 3)?;
        if !matches!(sep, b'-' | b'.' | b' ') {
            return None;
        }
        let ex = at + 4;
        if !digits(b, ex, 3) || b.get(ex + 3) != Some(&sep) || !digits(b, ex + 4, 4) {
            return None;
        }
        let end = ex + 8;
        return (valid(b, area, ex) && super::ssn::ends_number(b, end)).then_some((start, end));
    }
    let ex = after_area;
    if !digits(b, ex, 3) {
        return None;
    }
    let line = match b.get(ex + 3) {
        Some(b'-' | b'.' | b' ') => ex + 4,
        _ => ex + 3,
    };
    if !digits(b, line, 4) {
        return None;
    }
    let end = line + 4;
    (valid(b, area, ex) && super::ssn::ends_number(b, end)).then_some((start, end))
}

/// NANP: area code and exchange start with 2–9.
fn valid(b: &[u8], area: usize, exchange: usize) -> bool {
    matches!(b[area], b'2'..=b'9') && matches!(b[exchange], b'2'..=b'9')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(s: &str, i: usize) -> Option<(usize, usize)> {
        parse(s.as_bytes(), i, false)
    }

    #[test]
    fn forms() {
        assert_eq!(span("(503) 555-0142", 1), Some((0, 14)));
        assert_eq!(span("503-555-0142", 0), Some((0, 12)));
        assert_eq!(span("503.555.0142", 0), Some((0, 12)));
        assert_eq!(span("+1 503 555 0142", 1), Some((0, 15)));
        assert_eq!(parse(b"5035550142", 0, true), Some((0, 10)));
        assert_eq!(parse(b"5035550142", 0, false), None);
    }

    #[test]
    fn lookalikes() {
        assert_eq!(span("103-555-0142", 0), None, "area code starts 2-9");
        assert_eq!(span("503-055-0142", 0), None, "exchange starts 2-9");
        assert_eq!(span("503-555.0142", 0), None, "mixed delimiters");
        assert_eq!(span("503-555-01427", 0), None);
    }
}
