# citebot in a container:
#   docker build -t citebot .
#   docker run -d --name citebot --env-file .env -v "$PWD/seeds:/app/seeds" -v citebot-data:/app/data citebot
# (the bot's user, uid 1000, must be able to write the seeds folder for /documents; mount it `:ro` to forbid that)
# The bot is PID 1 and gets `docker stop`'s SIGTERM itself: it finishes the answers in flight (at most 8 s, under
# Docker's 10 s) and exits 0.

# Native modules (hnswlib-node) are compiled here, with the build tools of the full image.
FROM node:20-bookworm AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bot ./bot
COPY cli ./cli
COPY config ./config
COPY embedding ./embedding
COPY index ./index
COPY language ./language
COPY loaders ./loaders
COPY retrieval ./retrieval
COPY store ./store
# The index, the model cache and the feedback file (see .env.example); mount a volume here to keep them.
RUN mkdir -p data seeds && chown node:node data
USER node
CMD ["node", "--import", "tsx", "bot/main.ts"]
