#!/usr/bin/env bash
# Restore a backup made by backup.sh into an empty database and media folder.
# Usage: DATABASE_URL=... MEDIA_ROOT=... [PRIVATE_MEDIA_ROOT=...] platform/restore.sh \
#   db-STAMP.dump media-STAMP.tar.gz [private-media-STAMP.tar.gz]
set -euo pipefail
: "${DATABASE_URL:?}" "${MEDIA_ROOT:?}"
pg_restore --no-owner --clean --if-exists --dbname "$DATABASE_URL" "$1"
mkdir -p "$MEDIA_ROOT" && tar -C "$MEDIA_ROOT" -xzf "$2"
if [ -n "${3:-}" ]; then
  : "${PRIVATE_MEDIA_ROOT:?}"
  mkdir -p "$PRIVATE_MEDIA_ROOT" && tar -C "$PRIVATE_MEDIA_ROOT" -xzf "$3"
fi
echo "Restored. Run: python manage.py migrate --noinput"
