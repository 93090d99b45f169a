#!/usr/bin/env bash
# The whole test suite from a clean clone: system packages, npm ci (which builds DAWG and the
# example generators), a reproducibility check of the committed C generator, then vitest.
# Ends with one plain "N passed, N failed, N skipped" line.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-test-env.sh
node scripts/build-generators.mjs --check
node scripts/bundle-action.mjs --check
npm run typecheck

report="$(mktemp -d)/vitest.json"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
' "$report" || true
exit "$status"
