//! Checked text values: emails, names, passwords, tags, bios, time zones.

use serde::{Deserialize, Serialize};

use crate::Invalid;

fn has_control(value: &str) -> bool {
    value.chars().any(|c| c.is_control())
}

fn checked_line(
    field: &'static str,
    value: &str,
    min: usize,
    max: usize,
) -> Result<String, Invalid> {
    let trimmed = value.trim();
    let len = trimmed.chars().count();
    if len < min {
        return Err(if min == 1 {
            Invalid::new(field, "must not be empty")
        } else {
            Invalid::new(field, format!("must be at least {min} characters"))
        });
    }
    if len > max {
        return Err(Invalid::new(
            field,
            format!("must be at most {max} characters (got {len})"),
        ));
    }
    if has_control(trimmed) {
        return Err(Invalid::new(field, "must not contain control characters"));
    }
    Ok(trimmed.to_owned())
}

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

text_type!(
    /// An email address, trimmed and lower-cased: the sign-in name and the import key.
    Email
);
text_type!(
    /// How a person is shown: 1-80 characters.
    DisplayName
);
text_type!(
    /// Optional pronouns, up to 40 characters.
    Pronouns
);
text_type!(
    /// A short bio, up to 500 characters; may span lines.
    Bio
);
text_type!(
    /// An "ask me about" tag: lower-case, 1-40 characters.
    Tag
);
text_type!(
    /// A team's name, 1-60 characters.
    TeamName
);
text_type!(
    /// A circle's name, 1-60 characters (unique regardless of case).
    CircleName
);
text_type!(
    /// An IANA time zone name that exists (e.g. `Europe/Berlin`).
    TimeZoneName
);

impl Email {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let value = checked_line("email", value, 1, 254)?.to_lowercase();
        let Some((local, domain)) = value.split_once('@') else {
            return Err(Invalid::new("email", "must contain an @"));
        };
        if local.is_empty() || domain.is_empty() || domain.contains('@') {
            return Err(Invalid::new(
                "email",
                format!("{value:?} is not an address"),
            ));
        }
        if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
            return Err(Invalid::new(
                "email",
                format!("the domain {domain:?} has no dot"),
            ));
        }
        if value.chars().any(char::is_whitespace) {
            return Err(Invalid::new("email", "must not contain spaces"));
        }
        Ok(Self(value))
    }
}

impl DisplayName {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        checked_line("display_name", value, 1, 80).map(Self)
    }
}

impl Pronouns {
    /// Empty input means "no pronouns given".
    pub fn parse_optional(value: &str) -> Result<Option<Self>, Invalid> {
        if value.trim().is_empty() {
            return Ok(None);
        }
        checked_line("pronouns", value, 1, 40).map(|v| Some(Self(v)))
    }
}

impl Bio {
    pub fn empty() -> Self {
        Self(String::new())
    }

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let value = value.trim().replace("\r\n", "\n");
        let len = value.chars().count();
        if len > 500 {
            return Err(Invalid::new(
                "bio",
                format!("must be at most 500 characters (got {len})"),
            ));
        }
        if value.chars().any(|c| c.is_control() && c != '\n') {
            return Err(Invalid::new("bio", "must not contain control characters"));
        }
        Ok(Self(value))
    }
}

impl Tag {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let value = checked_line("tags", value, 1, 40)?.to_lowercase();
        if value.contains(',') {
            return Err(Invalid::new("tags", "a tag must not contain a comma"));
        }
        Ok(Self(value))
    }

    /// A comma-separated list as typed in a form: blanks dropped, duplicates merged, at most 20.
    pub fn parse_list(value: &str) -> Result<Vec<Self>, Invalid> {
        let mut tags: Vec<Tag> = Vec::new();
        for part in value.split(',').filter(|p| !p.trim().is_empty()) {
            let tag = Tag::parse(part)?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if tags.len() > 20 {
            return Err(Invalid::new("tags", "at most 20 tags"));
        }
        Ok(tags)
    }
}

impl TeamName {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        checked_line("name", value, 1, 60).map(Self)
    }
}

impl CircleName {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        checked_line("name", value, 1, 60).map(Self)
    }
}

impl TimeZoneName {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let value = value.trim();
        match value.parse::<chrono_tz::Tz>() {
            Ok(tz) => Ok(Self(tz.name().to_owned())),
            Err(_) => Err(Invalid::new(
                "time_zone",
                format!("{value:?} is not an IANA time zone (e.g. Europe/Berlin)"),
            )),
        }
    }

    /// Coordinated Universal Time, the zone a new person starts in.
    pub fn utc() -> Self {
        Self("UTC".to_owned())
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        self.0.parse().unwrap_or(chrono_tz::UTC)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse(" Ada@Example.ORG ").unwrap().as_str(),
            "ada@example.org"
        );
        assert_eq!(
            Email::parse("ada").unwrap_err().message,
            "must contain an @"
        );
        assert!(Email::parse("ada@localhost")
            .unwrap_err()
            .message
            .contains("no dot"));
        assert!(Email::parse("a b@x.org").is_err());
    }

    #[test]
    fn time_zones_must_exist() {
        assert_eq!(
            TimeZoneName::parse("Europe/Berlin").unwrap().as_str(),
            "Europe/Berlin"
        );
        let err = TimeZoneName::parse("Mars/Olympus").unwrap_err();
        assert_eq!(err.field, "time_zone");
        assert!(err.message.contains("Mars/Olympus"));
    }

    #[test]
    fn tags_are_deduplicated_and_bounded() {
        let tags = Tag::parse_list("Rust, rust, , Postgres").unwrap();
        let names: Vec<_> = tags.iter().map(Tag::as_str).collect();
        assert_eq!(names, ["rust", "postgres"]);
        let many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
        assert!(Tag::parse_list(&many.join(",")).is_err());
    }

    #[test]
    fn names_and_passwords_have_limits() {
        assert_eq!(
            DisplayName::parse("  ").unwrap_err().message,
            "must not be empty"
        );
        assert!(DisplayName::parse(&"x".repeat(81)).is_err());
        assert_eq!(Pronouns::parse_optional(" ").unwrap(), None);
    }
}
