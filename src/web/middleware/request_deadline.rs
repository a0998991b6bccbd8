use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::body::{BodySize, BoxBody, EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::web::{Bytes, BytesMut};
use actix_web::{Error, HttpMessage};
use futures_core::Stream;

use super::error_response;
use crate::error::ErrorCode;
use crate::web::MAX_BODY_BYTES;

/// Reads every request body within `timeout` of its headers, or answers 408 and closes
/// the connection.
///
/// actix-web times out only the headers of a connection's first request
/// (`client_request_timeout`); a body sent a byte every few seconds would hold a
/// connection for as long as the client likes, and so would one sent to a handler that
/// never reads it (actix-web then reads a chunked body to its end to reuse the
/// connection). So the body is read here, up to one byte more than any handler accepts,
/// before the handler runs; the handler reads the same bytes from memory. Requests
/// without a body are passed on untouched.
///
/// This runs outside `error_pages`, so its 408 is rendered here, in the same way.
pub async fn request_deadline(
    timeout: Duration,
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody, BoxBody>>, Error> {
    read_body_then(timeout, req, |req| next.call(req)).await
}

/// Reads the body of `req` within `timeout` (see `request_deadline`), then answers it with
/// `call`.
pub async fn read_body_then<B, F, R>(
    timeout: Duration,
    mut req: ServiceRequest,
    call: F,
) -> Result<ServiceResponse<EitherBody<B, BoxBody>>, Error>
where
    B: MessageBody + 'static,
    F: FnOnce(ServiceRequest) -> R,
    R: std::future::Future<Output = Result<ServiceResponse<B>, Error>>,
{
    // A body announced as too large is refused by its handler without being read, and
    // a connection with an unread body of known length is closed after the answer.
    let announced_too_large = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|length| length > MAX_BODY_BYTES);
    let mut payload = req.take_payload();
    if matches!(payload, Payload::None) || announced_too_large {
        req.set_payload(payload);
        return call(req).await.map(ServiceResponse::map_into_left_body);
    }
    let read = actix_web::rt::time::timeout(timeout, read_body(&mut payload)).await;
    let complete = match read {
        Err(_elapsed) => {
            let (request, _) = req.into_parts();
            let code = ErrorCode::RequestTimeout;
            let timed_out = error_response(
                &request,
                StatusCode::REQUEST_TIMEOUT,
                code,
                &format!("error.{}.message", code.key()),
            );
            let response = ServiceResponse::new(request, timed_out);
            return Ok(close_after(response, payload).map_into_right_body());
        }
        Ok(Err(error)) => {
            // A broken body (the client went away, bad chunks): the handler's extractor
            // meets the same error and answers it as it would have.
            req.set_payload(Payload::from(Box::pin(Failed(Some(error))) as BoxedStream));
            return call(req).await.map(ServiceResponse::map_into_left_body);
        }
        Ok(Ok((body, complete))) => {
            req.set_payload(Payload::from(body));
            complete
        }
    };
    let response = call(req).await?;
    if complete {
        Ok(response.map_into_left_body())
    } else {
        // Too large: the handler refused it without the rest, which is not read.
        Ok(close_after(response, payload).map_into_right_body())
    }
}

type BoxedStream = Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>>;

/// Reads `payload` up to `MAX_BODY_BYTES + 1` bytes; says whether it ended within that.
async fn read_body(payload: &mut Payload) -> Result<(Bytes, bool), PayloadError> {
    let mut body = BytesMut::new();
    while let Some(chunk) = std::future::poll_fn(|cx| Pin::new(&mut *payload).poll_next(cx)).await {
        let chunk = chunk?;
        let room = (MAX_BODY_BYTES + 1).saturating_sub(body.len());
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() > MAX_BODY_BYTES {
            return Ok((body.freeze(), false));
        }
    }
    Ok((body.freeze(), true))
}

/// `response`, which closes its connection once sent. The unread rest of the request's
/// body is held until then: actix-web closes a connection whose request body is unread,
/// but would go on reading a chunked one that nobody holds any more.
fn close_after<B: MessageBody + 'static>(
    response: ServiceResponse<B>,
    unread: Payload,
) -> ServiceResponse<BoxBody> {
    response.map_body(|head, body| {
        head.set_connection_type(actix_web::http::ConnectionType::Close);
        BoxBody::new(HoldingBody {
            body: BoxBody::new(body),
            _unread: unread,
        })
    })
}

/// A response body that keeps the request's unread body alive while it is sent.
struct HoldingBody {
    body: BoxBody,
    _unread: Payload,
}

impl MessageBody for HoldingBody {
    type Error = Box<dyn std::error::Error>;

    fn size(&self) -> BodySize {
        self.body.size()
    }

    fn poll_next(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        Pin::new(&mut self.body).poll_next(cx)
    }
}

/// A body that fails with the error reading the real one met.
struct Failed(Option<PayloadError>);

impl Stream for Failed {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.take().map(Err))
    }
}
