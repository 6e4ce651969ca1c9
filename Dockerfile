# Multi-stage build: compile in the Rust image, run in a slim Debian.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY migration migration
COPY src src
COPY assets assets
RUN cargo build --release --locked --bin innspill

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /data innspill \
 && mkdir -p /data && chown innspill /data
COPY --from=build /src/target/release/innspill /usr/local/bin/innspill
USER innspill
ENV INNSPILL_BIND=0.0.0.0:8080 \
    INNSPILL_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
STOPSIGNAL SIGTERM
ENTRYPOINT ["innspill"]
CMD ["serve"]
