//! Calendar dates as portals write them: `03/14/1961`, `3/14/1961`, `03-14-1961`,
//! `1961-03-14` (also the date of an ISO timestamp). A date is a date of birth only when
//! context says so; a page's "last updated" date is not PHI.

fn n(b: &[u8], from: usize, len: usize) -> Option<u32> {
    let s = b.get(from..from + len)?;
    s.iter()
        .all(u8::is_ascii_digit)
        .then(|| s.iter().fold(0, |v, c| v * 10 + u32::from(c - b'0')))
}

/// A date at `i`: its end, year, month, day.
pub fn parse(b: &[u8], i: usize) -> Option<(usize, u32, u32, u32)> {
    // Year first: YYYY-MM-DD (a trailing `T...` time is allowed).
    if let (Some(y), Some(b'-' | b'/')) = (n(b, i, 4), b.get(i + 4)) {
        let sep = b[i + 4];
        let m = n(b, i + 5, 2)?;
        (b.get(i + 7) == Some(&sep)).then_some(())?;
        let d = n(b, i + 8, 2)?;
        let end = i + 10;
        let ends = match b.get(end) {
            Some(b'T') => true,
            Some(c) => !c.is_ascii_alphanumeric(),
            None => true,
        };
        return (ends && plausible(y, m, d)).then_some((end, y, m, d));
    }
    // Month first: M/D/YYYY with `/`, `-` or `.`, one or two digits for month and day.
    let (m, ml) = n(b, i, 2)
        .map(|m| (m, 2))
        .or_else(|| n(b, i, 1).map(|m| (m, 1)))?;
    let sep = *b.get(i + ml)?;
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    let at = i + ml + 1;
    let (d, dl) = n(b, at, 2)
        .map(|d| (d, 2))
        .or_else(|| n(b, at, 1).map(|d| (d, 1)))?;
    if b.get(at + dl) != Some(&sep) {
        return None;
    }
    let y = n(b, at + dl + 1, 4)?;
    let end = at + dl + 5;
    let ends = !b.get(end).is_some_and(u8::is_ascii_alphanumeric);
    (ends && plausible(y, m, d)).then_some((end, y, m, d))
}

fn plausible(y: u32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        _ => return false,
    };
    // 1900-01-01 is a form's placeholder, not a birth date.
    (1900..=2100).contains(&y) && (1..=days).contains(&d) && (y, m, d) != (1900, 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_lookalikes() {
        assert_eq!(parse(b"03/14/1961", 0), Some((10, 1961, 3, 14)));
        assert_eq!(parse(b"3/4/1961", 0), Some((8, 1961, 3, 4)));
        assert_eq!(parse(b"1961-03-14T00:00:00Z", 0), Some((10, 1961, 3, 14)));
        assert_eq!(parse(b"02/30/1961", 0), None);
        assert_eq!(parse(b"13/01/1961", 0), None);
        assert_eq!(parse(b"01/01/1900", 0), None);
        assert_eq!(parse(b"03/14-1961", 0), None);
        assert_eq!(parse(b"MM/DD/YYYY", 0), None);
    }
}
