"""Writers, readers and faults of the store, each fault really made: processes at once, a
SIGKILL mid-import, a full disk, a read-only disk, a held lock, a mistyped or foreign --db,
an old store. Whatever happens the store is the old one or the new one, whole, and the
command line ends with a Vietnamese message and exit status 2."""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
import tomllib

import duckdb
import pytest

from cdht_data import store
from tests.paths import ROOT

pytestmark = pytest.mark.slow  # each test starts command-line processes and breaks things

SCORING = ("STT,Xã/ thị trấn,Nhóm I (Nông dân),,Nhóm II (Công nhân),,\"Nhóm III (CC,VC)\",,"
           "Nhóm 4 (HS),,Tổng\n,,Đạt,Chưa đạt,Đạt,Chưa đạt,Đạt,Chưa đạt,Đạt,Chưa đạt,\n"
           "1,Lộc Hoà,{n},1,,,,,,,{total}\n")
SOURCE_COUNT = len(tomllib.loads((ROOT / "data" / "sources.toml").read_text("utf-8"))["source"])
BUSY = "đang có người ghi dữ liệu vào CSDL"


def cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "cdht_data", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def start(*args):
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def scoring_file(tmp_path, name: str, recognized: int):
    path = tmp_path / name
    path.write_text(SCORING.format(n=recognized, total=recognized + 1), encoding="utf-8")
    return path


