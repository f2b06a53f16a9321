"""The web story in a real browser (Chromium through selenium), as clerks, approvers and archivists click it: the
clerk founds a team of five from an Excel file, fixes a policy problem and submits; the approver returns it with a
comment; the clerk corrects it in the form and resubmits; the approver signs; the archivist finds it in the register,
archives it, downloads the signed PDF original (signed by the chairman and by the commune) and exports the year's archive
package, which `vanban verify` then checks.

Run by scripts/browser-check.sh against a fresh `vanban serve`: argv[1] is the server's address, argv[2] the file of
demo log-ins, argv[3] the folder for screenshots (one per step; look at them). Exits non-zero at the first step that
does not show what a person would expect.
"""
import os
import shutil
import sys
import time
import io
import urllib.request
import zipfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
from openpyxl import Workbook

base, accounts, shots = sys.argv[1], sys.argv[2], Path(sys.argv[3])
shots.mkdir(parents=True, exist_ok=True)
passwords = dict(line.split() for line in open(accounts, encoding="utf-8") if line.strip())
step = 0


def browser(width=1280, height=900):
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}",
                     "--lang=vi"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def shot(driver, name):
    global step
    step += 1
    driver.save_screenshot(str(shots / f"{step:02d}-{name}.png"))


def expect(driver, text, name):
    """Waits up to 10 s for `text` on the page, as a person waits for a page to load."""
    try:
        # While a page is being replaced the driver can answer with an error about the old one; that means "not yet".
        WebDriverWait(driver, 10, ignored_exceptions=(WebDriverException,)).until(
            lambda d: text in d.find_element(By.TAG_NAME, "body").text)
    except TimeoutException:
        shot(driver, "FAILED-" + name)
        body = driver.find_element(By.TAG_NAME, "body").text
        sys.exit(f"browser story: {name}: the page does not show “{text}”; it shows:\n{body[:1500]}")


def submit(driver, button):
    """Clicks a form's button (or a link) and waits for the next page to replace this one and finish loading.

    The old page's window carries a mark that the next page's window does not have. Selenium's staleness_of is not
    used: asking about an element of a page in the middle of being replaced can fail with a driver error ("cannot
    find context") instead of "stale", which broke a CI run on a loaded machine."""
    driver.execute_script("window.vanbanOldPage = true")
    button.click()

    def replaced(d):
        try:
            return d.execute_script("return !window.vanbanOldPage && document.readyState === 'complete'")
        except WebDriverException:
            return False

    WebDriverWait(driver, 20).until(replaced)


def sign_in(driver, user):
    driver.get(base + "/")
    expect(driver, "Đăng nhập", "the sign-in page")
    driver.find_element(By.NAME, "user").send_keys(user)
    driver.find_element(By.NAME, "password").send_keys(passwords[user])
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    expect(driver, "Văn bản của xã Gia Cát", f"{user}'s dashboard")


def press(driver, label, comment=None):
    for form in driver.find_elements(By.CSS_SELECTOR, "form.act"):
        button = form.find_element(By.TAG_NAME, "button")
        if button.text == label:
            if comment is not None:
                form.find_element(By.NAME, "comment").send_keys(comment)
            submit(driver, button)
            return
    shot(driver, "FAILED-no-" + label)
    sys.exit(f"browser story: no “{label}” button on {driver.current_url}")


