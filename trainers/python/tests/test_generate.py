import json

import pytest

from codejudge_train.generate import read_prompt_records


def test_prompt_records_without_a_problem_id_are_refused_naming_the_file_and_record(tmp_path):
    path = tmp_path / "prompts.jsonl"
    path.write_text(json.dumps({"prompt": "a", "problem_id": "p1"}) + "\n" + json.dumps({"prompt": "b"}) + "\n")
    with pytest.raises(ValueError, match=r"prompts\.jsonl: record 2: `problem_id` must be a string"):
        read_prompt_records(str(path))


def test_well_formed_prompt_records_are_read_in_order(tmp_path):
    path = tmp_path / "prompts.jsonl"
    rows = [{"prompt": "a", "problem_id": "p1"}, {"prompt": "b", "problem_id": "p2", "language": "python"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert read_prompt_records(str(path)) == rows
