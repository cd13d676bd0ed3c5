#!/usr/bin/env bash
# Nightly backup: a PostgreSQL dump and the media folder, kept 30 days.
# Usage: DATABASE_URL=... MEDIA_ROOT=... BACKUP_DIR=... platform/backup.sh
set -euo pipefail
: "${DATABASE_URL:?}" "${MEDIA_ROOT:?}" "${BACKUP_DIR:?}"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$BACKUP_DIR"
pg_dump --format=custom --no-owner "$DATABASE_URL" > "$BACKUP_DIR/db-$stamp.dump"
tar -C "$MEDIA_ROOT" -czf "$BACKUP_DIR/media-$stamp.tar.gz" .
find "$BACKUP_DIR" -name 'db-*.dump' -mtime +30 -delete
find "$BACKUP_DIR" -name 'media-*.tar.gz' -mtime +30 -delete
echo "Backup written: $BACKUP_DIR/*-$stamp.*"
