#!/bin/bash
# Expert iteration (one round) from existing commands: sample N completions per problem from a policy
# with the package's generator, keep those the judge passes (datasets filter-by-reward), and train
# sft-reweight on them. Documented in trainers/recipes/README.md.
#
#   trainers/recipes/expert-iteration.sh WORKDIR [PROBLEMS] [N] [POLICY_JOB_DIR]
#
# PROBLEMS: any supported problems file (default: the toy answer set); N: samples per problem
# (default 32); POLICY_JOB_DIR: a finished job whose latest checkpoint samples (default: the base
# model of the sampling config). Env: PYTHON (an interpreter with torch), DB (the harness database).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mkdir -p "$1" && cd "$1" && pwd)
problems=$(realpath "${2:-$root/trainers/examples/data/toy-answers.jsonl}")
n=${3:-32}
policy=${4:-}
python=${PYTHON:-${CODEJUDGE_PYTHON:-python3}}
db=${DB:-$work/harness.db}
harness=(bun "$root/harness/cli/main.ts")
export PYTHONPATH="$root/trainers/python${PYTHONPATH:+:$PYTHONPATH}"

# 0. Prompts (the same ones training uses) and the problems file, through train's RL data export.
cat > "$work/sample.yaml" <<YAML
model: {name: tiny}
data: {dataset: $problems}
YAML
"${harness[@]}" train grpo-tinylora --config "$work/sample.yaml" --dry-run --json --jobs-dir "$work/prompts" > "$work/prompts.json"
data=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["job_dir"])' "$work/prompts.json")

# 1. Sample: N completions per prompt, from the base model or the given job's latest checkpoint.
if [ -n "$policy" ]; then gen=(--job-dir "$policy"); else gen=(--job-dir "$data" --checkpoint base); fi
"$python" -m codejudge_train generate "${gen[@]}" --prompts "$data/data/prompts.jsonl" --out "$work/samples.jsonl" \
  --n "$n" --max-new-tokens 8 --temperature 1.0

# 2. Filter: keep the samples that pass every test. Rows are copied as written, and the generator
#    writes each row's prompt, so the kept rows are {prompt, completion} records: the SFT data.
"${harness[@]}" datasets filter-by-reward "$data/data/problems.jsonl" --solutions-from "$work/samples.jsonl" \
  --out "$work/kept.jsonl" --report "$work/filter-report.json" --json > "$work/filter.json"

# 3. Train sft-reweight on the kept samples.
cat > "$work/sft.yaml" <<YAML
name: expert-iteration-sft
model: {name: tiny}
data: {train: kept.jsonl}
max_steps: 4
save_every: 4
optim: {lr: 0.003, warmup_steps: 0, schedule: constant}
sft: {batch_size: 4}
python: $python
YAML
"${harness[@]}" train sft-reweight --config "$work/sft.yaml" --json --db "$db" --jobs-dir "$work/jobs" --no-watch > "$work/train.json"
job=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["job_id"])' "$work/train.json")
"${harness[@]}" jobs logs "$job" --follow --db "$db" > "$work/train.log" 2>&1
"${harness[@]}" jobs show "$job" --json --db "$db"
