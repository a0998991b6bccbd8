//! Admin: reading and filtering the audit trail.

mod show;

pub use show::show_audit;