def member_list(folder):
    """The Excel file a clerk brings: five members of thôn Bắc Nga, where the list names a member, not the village
    head, as Tổ trưởng (Lạng Sơn's policy wants the village head to lead)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Họ tên", "Giới tính", "Chức vụ", "Vai trò", "Đoàn viên", "Điện thoại"])
    sheet.append([1, "Đào Xuân Đông", "Nam", "Trưởng thôn", "Tổ viên", "", ""])
    sheet.append([2, "Đặng Thị Hằng", "Nữ", "", "Tổ trưởng", "x", "0912345678"])
    sheet.append([3, "Đặng Thị Chiến", "Nữ", "Bí thư Chi đoàn", "Tổ viên", "x", ""])
    sheet.append([4, "Nông Thị Hợi", "Nữ", "", "Tổ viên", "", ""])
    sheet.append([5, "Lý Văn Trung", "Nam", "", "Tổ viên", "", ""])
    path = folder / "to-bac-nga.xlsx"
    workbook.save(path)
    return path


def rows(driver, name):
    return [element.get_attribute("value") for element in driver.find_elements(By.NAME, name)]


clerk, chairman, archivist = browser(), browser(390, 844), browser()
try:
    sign_in(clerk, "canbo")
    shot(clerk, "clerk-dashboard")
    submit(clerk, clerk.find_element(By.LINK_TEXT, "+ Thành lập Tổ Công nghệ số cộng đồng"))
    expect(clerk, "Thôn của Tổ", "the founding form")
    Select(clerk.find_element(By.NAME, "thon")).select_by_visible_text("Thôn Bắc Nga")
    clerk.find_element(By.NAME, "tep").send_keys(str(member_list(shots)))
    submit(clerk, clerk.find_element(By.XPATH, "//button[normalize-space()='Nhập danh sách']"))
    expect(clerk, "Đã nhập 5 thành viên từ to-bac-nga.xlsx.", "importing the Excel file")
    expect(clerk, "không phải Trưởng thôn", "the policy problem beside its row")
    if rows(clerk, "ho_ten")[0] != "Đào Xuân Đông" or len(rows(clerk, "ho_ten")) != 5:
        sys.exit(f"browser story: the imported table is {rows(clerk, 'ho_ten')}")
    shot(clerk, "clerk-imported-with-violation")
    submit(clerk, clerk.find_element(By.XPATH, "//button[normalize-space()='Lưu và trình duyệt']"))
    expect(clerk, "Chưa trình được", "submitting with a policy error is refused")
    roles = clerk.find_elements(By.NAME, "vai_tro")
    Select(roles[0]).select_by_visible_text("Tổ trưởng")
    Select(roles[1]).select_by_visible_text("Tổ viên")
    submit(clerk, clerk.find_element(By.CSS_SELECTOR, ".form-ops button[value=check]"))
    if "không phải Trưởng thôn" in clerk.find_element(By.TAG_NAME, "body").text:
        shot(clerk, "FAILED-violation-stays")
        sys.exit("browser story: the policy problem stays after the clerk fixed the roles")
    shot(clerk, "clerk-fixed")
    submit(clerk, clerk.find_element(By.XPATH, "//button[normalize-space()='Lưu và trình duyệt']"))
    expect(clerk, "Đã trình văn bản.", "submitting")
    expect(clerk, "Chờ xã xem xét", "the state after submitting")
    document = clerk.current_url.split("?")[0]
    shot(clerk, "clerk-submitted")
    if shutil.which("soffice") or os.environ.get("CI") == "true":
        # The clerk looks at the pages as they will print, drawn by LibreOffice and poppler.
        # Opened like the link does; the first print may wait for a LibreOffice worker to start.
        clerk.get(clerk.find_element(By.PARTIAL_LINK_TEXT, "Xem trước từng trang").get_attribute("href"))
        expect(clerk, "Trang 1/", "the page images of the preview")
        WebDriverWait(clerk, 60).until(lambda d: d.execute_script(
            "const i = document.querySelector('.page img'); return i && i.complete && i.naturalWidth > 0"))
        shot(clerk, "clerk-preview")
        clerk.get(document)

    sign_in(chairman, "chutich")
    expect(chairman, "Việc chờ bạn", "the approver's inbox")
    expect(chairman, "thôn Bắc Nga", "the new decision in the inbox")
    shot(chairman, "approver-inbox-phone")
    chairman.get(document)
    press(chairman, "Trả lại", "Bổ sung số điện thoại của Tổ trưởng Đào Xuân Đông.")
    expect(chairman, "Đã trả lại văn bản.", "returning")
    shot(chairman, "approver-returned-phone")

    clerk.get(document)
    expect(clerk, "Bổ sung số điện thoại của Tổ trưởng Đào Xuân Đông.", "the comment in the clerk's timeline")
    submit(clerk, clerk.find_element(By.LINK_TEXT, "Sửa bằng biểu mẫu"))
    expect(clerk, "Sửa quyết định thành lập Tổ", "the form of the returned draft")
    clerk.find_elements(By.NAME, "dien_thoai")[0].send_keys("0915 222 333")
    submit(clerk, clerk.find_element(By.XPATH, "//button[normalize-space()='Lưu và trình duyệt']"))
    expect(clerk, "Đã trình văn bản.", "resubmitting")
    shot(clerk, "clerk-resubmitted")

    chairman.get(document)
    press(chairman, "Duyệt")
    expect(chairman, "Đã duyệt văn bản.", "approving")
    press(chairman, "Ký ban hành")
    expect(chairman, "Đã ký ban hành văn bản.", "signing")
    expect(chairman, "01/QĐ-UBND", "the number on the signed document")
    shot(chairman, "approver-signed-phone")

    sign_in(archivist, "vanthu")
    archivist.get(base + "/register")
    expect(archivist, "01/QĐ-UBND", "the register")
    expect(archivist, "Đặng Đức Sơn", "the signer in the register")
    expect(archivist, "thôn Bắc Nga", "the subject in the register")
    shot(archivist, "archivist-register")
    archivist.get(document)
    press(archivist, "Lưu trữ")
    expect(archivist, "Đã lưu trữ văn bản.", "archiving")
    expect(archivist, "Đã lưu trữ", "the archived state")
    shot(archivist, "archivist-archived")
    if shutil.which("soffice") or os.environ.get("CI") == "true":
        # The PDF original is made seconds after signing, beside the requests: a person reloads the page.
        deadline = time.time() + 90
        while "Tải bản gốc điện tử" not in archivist.find_element(By.TAG_NAME, "body").text and time.time() < deadline:
            time.sleep(1)
            archivist.get(document)
        expect(archivist, "Tải bản gốc điện tử (PDF đã ký số)", "the signed PDF original on the document's page")
        shot(archivist, "archivist-signed-pdf")
        link = archivist.find_element(By.PARTIAL_LINK_TEXT, "Tải bản gốc điện tử").get_attribute("href")
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in archivist.get_cookies())
        with urllib.request.urlopen(urllib.request.Request(link, headers={"Cookie": cookie})) as answer:
            pdf = answer.read()
            disposition = answer.headers.get("Content-Disposition", "")
        signatures = pdf.count(b"/ByteRange")
        if not pdf.startswith(b"%PDF-") or signatures != 2 or "01-Q" not in disposition:
            sys.exit(f"browser story: the signed PDF: {len(pdf)} bytes, {signatures} signatures, {disposition!r}")
        (shots / "01-QD-UBND.pdf").write_bytes(pdf)

        # The archivist exports the year's signed documents as an archive package from the register page.
        archivist.get(base + "/register")
        expect(archivist, "Xuất gói lưu trữ (ZIP)", "the export button for the archivist")
        shot(archivist, "archivist-export")
        link = archivist.find_element(By.ID, "export").get_attribute("href")
        with urllib.request.urlopen(urllib.request.Request(link, headers={"Cookie": cookie})) as answer:
            package = answer.read()
            kind = answer.headers.get("Content-Type", "")
        with zipfile.ZipFile(io.BytesIO(package)) as archive:
            names = archive.namelist()
            broken = archive.testzip()
        wanted = ["METS.xml", "representations/pdf/data/00001-01-QD-UBND.pdf", "representations/native/data/00001-01-QD-UBND.odt"]
        if kind != "application/zip" or broken or any(name not in names for name in wanted):
            sys.exit(f"browser story: the archive package: {kind!r}, {len(package)} bytes, entries {names}, damaged {broken!r}")
        (shots / "goi-luu-tru.zip").write_bytes(package)
    else:
        print("browser story: the signed PDF step skipped: LibreOffice is not installed (scripts/install-deps.sh installs it)")
    print(f"browser story: {step} steps passed; screenshots in {shots}")
finally:
    for driver in (clerk, chairman, archivist):
        driver.quit()
