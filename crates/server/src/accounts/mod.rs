//! The rules for people, sessions, invites and teams, shared by the API and the pages.
//! Handlers parse input and render output; everything that changes state goes through here.

mod device;
mod invites;
mod people;
mod sign_in;
mod teams;
pub mod throttle;

pub use device::device_label;

pub use invites::{
    accept_invite, create_invite, invite_status, CreatedInvite, InviteRequest, SignUp,
};
pub use people::{
    change_password, deactivate_person, delete_account, reactivate_person, set_role, set_teams,
    update_profile, visible_person,
};
pub use sign_in::{revoke_session, setup_owner, sign_in, sign_out, SignInAttempt, SignedIn};
pub use teams::{create_team, delete_team, update_team};

use hallway_domain::{Bio, DisplayName, Profile, TimeZoneName, WorkingHours};

/// The profile a new person starts with: their name, UTC unless given, weekdays 09:00-17:00.
pub fn starter_profile(display_name: DisplayName, time_zone: Option<TimeZoneName>) -> Profile {
    Profile {
        display_name,
        pronouns: None,
        time_zone: time_zone.unwrap_or_else(TimeZoneName::utc),
        working_hours: WorkingHours::weekdays(9 * 60, 17 * 60),
        ask_me_about: Vec::new(),
        bio: Bio::empty(),
    }
}
