//! The storage traits implemented for [`crate::SqlStore`], one file per trait.

pub(crate) mod chats;
mod finder_store;
mod invitation_store;
mod pulse_store;
mod round_claims;
mod store;
