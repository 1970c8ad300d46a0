# Mentor Circles: a two-stage image. The build stage compiles the TypeScript and better-sqlite3's native
# module; the runtime stage gets the compiled app and production dependencies only, and runs as a non-root
# user with the database on the /data volume.
#   docker build -t mentor-circles .
#   docker run --env-file .env -v mentor-circles-data:/data mentor-circles
# Add -p 3000:3000 in HTTP mode. See docs/operations.md.

FROM node:20-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary can be downloaded.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/mentor-circles.db \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json manifest.yml ./
COPY migrations ./migrations
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# HTTP mode: POST /slack/events and GET /healthz. Socket Mode serves /healthz on the same port.
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1 and handles SIGTERM itself: it stops taking work, waits up to 10 s for work in flight,
# closes the database and exits 0. Give `docker stop` more than that (compose.yaml: stop_grace_period).
# A young generation of 2 MiB per half (Node's default grows to 16) keeps a mostly idle Slack app's memory near
# what it holds, at the cost of more frequent, short scavenges. package.json's start script runs node with the same
# flags, and the app benchmarks read them from there (test/unit/deployed-node-flags.test.ts checks they agree).
CMD ["node", "--max-semi-space-size=2", "dist/src/cli.js", "start"]
