# Image for docker-compose.yml: installs, generates the Prisma client, builds the SPA, serves on :8000.
FROM node:20-bookworm-slim
# Agents' code runs in bubblewrap, with Debian's Python (the sandbox sees only /usr).
RUN apt-get update && apt-get install -y --no-install-recommends bubblewrap python3 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
COPY packages/db/package.json packages/db/
COPY packages/core/package.json packages/core/
COPY packages/api/package.json packages/api/
COPY packages/sdk/package.json packages/sdk/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run generate && npm run build
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8000
EXPOSE 8000
CMD ["npm", "run", "serve", "--workspace", "@codelab/server"]
