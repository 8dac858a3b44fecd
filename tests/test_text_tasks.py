"""Tasks given in the text of a document: the real conclusion notice of 22/01/2026 gives the 23 tasks of
its CSV with their leads; the real plans give the tasks of their «TỔ CHỨC THỰC HIỆN»; sentences that
assign nothing are not tasks. The real files are in tests/fixtures/real-docx (see its README)."""
import csv
from pathlib import Path

import docx
import pytest

from khdesk.domain.text_tasks import deadline_in, tasks_in_text
from khdesk.formats.word.visible_text import body_blocks, paragraph_text

REAL = Path(__file__).parent / "fixtures" / "real-docx"


def paragraphs(name: str) -> list[str]:
    body = docx.Document(str(REAL / name)).element.body
    return [paragraph_text(b) for b in body_blocks(body) if b.tag.endswith("}p")]


def test_the_conclusion_notice_gives_the_23_tasks_of_its_csv_with_their_leads():
    with open(REAL / "04_lamdong_tb-ubnd_2026-01_ket-luan-hoi-nghi-cchc.csv", encoding="utf-8") as f:
        expected = list(csv.DictReader(f))
    found = tasks_in_text(paragraphs("tb-ket-luan-cchc-2026-01.docx"))
    assert [t.label for t in found] == [row["tt"] for row in expected]
    for task, row in zip(found, expected):
        assert task.content == row["noi_dung"].strip(), row["tt"]
        assert task.leads == row["co_quan_chu_tri"].split("; "), row["tt"]
        assert task.coordinators == ([row["co_quan_phoi_hop"]] if row["co_quan_phoi_hop"] else []), row["tt"]
    by_label = {t.label: t for t in found}
    assert by_label["II.5.c"].deadline_text == "hoàn thành trong tháng 02/2026"
    assert by_label["III.3"].deadline_text == "chậm nhất vào ngày 05 hằng tháng"
    assert by_label["II.1.a"].deadline_text == ""


