//! A watch on each connection for headers that trickle in after the first request.
//!
//! actix-web times out the headers of a connection's first request only: once a kept-alive
//! connection has answered one request, the next request's headers may arrive a byte at a
//! time for as long as the client likes (the keep-alive timer stops at the first byte). So
//! every connection gets a small watch: requests mark when they start and when their
//! answer has been sent, and a connection that has been between requests for longer than
//! the keep-alive time plus the request timeout (an idle one is closed by actix-web after
//! the keep-alive time, so it can only be reading slow headers) is shut down.

use std::any::Any;
use std::os::fd::AsFd;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use actix_web::body::{BodySize, MessageBody};
use actix_web::dev::{Extensions, ServiceRequest};
use actix_web::web::Bytes;

/// How long actix-web keeps an idle connection open (its default, which kanarie keeps).
pub const KEEP_ALIVE: Duration = Duration::from_secs(5);

struct Watch {
    started: Instant,
    /// Requests whose answer has not been sent yet.
    in_flight: AtomicUsize,
    /// Milliseconds after `started` when the connection was last left with no request.
    idle_since_ms: AtomicU64,
    /// Wakes the watcher when the connection is gone.
    ended: tokio::sync::Notify,
}

impl Watch {
    fn millis(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }
}

/// Stored with the connection; dropped (and the watcher stopped) when it ends.
struct ConnectionWatch(Arc<Watch>);

impl Drop for ConnectionWatch {
    fn drop(&mut self) {
        self.0.ended.notify_one();
    }
}

/// For `HttpServer::on_connect`: starts the watch of a new TCP connection, which is shut
/// down once it has been between requests for longer than `KEEP_ALIVE + timeout`.
pub fn watch_connections(
    timeout: Duration,
) -> impl Fn(&dyn Any, &mut Extensions) + Send + Sync + 'static {
    let limit = KEEP_ALIVE + timeout;
    move |connection, extensions| {
        let Some(stream) = connection.downcast_ref::<actix_web::rt::net::TcpStream>() else {
            return;
        };
        // A second handle on the socket, only ever used to shut it down.
        let Ok(handle) = stream.as_fd().try_clone_to_owned() else {
            return;
        };
        let socket = std::net::TcpStream::from(handle);
        let watch = Arc::new(Watch {
            started: Instant::now(),
            in_flight: AtomicUsize::new(0),
            idle_since_ms: AtomicU64::new(0),
            ended: tokio::sync::Notify::new(),
        });
        extensions.insert(ConnectionWatch(Arc::clone(&watch)));
        let period = (limit / 4).max(Duration::from_millis(250));
        actix_web::rt::spawn(async move {
            loop {
                tokio::select! {
                    () = watch.ended.notified() => break,
                    () = actix_web::rt::time::sleep(period) => {}
                }
                let idle_ms = watch
                    .millis()
                    .saturating_sub(watch.idle_since_ms.load(Ordering::Relaxed));
                if watch.in_flight.load(Ordering::Relaxed) == 0
                    && Duration::from_millis(idle_ms) > limit
                {
                    let _ = socket.shutdown(std::net::Shutdown::Both);
                    break;
                }
            }
        });
    }
}

/// Marks a request as started on its connection; the answer is marked sent when the
/// returned guard is dropped (keep it with the response body).
pub fn request_started(req: &ServiceRequest) -> Option<RequestGuard> {
    let watch = req.conn_data::<ConnectionWatch>()?;
    watch.0.in_flight.fetch_add(1, Ordering::Relaxed);
    Some(RequestGuard(Arc::clone(&watch.0)))
}

/// Held with a response body: its drop marks the request answered.
pub struct RequestGuard(Arc<Watch>);

impl Drop for RequestGuard {
    fn drop(&mut self) {
        self.0
            .idle_since_ms
            .store(self.0.millis(), Ordering::Relaxed);
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A response body that marks its request answered once it has been sent (dropped).
pub struct WatchedBody<B> {
    body: B,
    _guard: Option<RequestGuard>,
}

impl<B: MessageBody + Unpin> MessageBody for WatchedBody<B> {
    type Error = B::Error;

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

/// Marks each request's start and the end of sending its answer on its connection's watch.
pub async fn watch_requests(
    req: ServiceRequest,
    next: actix_web::middleware::Next<impl MessageBody + Unpin>,
) -> Result<actix_web::dev::ServiceResponse<WatchedBody<impl MessageBody + Unpin>>, actix_web::Error>
{
    let guard = request_started(&req);
    Ok(watched(next.call(req).await?, guard))
}

/// `response`, whose body marks its request answered (`guard`) once it has been sent.
pub fn watched<B>(
    response: actix_web::dev::ServiceResponse<B>,
    guard: Option<RequestGuard>,
) -> actix_web::dev::ServiceResponse<WatchedBody<B>> {
    response.map_body(|_, body| WatchedBody {
        body,
        _guard: guard,
    })
}
