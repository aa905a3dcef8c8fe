#!/usr/bin/env bash
# Packs a .deb's data.tar again with xz's x86 filter (BCJ) in front of LZMA2 at -9e with a 256 MiB
# dictionary, single-threaded. Most of the package is machine code (WebKit alone is 121 MB of it); the
# filter turns its relative call and jump addresses into absolute ones, which repeat, and LZMA2 finds
# them: 1.7 MB less than dpkg-deb's threaded xz -9 here. The dictionary reaches across most of the
# 290 MB tar, so the AOT cache finds the class files it copied from the jars: 0.86 MB less again.
# Packing takes about 2.7 GB of memory and 6 minutes; unpacking, 257 MiB. dpkg reads any filter chain
# liblzma knows, so nothing changes for apt or dpkg. The members keep dpkg's order: debian-binary,
# control.tar.*, then data.tar.xz.
#
# Usage: packaging/recompress-deb.sh FOLDER (every .deb in it)
set -euo pipefail
shopt -s nullglob
debs=("$(realpath "$1")"/*.deb)
[[ ${#debs[@]} -gt 0 ]] || { echo "recompress-deb: no .deb in $1" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

recompress() { # deb
    local deb=$1 control data before
    rm -rf "${work:?}"/*
    cd "$work"
    ar x "$deb"
    control=$(ar t "$deb" | grep '^control\.tar')
    data=$(ar t "$deb" | grep '^data\.tar')
    case $data in
        data.tar) ;;
        data.tar.xz) xz -d data.tar.xz ;;
        data.tar.gz) gzip -d data.tar.gz ;;
        data.tar.zst) zstd -q -d --rm data.tar.zst ;;
        *) echo "recompress-deb: $data is not a data member this script knows" >&2; exit 1 ;;
    esac
    xz -T1 --x86 --lzma2=preset=9e,dict=256MiB data.tar
    if [[ $control == control.tar ]]; then # dpkg-deb was asked for no compression at all
        xz -9 control.tar
        control=control.tar.xz
    fi
    ar rcD repacked.deb debian-binary "$control" data.tar.xz
    dpkg-deb --info repacked.deb >/dev/null # still a package dpkg reads
    before=$(stat -c %s "$deb")
    mv repacked.deb "$deb"
    echo "recompress-deb: $(basename "$deb") $before -> $(stat -c %s "$deb") bytes"
}

for deb in "${debs[@]}"; do
    recompress "$deb"
done
