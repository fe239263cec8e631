"""`python -m bench [--people M] [--communes N] [--xlsx-rows R] [--repeat K] [--work DIR]
[--comparators-up-to C] [--no-csv] [--json]`: the benchmark on synthetic data (`make bench`
runs it at 10M records, `make bench-national` at the country's 70M).

`python -m bench browser [--runs N] [--pages P …] [--json]`: the browser benchmark on the
bundled data (`make bench-browser`; bench/browser_run.py);
`python -m bench hall --sessions N …`: the meeting hall (bench/hall_run.py, `make bench-hall`)."""

import argparse
import sys

from .recompute import COMPARATORS_UP_TO


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench",
                                description="đo tốc độ trên dữ liệu mô phỏng, so với các cách khác")
    p.add_argument("--people", type=int, default=1_000_000,
                   help="số bản ghi lớn nhất (bước tính lại cũng đo ở 1 triệu nếu lớn hơn)")
    p.add_argument("--communes", type=int, default=10600)
    p.add_argument("--xlsx-rows", type=int, default=100_000)
    p.add_argument("--repeat", type=int, default=30, help="số lần đo mỗi truy vấn của trang")
    p.add_argument("--work", help="thư mục làm việc (mặc định bench-results/work)")
    p.add_argument("--comparators-up-to", type=int, default=COMPARATORS_UP_TO,
                   help="pandas và polars chỉ chạy ở số bản ghi không quá số này (chúng giữ "
                        "mọi bản ghi trong bộ nhớ)")
    p.add_argument("--no-csv", dest="csv", action="store_false",
                   help="không đo nhập CSV (lượt đo cả nước: mục tiêu chỉ có Parquet)")
    p.add_argument("--json", action="store_true")
    return p


def _browser_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench browser",
        description="đo trong trình duyệt (Debian chromium) từng trang của bảng số liệu, so với "
                    "một ứng dụng Streamlit trống chạy cạnh: tải đầy đủ, chuyển trang, đổi bộ lọc")
    p.add_argument("--runs", type=int, default=5,
                   help="số lần đo mỗi trang, sau lần đầu (ít nhất 1; mặc định 5)")
    p.add_argument("--pages", nargs="+", metavar="TRANG",
                   help="chỉ đo các trang này (tên tệp như ban_do, hoặc tiêu đề); trang Tổng "
                        "quan luôn được đo")
    p.add_argument("--json", action="store_true")
    return p


if __name__ == "__main__":
    if sys.argv[1:2] == ["hall"]:
        from . import hall_run
        sys.exit(hall_run.main(sys.argv[2:]))
    if sys.argv[1:2] == ["browser"]:
        from .browser_run import main as browser_main
        args = _browser_parser().parse_args(sys.argv[2:])
        if args.runs < 1:
            _browser_parser().error("--runs phải từ 1 trở lên")
        sys.exit(browser_main(args.runs, args.pages, args.json))
    from .run import main
    args = _parser().parse_args()
    sys.exit(main(args.people, args.communes, args.xlsx_rows, args.repeat, args.work, args.json,
                  args.comparators_up_to, args.csv))
