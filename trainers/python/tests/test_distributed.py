"""The torchrun path for real: two CPU processes (gloo) join the process group from the environment
torchrun sets (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT) and average their gradients
as DDP would. The processes are started directly: Debian's torch 1.13 torchrun fails to parse its
own defaults under Python 3.11."""
import json
import os
import socket
import subprocess
import sys
import textwrap

PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

WORKER = textwrap.dedent("""
    import json, os, sys, torch
    from codejudge_train.runtime import average_gradients, init_distributed
    rank, world = init_distributed()
    p = torch.nn.Parameter(torch.zeros(3))
    (p * (rank + 1)).sum().backward()          # rank 0: grad 1s, rank 1: grad 2s
    average_gradients([p], world)
    print(json.dumps({"rank": rank, "world": world, "grad": p.grad.tolist()}))
""")


def test_two_torchrun_processes_average_their_gradients(tmp_path):
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    procs = []
    for rank in range(2):
        env = {**os.environ, "PYTHONPATH": PACKAGE_ROOT, "RANK": str(rank), "LOCAL_RANK": str(rank), "WORLD_SIZE": "2",
               "MASTER_ADDR": "127.0.0.1", "MASTER_PORT": str(port)}
        procs.append(subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True, env=env, cwd=str(tmp_path)))
    rows = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err[-3000:]
        rows += [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    rows.sort(key=lambda r: r["rank"])
    assert [r["rank"] for r in rows] == [0, 1] and all(r["world"] == 2 for r in rows)
    assert all(r["grad"] == [1.5, 1.5, 1.5] for r in rows)


def test_without_torchrun_the_job_is_a_single_process():
    from codejudge_train.runtime import init_distributed

    os.environ.pop("WORLD_SIZE", None)
    assert init_distributed() == (0, 1)
