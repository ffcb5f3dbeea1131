#!/usr/bin/env bash
# Builds WijknetFFI.xcframework (static library + generated header + module map) for iOS devices,
# the iOS simulator (Apple silicon and Intel) and macOS. Run on a Mac with Xcode and rustup.
# NOT run in wijknet's CI (no Apple toolchain there).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"

targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "${targets[@]}"
export IPHONEOS_DEPLOYMENT_TARGET=15.0 MACOSX_DEPLOYMENT_TARGET=12.0
for t in "${targets[@]}"; do
  cargo build --release -p wijknet-uniffi --lib --target "$t"
done

# Keep the committed Swift sources and header in step with the library being packaged.
bash bindings/uniffi/generate.sh --check

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/headers" "$work/ios-sim" "$work/macos"
cp "$here/Sources/WijknetFFI/include/WijknetFFI.h" "$here/Sources/WijknetFFI/include/WijknetCoreFFI.h" \
  "$here/Sources/WijknetFFI/include/module.modulemap" "$work/headers/"
lipo -create target/aarch64-apple-ios-sim/release/libwijknet_uniffi.a target/x86_64-apple-ios/release/libwijknet_uniffi.a \
  -output "$work/ios-sim/libwijknet_uniffi.a"
lipo -create target/aarch64-apple-darwin/release/libwijknet_uniffi.a target/x86_64-apple-darwin/release/libwijknet_uniffi.a \
  -output "$work/macos/libwijknet_uniffi.a"

rm -rf "$here/WijknetFFI.xcframework"
xcodebuild -create-xcframework \
  -library target/aarch64-apple-ios/release/libwijknet_uniffi.a -headers "$work/headers" \
  -library "$work/ios-sim/libwijknet_uniffi.a" -headers "$work/headers" \
  -library "$work/macos/libwijknet_uniffi.a" -headers "$work/headers" \
  -output "$here/WijknetFFI.xcframework"
echo "built $here/WijknetFFI.xcframework"
