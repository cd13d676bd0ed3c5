#!/usr/bin/env bash
# Restore a backup made by backup.sh into an empty database and media folder.
# Usage: DATABASE_URL=... MEDIA_ROOT=... platform/restore.sh db-STAMP.dump media-STAMP.tar.gz
set -euo pipefail
: "${DATABASE_URL:?}" "${MEDIA_ROOT:?}"
pg_restore --no-owner --clean --if-exists --dbname "$DATABASE_URL" "$1"
mkdir -p "$MEDIA_ROOT" && tar -C "$MEDIA_ROOT" -xzf "$2"
echo "Restored. Run: python manage.py migrate --noinput"
