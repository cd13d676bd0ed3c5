#!/usr/bin/env bash
# Nightly backup: a PostgreSQL dump and the media folder, kept 30 days.
# Usage: DATABASE_URL=... MEDIA_ROOT=... [PRIVATE_MEDIA_ROOT=...] BACKUP_DIR=... platform/backup.sh
# (with MEDIA_STORAGE=s3 the bucket keeps the files: back it up on the provider's side)
set -euo pipefail
: "${DATABASE_URL:?}" "${MEDIA_ROOT:?}" "${BACKUP_DIR:?}"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$BACKUP_DIR"
pg_dump --format=custom --no-owner "$DATABASE_URL" > "$BACKUP_DIR/db-$stamp.dump"
tar -C "$MEDIA_ROOT" -czf "$BACKUP_DIR/media-$stamp.tar.gz" .
if [ -n "${PRIVATE_MEDIA_ROOT:-}" ]; then
  tar -C "$PRIVATE_MEDIA_ROOT" -czf "$BACKUP_DIR/private-media-$stamp.tar.gz" .
fi
find "$BACKUP_DIR" -name 'db-*.dump' -mtime +30 -delete
find "$BACKUP_DIR" -name '*media-*.tar.gz' -mtime +30 -delete
echo "Backup written: $BACKUP_DIR/*-$stamp.*"