def state(db) -> dict:
    """What a reader sees: datasets by period, and the quality checks stored for each."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT d.as_of::VARCHAR, d.kind, (SELECT count(*) FROM quality_checks q "
            "WHERE q.dataset_id = d.dataset_id) FROM datasets d ORDER BY ALL").fetchall()
    finally:
        con.close()
    return {f"{as_of} {kind}": checks for as_of, kind, checks in rows}


def leftovers(db) -> list[str]:
    """Files a writer left beside the store (the lock file stays by design)."""
    return sorted(p.name for p in db.parent.iterdir()
                  if p.name not in (db.name, f"{db.name}.lock"))


def refused(result, *words):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


@pytest.fixture
def db(store_copy):
    return store_copy


# ---------------------------------------------------------------- processes at once

def test_three_builds_at_once_leave_one_whole_store(tmp_path):
    path = tmp_path / "store" / "cdht.duckdb"
    builds = [start("-m", "cdht_data", "build", "--db", str(path)) for _ in range(3)]
    results = [(b.wait(timeout=180), b.stderr.read()) for b in builds]
    assert all(code == 0 or (code == 2 and BUSY in err) for code, err in results), results
    assert any(code == 0 for code, _ in results)
    stored = state(path)
    assert len(stored) == SOURCE_COUNT and all(stored.values()), stored
    assert leftovers(path) == []


def test_two_imports_at_once_lose_neither(db, tmp_path):
    before = state(db)
    files = [scoring_file(tmp_path, f"{day}.csv", 7) for day in ("2025-03-31", "2025-06-30")]
    runs = [start("-m", "cdht_data", "import", str(f), "--kind", "scoring", "--as-of", f.stem,
                  "--db", str(db)) for f in files]
    results = [(r.wait(timeout=180), r.stderr.read()) for r in runs]
    assert all(code == 0 or (code == 2 and BUSY in err) for code, err in results), results
    stored = state(db)
    for f, (code, _) in zip(files, results):
        if code == 0:
            assert stored.pop(f"{f.stem} scoring") > 0  # imported, with its quality checks
    assert stored == before
    assert leftovers(db) == []


@pytest.mark.parametrize("kind", ["open_read", "plain"])
def test_a_reader_holding_the_store_does_not_block_an_import(db, tmp_path, kind):
    reader = start("-m", "tests.store_drivers", "hold", kind, str(db))
    try:
        before = json.loads(reader.stdout.readline())["before"]
        result = cli("import", str(scoring_file(tmp_path, "q1.csv", 7)), "--kind", "scoring",
                     "--as-of", "2025-03-31", "--db", str(db))
        assert result.returncode == 0, result.stderr
        out, err = reader.communicate("\n", timeout=60)
    finally:
        reader.kill()
    seen = json.loads(out.splitlines()[-1]) if out else err
    # a connection opened before keeps its version; a read opened after sees the import, even
    # in a process that still holds the old one
    assert seen == {"held": before, "fresh": before + 1}


def test_a_held_write_lock_refuses_a_second_writer(db, tmp_path):
    with open(f"{db}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = cli("import", str(scoring_file(tmp_path, "q1.csv", 7)), "--kind", "scoring",
                     "--as-of", "2025-03-31", "--db", str(db))
    refused(result, BUSY, "thử lại sau", str(db))
    assert "2025-03-31 scoring" not in state(db)


def test_a_store_another_program_writes_in_place_is_refused_after_a_short_wait(db, tmp_path):
    """Another program (an earlier version, a DuckDB shell) with the file open for writing."""
    holder = start("-c", "import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
                         "print('ready', flush=True); sys.stdin.readline()", str(db))
    try:
        assert holder.stdout.readline().strip() == "ready"
        read = cli("summary", "--json", "--db", str(db))
        write = cli("import", str(scoring_file(tmp_path, "q1.csv", 7)), "--kind", "scoring",
                    "--as-of", "2025-03-31", "--db", str(db))
    finally:
        holder.communicate("\n", timeout=60)
    for result in (read, write):
        refused(result, "một chương trình khác đang mở CSDL để ghi", str(db))
    assert "2025-03-31 scoring" not in state(db)
    assert leftovers(db) == []


# ---------------------------------------------------------------- an import killed

@pytest.mark.parametrize("when, target, outcome", [
    ("before", "cdht_data.ingest:refresh_findings", "old"),  # the table written, no findings
    ("before", "os:replace", "old"),  # the new version complete, not yet swapped in
    ("after", "os:replace", "new"),  # swapped in, before the clean-up
])
def test_an_import_killed_leaves_the_old_or_the_whole_new_store(db, tmp_path, when, target,
                                                                outcome):
    before = state(db)
    args = ["import", str(scoring_file(tmp_path, "q1.csv", 7)), "--kind", "scoring",
            "--as-of", "2025-03-31", "--db", str(db)]
    killed = subprocess.run([sys.executable, "-m", "tests.store_drivers", "KILL", when, target,
                             *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert killed.returncode == -9, killed.stderr  # it really died at that moment
    after = state(db)
    if outcome == "old":
        assert after == before
    else:
        assert after.pop("2025-03-31 scoring") > 0 and after == before
    retry = cli(*args)
    if outcome == "old":
        assert retry.returncode == 0, retry.stderr
    else:
        refused(retry, "--replace")
        assert cli(*args, "--replace").returncode == 0
    after = state(db)
    assert after.pop("2025-03-31 scoring") > 0 and after == before
    assert leftovers(db) == []


def test_an_import_stopped_with_ctrl_c_says_so_and_leaves_the_store(db, tmp_path):
    before = state(db)
    args = ["import", str(scoring_file(tmp_path, "q1.csv", 7)), "--kind", "scoring",
            "--as-of", "2025-03-31", "--db", str(db)]
    stopped = subprocess.run([sys.executable, "-m", "tests.store_drivers", "INT", "before",
                              "cdht_data.ingest:refresh_findings", *args], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
    assert stopped.returncode == 130, stopped.stderr
    assert "Đã dừng theo yêu cầu" in stopped.stderr and "Traceback" not in stopped.stderr
    assert state(db) == before
    assert leftovers(db) == []


# ---------------------------------------------------------------- a mistyped or foreign --db

@pytest.mark.parametrize("command", [["summary", "--json"], ["check", "--json"], ["upgrade"],
                                     ["import", "FILE", "--kind", "scoring",
                                      "--as-of", "2025-03-31"]])
def test_a_mistyped_db_is_refused_and_nothing_is_created(tmp_path, command):
    wrong = tmp_path / "nhầm" / "cdht.duckdb"
    args = [str(scoring_file(tmp_path, "q1.csv", 7)) if a == "FILE" else a for a in command]
    result = cli(*args, "--db", str(wrong))
    refused(result, "chưa có CSDL", "python -m cdht_data build --db", str(wrong))
    assert not wrong.parent.exists()


@pytest.mark.parametrize("command", [["summary", "--json"],
                                     ["import", "FILE", "--kind", "scoring",
                                      "--as-of", "2025-03-31"]])
def test_a_file_that_is_not_a_store_is_refused_untouched(tmp_path, command):
    other = scoring_file(tmp_path, "bang.csv", 7)
    content = other.read_bytes()
    args = [str(other) if a == "FILE" else a for a in command]
    result = cli(*args, "--db", str(other))
    refused(result, "không phải CSDL DuckDB", str(other))
    assert other.read_bytes() == content
    assert [p.name for p in tmp_path.iterdir()] == ["bang.csv"]


# ---------------------------------------------------------------- an old store

def test_an_old_store_is_refused_by_reads_until_upgraded(db, tmp_path):
    expected = json.loads(cli("summary", "--json", "--db", str(db)).stdout)
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE findings DROP COLUMN whole_column")
    con.execute("DROP TABLE group_rollups")
    con.execute("DROP TABLE area_rollups")
    con.execute("DELETE FROM meta WHERE key IN ('reference_fingerprint', 'schema_version')")
    con.execute("ALTER TABLE assessment_records ALTER total_score TYPE DECIMAL(5, 2)")
    con.close()
    for command in (["summary", "--json"], ["check", "--json"]):
        refused(cli(*command, "--db", str(db)), "python -m cdht_data upgrade --db", str(db))
    first = cli("upgrade", "--db", str(db))
    assert first.returncode == 0 and "Đã nâng cấp" in first.stdout, first.stderr
    assert json.loads(cli("summary", "--json", "--db", str(db)).stdout) == expected
    again = cli("upgrade", "--db", str(db))
    assert again.returncode == 0 and "không cần nâng cấp" in again.stdout, again.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT data_type FROM duckdb_columns() WHERE table_name = "
                       "'assessment_records' AND column_name = 'total_score'").fetchone() == (
        "DECIMAL(6,3)",)  # scores are held to 3 decimals (records.SCORE_TYPES)
    con.close()


def test_an_import_upgrades_an_old_store_on_the_way(db, tmp_path):
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE group_rollups")
    con.execute("DROP TABLE area_rollups")
    con.execute("DELETE FROM meta WHERE key = 'schema_version'")
    con.close()
    result = cli("import", str(scoring_file(tmp_path, "q1.csv", 7)), "--kind", "scoring",
                 "--as-of", "2025-03-31", "--db", str(db))
    assert result.returncode == 0, result.stderr
    summary = json.loads(cli("summary", "--json", "--db", str(db)).stdout)
    assert summary["as_of"] == "2025-03-31" and summary["totals"]["assessed"] == 8
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
        str(store.SCHEMA_VERSION),)
    con.close()


# ---------------------------------------------------------------- a full or read-only disk

def in_private_mount(work, size: int, script: str, **env):
    """Run `script` (sh) with a tmpfs of `size` bytes mounted on $MNT in a private mount
    namespace, gone when the script ends; `env` names further paths. Needs root and
    `unshare -m`: without them the test fails, since the machines that run these tests (as
    root) have both."""
    mnt = work / "mnt"
    mnt.mkdir(parents=True)
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", f'mount -t tmpfs -o size={size} tmpfs "$MNT" || exit 97; '
                                      f"{script}"],
        cwd=ROOT, text=True, capture_output=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "MNT": str(mnt), "PY": sys.executable,
             **{k: str(v) for k, v in env.items()}})
    assert result.returncode != 97, (
        "could not mount a tmpfs in a private mount namespace (unshare -m, as root): this test "
        f"needs both to make a real full or read-only disk. {result.stderr}")
    assert result.returncode == 0, result.stderr


FULL_DISK = """
cp "$STORE" "$MNT/cdht.duckdb"
"$PY" -m cdht_data summary --json --db "$MNT/cdht.duckdb" > "$OUT/before"
"$PY" -m cdht_data import "$RECORDS" --kind records --as-of 2025-03-31 \
    --db "$MNT/cdht.duckdb" 2> "$OUT/err"
