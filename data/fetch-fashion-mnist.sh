#!/usr/bin/env bash
# Extracts Fashion-MNIST (IDX, gzip) from Debian's dataset-fashion-mnist package into
# data/fashion-mnist/, without installing the package. Needs apt-get and dpkg.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$here/fashion-mnist"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download dataset-fashion-mnist
dpkg -x dataset-fashion-mnist_*.deb x
mkdir -p "$dest"
cp x/usr/share/datasets/fashion-mnist/*-ubyte.gz "$dest"/
ls -l "$dest"
echo "Fashion-MNIST is in $dest (MIT licence, Zalando SE)."
echo "Use: --set decentsim.data.source=idx --set decentsim.data.path=$dest/train-images-idx3-ubyte.gz"
