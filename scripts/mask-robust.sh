#!/usr/bin/env bash
# Reproduces the mask-robust embedder of issue 8 and its trade-off table (docs/mask-robust.md):
#   1. cleans celeba-subset with the default model (mfr clean) and leaves out the identities that are probably
#      also in LFW or MFR2 (mfr overlap), so training stays disjoint from the test sets,
#   2. fine-tunes fr_feature with configs/train/mask-robust.conf once per masked ratio (RATIOS),
#      registering each result as fr_mr_r<ratio*100> in $MFR_HOME/models,
#   3. measures every model and the original with 'mfr eval tradeoff' (LFW, LFW mask-to-nonmask, MFR2).
# Usage: scripts/mask-robust.sh                  (all ratios, 500 steps each; 10 to 20 minutes a ratio here)
#        OUT=runs/mask-robust-ship RATIOS=0.5 STEPS=1000 SEED=42 scripts/mask-robust.sh   (the shipped fr_mask_robust)
# A run folder that already holds model.onnx is not trained again; use a new OUT to start over.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${MFR_DATA:-../shared/data}
OUT=${OUT:-runs/mask-robust}
RATIOS=${RATIOS:-"0 0.1 0.25 0.5"}
STEPS=${STEPS:-500}
SEED=${SEED:-42}
EXTRA=${EXTRA:-}
mkdir -p "$OUT"
if [ ! -f "$OUT/clean/cleaned.csv" ]; then
  ./mfr clean "$DATA/celeba-subset" --out "$OUT/clean"
fi
if [ ! -f "$OUT/clean/disjoint.csv" ]; then
  ./mfr overlap "$DATA/celeba-subset" --against "$DATA/lfw-deepfunneled" --against "$DATA/mfr2" \
    --list "$OUT/clean/cleaned.csv" --out "$OUT/clean/disjoint.csv" | tee "$OUT/clean/overlap.txt"
fi
args=()
for r in $RATIOS; do
  id="fr_mr_r$(awk -v r="$r" 'BEGIN { printf "%d", r * 100 + 0.5 }')"
  run="$OUT/$id"
  if [ ! -f "$run/model.onnx" ]; then
    # shellcheck disable=SC2086
    ./mfr train configs/train/mask-robust.conf --set data.path="$DATA/celeba-subset" \
      --set data.list="$OUT/clean/disjoint.csv" --set data.mask="$r" --set optim.steps="$STEPS" \
      --set model.seed="$SEED" --set run.output="$run" --set run.exportId="$id" $EXTRA 2>&1 | tee "$run.log"
  fi
  args+=(--embedder "$id" --label "$id (masked ratio $r)")
done
./mfr eval tradeoff --embedder fr_feature --label "fr_feature (original)" "${args[@]}" --output "$OUT/tradeoff.md"
