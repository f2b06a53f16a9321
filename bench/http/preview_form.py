"""Writes the multipart body of the founding form with a 40-member table and the "preview" button pressed, as a
browser posts it (the shared anchor workload's table size). Usage: preview_form.py CSRF BOUNDARY OUT."""
import sys

csrf, boundary, out = sys.argv[1:4]
fields = [("_csrf", csrf), ("key", "bench-preview"), ("thon", "Bắc Nga"), ("nam", "2026"),
          ("ten_to", "Tổ Công nghệ số cộng đồng"), ("can_cu", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;"),
          ("de_nghi", "Công chức Văn hóa – Xã hội xã"), ("noi_nhan", "Như Điều 3;\nLưu: VT, VHXH."),
          ("nguoi_ky", "Đặng Đức Sơn"), ("chuc_vu_nguoi_ky", "Chủ tịch")]
for index in range(40):
    fields += [("ho_ten", f"Nguyễn Văn Thành viên {index + 1}"), ("gioi_tinh", "nam" if index % 2 else "nu"),
               ("chuc_vu", "Trưởng thôn" if index == 0 else ""), ("vai_tro", "to_truong" if index == 0 else "to_vien"),
               ("doan_vien", "co" if index % 3 == 0 else "khong"), ("dien_thoai", f"09{index:08d}"),
               ("dia_chi", "Bắc Nga"), ("phu_trach_thon", ""), ("hoi_phu_nu", "khong")]
fields.append(("op", "preview"))
body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                for name, value in fields) + f"--{boundary}--\r\n".encode()
open(out, "wb").write(body)
