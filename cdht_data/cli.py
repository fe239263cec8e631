"""Command line: build, import (and its --dry-run), summary, plan, check, template, export, reporting,
deadline, upgrade, user, history, undo, synth. Other tools script against these
names; keep them. (The benchmark is no part of the product: `python -m bench`.)

Every fault the user can cause (bad input, a missing or busy store, a full or read-only disk, a
mistyped command) ends with a Vietnamese message on stderr, exit status 2; the database is left
as it was. Reading commands never create or change a store.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import re
import sys
import tempfile
from pathlib import Path

import duckdb

from . import accounts, history
from .checking import check_file, report_lines
from .area_units import area_units
from .deadlines import set_deadline
from .errors import InputError
from .formatting import fmt_date, fmt_int
from .ingest import KINDS, build, import_file
from .keys import REFERENCE_KINDS, ROLES, STRUCTURE_WORDS, STRUCTURES, TABLE_KINDS
from .outputs import FORMATS, OUTPUTS, produce
from .registry_import import import_registry
from .reporting import reporting_status, status_json, status_lines
from .targets import BASES, POPULATION_8_60, POPULATION_BASES
from .store import default_db_path, reading, scratch_copy, upgrade, writing
from .storefile import fault
from .template import TEMPLATES
from .undo import undo
from .units import UnitRegistry, area_label


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày phải có dạng YYYY-MM-DD, không phải «{text}»")


# argparse's own refusals, in Vietnamese (first match wins).
_ARGUMENT_ERRORS = (
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"unrecognized arguments: (.*)", r"không hiểu tham số: \1"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
     r"tham số \1: không có lựa chọn \2 (chọn một trong \3)"),
    (r"argument (\S+): expected one argument", r"tham số \1 cần một giá trị"),
    (r"argument (\S+): invalid \w+ value: (.*)", r"tham số \1: \2 không phải một số"),
    (r"ambiguous option: (\S+) could match (.*)", r"tham số \1 có thể là \2"),
    (r"argument (\S+): (.*)", r"tham số \1: \2"),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        for pattern, words in _ARGUMENT_ERRORS:
            match = re.fullmatch(pattern, message)
            if match:
                message = match.expand(words)
                break
        self.exit(2, f"Lỗi lệnh: {message}. Xem: {self.prog} --help\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m cdht_data",
                description="Dữ liệu Công dân học tập: dựng CSDL, nhập bảng, tổng hợp.")
    sub = p.add_subparsers(dest="command", required=True, metavar="LỆNH")
    b = sub.add_parser("build", help="dựng lại CSDL từ thư mục data/")
    b.add_argument("--db")
    b.add_argument("--data", help="thư mục dữ liệu thay cho data/ (ví dụ thư mục của lệnh synth)")
    i = sub.add_parser("import", help="nhập một bảng cho một kỳ, hoặc danh mục đơn vị "
                                      "(--kind units) hay danh mục sáp nhập (--kind unit-merges)")
    i.add_argument("file")
    i.add_argument("--kind", required=True, choices=(*KINDS, *REFERENCE_KINDS))
    i.add_argument("--as-of", type=_date)
    i.add_argument("--replace", action="store_true")
    i.add_argument("--structure", choices=STRUCTURES,
                   help="bảng ghi theo đơn vị hành chính trước (pre2025) hay từ 1/7/2025 "
                        "(post2025) dù ngày số liệu thuộc cách chia kia")
    i.add_argument("--user", help="tên tài khoản của người nhập, ghi vào lịch sử")
    i.add_argument("--dry-run", action="store_true",
                   help="chỉ kiểm tra: liệt kê mọi lỗi của tệp và các phát hiện về chất lượng "
                        "số liệu, không ghi gì vào CSDL (mã thoát 2 khi tệp có lỗi)")
    i.add_argument("--json", action="store_true", help="với --dry-run: in kết quả dạng JSON")
    i.add_argument("--db")
    s = sub.add_parser("summary", help="số liệu tổng hợp của một địa bàn")
    s.add_argument("--db")
    s.add_argument("--as-of", type=_date)
    s.add_argument("--area")
    s.add_argument("--group", type=int, help="chỉ số liệu của một nhóm đối tượng (số nhóm)")
    s.add_argument("--structure", choices=STRUCTURES,
                   help="đơn vị hành chính để hiển thị: pre2025 (trước 1/7/2025) hoặc post2025 "
                        "(từ 1/7/2025); mặc định: đơn vị có hiệu lực vào ngày của kỳ")
    s.add_argument("--json", action="store_true", required=True)
    pl = sub.add_parser("plan", help="kế hoạch vận động: mỗi đơn vị còn thiếu bao nhiêu người "
                                     "để đạt từng chỉ tiêu, tốc độ cần và đã đạt, thứ tự ưu tiên")
    pl.add_argument("--db")
    pl.add_argument("--as-of", type=_date, help="ngày của kỳ; mặc định: kỳ mới nhất")
    pl.add_argument("--area", help="địa bàn (mã, tên); mặc định: địa bàn của kỳ mới nhất")
    pl.add_argument("--structure", choices=STRUCTURES,
                    help="đơn vị hành chính để hiển thị: pre2025 (trước 1/7/2025) hoặc "
                         "post2025 (từ 1/7/2025); mặc định: đơn vị có hiệu lực vào ngày của kỳ")
    pl.add_argument("--base", choices=POPULATION_BASES, default=POPULATION_8_60,
                    help="cơ sở tính các chỉ tiêu chung: " + "; ".join(
                        f"{k} = {BASES[k]}" for k in POPULATION_BASES))
    pl.add_argument("--json", action="store_true", help="in kế hoạch dạng JSON")
    c = sub.add_parser("check", help="kiểm tra chất lượng số liệu: các chỗ số liệu không khớp")
    c.add_argument("--db")
    c.add_argument("--as-of", type=_date)
    c.add_argument("--json", action="store_true", required=True)
    t = sub.add_parser("template", help="mẫu biểu để điền (XLSX) theo đúng mẫu báo cáo, nhập lại "
                                        "được bằng lệnh import")
    t.add_argument("--kind", required=True, choices=tuple(TEMPLATES))
    t.add_argument("--area", help="địa bàn (mã, tên); mặc định: địa bàn của kỳ mới nhất")
    t.add_argument("--as-of", type=_date, help="ngày số liệu của kỳ; mặc định: hôm nay")
    t.add_argument("--structure", choices=STRUCTURES,
                   help="đơn vị hành chính liệt kê trong mẫu; mặc định: đơn vị có hiệu lực "
                        "vào ngày của kỳ")
    t.add_argument("--out", required=True, help="tệp .xlsx để ghi mẫu")
    t.add_argument("--db")
    e = sub.add_parser("export", help="xuất biểu, báo cáo cho cuộc họp (cùng tệp với nút tải "
                                      "trên trang «Báo cáo cho cuộc họp»)")
    e.add_argument("output", metavar="ĐẦU_RA", help=f"một trong: {', '.join(OUTPUTS)}")
    e.add_argument("--format", required=True, choices=FORMATS)
    e.add_argument("--as-of", type=_date, help="ngày của kỳ; mặc định: kỳ mới nhất")
    e.add_argument("--area", help="địa bàn (mã, tên); mặc định: địa bàn của kỳ mới nhất")
    e.add_argument("--structure", choices=STRUCTURES,
                   help="đơn vị hành chính liệt kê; mặc định: đơn vị có hiệu lực vào ngày của kỳ")
    e.add_argument("--out", required=True, help="tệp để ghi")
    e.add_argument("--json", action="store_true",
                   help="in kết quả dạng JSON (đầu ra, dạng, tệp, số byte, kỳ, mã địa bàn)")
    e.add_argument("--db")
    r = sub.add_parser("reporting", help="đơn vị nào đã gửi, chưa gửi bảng của một kỳ, ai trễ hạn")
    r.add_argument("--db")
    r.add_argument("--as-of", type=_date, help="ngày của kỳ; mặc định: kỳ mới nhất")
    r.add_argument("--area")
    r.add_argument("--structure", choices=STRUCTURES,
                   help="đơn vị hành chính để liệt kê; mặc định: đơn vị có hiệu lực vào ngày "
                        "của kỳ")
    r.add_argument("--json", action="store_true")
    d = sub.add_parser("deadline", help="hạn nộp bảng của một kỳ")
    ds = d.add_subparsers(dest="action", required=True, metavar="VIỆC")
    dset = ds.add_parser("set", help="đặt (hoặc dời) hạn nộp bảng của một kỳ")
    dset.add_argument("--as-of", type=_date, required=True, help="ngày của kỳ")
    dset.add_argument("--due", type=_date, required=True, help="hạn nộp")
    dset.add_argument("--area", help="địa bàn; mặc định: mọi địa bàn")
    dset.add_argument("--db")
    u = sub.add_parser("upgrade", help="nâng cấp CSDL do phiên bản cũ ghi (không đổi số liệu)")
    u.add_argument("--db")
    h = sub.add_parser("history", help="lịch sử nhập, thay và nhập tay số liệu (cũ trước)")
    h.add_argument("--json", action="store_true")
    h.add_argument("--db")
    n = sub.add_parser("undo", help="hoàn tác một mục của lịch sử: CSDL trở lại như trước mục đó")
    n.add_argument("id", type=int, help="số của mục (lệnh history)")
    n.add_argument("--user", help="tên tài khoản của người hoàn tác, ghi vào lịch sử")
    n.add_argument("--db")
    a = sub.add_parser("user", help="tài khoản của người nhập số liệu (xem không cần tài khoản)")
    users = a.add_subparsers(dest="action", required=True, metavar="VIỆC")
    add = users.add_parser("add", help="thêm tài khoản; mật khẩu đọc từ đầu vào chuẩn (một dòng)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--units", help="mã hoặc tên các đơn vị được nhập số liệu, cách nhau bởi "
                                     "dấu phẩy; bỏ trống: mọi đơn vị")
    add.add_argument("--db")
    listed = users.add_parser("list", help="danh sách tài khoản")
    listed.add_argument("--json", action="store_true")
    listed.add_argument("--db")
    removed = users.add_parser("remove", help="xoá một tài khoản (lịch sử vẫn giữ tên)")
    removed.add_argument("name")
    removed.add_argument("--db")
    y = sub.add_parser("synth", help="sinh dữ liệu MÔ PHỎNG (không thật) cho cả nước")
    y.add_argument("--communes", type=int, default=10600)
    y.add_argument("--people", type=int, default=1_000_000)
    y.add_argument("--seed", type=int, default=1)
    y.add_argument("--out", required=True)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    db = Path(getattr(args, "db", None) or default_db_path())
    try:
        return _run(args, db)
    except BrokenPipeError:  # the reader of our output stopped early (… | head): not a fault
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except InputError as exc:  # StoreError too
        print(str(exc), file=sys.stderr)
    except (OSError, duckdb.Error) as exc:  # outside the store (which names its own faults)
        error = fault(exc, Path(getattr(exc, "filename", None) or db))
        if error is None:
            raise
        print(str(error), file=sys.stderr)
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu; CSDL vẫn giữ như trước.", file=sys.stderr)
        return 130
    return 2


def _run(args: argparse.Namespace, db: Path) -> int:
    if args.command == "build":
        path = build(db, args.data) if args.data else build(db)
        print(f"Đã dựng CSDL: {path}")
    elif args.command == "synth":
        from .synth import synthesize
        result = synthesize(args.out, args.communes, args.people, args.seed)
        print(f"Đã sinh dữ liệu MÔ PHỎNG: {result.communes} xã, {result.people} bản ghi, "
              f"trong {result.out}")
    elif args.command == "import" and (args.dry_run or args.json):
        return _dry_run(args, db)
    elif args.command == "import" and args.kind in REFERENCE_KINDS:
        unused = [name for name, value in (("--as-of", args.as_of), ("--replace", args.replace),
                                           ("--structure", args.structure),
                                           ("--user", args.user)) if value]
        if unused:
            raise InputError(f"{', '.join(unused)} không dùng với --kind {args.kind}: danh mục "
                             "không thuộc kỳ nào (mỗi đơn vị có ngày hiệu lực riêng)")
        with writing(db) as con:
            result = import_registry(con, args.file, args.kind)
        print(f"Đã nhập {result.words} từ {result.file_name}: {result.added} dòng mới, "
              f"{result.updated} dòng cập nhật.")
    elif args.command == "import":
        with writing(db) as con:
            result = import_file(con, args.file, args.kind, as_of=args.as_of,
                                 replace=args.replace, structure=args.structure,
                                 user=args.user)
        verb = "Đã thay" if result.replaced else "Đã nhập"
        words = f" ({STRUCTURE_WORDS[args.structure]})" if args.structure else ""
        print(f"{verb} bảng {result.kind} của {result.area_name}, kỳ "
              f"{result.as_of.isoformat()}{words}: {result.row_count} dòng.")
    elif args.command == "history":
        with reading(db) as con:
            found = history.entries(con)
        if args.json:
            print(json.dumps([e.as_json() for e in found], ensure_ascii=False, indent=2))
        else:
            _print_history(found)
    elif args.command == "undo":
        with writing(db) as con:
            entry = undo(con, args.id, args.user)
        print(f"Đã hoàn tác mục số {entry.history_id} («{history.ACTIONS[entry.action]}»: bảng "
              f"{TABLE_KINDS[entry.kind].words} của {entry.area_name}, kỳ "
              f"{fmt_date(entry.as_of)})"
              + ("; bảng cũ đã trở lại." if entry.replaced_dataset_id else "."))
    elif args.command == "user":
        _user(args, db)
    elif args.command == "template":
        as_of = args.as_of or dt.date.today()
        with reading(db) as con:
            data = TEMPLATES[args.kind](con, as_of, args.area, args.structure)
            plan = area_units(con, as_of, args.area, args.structure)
        Path(args.out).write_bytes(data)
        print(f"Đã ghi mẫu {TABLE_KINDS[args.kind].title.lower()} của "
              f"{area_label(plan.area.level, plan.area.name)}, kỳ {fmt_date(as_of)} "
              f"({STRUCTURE_WORDS[plan.structure]}, {len(plan.units)} đơn vị): {args.out}")
    elif args.command == "export":
        _export(args, db)
    elif args.command == "reporting":
        with reading(db) as con:
            frame = reporting_status(con, args.as_of, args.area, args.structure)
        if args.json:
            print(json.dumps(status_json(frame), ensure_ascii=False, indent=2))
        else:
            print("\n".join(status_lines(frame)))
    elif args.command == "deadline":
        with writing(db) as con:
            unit = set_deadline(con, args.as_of, args.due, args.area)
        where = area_label(unit.level, unit.name) if unit else "mọi địa bàn"
        print(f"Đã đặt hạn nộp bảng kỳ {fmt_date(args.as_of)} của {where}: {fmt_date(args.due)}.")
    elif args.command == "upgrade":
        before, after = upgrade(db)
        print(f"CSDL {db} đã ở phiên bản lược đồ {after}, không cần nâng cấp." if before == after
              else f"Đã nâng cấp CSDL {db} từ phiên bản lược đồ {before} lên {after}.")
    elif args.command == "summary":
        from .summary import summary
        with reading(db) as con:
            result = summary(con, args.area, args.as_of, args.group, args.structure)
        if result is None:
            raise InputError("không có số liệu cho địa bàn và kỳ đã chọn")
        print(json.dumps(result, ensure_ascii=False, indent=2))
    elif args.command == "plan":
        from .plan import for_area, plan_json, plan_lines
        with reading(db) as con:
            found = for_area(con, args.area, args.as_of, args.structure, args.base)
        if found is None:
            raise InputError("không có số liệu cho địa bàn và kỳ đã chọn")
        print(json.dumps(plan_json(found), ensure_ascii=False, indent=2) if args.json
              else "\n".join(plan_lines(found)))
    elif args.command == "check":
        from .quality import stored_findings
        with reading(db) as con:
            found = stored_findings(con, args.as_of)
        print(json.dumps([f.as_json() for f in found], ensure_ascii=False, indent=2))
    return 0


def _export(args: argparse.Namespace, db: Path) -> None:
    """export: the file the page's download button gives, written whole or not at all."""
    with reading(db) as con:
        made = produce(con, args.output, args.format, args.as_of, args.area, args.structure)
    out = Path(args.out)
    write_atomically(out, made.data)
    if args.json:
        print(json.dumps({"output": made.output.name, "format": made.output.format,
                          "file": str(out), "bytes": len(made.data),
                          "as_of": made.as_of.isoformat(), "area_code": made.area_code},
                         ensure_ascii=False, indent=2))
    else:
        title = made.output.title
        print(f"Đã ghi {title[0].lower()}{title[1:]} của {made.area_name}, kỳ "
              f"{fmt_date(made.as_of)}: {out} ({fmt_int(len(made.data))} byte).")


