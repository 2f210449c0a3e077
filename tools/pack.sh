#!/usr/bin/env bash
# Packs MlopsAlerting.Core and MlopsAlerting.Components into a folder (default: artifacts/packages) and
# checks their public API against the last release (docs/component.md, "Packages, versions and releases"):
#   - The version comes from the git tags (MinVer): HEAD tagged v1.2.3 packs as 1.2.3.
#   - The last release is the highest tag vMAJOR.MINOR.PATCH reachable from HEAD, not counting a tag on
#     HEAD itself. Its packages are packed from `git archive <tag>` into a temporary folder, and each
#     package is packed with package validation against them: a public type or member of the release
#     that is gone or changed fails the pack (CP0002, CP0001, ...), naming it.
#   - No such tag: this is the first release, and there is nothing to check against; one line says so.
#   - A shallow clone may lack the tags, so the version and the check would be wrong: refused.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[pack] %s\n' "$*"; }

out=$(realpath -m "${1:-artifacts/packages}")
configuration=${CONFIGURATION:-Release}
# PACK_PROJECTS narrows the list, e.g. to MlopsAlerting.Core where the Pulumi packages do not restore.
read -ra projects <<<"${PACK_PROJECTS:-MlopsAlerting.Core MlopsAlerting.Components}"

if [[ "$(git rev-parse --is-shallow-repository)" == "true" ]]; then
  log "this is a shallow clone, which may miss the release tags: run git fetch --unshallow --tags, then pack again"
  exit 1
fi

head_tags=$(git tag --points-at HEAD --list 'v[0-9]*')
release=$(git tag --merged HEAD --list 'v[0-9]*' --sort=-v:refname | grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$' | grep -vxF -e "${head_tags:-no tag on HEAD}" | head -1 || true)

validation=()
if [[ -n "$release" ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  baseline_version=${release#v}
  # The assembly version as MinVer gave the release (MAJOR.0.0.0), or every later pack would differ from it (CP0003).
  log "packing the last release, $release, to check the API against"
  mkdir -p "$work/source"
  git archive --format=tar "$release" | tar -x -C "$work/source"
  for project in "${projects[@]}"; do
    dotnet pack "$work/source/components/$project/$project.csproj" -c "$configuration" -o "$work/baseline" -nologo -v q \
      "-p:Version=$baseline_version" "-p:AssemblyVersion=${baseline_version%%.*}.0.0.0" \
      -p:MinVerSkip=true -p:EnableSourceLink=false -p:EnableSourceControlManagerQueries=false
  done
  validation=("-p:ReleaseBaselineFolder=$work/baseline" "-p:ReleaseBaselineVersion=$baseline_version")
else
  log "no release tag (vMAJOR.MINOR.PATCH) before HEAD: the first release sets the API, nothing to check it against"
fi

for project in "${projects[@]}"; do
  dotnet pack "components/$project/$project.csproj" -c "$configuration" -o "$out" -nologo "${validation[@]}"
done
log "packed into $out: $(cd "$out" && ls -- *.nupkg | paste -sd' ' -)${release:+ (API checked against $release)}"
