#!/usr/bin/env bash
# Checks each stack's rendered configuration with `amtool check-config` from the very image the
# stack deploys (alertmanager.image), so a configuration that the local Alertmanager accepts but
# the deployed version rejects (or the reverse) fails before `pulumi up`. Needs Docker; the
# GitHub workflows run it. Usage: .ci/amtool-in-image.sh [stack...]   (default: dev prod)
set -euo pipefail
cd "$(dirname "$0")/.."
stacks=("$@")
((${#stacks[@]})) || stacks=(dev prod)
dotnet build tools/review --configuration Release -v quiet >/dev/null
for stack in "${stacks[@]}"; do
  out=$(mktemp -d)
  review=$(dotnet run --project tools/review --configuration Release --no-build -- "$stack" --out "$out")
  image=$(printf '%s\n' "$review" | sed -n 's/^| `alertmanager.image` | \(.*\) |$/\1/p')
  [[ -n "$image" ]] || { echo "no alertmanager.image in the review of $stack" >&2; exit 1; }
  chmod -R a+rX "$out"
  echo "== $stack: amtool check-config with $image"
  # The files sit where the pod mounts them, so the template path in the configuration resolves.
  docker run --rm --network none --entrypoint amtool \
    -v "$out:/etc/alertmanager/config:ro" "$image" \
    check-config /etc/alertmanager/config/alertmanager.yml
  rm -rf "$out"
done
