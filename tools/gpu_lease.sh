#!/bin/bash
# Train quoteattr's models inside one time-boxed GPU lease (see docs/models.md). Every trainer
# stops by TOTAL-60 seconds, keeping its best model; lean float16 copies of the results are
# written to $OUT (files over 15 MB split into parts). Retagging the parser's data is not
# stopped (a half-written file is worse than a late one): 124 s on an H200, some 15 minutes on
# a busy 2-core CPU, where the script runs end to end but trains nothing useful.
#
# Needs, in the repo root: .gpu/work.txz (udbase/UD_English-QA/en_qa-ud-{train,dev,test}.conllu
# and data/ner from a CPU workdir of the recipe) and .whl/ (stanza and the dependencies the
# machine lacks). Run as: bash tools/gpu_lease.sh TOTAL_SECONDS [PYTHON]
#
# Chains, all at once on the one GPU (CHAINS=ABC by default; e.g. CHAINS=PC picks two):
#   A: retag the parser data with the shipped tagger (every tag predicted), train a fresh parser
#   B: NER with a larger step budget than the CPU recipe
#   C: a mid-size tagger (hidden 200, char 200, biaffine 256/100, batch 100)
#   P: continue a parser trained elsewhere: .gpu/parser.txz holds a recipe workdir's
#      data/depparse (retagged) and saved_models/depparse/*parser.pt (a lean copy will do);
#      runs `--steps depparse_adam` (Adam from step 1, weights from that model: the phase
#      that took the shipped parser to dev LAS 83.4)
CHAINS=${CHAINS:-ABC}
has() { case $CHAINS in *$1*) return 0;; esac; return 1; }
TOTAL=${1:-560}
PY=${2:-python3}
T0=$(date +%s)
END=$((T0 + TOTAL))
left() { echo $((END - $(date +%s) - ${1:-0})); }
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1
if [ "$PY" = python3 ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site:$PWD
fi
W=${W:-/tmp/qw}
mkdir -p $W/vectors $W/saved_models $W/logs
tar xJf .gpu/work.txz -C $W
cp quoteattr/models/en/pretrain.pt $W/vectors/en_glove50.pretrain.pt
$PY -c "import stanza, torch; print('stanza', stanza.__version__, 'torch', torch.__version__, 'cuda', torch.cuda.is_available())" || exit 1
export DATA_ROOT=$W/data UDBASE=$W/udbase NERBASE=$W/nerbase STANZA_RESOURCES_DIR=$W/no_resources OMP_NUM_THREADS=4
PRE=$W/vectors/en_glove50.pretrain.pt

# B
has B && ( cd $W && timeout $(left 60) $PY -m stanza.utils.training.run_ner en_qaner \
    --save_dir $W/saved_models/ner_long --wordvec_pretrain_file $PRE --no_charlm \
    --max_steps 30000 --eval_interval 500 --log_step 500 --batch_size 32 > $W/logs/ner_long.log 2>&1 ) &
# C
has C && ( cd $W && $PY -m stanza.utils.datasets.prepare_pos_treebank UD_English-QA > $W/logs/prepare-pos.log 2>&1
  timeout $(left 60) $PY -m stanza.utils.training.run_pos UD_English-QA --save_dir $W/saved_models/pos_mid \
    --wordvec_pretrain_file $PRE --no_charlm --hidden_dim 200 --char_hidden_dim 200 \
    --deep_biaff_hidden_dim 256 --composite_deep_biaff_hidden_dim 100 --batch_size 100 --max_steps 30000 \
    --eval_interval 500 --fix_eval_interval --log_step 500 --max_steps_before_stop 5000 > $W/logs/pos_mid.log 2>&1 ) &
# P
WP=$W/p
if has P; then
  mkdir -p $WP/vectors && tar xJf .gpu/parser.txz -C $WP && cp $PRE $WP/vectors/ && cp -r $W/udbase $WP/
  ( $PY -m training --workdir $WP --threads 4 --steps depparse_adam --stop-by $(left 60) \
      || echo "depparse_adam: no model" ) &
fi
# A
WA=$W/a
if has A; then
  mkdir -p $WA/saved_models/pos $WA/vectors
  cp quoteattr/models/en/pos.pt $WA/saved_models/pos/en_qa_nocharlm_tagger.pt && touch $WA/saved_models/pos/pos.done
  cp $PRE $WA/vectors/; cp -r $W/udbase $WA/
  $PY -m training --workdir $WA --threads 4 --steps depparse --stop-by $(left 60) || echo "depparse: no model"
fi
wait
echo "training done at $(( $(date +%s) - T0 )) s"
grep -hE "dev_score" $WA/logs/depparse.log $WP/logs/depparse_adam.log $W/logs/pos_mid.log 2>/dev/null | tail -n 9
grep -hE "step [0-9]+/|best" $W/logs/ner_long.log 2>/dev/null | tail -n 3
OUTD=${OUT:-/tmp/qout}
mkdir -p $OUTD
$PY - "$W" "$OUTD" <<'PYEOF'
import glob, sys
from pathlib import Path
from training.export import lean_copy
w, out = Path(sys.argv[1]), Path(sys.argv[2])
for kind, pat in [("depparse", "a/saved_models/depparse/*parser.pt"),
                  ("depparse_adam", "p/saved_models/depparse/*parser.pt"),
                  ("pos_mid", "saved_models/pos_mid/*tagger.pt"),
                  ("ner_long", "saved_models/ner_long/*nertagger.pt")]:
    found = [p for p in glob.glob(str(w / pat)) if "checkpoint" not in p]
    if found:
        print(kind, found[0], lean_copy(Path(found[0]), out / f"{kind}.pt"))
PYEOF
cd $OUTD && for f in *.pt; do [ -e "$f" ] || continue; [ $(stat -c %s "$f") -gt 15000000 ] && split -b 15000000 $f $f.part. && rm $f; done
cp $WA/logs/* $WP/logs/* $W/logs/ 2>/dev/null; tar czf $OUTD/logs.tgz -C $W logs
ls -la $OUTD
echo "all done at $(( $(date +%s) - T0 )) s"
