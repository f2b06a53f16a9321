"""The web story in a real browser (Chromium through selenium), as clerks, approvers and archivists click it.

Run by scripts/browser-check.sh against a fresh `vanban serve`: argv[1] is the server's address, argv[2] the file of
demo log-ins, argv[3] the folder for screenshots (one per step; look at them). Exits non-zero at the first step that
does not show what a person would expect.
"""
import sys
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

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
        WebDriverWait(driver, 10).until(lambda d: text in d.find_element(By.TAG_NAME, "body").text)
    except TimeoutException:
        shot(driver, "FAILED-" + name)
        body = driver.find_element(By.TAG_NAME, "body").text
        sys.exit(f"browser story: {name}: the page does not show “{text}”; it shows:\n{body[:1500]}")


def submit(driver, button):
    """Clicks a form's button and waits for the next page to replace this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 10).until(expected_conditions.staleness_of(page))


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


clerk, chairman, archivist = browser(), browser(390, 844), browser()
try:
    sign_in(clerk, "canbo")
    shot(clerk, "clerk-dashboard")
    submit(clerk, clerk.find_element(By.CSS_SELECTOR, "table.list a"))
    expect(clerk, "Dự thảo", "the draft's page")
    document = clerk.current_url
    press(clerk, "Trình")
    expect(clerk, "Đã trình văn bản.", "submitting")
    expect(clerk, "Chờ xã xem xét", "the state after submitting")
    shot(clerk, "clerk-submitted")

    sign_in(chairman, "chutich")
    expect(chairman, "Việc chờ bạn", "the approver's inbox")
    shot(chairman, "approver-inbox-phone")
    chairman.get(document)
    press(chairman, "Trả lại", "Bổ sung số điện thoại của tổ trưởng thôn Bắc Nga.")
    expect(chairman, "Đã trả lại văn bản.", "returning")
    shot(chairman, "approver-returned-phone")

    clerk.get(document)
    expect(clerk, "Bổ sung số điện thoại của tổ trưởng thôn Bắc Nga.", "the comment in the clerk's timeline")
    press(clerk, "Trình")
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
    shot(archivist, "archivist-register")
    archivist.get(document)
    press(archivist, "Lưu trữ")
    expect(archivist, "Đã lưu trữ văn bản.", "archiving")
    expect(archivist, "Đã lưu trữ", "the archived state")
    shot(archivist, "archivist-archived")
    print(f"browser story: {step} steps passed; screenshots in {shots}")
finally:
    for driver in (clerk, chairman, archivist):
        driver.quit()
