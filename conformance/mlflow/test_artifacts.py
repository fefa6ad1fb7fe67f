"""Artifacts through the proxy (`mlflow-artifacts:/`): log_artifact, log_artifacts,
list_artifacts, download_artifacts, log_dict / log_text / log_table, and the raw proxy and
tracking list routes (spec/mlflow-api.md §3.4, §3.8, §6.2, §7.2)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import mlflow
from harness import scenario

SCENARIOS: list = []
BINARY = bytes(range(256)) * 4 + b"\xff\xfe\x00end"
PROXY = "/api/2.0/mlflow-artifacts/artifacts"


def test_artifacts(scenario, target, conformance):
    conformance.check(scenario, target)


def tree(root: str | Path) -> dict:
    """Relative path -> text content (or size + sha256 for binary files) of a downloaded tree."""
    root = Path(root)
    if root.is_file():
        return {root.name: content(root)}
    out = {}
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            path = Path(dirpath) / name
            out[path.relative_to(root).as_posix()] = content(path)
    return dict(sorted(out.items()))


def content(path: Path):
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def make_files(base: Path) -> Path:
    src = base / "src"
    (src / "sub" / "deeper").mkdir(parents=True)
    (src / "a.txt").write_text("alpha\n")
    (src / "sub" / "b.json").write_text('{"b": 1}')
    (src / "sub" / "deeper" / "c.bin").write_bytes(BINARY)
    (src / "sub" / "empty.txt").write_bytes(b"")
    (src / "with space ü.txt").write_text("unicode name")
    return src


def run_in(ctx, label: str) -> str:
    exp_id = ctx.new_experiment(ctx.scenario_id, "e")
    return ctx.new_run(exp_id, label, run_name=label, start_time=1000)


@scenario(
    SCENARIOS,
    expect={
        "root": [
            {"path": "a.txt", "is_dir": False, "file_size": 6},
            {"path": "nested", "is_dir": True, "file_size": None},
            {"path": "tree", "is_dir": True, "file_size": None},
        ],
        "tree_listing": [
            {"path": "tree/a.txt", "is_dir": False, "file_size": 6},
            {"path": "tree/sub", "is_dir": True, "file_size": None},
            {"path": "tree/with space ü.txt", "is_dir": False, "file_size": 12},
        ],
        "missing_listing": [],
        "download_tree": {"a.txt": "alpha\n", "sub/b.json": '{"b": 1}', "sub/empty.txt": ""},
    },
)
def log_list_download(ctx):
    run_id = run_in(ctx, "r")
    src = make_files(ctx.tmp)
    c = ctx.client
    c.log_artifact(run_id, str(src / "a.txt"))
    c.log_artifact(run_id, str(src / "sub" / "b.json"), artifact_path="nested/dir")
    c.log_artifacts(run_id, str(src), artifact_path="tree")
    ctx.record("root", c.list_artifacts(run_id))
    ctx.record("tree_listing", c.list_artifacts(run_id, "tree"))
    ctx.record("deep_listing", c.list_artifacts(run_id, "tree/sub/deeper"))
    ctx.record("nested_listing", c.list_artifacts(run_id, "nested"))
    ctx.record("missing_listing", c.list_artifacts(run_id, "nope"))
    ctx.record("file_listing", c.list_artifacts(run_id, "a.txt"))
    ctx.record("download_tree", tree(c.download_artifacts(run_id, "tree", str(ctx.tmp / "dl1"))))
    ctx.record("download_file", tree(c.download_artifacts(run_id, "tree/sub/deeper/c.bin", str(ctx.tmp / "dl2"))))
    ctx.record("download_all", sorted(tree(c.download_artifacts(run_id, "", str(ctx.tmp / "dl3")))))
    uri = f"runs:/{run_id}/nested"
    ctx.record("download_runs_uri", tree(mlflow.artifacts.download_artifacts(artifact_uri=uri, dst_path=str(ctx.tmp / "dl4"))))
    ctx.record("list_runs_uri", mlflow.artifacts.list_artifacts(artifact_uri=f"runs:/{run_id}/tree/sub"))
    ctx.record("load_text", mlflow.artifacts.load_text(f"runs:/{run_id}/tree/a.txt"))
    ctx.record("load_dict", mlflow.artifacts.load_dict(f"runs:/{run_id}/nested/dir/b.json"))
    artifact_uri = c.get_run(run_id).info.artifact_uri
    ctx.record("artifact_uri", artifact_uri)
    ctx.record(
        "download_artifact_uri",
        tree(mlflow.artifacts.download_artifacts(artifact_uri=f"{artifact_uri}/tree/sub", dst_path=str(ctx.tmp / "dl5"))),
    )


@scenario(
    SCENARIOS,
    expect={
        "files": {
            "config.json": {"lr": 0.01, "layers": [1, 2], "name": "ü"},
            "config.yaml": 'layers:\n- 1\n- 2\nlr: 0.01\nname: "\\xFC"\n',  # the client's yaml.safe_dump
            "notes/readme.md": "# Title\nline two ü\n",
        },
        "table": {"columns": ["question", "answer", "score"], "data": [["1+1", "2", 1.0], ["2+2", "5", 0.0]]},
    },
)
def log_dict_text_table(ctx):
    run_id = run_in(ctx, "r")
    c = ctx.client
    c.log_dict(run_id, {"lr": 0.01, "layers": [1, 2], "name": "ü"}, "config.json")
    c.log_dict(run_id, {"lr": 0.01, "layers": [1, 2], "name": "ü"}, "config.yaml")
    c.log_text(run_id, "# Title\nline two ü\n", "notes/readme.md")
    c.log_table(run_id, {"question": ["1+1", "2+2"], "answer": ["2", "5"], "score": [1.0, 0.0]}, "eval/table.json")
    files = tree(c.download_artifacts(run_id, "", str(ctx.tmp / "dl")))
    files["config.json"] = json.loads(files["config.json"])
    table = json.loads(files.pop("eval/table.json"))
    ctx.record("files", files)
    ctx.record("table", table)
    ctx.record("listing_eval", c.list_artifacts(run_id, "eval"))
    ctx.record("run_tags", {k: v for k, v in c.get_run(run_id).data.tags.items() if k != "mlflow.runName"})
    exp_id = c.get_run(run_id).info.experiment_id
    ctx.record("load_table", c.load_table(exp_id, "eval/table.json", run_ids=[run_id], extra_columns=["run_id"]))


@scenario(
    SCENARIOS,
    expect={
        "proxy_list_root": {"http": "2xx"},
        "proxy_get_text": {"status": 200, "body": "alpha\n"},
        "proxy_put": {"http": "2xx"},
        "after_delete": {"http": "2xx"},
    },
)
def raw_proxy_routes(ctx):
    run_id = run_in(ctx, "r")
    src = make_files(ctx.tmp)
    ctx.client.log_artifacts(run_id, str(src))
    artifact_uri = ctx.client.get_run(run_id).info.artifact_uri  # mlflow-artifacts:/<exp>/<run>/artifacts
    base = artifact_uri.split("mlflow-artifacts:", 1)[1].lstrip("/")

    def listing(step, path):
        response = ctx.http("GET", PROXY, step, params={"path": path} if path is not None else None)
        files = response.json().get("files", []) if response.status_code == 200 else None
        ctx.steps[step]["files"] = sorted(files, key=lambda f: f["path"]) if files is not None else None

    listing("proxy_list_root", base)
    listing("proxy_list_sub", f"{base}/sub")
    listing("proxy_list_missing", f"{base}/nope")
    listing("proxy_list_file", f"{base}/a.txt")
    response = ctx.http("GET", f"{PROXY}/{base}/a.txt", "proxy_get_text")
    ctx.steps["proxy_get_text"]["body"] = response.text
    ctx.record("proxy_get_headers", download_headers(response))
    response = ctx.http("GET", f"{PROXY}/{base}/sub/b.json", "proxy_get_json")
    ctx.record("proxy_get_json_headers", download_headers(response))
    response = ctx.http("GET", f"{PROXY}/{base}/sub/deeper/c.bin", "proxy_get_binary")
    ctx.record("proxy_binary_intact", response.content == BINARY)
    ctx.record("proxy_get_binary_headers", download_headers(response))
    response = ctx.http("GET", f"{PROXY}/{base}/with space ü.txt", "proxy_get_unicode_name")
    ctx.record("proxy_get_unicode_name_headers", download_headers(response))
    ctx.http("GET", f"{PROXY}/{base}/missing.txt", "proxy_get_missing")
    ctx.http("GET", f"{PROXY}/{base}/sub", "proxy_get_directory")
    ctx.also_ok("proxy_get_directory", ("4xx", "INVALID_PARAMETER_VALUE"), ("4xx", "BAD_REQUEST"),
                why='3.17 answers 400 {"detail": ...} (FastAPI), no error_code')
    ctx.http("PUT", f"{PROXY}/{base}/uploaded/raw.txt", "proxy_put", data=b"raw body", headers={"Content-Type": "text/plain"})
    ctx.http("PUT", f"{PROXY}/{base}/uploaded/raw.txt", "proxy_put_overwrite", data=b"second", headers={"Content-Type": "application/octet-stream"})
    ctx.record("after_put", tree(ctx.client.download_artifacts(run_id, "uploaded", str(ctx.tmp / "dl"))))
    ctx.http("DELETE", f"{PROXY}/{base}/uploaded/raw.txt", "after_delete")
    ctx.record("listing_after_delete", ctx.client.list_artifacts(run_id, "uploaded"))
    ctx.http("DELETE", f"{PROXY}/{base}/sub", "delete_directory")
    ctx.record("root_after_delete", ctx.client.list_artifacts(run_id))
    # multipart: "not supported" for a local destination; the client falls back on this message
    response = ctx.http("POST", f"/api/2.0/mlflow-artifacts/mpu/create/{base}/big.bin", "mpu_create", json={"path": "big.bin", "num_parts": 2})
    message = response.json().get("message", "") if response.headers.get("Content-Type", "").startswith("application/json") else ""
    ctx.record("mpu_create_fallback_message", message.startswith("Multipart upload is not supported for the current artifact repository"))
    # the tracking API's own listing: root_uri + paths that keep the listed prefix
    listed = ctx.get("artifacts/list", {"run_id": run_id, "path": "uploaded"})
    ctx.record("tracking_list_uploaded", listed.json())
    listed = ctx.get("artifacts/list", {"run_id": run_id})
    body = listed.json()
    body["files"] = sorted(body.get("files", []), key=lambda f: f["path"])
    ctx.record("tracking_list_root", body)


def download_headers(response) -> dict:
    return {
        "content_type": response.headers.get("Content-Type", "").split(";")[0].strip(),
        "content_disposition": response.headers.get("Content-Disposition"),
    }
