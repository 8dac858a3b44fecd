"""The command line: ``python main.py [COMMAND] ...``. Also what scripts and tests use.

No Qt is imported here; only the window command (no COMMAND) loads ``khdesk.ui``. A problem the
clerk can fix is one Vietnamese line on stderr and a non-zero exit status, never a traceback:
exit 2 for wrong arguments, 1 for anything else (3 for a command that a later version delivers).
"""
from __future__ import annotations

import argparse
import re
import sys

from . import __version__
from .db.failures import DatabaseFailure, database_failure, is_damage
from .errors import KhdeskError
from .system.error_log import write_error_log

EXIT_ERROR, EXIT_USAGE, EXIT_NOT_YET = 1, 2, 3   # 3: a part a later version delivers

_ARGPARSE_VI = [
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"unrecognized arguments: (.*)", r"không hiểu tham số: \1"),
    (r"argument LỆNH: invalid choice: '(.*?)' \(choose from (.*)\)", r"không có lệnh «\1» (các lệnh: \2)"),
    (r"argument (.*?): invalid choice: '(.*?)' \(choose from (.*)\)", r"tham số \1: «\2» không hợp lệ (chọn một trong: \3)"),
    (r"argument (.*?): expected one argument", r"tham số \1 cần một giá trị"),
    (r"argument (.*?): (.*)", r"tham số \1: \2"),
    (r"ambiguous option: (.*?) could match (.*)", r"tùy chọn «\1» không rõ, có thể là: \2"),
]


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="Cách dùng: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Vietnamese headings, and errors as one Vietnamese line (exit 2)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, formatter_class=_Formatter, add_help=False, **kwargs)
        self._positionals.title = "tham số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")

    def error(self, message):
        for english, vietnamese in _ARGPARSE_VI:
            if re.fullmatch(english, message):
                message = re.sub(english, vietnamese, message)
                break
        self.exit(EXIT_USAGE, f"khdesk: {message}. Xem «{self.prog} --help».\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="khdesk", description="khdesk — lập và in Kế hoạch nhiệm vụ trọng tâm hằng tháng. "
                     "Không có lệnh: mở cửa sổ làm việc.")
    parser.add_argument("--version", action="version", version=f"khdesk {__version__}", help="in số phiên bản")
    parser.add_argument("--self-test", action="store_true",
                        help="tự kiểm tra mọi phần của khdesk trong một thư mục tạm rồi thoát")
    parser.add_argument("--no-window", action="store_true",
                        help="với --self-test: không kiểm các bước cần cửa sổ (máy không có màn hình)")
    parser.add_argument("--pictures", metavar="THƯ_MỤC",
                        help="với --self-test: lưu ảnh cửa sổ, bản xem trước và hộp thoại nhập vào thư mục này")
    parser.add_argument("--db", dest="window_db", metavar="TỆP",
                        help="tệp dữ liệu để mở (mặc định: tệp trong thư mục dữ liệu của người dùng)")
    commands = parser.add_subparsers(dest="command", title="lệnh", metavar="LỆNH", parser_class=_Parser)

    p = commands.add_parser("init", help="tạo tệp dữ liệu mới có danh mục cơ quan",
                            description="Tạo tệp dữ liệu mới có danh mục cơ quan tỉnh Khánh Hòa; không ghi đè tệp có sẵn.")
    p.add_argument("file", metavar="TỆP", help="đường dẫn tệp mới")
    p.add_argument("--sample", action="store_true", help="thêm kế hoạch mẫu 4969/KH-UBND tháng 5/2024")

    p = commands.add_parser("plans", help="liệt kê các kế hoạch", description="Mỗi kế hoạch một dòng: tháng, "
                            "số/ký hiệu, trạng thái, số nhiệm vụ.")
    _db(p)

    p = commands.add_parser("print", help="in kế hoạch ra PDF", description="In kế hoạch và/hoặc phụ lục ra tệp PDF.")
    _db(p)
    _plan(p)
    p.add_argument("--part", choices=["appendix", "plan", "all"], default="appendix",
                   help="phần cần in: appendix (phụ lục), plan (kế hoạch), all (cả hai); mặc định appendix")
    p.add_argument("-o", "--output", required=True, metavar="TỆP.pdf", help="tệp PDF sẽ ghi")
    _appendix_columns(p)
    p.add_argument("--issuing", action="store_true",
                   help="mẫu ban hành để ký số (Nghị định 30): chỗ cho con dấu, các ô ký số đặt sẵn")
    p.add_argument("--number-at-issuing", action="store_true",
                   help="với --issuing: để trống số và ngày cho hệ thống văn bản điện tử điền khi ban hành")

    p = commands.add_parser("export-docx", help="xuất kế hoạch ra Word (.docx)",
                            description="Xuất kế hoạch và/hoặc phụ lục ra tệp Word để sửa câu chữ.")
    _db(p)
    _plan(p)
    p.add_argument("--part", choices=["appendix", "plan", "all", "report"], default="all",
                   help="phần cần xuất: appendix, plan, all (mặc định) hoặc report (báo cáo kết quả)")
    p.add_argument("-o", "--output", required=True, metavar="TỆP.docx", help="tệp Word sẽ ghi")
    p.add_argument("--today", metavar="NGÀY", help="với report: tính quá hạn đến ngày này (dd/mm/yyyy)")
    _appendix_columns(p)

    p = commands.add_parser("import-xlsx", help="nhập nhiệm vụ từ Excel",
                            description="Nhập nhiệm vụ từ tệp Excel (.xlsx hoặc .xls) vào cuối kế hoạch của tháng "
                                        "(tạo kế hoạch nếu chưa có). Cơ quan không khớp danh mục được tạo trong "
                                        "«Chưa phân loại». Nhập tất cả hoặc không nhập dòng nào.")
    _db(p)
    _plan(p)
    p.add_argument("input", metavar="TỆP.xlsx", help="tệp Excel cần nhập")
    p.add_argument("--edit-issued", action="store_true", help="cho phép sửa kế hoạch đã ban hành (ghi lại lựa chọn)")

    p = commands.add_parser("import-docx", help="nhập cả kế hoạch từ tệp Word (.docx, .doc) hoặc cả thư mục",
                            description="Nhập kế hoạch từ tệp Word: số, ngày, trích yếu, căn cứ, các mục, nơi nhận, "
                                        "người ký và bảng nhiệm vụ của phụ lục. Mỗi tệp là kế hoạch của một tháng; tất "
                                        "cả hoặc không. Một thư mục: mọi tệp Word trong đó, theo thứ tự ngày, rồi một "
                                        "bảng tóm tắt. Tháng đã có kế hoạch không bị ghi đè (trừ khi --replace).")
    _db(p)
    p.add_argument("inputs", nargs="+", metavar="TỆP.docx", help="tệp Word (.docx; .doc cần LibreOffice) hoặc thư mục")
    p.add_argument("--plan", metavar="NĂM-THÁNG", help="tháng của kế hoạch khi văn bản không nói (chỉ với một tệp)")
    p.add_argument("--replace", action="store_true", help="thay kế hoạch đã có của tháng đó bằng kế hoạch trong tệp "
                   "(kết quả đã ghi chuyển sang nhiệm vụ giống hệt)")
    p.add_argument("--drop-results", action="store_true",
                   help="với --replace: chấp nhận mất kết quả đã ghi của nhiệm vụ không còn trong tệp")
    p.add_argument("--into", metavar="NĂM-THÁNG",
                   help="không tạo kế hoạch từ tệp: thêm các nhiệm vụ văn bản giao (bảng, hoặc lời văn «Giao Sở X …: "
                        "a) …» của thông báo kết luận, kế hoạch, chỉ thị) vào cuối kế hoạch tháng này; mỗi nhiệm vụ "
                        "ghi số, ngày và mục của văn bản")
    p.add_argument("--edit-issued", action="store_true", help="với --into: cho phép thêm vào kế hoạch đã ban hành")
    p.add_argument("--other-province", action="store_true",
                   help="văn bản của tỉnh khác: vẫn ghép tên cơ quan trong đó vào danh mục của tỉnh này")

    p = commands.add_parser("report", help="in báo cáo kết quả thực hiện của tháng ra PDF",
                            description="In «BÁO CÁO Kết quả thực hiện nhiệm vụ trọng tâm tháng N/YYYY»: số liệu chung "
                                        "bằng chữ, bảng và biểu đồ theo cơ quan, nhiệm vụ quá hạn và chưa hoàn thành.")
    _db(p)
    _plan(p)
    p.add_argument("-o", "--output", required=True, metavar="TỆP.pdf", help="tệp PDF sẽ ghi")
    p.add_argument("--today", metavar="NGÀY", help="ngày viết báo cáo (dd/mm/yyyy; mặc định hôm nay); số liệu tính đến "
                   "ngày chốt của kỳ, hoặc đến ngày này nếu kỳ chưa hết")
    p.add_argument("--issuing", action="store_true", help="mẫu ban hành để ký số: chỗ cho con dấu, các ô ký số")
    _period(p)

    p = commands.add_parser("reporting", help="kỳ báo cáo (ngày chốt số liệu) và ngày nghỉ, ngày làm bù",
                            description="Không có tùy chọn: in quy định kỳ báo cáo của tệp dữ liệu và các ngày nghỉ, "
                                        "ngày làm bù của năm. Ngày lễ, Tết (cả âm lịch) và ngày hoán đổi của Chính phủ "
                                        "được tính sẵn; --off/--work thêm ngày cơ quan tự sửa, --reset bỏ sửa.")
    _db(p)
    p.add_argument("--cutoff-day", type=int, metavar="NGÀY",
                   help="ngày chốt số liệu mỗi tháng (1–28; 0: cuối tháng); Khánh Hòa: 14")
    p.add_argument("--send-within", type=int, metavar="SỐ", help="số ngày làm việc sau ngày chốt để gửi báo cáo")
    p.add_argument("--off", metavar="NGÀY", help="thêm một ngày nghỉ (dd/mm/yyyy)")
    p.add_argument("--work", metavar="NGÀY", help="thêm một ngày làm việc, như thứ Bảy làm bù (dd/mm/yyyy)")
    p.add_argument("--note", default="", metavar="GHI_CHÚ", help="với --off/--work: theo văn bản nào")
    p.add_argument("--reset", metavar="NGÀY", help="bỏ sửa của ngày này: theo lịch chung")
    p.add_argument("--year", type=int, metavar="NĂM", help="năm cần in ngày nghỉ (mặc định năm nay)")

    p = commands.add_parser("compare", help="so sánh kế hoạch một tháng với tháng trước",
                            description="Nhiệm vụ mới, chuyển tiếp (từ tháng nào, lần thứ mấy), tháng trước chưa xong "
                                        "mà không chuyển sang, quá hạn lâu nhất; theo cơ quan chủ trì, xếp theo tỷ lệ "
                                        "hoàn thành. Số liệu tính đến ngày chốt của kỳ báo cáo.")
    _db(p)
    _plan(p)
    p.add_argument("-o", "--output", metavar="TỆP.xlsx", help="ghi thêm ra tệp Excel")
    p.add_argument("--today", metavar="NGÀY", help="tính đến ngày này nếu kỳ báo cáo chưa hết (dd/mm/yyyy)")

    p = commands.add_parser("signature-image", help="lưu ảnh chữ ký hoặc con dấu để ký số",
                            description="Lưu vào tệp dữ liệu ảnh chữ ký (màu xanh) của một người có thẩm quyền, hoặc "
                                        "ảnh con dấu (màu đỏ, đúng kích thước) của cơ quan: tệp PNG nền trong suốt.")
    _db(p)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", metavar="TÊN", help="tên người ký, như ghi dưới chữ ký («Nguyễn Tấn Tuân»)")
    who.add_argument("--seal", action="store_true", help="ảnh con dấu của cơ quan")
    p.add_argument("image", metavar="ẢNH.png", help="tệp PNG nền trong suốt")

    p = commands.add_parser("sign", help="ký số kế hoạch (hoặc phụ lục, báo cáo) theo Nghị định 30",
                            description="Thêm chữ ký số tiếp theo theo thứ tự của Nghị định 30: người có thẩm quyền "
                                        "ký trước (ảnh chữ ký), cơ quan ký sau (ảnh con dấu đè 1/3 chữ ký); phụ lục "
                                        "tách tệp chỉ cơ quan ký, không ảnh. Mật khẩu/PIN: biến môi trường KHDESK_PIN "
                                        "hoặc gõ khi được hỏi (không bao giờ là tham số).")
    _db(p)
    _plan(p)
    p.add_argument("--part", choices=["all", "plan", "appendix", "report"], default="all",
                   help="văn bản cần ký khi in mẫu ban hành mới: all (kế hoạch kèm phụ lục), plan, appendix (phụ lục "
                        "tách tệp), report (báo cáo); mặc định all")
    p.add_argument("--input", metavar="TỆP.pdf", help="ký tiếp lên tệp này (mẫu ban hành, hoặc tệp người ký đã ký)")
    p.add_argument("--number-at-issuing", action="store_true",
                   help="mẫu ban hành mới để trống số và ngày cho hệ thống văn bản điện tử điền khi ban hành")
    _signing_key(p)

    p = commands.add_parser("sign-copy", help="ký số bản sao điện tử (sao y, sao lục) của một tệp PDF",
                            description="Bản sao điện tử theo Nghị định 30 (Điều 25): văn bản như đang hiện (hình chữ "
                                        "ký, con dấu của bản gốc vẽ vào trang), cơ quan sao ký số ở góc trên bên phải "
                                        "trang đầu: hình thức sao, tên cơ quan sao, thời gian ký (ISO 8601, +07:00). "
                                        "Bản gốc có chữ ký không còn nguyên thì không sao.")
    p.add_argument("file", metavar="TỆP.pdf", help="văn bản cần sao (đã ký số, hoặc bản giấy đã quét)")
    p.add_argument("--agency", required=True, metavar="TÊN",
                   help="tên cơ quan sao văn bản, như «Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa»")
    p.add_argument("--kind", choices=["sao-y", "sao-luc"], default="sao-y", help="hình thức sao; mặc định sao-y")
    _signing_key(p)

    p = commands.add_parser("verify", help="kiểm tra chữ ký số của một tệp PDF",
                            description="Cho biết ai đã ký, lúc nào, tệp có bị sửa sau khi ký không, chứng thư có lên "
                                        "tới chứng thư gốc tin cậy không. Không kiểm tra thu hồi (không cần mạng). Mã "
                                        "thoát 0 chỉ khi mọi chữ ký còn nguyên và tin cậy.")
    p.add_argument("file", metavar="TỆP.pdf")
    p.add_argument("--trust", action="append", default=[], metavar="GỐC.pem",
                   help="chứng thư gốc tin cậy (.pem, .cer); có thể ghi nhiều lần")

    p = commands.add_parser("export-results", help="xuất bảng kết quả cho một cơ quan điền",
                            description="Xuất các nhiệm vụ một cơ quan chủ trì trong tháng ra tệp Excel có cột Trạng "
                                        "thái, Kết quả, Ngày hoàn thành, Lý do để cơ quan điền rồi gửi lại.")
    _db(p)
    _plan(p)
    p.add_argument("--agency", required=True, metavar="TÊN", help="cơ quan chủ trì (gõ không dấu cũng được)")
    p.add_argument("-o", "--output", required=True, metavar="TỆP.xlsx", help="tệp Excel sẽ ghi")

    p = commands.add_parser("import-results", help="nhập bảng kết quả cơ quan đã điền",
                            description="Nhập bảng kết quả do khdesk xuất mà cơ quan đã điền: chỉ ghi những gì thay "
                                        "đổi, tất cả hoặc không; chỗ khdesk cũng đã sửa khác đi thì in ra, không ghi "
                                        "đè (mã thoát 1).")
    _db(p)
    p.add_argument("input", metavar="TỆP.xlsx", help="bảng kết quả đã điền")
    # results are follow-up, recorded on an issued plan without reopening it; the flag of the version
    # that asked for it is still accepted so that scripts keep working
    p.add_argument("--edit-issued", action="store_true", help=argparse.SUPPRESS)

    p = commands.add_parser("new-month", help="lập kế hoạch tháng mới từ kế hoạch tháng trước",
                            description="Lập bản nháp kế hoạch của một tháng từ kế hoạch gần nhất trước đó, như «Kế hoạch "
                                        "tháng mới…» của cửa sổ: phần đầu, căn cứ và các mục chép sang với tháng đã đổi "
                                        "(in ra những chỗ cần xem lại), số và ngày để trống. Chuyển sang theo báo cáo: "
                                        "nhiệm vụ cơ quan đã báo cáo chưa xong hoặc đang thực hiện; nhiệm vụ «chưa có "
                                        "báo cáo» được liệt kê để quyết định từng nhiệm vụ (--also); nhiệm vụ đã hoàn "
                                        "thành hoặc không thực hiện không chuyển. Mỗi nhiệm vụ nhớ nhiệm vụ gốc.")
    _db(p)
    _plan(p)
    p.add_argument("--no-carry", action="store_true", help="không chuyển nhiệm vụ nào sang tháng mới")
    p.add_argument("--also", metavar="TT,TT", default="",
                   help="chuyển cả những nhiệm vụ «chưa có báo cáo» này (số thứ tự trong kế hoạch tháng trước)")

    p = commands.add_parser("identity", help="cho biết tệp dữ liệu đã chép hoặc chuyển chỗ là bản sao hay vẫn là tệp cũ",
                            description="Tệp dữ liệu nằm khác chỗ nó được tạo (chép sang USB, máy khác, thư mục khác): "
                                        "không có tùy chọn thì in tình trạng; --new: đây là một tệp dữ liệu mới (khóa ký "
                                        "mới, bảng kết quả của tệp kia không nhập vào đây nữa và ngược lại); --moved: "
                                        "vẫn là tệp đó, đã chuyển chỗ.")
    _db(p)
    answer = p.add_mutually_exclusive_group()
    answer.add_argument("--new", action="store_true", help="đây là bản sao: một tệp dữ liệu mới")
    answer.add_argument("--moved", action="store_true", help="vẫn là tệp đó, chỉ chuyển chỗ")

    p = commands.add_parser("check", help="kiểm tra kế hoạch trước khi trình ký",
                            description="Kiểm tra kế hoạch: mỗi vấn đề một dòng (lỗi hoặc cảnh báo). Mã thoát khác 0 "
                                        "khi có lỗi; cảnh báo không ngăn việc in.")
    _db(p)
    _plan(p)

    p = commands.add_parser("export-xlsx", help="xuất nhiệm vụ ra Excel", description="Xuất nhiệm vụ ra tệp Excel.")
    _db(p)
    _plan(p)
    p.add_argument("-o", "--output", required=True, metavar="TỆP.xlsx", help="tệp Excel sẽ ghi")
    _appendix_columns(p)
    p.add_argument("--report", action="store_true", help="xuất bảng báo cáo kết quả (theo cơ quan; quá hạn, "
                   "chưa hoàn thành) thay cho danh sách nhiệm vụ")
    p.add_argument("--today", metavar="NGÀY", help="với --report: tính quá hạn đến ngày này (dd/mm/yyyy)")
    _period(p)
    return parser


