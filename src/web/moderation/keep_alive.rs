use actix_web::HttpResponse;

use super::session::SignedIn;

/// "Ingelogd blijven": a signed-in request renews the session (`SignedIn` does), and the
/// answer says only that it is still live. Without a session: the usual redirect.
pub async fn keep_alive(_signed_in: SignedIn) -> HttpResponse {
    HttpResponse::NoContent().finish()
}
