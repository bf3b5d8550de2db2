#!/usr/bin/env bash
# Provisions the topics of topics.json with Kafka's own CLI: infra/kafka/create-topics.sh <bootstrap-server>
set -euo pipefail
bootstrap=${1:?usage: create-topics.sh <bootstrap-server>}
here=$(cd "$(dirname "$0")" && pwd)
node -e '
  const { topics } = require(process.argv[1]);
  for (const t of topics) {
    const configs = Object.entries(t.config).map(([k, v]) => `--config ${k}=${v}`).join(" ");
    console.log(`${t.name} ${t.partitions} ${t.replicationFactor} ${configs}`);
  }' "$here/topics.json" |
while read -r name partitions replication configs; do
  kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "$replication" $configs
done
