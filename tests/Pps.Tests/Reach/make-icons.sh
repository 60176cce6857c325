#!/usr/bin/env bash
# Regenerates the web app's PNG icons (src/Pps.Web/wwwroot/icons) from branding/logo.svg and the primary colour in
# tokens.json. The test that writes them is the same one that fails when they no longer match the logo.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
dotnet build "$root/tests/Pps.Tests" -v q -nologo -clp:ErrorsOnly
PPS_WRITE_ICONS=1 dotnet test "$root/tests/Pps.Tests" --no-build \
  --filter "FullyQualifiedName~Pps.Tests.Reach.InstallableAppTestsOnSqlite.The_committed_png_icons_are_rendered_from_the_brand_logo"
