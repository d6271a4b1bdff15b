#!/bin/sh
# Checks (--check) or applies (--fix) .clang-format to every C file of the
# tree.  Formatting is mechanical: what clang-format prints is the style.
set -eu
mode=${1:---check}
top=${2:-.}
if ! command -v clang-format >/dev/null 2>&1; then
	echo "format.sh: clang-format is not installed" >&2
	exit 77
fi
cd "$top"
files=$(find src tests -name '*.[ch]' | sort)
bad=0
for f in $files; do
	case "$mode" in
	--fix)
		clang-format -i "$f" ;;
	--check)
		if ! clang-format "$f" | cmp -s - "$f"; then
			echo "not formatted: $f"
			bad=$((bad + 1))
		fi ;;
	*)
		echo "usage: format.sh --check|--fix [DIR]" >&2
		exit 2 ;;
	esac
done
if [ "$bad" -gt 0 ]; then
	echo "$bad file(s) differ from .clang-format: run 'make format'" >&2
	exit 1
fi