def _db(p):
    p.add_argument("--db", required=True, metavar="TỆP", help="tệp dữ liệu khdesk")


def _plan(p):
    p.add_argument("--plan", required=True, metavar="NĂM-THÁNG", help="tháng của kế hoạch, ví dụ 2024-05")


def _appendix_columns(p):
    """The appendix's optional columns and its carried part (``AppendixOptions``), as print and export take them."""
    p.add_argument("--with-coordinators", action="store_true", help="thêm cột «Cơ quan phối hợp» vào phụ lục")
    p.add_argument("--with-deadline", action="store_true", help="thêm cột «Thời hạn hoàn thành» vào phụ lục")
    p.add_argument("--carried-apart", action="store_true",
                   help="in nhiệm vụ tháng trước chuyển sang thành phần riêng của phụ lục")


def _period(p):
    p.add_argument("--period", choices=["month", "quarter", "half", "nine", "year"], default="month",
                   help="kỳ báo cáo chứa tháng --plan: month (tháng, mặc định), quarter (quý), half (6 tháng), nine "
                        "(9 tháng), year (năm) — gồm mọi kế hoạch tháng trong kỳ")


def _signing_key(p):
    """The key to sign with (``_load_key``) and the signed file to write."""
    key = p.add_mutually_exclusive_group(required=True)
    key.add_argument("--p12", metavar="TỆP.p12", help="chứng thư số dạng tệp .p12/.pfx")
    key.add_argument("--pkcs11", metavar="THƯ_VIỆN", help="thiết bị ký số (token): thư viện PKCS#11 của hãng (.dll, .so)")
    p.add_argument("--slot", type=int, metavar="SỐ", help="với --pkcs11: khe của token (mặc định: token đầu tiên)")
    p.add_argument("--key", metavar="TÊN", help="với --pkcs11: nhãn chứng thư khi token có nhiều chứng thư")
    p.add_argument("-o", "--output", required=True, metavar="TỆP.pdf", help="tệp PDF đã ký sẽ ghi (khác tệp vào)")


