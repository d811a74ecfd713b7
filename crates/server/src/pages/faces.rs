//! Faces and status badges as every page shows them: initials on a colour fixed per person
//! (the same rule as `static/faces.js`), and a status as shape + colour + word.

/// How many avatar colours the stylesheet defines (`.hue-0` … `.hue-11`).
const HUES: i64 = 12;

/// Up to two letters: the first of the first word and of the last word, upper-cased.
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = |word: &&str| word.chars().next();
    let mut out = String::new();
    if let Some(letter) = words.first().and_then(first) {
        out.extend(letter.to_uppercase());
    }
    if words.len() > 1 {
        if let Some(letter) = words.last().and_then(first) {
            out.extend(letter.to_uppercase());
        }
    }
    if out.is_empty() {
        out.push('?');
    }
    out
}

/// The colour class of a person's face: stable for their id, neighbours differ.
pub fn hue_class(person: i64) -> String {
    format!("hue-{}", (person * 5).rem_euclid(HUES))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_first_and_last_word() {
        assert_eq!(initials("Ada Lovelace"), "AL");
        assert_eq!(initials("  grace brewster hopper "), "GH");
        assert_eq!(initials("Bo"), "B");
        assert_eq!(initials("élodie durand"), "ÉD");
        assert_eq!(initials(""), "?");
    }

    #[test]
    fn neighbours_get_different_colours_and_a_person_keeps_theirs() {
        assert_eq!(hue_class(7), hue_class(7));
        assert_ne!(hue_class(7), hue_class(8));
        assert_eq!(hue_class(12), "hue-0");
        assert_eq!(hue_class(1), "hue-5");
    }
}
