//! The numbers page: the published statistics as accessible bar charts (server-side SVG,
//! no script) with the same numbers in a table.

mod show;

use crate::web::routing::read_only;

pub use show::{chart_views, count_text, stats_path, ChartText, ChartView};

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.service(read_only("/{lang:nl}/cijfers", show::show_stats))
        .service(read_only("/{lang:en}/numbers", show::show_stats));
}