def write_atomically(path: Path, data: bytes) -> None:
    """`data` into `path` through a temporary file beside it and one rename: a reader never
    sees half a file, and a failed write leaves what was there."""
    if not path.parent.is_dir():
        raise InputError(f"không có thư mục «{path.parent}» để ghi tệp {path.name}")
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's private 0600
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _user(args: argparse.Namespace, db: Path) -> None:
    """user add | list | remove. The password is read before the store is opened for writing,
    so a person typing it holds no lock."""
    if args.action == "add":
        password = _read_password()
        accounts.check_password(password)
        with writing(db) as con:
            units = _unit_keys(con, args.units)
            account = accounts.add_account(con, args.name, args.role, units, password)
        units = ", ".join(account.unit_keys) or "mọi đơn vị"
        print(f"Đã thêm tài khoản «{account.name}» ({ROLES[account.role]}; đơn vị: {units}).")
    elif args.action == "remove":
        with writing(db) as con:
            accounts.remove_account(con, args.name)
        print(f"Đã xoá tài khoản «{accounts.account_name(args.name)}».")
    else:
        with reading(db) as con:
            found = accounts.list_accounts(con)
        if args.json:
            print(json.dumps([{"name": a.name, "role": a.role, "units": list(a.unit_keys),
                               "created_at": history.local_iso(a.created_at),
                               "disabled": a.disabled}
                              for a in found], ensure_ascii=False, indent=2))
        elif not found:
            print("Chưa có tài khoản nào. Thêm bằng: python -m cdht_data user add TÊN "
                  "--role nhap_lieu|quan_tri")
        else:
            for a in found:
                units = ", ".join(a.unit_keys) or "mọi đơn vị"
                state = " (đã khoá)" if a.disabled else ""
                print(f"{a.name}\t{ROLES[a.role]}\t{units}{state}")


