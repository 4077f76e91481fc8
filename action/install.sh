#!/usr/bin/env bash
# Installs revgate from the action's own repository (run there by action/action.yml) with its
# runtime dependencies only, and compiles dist/ when the checkout has none.
#
# Why a checkout and not a packed tarball: `uses: ./action` and `uses: <org>/revgate/action@<tag>`
# both hand us a source tree, never a tarball; packing one would need the same build first. The
# published tarball is still available: the `version` input runs `npx revgate@<version>` instead.
set -euo pipefail

# --omit=dev: eslint, vitest, playwright-core, dependency-cruiser… are never needed to run.
# --ignore-scripts: nothing needs one (revgate has no install script, and no runtime dependency
# has one: test/ci/action.test.ts checks the lockfile); the build below is explicit.
npm ci --omit=dev --ignore-scripts --prefer-offline --no-audit --no-fund

if [ -f dist/src/cli/main.js ]; then
  echo "dist/ is present: no build needed"
  exit 0
fi

# dist/ is not committed, so a checkout or tag has none: compile it with only the compiler and
# the two type packages src/ needs, at the lockfile's versions, installed outside the project so
# its node_modules stays runtime-only.
tools=$(node -p "const p = require('./package-lock.json').packages;
  ['typescript', '@types/node', '@types/cli-progress'].map((n) => n + '@' + p['node_modules/' + n].version).join(' ')")
prefix="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/revgate-tsc"
# shellcheck disable=SC2086 # $tools is a space-separated list of package specs
npm install --prefix "$prefix" --no-save --no-package-lock --prefer-offline --no-audit --no-fund $tools
# tsc looks for @types in node_modules above the sources; the link is removed after the build.
# (It resolves the link's real path, so @types/node still finds its undici-types in $prefix.)
ln -s "$prefix/node_modules/@types" node_modules/@types
trap 'rm -f node_modules/@types' EXIT
node "$prefix/node_modules/typescript/bin/tsc" -p action/tsconfig.json
echo "compiled dist/ with typescript from $prefix"
