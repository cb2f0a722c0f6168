# X-7: the container image, from Next's standalone output, on Node 24 LTS. The run stage is assembled by
# scripts/deploy/assemble-standalone.sh, the script CI's container smoke runs too (README: Deploy to a container).
#   docker build -t ecustomer .
#   docker run -p 3000:3000 -v ecustomer-data:/app/.data -e AUTH_SECRET=… -e AUTH_URL=https://… ecustomer
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_OUTPUT=standalone NEXT_TELEMETRY_DISABLED=1
RUN npm run build && sh scripts/deploy/assemble-standalone.sh /out

FROM node:24-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 BACKGROUND_WORKER_SECONDS=60
COPY --from=build /out /app
# The code is root's and read-only to the server; .data is the one folder it writes (the embedded database and the
# local file store, when DATABASE_URL / BLOB_STORE=s3 are not set): keep it on a volume.
COPY --from=build --chown=node:node /out/.data /app/.data
VOLUME /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
