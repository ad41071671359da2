#!/usr/bin/env bash
# Check a typeset PDF with whichever of these tools are installed:
#   qpdf --check          structure and stream encoding
#   pdffonts              every font embedded, subset (ABCDEF+ name) and with ToUnicode
#   mutool draw           renders every page; fails on FT_Load_Glyph or other errors
# Tools that are missing are reported and skipped; the project does not need them.
# Exit status: 0 when every check that ran passed, 1 otherwise, 2 on bad usage.
set -u

if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 file.pdf" >&2
  exit 2
fi
pdf=$1
failed=0
missing=()
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

if command -v qpdf >/dev/null 2>&1; then
  qpdf --check "$pdf" >"$tmp" 2>&1
  rc=$?
  # 0: no problems; 3: warnings only
  if [ $rc -eq 0 ]; then
    echo "qpdf: ok"
  elif [ $rc -eq 3 ]; then
    echo "qpdf: warnings"
    sed 's/^/  /' "$tmp"
  else
    echo "qpdf: FAILED"
    sed 's/^/  /' "$tmp"
    failed=1
  fi
else
  missing+=(qpdf)
fi

if command -v pdffonts >/dev/null 2>&1; then
  if pdffonts "$pdf" >"$tmp" 2>&1; then
    # name type… encoding emb sub uni object gen: read the flags from the right.
    bad=$(awk 'NR > 2 {
        name = $1; emb = $(NF-4); sub_ = $(NF-3); uni = $(NF-2)
        if (emb != "yes" || sub_ != "yes" || uni != "yes" || name !~ /^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+/)
          print "  " name " emb=" emb " sub=" sub_ " uni=" uni
      }' "$tmp")
    count=$(awk 'NR > 2' "$tmp" | wc -l)
    if [ -n "$bad" ]; then
      echo "pdffonts: FAILED (fonts not embedded, not subset or without ToUnicode)"
      echo "$bad"
      failed=1
    else
      echo "pdffonts: ok ($count fonts, all embedded and subset)"
    fi
  else
    echo "pdffonts: FAILED"
    sed 's/^/  /' "$tmp"
    failed=1
  fi
else
  missing+=(pdffonts)
fi

if command -v mutool >/dev/null 2>&1; then
  mutool draw -q -o /dev/null "$pdf" >"$tmp" 2>&1
  rc=$?
  # "ICC support is not available" describes the mutool build, not the file.
  sed -i '/ICC support is not available/d' "$tmp"
  if [ $rc -ne 0 ] || grep -Eqi 'FT_Load_Glyph|error|warning' "$tmp"; then
    echo "mutool draw: FAILED"
    sed 's/^/  /' "$tmp"
    failed=1
  else
    echo "mutool draw: ok"
  fi
else
  missing+=(mutool)
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "not installed, skipped: ${missing[*]} (Debian: qpdf poppler-utils mupdf-tools)"
fi
exit $failed