# ----- the commands ----------------------------------------------------------------------------
def cmd_init(args) -> int:
    from .usecases.sample_data import new_database

    with new_database(args.file, sample=args.sample) as store:
        plans = store.plans.summaries()
    what = f" và kế hoạch mẫu tháng {plans[0].plan.month}" if plans else ""
    print(f"Đã tạo «{args.file}» với danh mục cơ quan{what}.")
    return 0


def open_for_reading(path):
    """The store for a command that only reads: opened normally, or read-only while another khdesk
    (the window) holds the file or when it cannot be written."""
    from .db import Store
    from .db.lock import FileLocked, ReadOnlyLocation

    try:
        return Store.open(path)
    except (FileLocked, ReadOnlyLocation):
        return Store.open(path, read_only=True)


def cmd_plans(args) -> int:
    from .domain.models import PLAN_STATUS_LABELS

    with open_for_reading(args.db) as store:
        summaries = store.plans.summaries()
    if not summaries:
        print("Chưa có kế hoạch nào.")
    for s in summaries:
        print(f"{s.plan.month}  {s.plan.number_symbol:<16} {PLAN_STATUS_LABELS[s.plan.status]:<12} "
              f"{s.task_count} nhiệm vụ")
    return 0


def cmd_print(args) -> int:
    from .document.model import AppendixOptions
    from .usecases.printing import print_plan

    with open_for_reading(args.db) as store:
        options = AppendixOptions(with_coordinators=args.with_coordinators, with_deadline=args.with_deadline,
                                  carried_apart=args.carried_apart)
        if args.number_at_issuing and not args.issuing:
            raise KhdeskError("--number-at-issuing chỉ dùng cùng --issuing (mẫu ban hành để ký số).")
        pages = print_plan(store, args.plan, args.output, args.part, options=options, issuing=args.issuing,
                           number_at_issuing=args.number_at_issuing)
    what = {"appendix": "phụ lục", "plan": "kế hoạch", "all": "kế hoạch và phụ lục"}[args.part]
    print(f"Đã in {what} ra «{args.output}» ({pages} trang).")
    return 0