echo $? > "$OUT/rc"
"$PY" -m cdht_data summary --json --db "$MNT/cdht.duckdb" > "$OUT/after"
ls -A "$MNT" > "$OUT/ls"
"""


@pytest.mark.parametrize("case, copies", [
    ("the copy does not fit", 1),
    ("the copy fits, the records do not", 2),  # 150,000 records take megabytes
])
def test_a_full_disk_is_refused_and_the_store_stays_whole(db, tmp_path, case, copies):
    records = tmp_path / "records.csv"
    header = "Mã xã,Nhóm,Tổng điểm," + ",".join(f"Chỉ số {k}" for k in range(1, 11))
    rows = [f"25270,{1 + n % 4},{72 + 8 + n % 3},{','.join(['8'] * 9)},{8 + n % 3}"
            for n in range(150_000)]
    records.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    room = copies * db.stat().st_size + 512 * 1024
    in_private_mount(tmp_path / "ns", room, FULL_DISK, STORE=db, RECORDS=records, OUT=out)
    seen = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}
    assert seen["rc"].strip() == "2", seen["err"]
    assert "ổ đĩa đầy" in seen["err"] and "Traceback" not in seen["err"], seen["err"]
    assert json.loads(seen["after"]) == json.loads(seen["before"])
    assert seen["ls"].split() == ["cdht.duckdb", "cdht.duckdb.lock"]


READ_ONLY_DISK = """
cp "$STORE" "$MNT/cdht.duckdb"
mount -o remount,ro "$MNT" || exit 97
"$PY" -m cdht_data import "$TABLE" --kind scoring --as-of 2025-03-31 --db "$MNT/cdht.duckdb" \
    2> "$OUT/import-err"
echo $? > "$OUT/import-rc"
"$PY" -m cdht_data build --db "$MNT/moi.duckdb" 2> "$OUT/build-err"
echo $? > "$OUT/build-rc"
"$PY" -m cdht_data summary --json --db "$MNT/cdht.duckdb" > "$OUT/summary"
echo $? > "$OUT/summary-rc"
ls -A "$MNT" > "$OUT/ls"
"""


def test_a_read_only_disk_is_refused_for_writes_and_still_read(db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    in_private_mount(tmp_path / "ns", 64 * 2**20, READ_ONLY_DISK, STORE=db, OUT=out,
                     TABLE=scoring_file(tmp_path, "q1.csv", 7))
    seen = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}
    for step in ("import", "build"):
        assert seen[f"{step}-rc"].strip() == "2", step
        assert "chỉ cho đọc" in seen[f"{step}-err"], seen[f"{step}-err"]
        assert "Traceback" not in seen[f"{step}-err"]
    assert seen["summary-rc"].strip() == "0"
    assert json.loads(seen["summary"])["as_of"] == "2024-09-30"  # the import did not land
    assert seen["ls"].split() == ["cdht.duckdb"]
