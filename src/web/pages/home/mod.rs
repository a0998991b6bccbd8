//! The front door: `/` chooses a language, `/{lang}/` says what kanarie is.

mod choose_language;
mod show;

use crate::web::routing::read_only;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(read_only("/", choose_language::choose_language))
        .service(read_only("/{lang:nl|en}/", show::show_home));
}