def _issued(store, month: str, edit_issued: bool) -> None:
    """An issued plan is changed only when asked (--edit-issued), and that choice is recorded in the
    plan, as the window's «Sửa kế hoạch đã ban hành…» records it."""
    from datetime import datetime

    from .errors import NotFound

    try:
        plan = store.plans.by_month(month)
    except NotFound:
        return                                   # (the import creates it)
    if not plan.locked:
        return
    if not edit_issued:
        raise KhdeskError(f"Kế hoạch tháng {plan.month_number}/{plan.year} (số {plan.number_symbol}) đã ban hành; "
                          "không sửa. Nếu thật cần sửa, chạy lại với --edit-issued.")
    store.plans.update(plan.id, reopened_at=datetime.now().strftime("%Y-%m-%d %H:%M"))


def cmd_import(args) -> int:
    from .db import Store
    from .domain.months import checked_month
    from .formats.excel.reading import read_table
    from .usecases.importing import apply_import, loose_matches, match_agencies

    checked_month(args.plan)
    table = read_table(args.input)            # before the database is touched
    table.refuse_problems()
    with Store.open(args.db) as store:
        if store.warning:
            print(f"khdesk: cảnh báo: {store.warning}", file=sys.stderr)
        _issued(store, args.plan, args.edit_issued)
        matches = match_agencies(store, table)
        result = apply_import(store, table, args.plan, {name: m.agency_id for name, m in matches.items()})
        print(f"Đã nhập: {result.summary(store)}.")
        for note in table.notes:
            if note.startswith("⚠"):                 # (e.g. no task has a lead: the columns not understood)
                print(f"khdesk: cảnh báo: {note.lstrip('⚠ ')}", file=sys.stderr)
        for line in loose_matches(store, matches):
            print(f"  {line}.")
    return 0


