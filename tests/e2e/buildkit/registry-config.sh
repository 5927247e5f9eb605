#!/usr/bin/env bash
# registry-config.sh STORAGE PORT read-only|read-write: prints a configuration for Debian's
# docker-registry that serves STORAGE on 127.0.0.1:PORT only. The suite's daemons read the images
# through a read-only registry, so parallel runs can share one storage directory.
set -euo pipefail
storage="$1" port="$2" mode="$3"
readonly_enabled=false
[ "$mode" = read-only ] && readonly_enabled=true
cat <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $storage
  maintenance:
    uploadpurging:
      enabled: false
    readonly:
      enabled: $readonly_enabled
http:
  addr: 127.0.0.1:$port
YAML
