#!/usr/bin/env bash
# Build AZR Desktop for Linux: the PyInstaller folder, then from it a .tar.gz and a .deb. They run where the glibc is
# at least the build machine's (the .deb's Depends says which), so build on the oldest distribution to support: the
# release workflow uses Ubuntu 22.04. No AppImage: appimagetool and the AppImage runtime are in no package of
# Debian's or PyPI's (the PyPI wrappers download them), so they cannot be built from the registries alone.
#   packaging/build_linux.sh [OUT_DIR]     (default packaging/build; needs: pip install -e ".[packaging]", dpkg-deb)
# PYTHON picks the interpreter (default python3). The build takes the PyTorch installed there: the CPU build gives
# the default artifacts; with a CUDA build installed they are named "-cuda" (README: "Build the installers").
# DEB_COMPRESSION: zstd (default: 4 s, the .deb a bit smaller than the .tar.gz) or xz (releases: 3 to 5 minutes,
# a fifth smaller).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(realpath -m "${1:-$ROOT/packaging/build}")
PY=${PYTHON:-python3}
APP=azr-desktop
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/azr_desktop/__init__.py")
ARCH=$(dpkg --print-architecture)
VARIANT=$("$PY" -c 'import torch; print("-cuda" if torch.version.cuda else "")')
RES="$ROOT/azr_desktop/resources"

step() { printf '\n== %s (%ds)\n' "$1" "$SECONDS"; }

step "PyInstaller bundle"
rm -rf "$OUT/dist" "$OUT/deb"
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$OUT/dist" --workpath "$OUT/work" \
    "$ROOT/packaging/$APP.spec"
BUNDLE="$OUT/dist/$APP"
chmod -R u=rwX,go=rX "$BUNDLE"  # readable by every user whatever the builder's umask
"$BUNDLE/$APP" --version

step "tar.gz"
TARBALL="$OUT/$APP-$VERSION-linux-$(uname -m)$VARIANT.tar.gz"
tar -C "$OUT/dist" --owner=0 --group=0 --sort=name -czf "$TARBALL" "$APP"

step ".deb"
STAGE="$OUT/deb"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/icons/hicolor/256x256/apps" "$STAGE/usr/share/icons/hicolor/scalable/apps"
cp -al "$BUNDLE" "$STAGE/opt/$APP"  # hard links: the bundle is hundreds of MB
# Relative, so that the link also resolves in a root extracted elsewhere (dpkg -x, a chroot).
ln -s "../../opt/$APP/$APP" "$STAGE/usr/bin/$APP"
install -m 644 "$RES/$APP.desktop" "$STAGE/usr/share/applications/$APP.desktop"
install -m 644 "$RES/icons/$APP.png" "$STAGE/usr/share/icons/hicolor/256x256/apps/$APP.png"
install -m 644 "$RES/icons/$APP.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/$APP.svg"
# The bundle carries every library but those that must match the user's system: glibc (as new as the newest symbol
# version its files use, so as old as the build machine's), OpenGL/EGL (the user's drivers), libxcb and Wayland's
# client libraries (the display server's). Found with readelf on every file of the bundle.
GLIBC=$(find "$BUNDLE" -type f \( -name '*.so*' -o -perm -u+x \) -exec objdump -T {} + 2>/dev/null \
    | grep -o 'GLIBC_2\.[0-9]*' | sort -uV | tail -n 1 | cut -d_ -f2)
cat > "$STAGE/DEBIAN/control" <<EOF
Package: $APP
Version: $VERSION
Architecture: $ARCH
Maintainer: AZR Dev <dev@azr.local>
Installed-Size: $(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
Depends: libc6 (>= $GLIBC), libgl1, libegl1, libxcb1, libwayland-client0, libwayland-cursor0, libwayland-egl1
Recommends: fonts-dejavu-core
Section: science
Priority: optional
Description: train a small GPT-style language model on your own books
 AZR Desktop trains a tokenizer and a small language model on your .txt books,
 on your own computer, with live progress, exact pause and resume, and lets you
 talk to the result. The desktop app and the azr-desktop command line.
EOF
DEB="$OUT/${APP}_${VERSION}${VARIANT}_$ARCH.deb"
dpkg-deb --root-owner-group "-Z${DEB_COMPRESSION:-zstd}" --build "$STAGE" "$DEB" >/dev/null

step "done"
du -sh "$BUNDLE" "$TARBALL" "$DEB"
