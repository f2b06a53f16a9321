#!/usr/bin/env python3
"""Writes the Sóc Trăng-scale founding-decision workload: 775 hamlet teams with 5,045 members in 109 communes.

The counts are seed 002's (775 teams, one per khóm/ấp; 5,045 members). The seed names no members, so the names are
made up, deterministically, from common Vietnamese and Khmer family names; districts are Sóc Trăng's. The output is a
list of communes, the form `vanban generate quyet-dinh-thanh-lap-to` reads for a whole district or province.

    bench/make_soc_trang.py OUT.json
"""
import json
import random
import sys

TEAMS, MEMBERS, COMMUNES = 775, 5045, 109
DISTRICTS = ["Châu Thành", "Cù Lao Dung", "Kế Sách", "Long Phú", "Mỹ Tú", "Mỹ Xuyên", "Thạnh Trị", "Trần Đề", "Ngã Năm", "Vĩnh Châu"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Thạch", "Lâm", "Sơn", "Danh", "Kim", "Lý", "Triệu", "Dương"]
MIDDLE_M, MIDDLE_F = ["Văn", "Minh", "Hoàng", "Quốc", "Thanh"], ["Thị", "Ngọc", "Thanh", "Kim", "Mỹ"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hùng", "Khánh", "Nam", "Phúc", "Sang", "Tâm", "Trí", "Vũ", "Sóc", "Sa Rết"]
GIVEN_F = ["Hạnh", "Hòa", "Lan", "Mai", "Ngân", "Thảo", "Trang", "Vy", "Yến", "Sa Ry", "Thu", "Diễm"]
SYLLABLES = ["An", "Hòa", "Phú", "Tân", "Long", "Thạnh", "Mỹ", "Hưng", "Lợi", "Thuận", "Đại", "Châu", "Khánh", "Vĩnh", "Xuân"]


def person(rng, female):
    middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
    given = rng.choice(GIVEN_F if female else GIVEN_M)
    return f"{rng.choice(FAMILY)} {middle} {given}"


def main(path):
    rng = random.Random(2023)
    # 775 teams: 395 of 7 members and 380 of 6 make 5,045.
    sizes = [7] * 395 + [6] * 380
    rng.shuffle(sizes)
    assert len(sizes) == TEAMS and sum(sizes) == MEMBERS
    per_commune = [TEAMS // COMMUNES + (1 if i < TEAMS % COMMUNES else 0) for i in range(COMMUNES)]
    communes, team_index = [], 0
    for c, count in enumerate(per_commune):
        name = f"{SYLLABLES[c % len(SYLLABLES)]} {SYLLABLES[(c * 7 + 3) % len(SYLLABLES)]} {c + 1}"
        district = DISTRICTS[c % len(DISTRICTS)]
        teams, commune_names = [], set()
        for h in range(count):
            hamlet = f"{SYLLABLES[(c + h) % len(SYLLABLES)]} {h + 1}"
            members, names = [], set()
            for m in range(sizes[team_index]):
                female = rng.random() < 0.45
                name_of_member = person(rng, female)
                while name_of_member in names or name_of_member in commune_names:  # one person, one team
                    name_of_member = person(rng, female)
                names.add(name_of_member)
                members.append({
                    "ho_ten": name_of_member,
                    "gioi_tinh": "nu" if female else "nam",
                    "chuc_vu": "Trưởng ấp" if m == 0 else ("Bí thư Chi đoàn" if m == 2 else ""),
                    "vai_tro": "to_truong" if m == 0 else ("to_pho" if m == 1 else "to_vien"),
                    "dia_chi": f"Ấp {hamlet}",
                    "doan_vien": m == 2,
                    "dien_thoai": f"09{rng.randrange(10**8):08d}",
                })
            commune_names |= names
            teams.append({"thon": {"ten": hamlet, "loai": "ấp"}, "thanh_vien": members})
            team_index += 1
        communes.append({
            "xa": {"ten": name, "loai": "xã", "huyen": district, "tinh": "Sóc Trăng",
                   "co_quan_chu_quan": f"UBND huyện {district}", "chu_tich": person(rng, rng.random() < 0.3),
                   "chinh_sach": "soc-trang"},
            "van_ban": {"nam": 2023,
                        "can_cu": ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
                                   "Căn cứ Quyết định số 922/QĐ-BTTTT ngày 20 tháng 5 năm 2022 của Bộ Thông tin và Truyền thông"],
                        "de_nghi": "Công chức Văn hóa - Xã hội xã",
                        "noi_nhan": ["Như Điều 4", "TT ĐU, TT HĐND xã", "Lưu: VT"]},
            "to": teams,
        })
    assert team_index == TEAMS
    with open(path, "w", encoding="utf-8") as out:
        json.dump(communes, out, ensure_ascii=False)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
