FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev
ENV NODE_ENV=production
EXPOSE 3000
# The heap limit also sets how far V8 lets garbage grow between full collections: unlimited (4 GB
# here), a projection rebuild's resident set grew ~200 MB; at 1 GB it stays within ~50 MB
# (docs/PERFORMANCE.md, "Projections"). Live data stays near 100 MB.
CMD ["node", "--max-old-space-size=1024", "dist/apps/standalone/src/main.js"]