def cmd_import_docx(args) -> int:
    from pathlib import Path

    from .db import Store
    from .formats.word.importing import word_files
    from .usecases.importing import import_files

    files = word_files([Path(p) for p in args.inputs])
    if args.into:
        return _import_docx_into(args, files)
    if args.plan and len(files) != 1:
        raise KhdeskError("--plan chỉ dùng khi nhập một tệp (mỗi tệp của thư mục tự nói tháng của mình).")
    with Store.open(args.db) as store:
        if store.warning:
            print(f"khdesk: cảnh báo: {store.warning}", file=sys.stderr)
        outcomes = import_files(store, files, month=args.plan, replace=args.replace,
                                other_province=args.other_province, drop_results=args.drop_results)
    if len(files) == 1 and not Path(args.inputs[0]).is_dir():
        outcome = outcomes[0]
        if outcome.error:
            raise KhdeskError(outcome.error)
        for line in outcome.lines:
            print(line)
        return 0
    width = max((len(o.path.name) for o in outcomes), default=10)
    for outcome in outcomes:
        print(f"{outcome.path.name:<{width}}  {outcome.status:<10}  {outcome.what}")
    done = sum(o.status == "đã nhập" for o in outcomes)
    not_in = sum(o.status == "chưa nhập" for o in outcomes)
    print(f"{done} tệp đã nhập, {sum(o.status == 'đã có' for o in outcomes)} tháng đã có, "
          f"{sum(o.status == 'bỏ qua' for o in outcomes)} tệp bỏ qua" + (f", {not_in} tệp chưa nhập." if not_in else "."))
    stopped = next((o.error for o in outcomes if o.status == "chưa nhập"), "")
    if stopped:     # the one line on stderr says the cause; the table above lists the months that went in
        months = ", ".join(o.what.split(",")[0] for o in outcomes if o.status == "đã nhập") or "không tháng nào"
        print(f"khdesk: dừng nhập vì {stopped}. Đã nhập: {months}. Khắc phục nguyên nhân rồi nhập lại thư mục "
              "(tháng đã có sẽ được bỏ qua).", file=sys.stderr)
    # an error when a file was skipped, or when nothing at all went in (every month already there)
    return EXIT_ERROR if done == 0 or any(o.status in ("bỏ qua", "chưa nhập") for o in outcomes) else 0


def _import_docx_into(args, files) -> int:
    """``import-docx --into YYYY-MM FILE``: a document's tasks added to a month's plan (see ``--into``)."""
    from .db import Store
    from .domain.months import checked_month
    from .formats.word.importing import read_word_plan
    from .usecases.importing import apply_import, loose_matches, match_agencies

    checked_month(args.into)
    if len(files) != 1:
        raise KhdeskError("--into nhận một tệp Word.")
    document = read_word_plan(files[0], month_required=False)          # before the database is touched
    table = document.tasks_table()
    if table is None:
        raise KhdeskError(f"«{files[0].name}» ({document.kind.lower()}) không giao nhiệm vụ nào: không có bảng nhiệm "
                          "vụ, và lời văn không có câu giao việc («Giao Sở X …», «Sở X chủ trì …»); không nhập.")
    table.refuse_problems()
    if not args.other_province:
        document.refuse_other_province()
    with Store.open(args.db) as store:
        if store.warning:
            print(f"khdesk: cảnh báo: {store.warning}", file=sys.stderr)
        _issued(store, args.into, args.edit_issued)
        matches = match_agencies(store, table)
        before = _given_in_of(store, args.into)
        result = apply_import(store, table, args.into, {name: m.agency_id for name, m in matches.items()})
        print(f"Đã thêm vào kế hoạch tháng {args.into}: {result.summary(store)}.")
        for note in table.notes:
            print(f"  {note}")
        for row in table.rows:
            print(f"  {row.tt or '—'}: {'; '.join(row.leads) or '(chưa rõ cơ quan chủ trì)'} — "
                  f"{row.content.splitlines()[0][:70]}")
        for line in loose_matches(store, matches):
            print(f"  {line}.")
        again = sorted({row.given_in for row in table.rows} & before)
        if again:
            print(f"khdesk: cảnh báo: {len(again)} mục đã có trong kế hoạch từ trước (nhập hai lần?): "
                  f"{'; '.join(again[:3])}{' …' if len(again) > 3 else ''}. Hoàn tác trong cửa sổ (Ctrl+Z) hoặc xóa "
                  "các nhiệm vụ thừa.", file=sys.stderr)
    return 0