def test_the_emulation_plan_gives_the_tasks_of_its_last_part():
    found = tasks_in_text(paragraphs("kh-thi-dua-cchc-2026.docx"))
    assert [(t.label, t.leads) for t in found] == [
        ("VII.1", ["Các sở, ban, ngành", "Các cơ quan Trung ương đóng trên địa bàn", "UBND các xã, phường, đặc khu"]),
        ("VII.2.a", ["Sở Nội vụ"]), ("VII.2.b", ["Sở Nội vụ"]),
        ("VII.3", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("VII.4", ["Báo và Đài Phát thanh, Truyền hình Lâm Đồng"]),
        ("VII.5", ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"])]
    assert found[3].coordinators == ["các cơ quan truyền thông, báo chí"]
    assert found[0].deadline_text == "trước ngày 15/3/2026"
    # its goals («Phấn đấu … 90%»), criteria and the «- …» lists of who may compete are not tasks


def test_the_inspection_plan_gives_the_inspection_to_so_noi_vu_and_the_duties_of_each_side():
    found = tasks_in_text(paragraphs("kh-kiem-tra-cchc-2026.docx"))
    assert [(t.label, t.leads) for t in found] == [
        ("IV.1", ["Sở Nội vụ"]), ("V.1.a", ["Sở Nội vụ"]), ("V.1.b", ["Sở Nội vụ"]), ("V.1.c", ["Sở Nội vụ"]),
        ("V.1.d", ["Sở Nội vụ"]), ("V.2.a", ["Các cơ quan, đơn vị được kiểm tra"]),
        ("V.2.b", ["Các cơ quan, đơn vị được kiểm tra"])]
    assert found[0].coordinators == ["các ngành có liên quan"]


SHAPES = """PHÂN CÔNG NHIỆM VỤ
III. GIẢI PHÁP THỰC HIỆN VÀ PHÂN CÔNG NHIỆM VỤ
3.4. Sở Văn hoá, Thể thao và Du lịch
- Tổ chức các hoạt động văn hóa phòng, chống ma túy trong tháng 6/2026.
- Lồng ghép tuyên truyền trong các lễ hội.
+ Ưu tiên vùng sâu, vùng xa.
d) UBND xã Cam Hải Đông:
- Rà soát các điểm nóng trước ngày 30/5/2026.
IV. TỔ CHỨC THỰC HIỆN
1. Đề nghị Công an tỉnh phối hợp kiểm tra các cơ sở kinh doanh có điều kiện.
2. Yêu cầu Sở Y tế báo cáo kết quả điều trị hoàn thành trong quý II/2026.
Trân trọng thông báo đến các cơ quan, đơn vị biết, thực hiện."""


def test_each_shape_of_assignment_in_the_text():
    found = tasks_in_text(SHAPES.splitlines())
    assert [(t.label, t.leads, t.content) for t in found] == [
        ("III.3.4", ["Sở Văn hoá, Thể thao và Du lịch"],
         "Tổ chức các hoạt động văn hóa phòng, chống ma túy trong tháng 6/2026."),
        ("III.3.4", ["Sở Văn hoá, Thể thao và Du lịch"],
         "Lồng ghép tuyên truyền trong các lễ hội.\n+ Ưu tiên vùng sâu, vùng xa."),       # «+ …» is its detail
        ("III.3.4.d", ["UBND xã Cam Hải Đông"], "Rà soát các điểm nóng trước ngày 30/5/2026."),
        ("IV.1", ["Công an tỉnh"], "Đề nghị Công an tỉnh phối hợp kiểm tra các cơ sở kinh doanh có điều kiện."),
        ("IV.2", ["Sở Y tế"], "Yêu cầu Sở Y tế báo cáo kết quả điều trị hoàn thành trong quý II/2026.")]
    assert [t.deadline_text for t in found] == ["trong tháng 6/2026", "", "trước ngày 30/5/2026", "",
                                                "hoàn thành trong quý II/2026"]


@pytest.mark.parametrize("text", [
    "I. ĐÁNH GIÁ CHUNG\nTrong năm 2025, công tác cải cách hành chính của tỉnh tiếp tục được quan tâm.",
    "I. MỤC TIÊU\na) Mục tiêu\n- 100% văn bản quy phạm pháp luật được kiểm tra theo quy định.",
    "III. CHỈ TIÊU\n1. Phấn đấu mức độ hài lòng của người dân đạt tối thiểu 90%.",
    "II. NHIỆM VỤ\n1. Về cải cách thể chế\n2. Về cải cách thủ tục hành chính",
    "Trân trọng thông báo ý kiến kết luận đến các cơ quan, đơn vị có liên quan biết, thực hiện./.",
])
def test_what_assigns_nothing_is_no_task(text):
    assert tasks_in_text(text.splitlines()) == []


def test_deadlines_the_text_gives():
    assert deadline_in("Báo cáo UBND tỉnh trước ngày 30/5/2026.") == "trước ngày 30/5/2026"
    assert deadline_in("hoàn thành trong quý II năm 2026") == "hoàn thành trong quý II năm 2026"
    assert deadline_in("Tổ chức hội nghị sơ kết.") == ""


def test_the_drug_plan_gives_its_tasks_under_each_agency_heading():
    """kh-ma-tuy-2026.doc (old binary Word), saved as .docx by LibreOffice 7.4 for this test: section III
    «PHÂN CÔNG NHIỆM VỤ» with «3.4. Sở Văn hoá, Thể thao và Du lịch» then «- …» items, headings followed by
    plain paragraphs («2.2. Công an tỉnh»), joint headings and «Chủ tịch UBND … chỉ đạo»."""
    found = tasks_in_text(paragraphs("kh-ma-tuy-2026.docx"))
    assert len(found) == 79 and all(t.leads for t in found)
    leads = {}
    for task in found:
        leads.setdefault(task.label, []).append(task.leads)
    assert leads["III.3.4"] == [["Sở Văn hoá, Thể thao và Du lịch"]] * 2
    assert leads["III.2.2"] == [["Công an tỉnh"]]
    assert leads["III.3.6"] == [["Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo"]]
    assert leads["III.3.9"] == [["Ủy ban nhân dân địa bàn cấp xã"]] * 4
    assert leads["III.4.4"] == [["Viện Kiểm sát nhân dân tỉnh", "Tòa án nhân dân tỉnh"]]
    assert leads["III.3.8"][0][-2:] == ["Hội Cựu chiến binh tỉnh", "Tỉnh đoàn Thanh niên"]
