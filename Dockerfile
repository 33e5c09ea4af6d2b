# intermart in one image: the frontend built with Node.js, embedded into the Go
# binary, which runs on a slim Debian. `docker compose up --build` uses it.

# 1. The frontend (frontend/dist).
FROM node:20 AS frontend
WORKDIR /src/frontend
# The lock file is written by npm 11 (as on the build machines); node:20 ships npm 10.
RUN npm install -g npm@11 --no-audit --no-fund
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# 2. The server, embedding that build (frontend/embed.go).
FROM golang:1.26 AS server
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=frontend /src/frontend/dist ./frontend/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/intermart ./cmd/intermart

# 3. The runtime: the binary, CA certificates, time zones and curl for health checks.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin intermart
COPY --from=server /out/intermart /usr/local/bin/intermart
USER intermart
ENV INTERMART_ADDR=0.0.0.0:8080
EXPOSE 8080
# Each start applies pending migrations first; `intermart migrate` holds a
# PostgreSQL advisory lock while it does, so several replicas may start together.
CMD ["sh", "-c", "intermart migrate && exec intermart serve"]
