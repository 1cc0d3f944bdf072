//! Which cell styles of an .xlsx show a number as a date: the style's number
//! format, built in (by its id) or written out in styles.xml. The rules are
//! calamine's (`formats.rs`, MIT licence, which ports openpyxl's), so that a
//! workbook reads as it did when calamine read it.

/// How a style shows a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shown {
    Number,
    /// A date, with or without a time of day.
    DateTime,
    /// A duration ([h]:mm:ss).
    TimeDelta,
}

/// A number format written out in styles.xml (`formatCode`).
pub(super) fn custom(format: &str) -> Shown {
    let mut escaped = false;
    let mut is_quote = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for s in format.chars() {
        match (s, escaped, is_quote, ap, brackets) {
            (_, true, ..) => escaped = false,
            // `\` escapes, `_` skips width, `*` fills: the next char is a literal.
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => is_quote = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => is_quote = true,
            // The first section only.
            (';', ..) => return Shown::Number,
            ('[', ..) => brackets += 1,
            (']', .., 1) if hms => return Shown::TimeDelta,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return Shown::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return Shown::DateTime;
            }
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    Shown::Number
}

/// A built-in number format, by its id (ECMA-376 18.8.30; 27–36 and 50–58
/// are the East Asian dates and times).
pub(super) fn builtin(id: u32) -> Shown {
    match id {
        14..=22 | 27..=36 | 45 | 47 | 50..=58 => Shown::DateTime,
        46 => Shown::TimeDelta,
        _ => Shown::Number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_times_and_numbers_are_told_apart() {
        for date in [
            "yyyy-mm-dd",
            "yyyy\"年\"m\"月\"d\"日\"",
            "DD/MM/YY",
            "H:MM:SS;@",
            "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy",
            "m/d/yy h:mm AM/PM",
        ] {
            assert_eq!(custom(date), Shown::DateTime, "{date}");
        }
        for number in [
            "0.00",
            "#,##0",
            "0%",
            "\"年\"0",
            "General",
            "@",
            "0.00_ ;[Red]-0.00",
        ] {
            assert_eq!(custom(number), Shown::Number, "{number}");
        }
        assert_eq!(custom("[h]:mm:ss"), Shown::TimeDelta);
        assert_eq!(builtin(14), Shown::DateTime);
        assert_eq!(builtin(57), Shown::DateTime);
        assert_eq!(builtin(46), Shown::TimeDelta);
        assert_eq!(builtin(0), Shown::Number);
        assert_eq!(builtin(49), Shown::Number);
    }
}
