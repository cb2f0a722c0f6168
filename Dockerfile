# X-7: container image from Next's standalone output. Production uses PostgreSQL (DATABASE_URL).
# docker build -t ecustomer . && docker run -p 3000:3000 -e DATABASE_URL=… -e AUTH_SECRET=… -e AUTH_URL=https://… ecustomer
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
ENV NEXT_OUTPUT=standalone NEXT_TELEMETRY_DISABLED=1
RUN npm run build

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public* ./public/
# Migrations are applied at start (DATABASE_MIGRATE_ON_START=1) or by `npm run db:migrate` from a release job.
COPY --from=build /app/db/migrations ./db/migrations
USER node
EXPOSE 3000
CMD ["node", "server.js"]
