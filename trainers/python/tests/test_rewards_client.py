"""The reward-server client against real loopback HTTP servers that fail in the ways a trainer
must survive (5xx, unreachable, slow) or stop on (400)."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from codejudge_train.rewards import RewardClient, RewardRequestError


def serve(handler_fn):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["content-length"])))
            self.server.bodies.append(body)
            status, payload = handler_fn(body)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.bodies = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


ITEMS = [{"problem_id": "p", "completion": "1", "truncated": False, "group": 0, "answer": "local only"},
         {"problem_id": "p", "completion": "2", "truncated": True, "group": 0}]


def test_rewards_come_back_in_item_order_with_nulls_kept_and_batches_split():
    server = serve(lambda body: (200, {"results": [
        {"id": it["id"], "reward": None if it["completion"] == "2" else 1.0,
         "status": "infra_error" if it["completion"] == "2" else "ok", "verdict": "AC"} for it in reversed(body["items"])]}))
    try:
        client = RewardClient(f"http://127.0.0.1:{server.server_port}", batch_size=1, timeout_s=5)
        assert client.score(ITEMS) == [1.0, None]
        assert len(server.bodies) == 2 and client.stats.infra_errors == 1 and client.stats.nulls == 1
        sent = server.bodies[0]["items"][0]
        assert "answer" not in sent and sent["problem_id"] == "p" and server.bodies[0]["schema"] == "binary"
    finally:
        server.shutdown()


def test_a_server_error_gives_null_rewards_never_zero():
    server = serve(lambda body: (503, {"error": "sandbox down"}))
    try:
        client = RewardClient(f"http://127.0.0.1:{server.server_port}", timeout_s=5)
        assert client.score(ITEMS) == [None, None]
    finally:
        server.shutdown()


def test_an_unreachable_server_gives_null_rewards():
    server = serve(lambda body: (200, {}))
    port = server.server_port
    server.shutdown()
    server.server_close()
    assert RewardClient(f"http://127.0.0.1:{port}", timeout_s=2).score(ITEMS) == [None, None]


def test_a_refused_request_stops_training_with_the_servers_message():
    server = serve(lambda body: (400, {"error": "items.0.problem_id: unknown problem"}))
    try:
        with pytest.raises(RewardRequestError, match="unknown problem"):
            RewardClient(f"http://127.0.0.1:{server.server_port}", timeout_s=5).score(ITEMS)
    finally:
        server.shutdown()
