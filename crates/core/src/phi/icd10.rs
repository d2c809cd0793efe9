//! ICD-10-CM diagnosis codes: a letter (U is reserved by WHO for special use), a digit,
//! a digit or letter, then optionally a dot and one to four more characters (`E11.9`,
//! `F32.A`, `S72.001A`). The shape alone matches model numbers and versions, so the
//! scanner only asks this module when context says diagnosis.

/// A code at `i`: its end.
pub fn parse(b: &[u8], i: usize) -> Option<usize> {
    let up_or_digit = |c: &u8| c.is_ascii_uppercase() || c.is_ascii_digit();
    let head = b.get(i..i + 3)?;
    if !head[0].is_ascii_uppercase()
        || head[0] == b'U'
        || !head[1].is_ascii_digit()
        || !up_or_digit(&head[2])
    {
        return None;
    }
    let mut end = i + 3;
    if b.get(end) == Some(&b'.') {
        let tail = b[end + 1..]
            .iter()
            .take(5)
            .take_while(|c| up_or_digit(c))
            .count();
        if (1..=4).contains(&tail) {
            end += 1 + tail;
        }
    } else {
        // Undotted codes, as claims files write them: up to 7 characters.
        let tail = b[end..]
            .iter()
            .take(5)
            .take_while(|c| up_or_digit(c))
            .count();
        if tail > 4 {
            return None;
        }
        end += tail;
    }
    (!b.get(end).is_some_and(u8::is_ascii_alphanumeric)).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(parse(b"E11.9", 0), Some(5));
        assert_eq!(parse(b"F32.A,", 0), Some(5));
        assert_eq!(parse(b"S72001A", 0), Some(7));
        assert_eq!(parse(b"Z00.00", 0), Some(6));
        assert_eq!(parse(b"U07.1", 0), None, "U is reserved");
        assert_eq!(parse(b"e11.9", 0), None);
        assert_eq!(parse(b"E1", 0), None);
        assert_eq!(parse(b"A12345678", 0), None);
    }
}
