//! What operators run beside the service: backups and exports for researchers.

pub mod backup;
pub mod export;