def _given_in_of(store, month: str) -> set[str]:
    from .errors import NotFound

    try:
        plan = store.plans.by_month(month)
    except NotFound:
        return set()
    return {t.given_in for t in store.tasks.of_plan(plan.id) if t.given_in}


def cmd_export(args) -> int:
    from .document.model import AppendixOptions
    from .usecases.exporting import export_plan, export_report

    if args.report:
        with open_for_reading(args.db) as store:
            count = export_report(store, args.plan, args.output, _today(args), args.period)
        print(f"Đã xuất bảng báo cáo ({count} cơ quan) ra «{args.output}».")
        return 0
    with open_for_reading(args.db) as store:
        count = export_plan(store, args.plan, args.output,
                            AppendixOptions(with_coordinators=args.with_coordinators, with_deadline=args.with_deadline,
                                            carried_apart=args.carried_apart))
    print(f"Đã xuất {count} nhiệm vụ ra «{args.output}».")
    return 0


def cmd_export_docx(args) -> int:
    from .usecases.exporting import export_docx

    with open_for_reading(args.db) as store:
        from .document.model import AppendixOptions

        export_docx(store, args.plan, args.output, args.part, today=_today(args),
                    options=AppendixOptions(with_coordinators=args.with_coordinators, with_deadline=args.with_deadline,
                                            carried_apart=args.carried_apart))
    print(f"Đã xuất ra «{args.output}».")
    return 0


def _today(args):
    from .domain.typed_dates import parse

    return parse(args.today) if getattr(args, "today", None) else None


def cmd_report(args) -> int:
    from .domain.periods import period_of, short
    from .usecases.printing import print_report

    with open_for_reading(args.db) as store:
        pages = print_report(store, args.plan, args.output, _today(args), issuing=args.issuing, kind=args.period)
        rule, calendar = store.reporting.rule(), store.reporting.calendar()
    period = period_of(rule, args.period, args.plan)
    print(f"Đã in báo cáo {period.name} ({pages} trang) ra «{args.output}». {period.words()}; gửi chậm nhất ngày "
          f"{short(period.send_by(rule, calendar))}.")
    return 0


def cmd_reporting(args) -> int:
    from datetime import date

    from .db import Store
    from .domain.periods import MONTH, ReportingRule, period_of, short
    from .domain.typed_dates import parse
    from .domain.working_days import OFF, WORK

    changing = any(v is not None for v in (args.cutoff_day, args.send_within, args.off, args.work, args.reset))
    with (Store.open(args.db) if changing else open_for_reading(args.db)) as store:
        reporting = store.reporting
        if args.cutoff_day is not None or args.send_within is not None:
            old = reporting.rule()
            try:
                rule = ReportingRule(old.cutoff_day if args.cutoff_day is None else args.cutoff_day,
                                     old.send_within if args.send_within is None else args.send_within)
            except ValueError:
                raise KhdeskError("Ngày chốt số liệu là 1–28 (0: cuối tháng); số ngày gửi báo cáo là 0–30.") from None
            reporting.set_rule(rule)
        for value, kind in ((args.off, OFF), (args.work, WORK)):
            if value:
                reporting.set_day(parse(value), kind, args.note)
        if args.reset:
            reporting.remove_day(parse(args.reset))
        rule, calendar = reporting.rule(), reporting.calendar()
    today = date.today()
    period = period_of(rule, MONTH, f"{today.year}-{today.month:02d}")
    print(f"Kỳ báo cáo: {rule.words()}.")
    print(f"Ví dụ, báo cáo {period.name}: {period.words()[0].lower()}{period.words()[1:]}; gửi chậm nhất ngày "
          f"{short(period.send_by(rule, calendar))}.")
    year = args.year or today.year
    print(f"Ngày nghỉ và ngày làm bù năm {year} (* cơ quan tự sửa):")
    for day, kind, note in calendar.holidays(year):
        mark = "*" if day in calendar.edits else " "
        print(f" {mark} {day:%d/%m/%Y}  {'Nghỉ    ' if kind == OFF else 'Làm việc'}  {note}")
    return 0


def cmd_compare(args) -> int:
    from datetime import date

    from .usecases.exporting import export_comparison
    from .usecases.loading import comparison_of

    with open_for_reading(args.db) as store:
        tables = comparison_of(store, args.plan, _today(args) or date.today())
        if args.output:
            export_comparison(store, args.plan, args.output, _today(args))
    print(tables.title)
    print(f"{tables.counted}. {tables.summary}")
    for table in tables.tables:
        if not table.rows:
            continue
        print(f"\n{table.title}")
        for row in table.rows:
            cells = [" ".join(str(v).split()) for v in row]
            if table.name != "Theo cơ quan" and len(cells[1]) > 90:          # (the content, shortened on screen)
                cells[1] = cells[1][:89] + "…"
            print("  " + " | ".join(cells))
        if table.name == "Theo cơ quan":
            print("  (" + " | ".join(table.header) + ")")
    if args.output:
        print(f"\nĐã ghi ra «{args.output}».")
    return 0


