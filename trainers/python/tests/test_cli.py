import json
import os
import subprocess
import sys

PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", *args], cwd=PACKAGE_ROOT, capture_output=True, text=True, timeout=timeout)


def test_the_smoke_benchmark_runs_the_tiny_model_on_cpu_and_ends_with_one_labelled_json_line(tmp_path):
    out = run("codejudge_train.smoke", "--model", "tiny", "--device", "cpu", "--steps", "2", "--job-dir", str(tmp_path))
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["device"] == "cpu" and result["gpu"] is None and result["steps"] == 2
    assert result["model"] == "codejudge tiny model" and result["model_choice"].startswith("tiny: asked for")
    assert result["reward_source"].startswith("local stand-in")
    assert result["tokens_per_s_generation_merged"] > 0 and result["tokens_per_s_generation_unmerged"] > 0
    assert result["tokens_per_s_train"] > 0 and result["trainable"] == 64 * 14
    # On a CPU there is no GPU figure to report, only the process's peak resident set.
    assert result["peak_gpu_memory_gib"] is None and result["peak_process_rss_gib"] > 0
    rows = [json.loads(line) for line in open(tmp_path / "metrics.jsonl")]
    assert [r["step"] for r in rows] == [1, 2]


def test_the_smoke_benchmark_says_why_it_chose_its_model_when_none_is_named(tmp_path):
    out = run("codejudge_train.smoke", "--device", "cpu", "--steps", "1", "--max-new-tokens", "4",
              "--llama", json.dumps({"hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 1,
                                     "num_attention_heads": 2, "num_key_value_heads": 2, "vocab_size": 259}),
              "--job-dir", str(tmp_path))
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["transformers"] is None:
        assert result["model"] == "codejudge tiny model"
        assert result["model_choice"] == "tiny: fallback, transformers is not installed (--model llama needs it)"
    else:
        assert result["model"].startswith("random-init transformers Llama")
        assert result["model_choice"] == "llama: transformers is installed"


def test_the_platform_command_reports_the_device_dtype_and_package_versions():
    out = run("codejudge_train", "platform")
    assert out.returncode == 0, out.stderr
    info = json.loads(out.stdout)
    assert info["platform"]["dtype"] in ("float32", "bfloat16")
    assert info["environment"]["packages"]["torch"]


def test_train_then_consolidate_through_the_cli(tmp_path):
    data = tmp_path / "sft.jsonl"
    data.write_text('{"prompt": "Say hi.\\n", "completion": "```\\nhi\\n```"}\n' * 4)
    config = tmp_path / "sft.json"
    config.write_text(json.dumps({"algo": "sft-reweight", "model": {"name": "tiny"}, "data": {"train": "sft.jsonl"},
                                  "max_steps": 3, "sft": {"batch_size": 2, "w_code": 1.0, "w_noncode": 0.1}}))
    job = tmp_path / "job"
    out = run("codejudge_train", "train", "--config", str(config), "--job-dir", str(job))
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1])["status"] == "completed"
    cons = run("codejudge_train", "consolidate", "--job-dir", str(job), "--out", str(tmp_path / "hf"))
    assert cons.returncode == 0, cons.stderr[-2000:]
    info = json.loads(cons.stdout.strip().splitlines()[-1])
    assert info["source_kind"] == "full" and info["verify_max_abs_diff"] == 0.0
    assert json.load(open(tmp_path / "hf" / "config.json"))["model_type"] == "codejudge-tiny"


def test_a_config_with_an_unknown_algorithm_is_refused_naming_the_file(tmp_path):
    config = tmp_path / "bad.json"
    config.write_text(json.dumps({"algo": "dpo"}))
    out = run("codejudge_train", "train", "--config", str(config), "--job-dir", str(tmp_path / "job"))
    assert out.returncode != 0 and "bad.json" in out.stderr and "algo" in out.stderr


def test_invalid_json_is_refused_with_its_line(tmp_path):
    config = tmp_path / "broken.json"
    config.write_text('{\n  "algo": "ppo",\n  oops\n}')
    out = run("codejudge_train", "train", "--config", str(config), "--job-dir", str(tmp_path / "job"))
    assert out.returncode != 0 and "broken.json:3" in out.stderr


def test_a_misspelt_key_in_an_algorithm_section_is_refused_naming_the_file_and_key(tmp_path):
    config = tmp_path / "typo.json"
    config.write_text(json.dumps({"algo": "grpo-tinylora", "grpo": {"epsilom": 0.3}}))
    out = run("codejudge_train", "train", "--config", str(config), "--job-dir", str(tmp_path / "job"))
    assert out.returncode != 0 and "typo.json: grpo.epsilom: unknown key" in out.stderr
    assert not (tmp_path / "job").exists()