def _read_password() -> str:
    """One line of standard input (a terminal does not echo it); the line end is not part of
    it."""
    if sys.stdin.isatty():
        return getpass.getpass("Mật khẩu: ")
    return sys.stdin.readline().rstrip("\r\n")


def _unit_keys(con, codes: str | None) -> list[str]:
    """Unit codes, keys or names separated by commas, resolved as --area is."""
    from .metrics import resolve_area
    if not codes:
        return []
    registry = UnitRegistry.load(con)
    return [resolve_area(con, registry, text.strip(), None).unit_key
            for text in codes.split(",") if text.strip()]


HISTORY_COLUMNS = ("Số", "Lúc", "Việc", "Loại bảng", "Kỳ", "Địa bàn", "Tệp", "SHA-256", "Dòng",
                   "Người nhập", "Hoàn tác")


def _print_history(found: list[history.HistoryEntry]) -> None:
    """The history as a table to read in a terminal: columns padded, oldest first."""
    if not found:
        print("Chưa có mục nào trong lịch sử nhập.")
        return
    rows = [HISTORY_COLUMNS] + [(
        str(e.history_id), history.local_time(e.at).strftime("%d/%m/%Y %H:%M"),
        history.ACTIONS[e.action], TABLE_KINDS[e.kind].title, fmt_date(e.as_of),
        f"{e.area_name} ({e.area_code})", e.file_name or "", (e.sha256 or "")[:12],
        str(e.row_count), e.user or "",
        (fmt_date(history.local_time(e.undone_at)) + (f" ({e.undone_by})" if e.undone_by else ""))
        if e.undone else "") for e in found]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HISTORY_COLUMNS))]
    for r in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip())
def _dry_run(args: argparse.Namespace, db: Path) -> int:
    """`import --dry-run`: every problem of the file and what importing it would raise, on a
    scratch copy of the store; exit 2 when the file has problems."""
    if not args.dry_run:
        raise InputError("--json của lệnh import chỉ dùng cùng --dry-run")
    if args.kind in REFERENCE_KINDS:
        raise InputError(f"--dry-run chưa dùng được với --kind {args.kind}")
    with scratch_copy(db) as con:
        check = check_file(con, args.file, args.kind, args.as_of, args.structure,
                           replace=args.replace)
    if args.json:
        print(json.dumps(check.as_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(report_lines(check)))
    return 0 if check.ok else 2
