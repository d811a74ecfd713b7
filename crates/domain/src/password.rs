//! A new password and the rules it must pass: 10 to 256 characters, not only spaces, not one
//! of the 10,000 most common passwords (`data/common-passwords.txt`, from Django's list; see
//! `data/NOTICE.md`), and not the person's own email or name.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::Invalid;

/// The 10,000 most common passwords, lowercased, most common first.
pub const COMMON_PASSWORDS: &str = include_str!("../data/common-passwords.txt");

fn common() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON_PASSWORDS.lines().map(str::trim).collect())
}

/// A new password that passed the rules. Never stored, only hashed.
#[derive(Clone)]
pub struct Password(String);

/// Letters and digits only, lowercased: how a password is compared with names and emails.
fn folded(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Password {
    /// Checks the rules that need no context: length, spaces, the common list.
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let len = value.chars().count();
        if value.trim().is_empty() && !value.is_empty() {
            return Err(Invalid::new("password", "must not be only spaces"));
        }
        if len < 10 {
            return Err(Invalid::new("password", "must be at least 10 characters"));
        }
        if len > 256 {
            return Err(Invalid::new("password", "must be at most 256 characters"));
        }
        if common().contains(value.trim().to_lowercase().as_str()) {
            return Err(Invalid::new(
                "password",
                "is one of the 10,000 most common passwords; choose one that is not",
            ));
        }
        Ok(Self(value.to_owned()))
    }

    /// [`Password::parse`], and the password must not be, or contain, the person's own email
    /// address (or the part before the `@`) or name, ignoring case, spaces and punctuation.
    pub fn parse_for(value: &str, email: &str, name: &str) -> Result<Self, Invalid> {
        let password = Self::parse(value)?;
        let given = folded(value);
        let local = email.split('@').next().unwrap_or_default();
        for (own, what) in [
            (email, "email address"),
            (local, "email address"),
            (name, "name"),
        ] {
            let own = folded(own);
            let contained = own.chars().count() >= 4 && given.contains(&own);
            if !own.is_empty() && (given == own || contained) {
                return Err(Invalid::new(
                    "password",
                    format!("must not contain your {what}"),
                ));
            }
        }
        Ok(password)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(<hidden>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(value: &str) -> String {
        Password::parse_for(value, "ada.lovelace@example.org", "Ada Lovelace")
            .unwrap_err()
            .message
    }

    #[test]
    fn the_list_is_the_top_ten_thousand() {
        assert_eq!(COMMON_PASSWORDS.lines().count(), 10_000);
        assert_eq!(COMMON_PASSWORDS.lines().next(), Some("123456"));
    }

    #[test]
    fn passwords_have_limits() {
        assert_eq!(
            Password::parse("short").unwrap_err().message,
            "must be at least 10 characters"
        );
        assert!(Password::parse(&"x".repeat(257)).is_err());
        assert_eq!(problem("            "), "must not be only spaces");
        assert!(format!("{:?}", Password::parse("long enough secret").unwrap()).contains("hidden"));
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        for common in ["1234567890", "Password123", " qwertyuiop "] {
            let message = Password::parse(common).unwrap_err().message;
            assert!(
                message.contains("10,000 most common"),
                "{common}: {message}"
            );
        }
        assert!(Password::parse("correct horse battery").is_ok());
    }

    #[test]
    fn a_password_may_not_be_the_persons_own_email_or_name() {
        assert_eq!(
            problem("ada.lovelace@example.org"),
            "must not contain your email address"
        );
        assert_eq!(
            problem("AdaLovelace1815"),
            "must not contain your email address"
        );
        assert_eq!(
            problem("Ada Lovelace!!"),
            "must not contain your email address"
        );
        assert_eq!(
            Password::parse_for("my name is Grace Hopper", "gh@example.org", "Grace Hopper")
                .unwrap_err()
                .message,
            "must not contain your name"
        );
        // Short names are only refused as the whole password.
        assert!(Password::parse_for("bo and the sea", "bo@example.org", "Bo").is_ok());
        assert!(Password::parse_for("correct horse battery", "ada@example.org", "Ada").is_ok());
    }
}
