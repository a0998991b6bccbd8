# kanarie in a container: a release build, then a small runtime image.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin kanarie

FROM debian:bookworm-slim
RUN useradd --system --home /var/lib/kanarie --create-home kanarie
COPY --from=build /src/target/release/kanarie /usr/local/bin/kanarie
USER kanarie
WORKDIR /var/lib/kanarie
ENV KANARIE_BIND=0.0.0.0:8080 \
    KANARIE_DATABASE_URL=sqlite:///var/lib/kanarie/kanarie.db
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["/bin/sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["/usr/local/bin/kanarie"]
CMD ["serve"]
