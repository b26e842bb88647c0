# Emporium and emporium-load in one image. Build stage: the release binaries, with Swift's static standard
# library; run stage: Debian slim with only the C libraries they load, running as a non-root user.
#   docker build -t emporium .          (compose/docker-compose.yml builds it for you)
FROM swift:6.3-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libhiredis-dev libsqlite3-dev zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so that a source change does not fetch and build them again.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product emporium \
    && swift build -c release --static-swift-stdlib --product emporium-load \
    && mkdir /out && cp .build/release/emporium .build/release/emporium-load /out/

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libhiredis0.14 libsqlite3-0 zlib1g ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/emporium --create-home emporium
COPY --from=build /out/ /usr/local/bin/
COPY loadtest /usr/local/share/emporium/loadtest
USER emporium
WORKDIR /var/lib/emporium
ENV EMPORIUM_HOST=0.0.0.0 EMPORIUM_PORT=8080 EMPORIUM_DATABASE_URL=sqlite:///var/lib/emporium/emporium.sqlite
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["emporium"]
CMD ["serve"]