def cmd_signature_image(args) -> int:
    from pathlib import Path

    from .db import Store

    path = Path(args.image)
    if not path.is_file():
        raise KhdeskError(f"Không tìm thấy tệp ảnh «{path}».")
    data = path.open("rb").read(2_000_001)
    with Store.open(args.db) as store:
        store.signature_images.put("seal" if args.seal else "person", "" if args.seal else args.person, data)
    print(f"Đã lưu ảnh {'con dấu' if args.seal else 'chữ ký của ' + args.person} vào «{args.db}».")
    return 0


def _pin(what: str) -> str:
    """The password or PIN: ``KHDESK_PIN``, or typed (never an argument: it would stay in the shell's history)."""
    import getpass
    import os

    pin = os.environ.get("KHDESK_PIN")
    if pin is not None:
        return pin
    if not sys.stdin or not sys.stdin.isatty():
        raise KhdeskError(f"Cần mật khẩu của {what}: đặt biến môi trường KHDESK_PIN, hoặc chạy lệnh trong cửa sổ "
                          "lệnh để gõ mật khẩu.")
    return getpass.getpass(f"Mật khẩu của {what}: ")


def _load_key(args):
    """The key named by ``--p12`` or ``--pkcs11`` (``_signing_key``), its password or PIN asked (``_pin``)."""
    from pathlib import Path

    from .formats.pdf.signing import load_p12, load_pkcs11

    if args.p12:
        return load_p12(args.p12, _pin(f"«{Path(args.p12).name}»"))
    return load_pkcs11(args.pkcs11, _pin("thiết bị ký số (PIN)"), args.slot, args.key)


def cmd_sign(args) -> int:
    from .usecases.issuing import sign_fresh, sign_next

    key = _load_key(args)
    try:
        with open_for_reading(args.db) as store:
            if args.input:
                said = sign_next(store, args.plan, args.input, args.output, key)
            else:
                said = sign_fresh(store, args.plan, args.part, args.output, key,
                                  number_at_issuing=args.number_at_issuing)
    finally:
        key.close()
    print(f"{said} Tệp đã ký: «{args.output}».")
    return 0


def cmd_sign_copy(args) -> int:
    from .usecases.issuing import sign_copy

    key = _load_key(args)
    try:
        said = sign_copy(args.file, args.output, key, args.agency, args.kind)
    finally:
        key.close()
    print(f"{said} Tệp bản sao: «{args.output}».")
    return 0


def cmd_verify(args) -> int:
    from pathlib import Path

    from .usecases.issuing import verify

    roots = []
    for name in args.trust:
        try:
            roots.append(Path(name).read_bytes())
        except OSError as err:
            raise KhdeskError(f"Không đọc được chứng thư gốc «{name}»: {err.strerror or err}.") from err
    checks = verify(args.file, roots)
    if not checks:
        print(f"«{args.file}» không có chữ ký số nào.")
        return EXIT_ERROR
    for found in checks:
        print(("Đạt: " if found.good else "KHÔNG ĐẠT: ") + found.summary())
    print("(Chưa kiểm tra chứng thư có bị thu hồi hay không: việc đó cần mạng.)")
    return 0 if all(c.good for c in checks) else EXIT_ERROR


def cmd_export_results(args) -> int:
    from .usecases.results import export_results

    with open_for_reading(args.db) as store:
        found = store.agencies.typed(args.agency)
        if len(found) != 1:
            names = "; ".join(a.print_name for a in found[:5])
            raise KhdeskError(f"«{args.agency}» " + (f"có thể là {len(found)} cơ quan: {names}. Hãy ghi rõ hơn."
                                                     if found else "không có trong danh mục cơ quan."))
        count = export_results(store, args.plan, found[0].id, args.output)
    print(f"Đã xuất {count} nhiệm vụ của «{found[0].print_name}» ra «{args.output}».")
    return 0


def cmd_import_results(args) -> int:
    from .db import Store
    from .formats.excel.results import FIELD_NAMES
    from .usecases.results import apply_results, read_results, shown

    with Store.open(args.db) as store:
        sheet = read_results(store, args.input)         # writes only FOLLOW_UP_FIELDS: allowed on an issued plan
        done = apply_results(store, sheet)
    print(f"Đã nhập kết quả của «{sheet.agency}»: {len(done)} nhiệm vụ thay đổi, {sheet.unchanged} không đổi.")
    for change in sheet.changes:
        for name, (ours, theirs) in change.conflicts.items():
            print(f"khdesk: nhiệm vụ {change.task.position}, {FIELD_NAMES[name]}: khdesk đã sửa thành «{shown(name, ours)}», "
                  f"bảng ghi «{shown(name, theirs)}» — giữ giá trị của khdesk.", file=sys.stderr)
    for line in sheet.refused:
        print(f"khdesk: {line}", file=sys.stderr)
    return EXIT_ERROR if sheet.conflicts or sheet.refused else 0


