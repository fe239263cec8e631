"""`python -m bench [--people M] [--communes N] [--xlsx-rows R] [--repeat K] [--work DIR]
[--comparators-up-to C] [--no-csv] [--json]`: the benchmark on synthetic data (`make bench` runs it at
10M records, `make bench-national` at the country's 70M)."""

import argparse
import sys

from .recompute import COMPARATORS_UP_TO
from .run import main


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


if __name__ == "__main__":
    args = _parser().parse_args()
    sys.exit(main(args.people, args.communes, args.xlsx_rows, args.repeat, args.work, args.json,
                  args.comparators_up_to, args.csv))
