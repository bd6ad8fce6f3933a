#!/bin/bash
# Runs once, when the data directory is created: one login role per service, each owning only what it
# creates (its schema, migrated at the service's start). Passwords come from the corazy-postgres Secret.
set -euo pipefail
for service in auth compile relay; do
  var="${service^^}_DB_PASSWORD"
  password="${!var:?$var is not set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v role="$service" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'password') \gexec
SELECT format('GRANT CONNECT, CREATE ON DATABASE %I TO %I', current_database(), :'role') \gexec
SQL
done