def cmd_new_month(args) -> int:
    from datetime import date

    from .db import Store
    from .domain.months import DOUBT, checked_month, month_label, new_plan_header
    from .usecases.new_month import carry_choices, create_month, previous_plan

    target = checked_month(args.plan)
    try:
        also = {int(n) for n in args.also.replace(";", ",").split(",") if n.strip()}
    except ValueError:
        raise KhdeskError(f"--also «{args.also}»: hãy ghi số thứ tự nhiệm vụ, cách nhau bằng dấu phẩy (3,7,12).") from None
    with Store.open(args.db) as store:
        previous = previous_plan(store, target)
        header, reviewed = new_plan_header(previous, target)
        proposed, to_decide = carry_choices(store, previous, date.today())
        unknown = also - {t.position for t in to_decide}
        if unknown:
            raise KhdeskError(f"--also: nhiệm vụ {', '.join(map(str, sorted(unknown)))} không ở danh sách «chưa có báo "
                               "cáo» của tháng trước (đã báo cáo thì tự chuyển; đã xong thì không chuyển).")
        chosen = [] if args.no_carry else proposed + [t for t in to_decide if t.position in also]
        chosen.sort(key=lambda t: t.position)
        plan = create_month(store, target, header, [t.id for t in chosen])
        names = {a.id: a.print_name for a in store.agencies.all()}
    source = f" từ kế hoạch tháng {month_label(previous.month)}" if previous else ""
    print(f"Đã lập bản nháp kế hoạch tháng {month_label(plan.month)}{source}: {len(chosen)} nhiệm vụ chuyển sang "
          f"({0 if args.no_carry else len(proposed)} "
          + ("đã báo cáo chưa xong hoặc đang thực hiện" if previous is None or previous.status == "issued" else
             "chưa xong của kế hoạch chưa ban hành")
          + (f", {len(chosen) - len(proposed)} chưa có báo cáo được chọn" if not args.no_carry and also else "") + ").")
    left = [t for t in to_decide if args.no_carry or t.position not in also]
    if left:
        print(f"Chưa có báo cáo, chưa chuyển ({len(left)}; chuyển thêm: --also TT,TT khi lập tháng mới, hoặc thêm "
              "trong cửa sổ):")
        for task in left:
            leads = "; ".join(names.get(a, "") for a in task.lead_agency_ids)
            print(f"  {task.position}. [{leads}] {' '.join(task.content.split())[:100]}")
    for text in reviewed:
        for mark in text.marks:
            now = text.text[mark.start:mark.end]
            what = f"«{mark.before}» → «{now}»" if mark.kind != DOUBT else f"«{now}» (giữ nguyên)"
            print(f"  Xem lại {text.label}: {what} — {mark.note}")
    return 0


def cmd_identity(args) -> int:
    from .db import Store

    if not (args.new or args.moved):
        with open_for_reading(args.db) as store:
            found = store.identity()
        if found.settled:
            print(f"«{args.db}» là tệp dữ liệu ở đúng nơi nó được tạo; bảng kết quả xuất và nhập bình thường.")
        else:
            print(f"«{args.db}» được tạo ở «{found.made_for}»" + (" (tệp đó vẫn còn: đây là bản sao)" if
                  found.original_there else "") + ". Hãy chạy lại với --new (bản sao, tệp dữ liệu mới) hoặc "
                  "--moved (vẫn là tệp đó, đã chuyển chỗ).")
        return 0
    with Store.open(args.db) as store:
        was = store.identity()
        if was.settled:
            print(f"«{args.db}» đã ở đúng nơi nó được tạo; không có gì phải xác nhận.")
            return 0
        store.confirm_identity(new_database=args.new)
    print(f"Đã ghi: «{args.db}» là " + ("một tệp dữ liệu mới; bảng kết quả của «" + was.made_for + "» không nhập "
                                        "vào tệp này nữa." if args.new else "tệp cũ đã chuyển chỗ."))
    return 0


def cmd_check(args) -> int:
    from .document.plan_check import ERROR, summary
    from .usecases.checking import check_month

    with open_for_reading(args.db) as store:
        findings = check_month(store, args.plan)
    for finding in findings:
        print(finding.line())
    print(summary(findings))
    return EXIT_ERROR if any(f.level == ERROR for f in findings) else 0


def cmd_window(args) -> int:
    from .ui.app import run  # the only place the command line loads Qt

    return run(args.window_db)


COMMANDS = {"init": cmd_init, "plans": cmd_plans, "print": cmd_print, "import-xlsx": cmd_import,
            "export-xlsx": cmd_export, "export-docx": cmd_export_docx, "import-docx": cmd_import_docx,
            "check": cmd_check, "report": cmd_report, "identity": cmd_identity, "new-month": cmd_new_month,
            "export-results": cmd_export_results, "import-results": cmd_import_results,
            "compare": cmd_compare, "reporting": cmd_reporting, "signature-image": cmd_signature_image, "sign": cmd_sign, "sign-copy": cmd_sign_copy,
            "verify": cmd_verify,
            None: cmd_window}


def streams_for_vietnamese() -> None:
    """Make stdout and stderr able to write every Vietnamese letter. A Windows console already is
    (Python writes it as Unicode), but a file or a pipe gets the ANSI code page there (cp1252 on an
    office PC), which has no «ơ» or «ệ»: printing one ended the command in a UnicodeEncodeError after its
    work was done. Such a stream is switched to UTF-8; one that can already write Vietnamese is kept."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or not hasattr(stream, "reconfigure"):   # a window program has no console
            continue
        try:
            "ơệỗĐ".encode(stream.encoding or "ascii")
        except (UnicodeEncodeError, LookupError):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):       # already written to in another encoding: leave it
                pass


def main(argv: list[str] | None = None) -> int:
    streams_for_vietnamese()
    args = build_parser().parse_args(argv)
    if args.self_test:
        from .selftest import run

        return run(window=not args.no_window, pictures=args.pictures)
    try:
        return COMMANDS[args.command](args)
    except KhdeskError as err:
        print(f"khdesk: {err}", file=sys.stderr)
        return EXIT_ERROR
    except DatabaseFailure as err:      # a full disk, a lock by another program, a pulled drive …

        advice = ("Có thể khôi phục từ bản sao lưu trong thư mục «khdesk-sao-luu»." if is_damage(err)
                  else "Dữ liệu trong tệp vẫn như trước.")
        print(f"khdesk: không đọc/ghi được tệp dữ liệu: {database_failure(err)}. {advice}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:     # the reader of the output stopped (« | head »): no error of khdesk, nothing to say
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())    # (Python's own flush at exit is quiet)
        return 141
    except Exception as err:   # a bug: the clerk gets one line, the details go to the log
        log = write_error_log(err)
        print(f"khdesk: lỗi không mong đợi ({type(err).__name__}); chi tiết đã ghi vào «{log}». "
              "Hãy gửi tệp này cho bộ phận kỹ thuật.", file=sys.stderr)
        return EXIT_ERROR
