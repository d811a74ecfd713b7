//! Roles and what each may do to others.

use serde::{Deserialize, Serialize};

use crate::Invalid;

/// A person's role in the organisation, from most to least powerful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Admin,
    Member,
    Guest,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Owner, Role::Admin, Role::Member, Role::Guest];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Member => "member",
            Role::Guest => "guest",
        }
    }

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        match value.trim().to_ascii_lowercase().as_str() {
            "owner" => Ok(Role::Owner),
            "admin" => Ok(Role::Admin),
            "member" => Ok(Role::Member),
            "guest" => Ok(Role::Guest),
            other => Err(Invalid::new(
                "role",
                format!("unknown role {other:?}; expected owner, admin, member or guest"),
            )),
        }
    }

    fn rank(self) -> u8 {
        match self {
            Role::Owner => 3,
            Role::Admin => 2,
            Role::Member => 1,
            Role::Guest => 0,
        }
    }

    /// Admins and owners manage teams, invites and people.
    pub fn is_admin(self) -> bool {
        self.rank() >= Role::Admin.rank()
    }

    /// Guests see only what they are invited to; everyone else sees the directory.
    pub fn sees_directory(self) -> bool {
        self != Role::Guest
    }

    /// Whether someone with this role may give `target` role (in an invite or a role change).
    /// Only owners make owners and admins; admins hand out member and guest.
    pub fn may_grant(self, target: Role) -> bool {
        match self {
            Role::Owner => true,
            Role::Admin => matches!(target, Role::Member | Role::Guest),
            _ => false,
        }
    }

    /// Whether someone with this role may manage (deactivate, change) a person holding `target`.
    pub fn may_manage(self, target: Role) -> bool {
        match self {
            Role::Owner => true,
            Role::Admin => matches!(target, Role::Member | Role::Guest),
            _ => false,
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admins_cannot_make_owners_or_touch_them() {
        assert!(!Role::Admin.may_grant(Role::Owner));
        assert!(!Role::Admin.may_grant(Role::Admin));
        assert!(Role::Admin.may_grant(Role::Guest));
        assert!(!Role::Admin.may_manage(Role::Owner));
        assert!(!Role::Member.may_manage(Role::Guest));
    }

    #[test]
    fn parse_names_the_bad_role() {
        let err = Role::parse("boss").unwrap_err();
        assert_eq!(err.field, "role");
        assert!(err.message.contains("boss"));
        assert_eq!(Role::parse(" Admin ").unwrap(), Role::Admin);
    }
}
