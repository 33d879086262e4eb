"""Japanese for the window's English ``tr()`` strings, applied by ``translations.py fill``.

This is a starting point, not the source of truth: ``fill`` writes these into
``resources/translations/resdesk_ja.ts`` only where a message has no finished translation, and
what is in the .ts (edited in Qt Linguist) wins from then on.

Words (MISSION.md): 予約 reservation, 受付番号 receipt number, 地域センター center, 予約枠 slot,
満席 full, 休止 closed, 取消 cancelled, 来場済 attended, 不来場 no-show, 責任者 supervisor,
オペレーター operator, 予約データ the vault.  Mnemonics go at the end in Japanese: "予約受付(&B)".
Full-width "：" and "？" in sentences; "{placeholders}" exactly as in the English.
"""

from __future__ import annotations

_WEEKDAYS = {
    "Mon": "月",
    "Tue": "火",
    "Wed": "水",
    "Thu": "木",
    "Fri": "金",
    "Sat": "土",
    "Sun": "日",
}

# The same Japanese in every context.
JA: dict[str, str] = {
    **_WEEKDAYS,
    # -- words used on several screens ---------------------------------------------------------
    "Receipt": "受付番号",
    "Receipt number": "受付番号",
    "Receipt number {receipt}": "受付番号 {receipt}",
    "Center": "地域センター",
    "Centers": "地域センター一覧",
    "&Center": "地域センター(&C)",
    "Date": "日付",
    "&Date": "日付(&D)",
    "Day": "日付",
    "Time": "時刻",
    "Name": "氏名",
    "Kana": "フリガナ",
    "Phone": "電話番号",
    "&Phone": "電話番号(&P)",
    "Status": "状態",
    "State": "状態",
    "Note": "備考",
    "&Note": "備考(&N)",
    "No&te": "備考(&T)",
    "Family name": "姓",
    "Given name": "名",
    "&Family name": "姓(&F)",
    "Family &name": "姓(&N)",
    "&Given name": "名(&G)",
    "Family name (kana)": "姓（フリガナ）",
    "Given name (kana)": "名（フリガナ）",
    "Family name kana": "姓（フリガナ）",
    "Given name kana": "名（フリガナ）",
    "Family &kana": "姓フリガナ(&K)",
    "G&iven kana": "名フリガナ(&I)",
    "Given k&ana": "名フリガナ(&A)",
    "Booked": "予約済",
    "Attended": "来場済",
    "Cancelled": "取消",
    "No-show": "不来場",
    "(erased)": "（消去済）",
    "Seats left": "残席",
    "Closed": "休止",
    "Begun": "開始済",
    "Full": "満席",
    "Quit": "終了",
    "&Quit": "終了(&Q)",
    "Help": "ヘルプ",
    "&Help": "ヘルプ(&H)",
    "Account": "アカウント",
    "&Account": "アカウント(&A)",
    "Password": "パスワード",
    "&Password": "パスワード(&P)",
    "Log in": "ログイン",
    "Log in — {app}": "ログイン — {app}",
    "operator": "オペレーター",
    "supervisor": "責任者",
    "Booking desk": "予約受付",
    "&Booking desk": "予約受付(&B)",
    "Find, change, cancel": "検索・変更・取消",
    "&Find and change": "検索・変更(&F)",
    "Please confirm": "確認",
    "Notice": "お知らせ",
    "Undo": "元に戻す",
    "&Undo (Ctrl+Z)": "元に戻す(&U) (Ctrl+Z)",
    "Required.": "入力してください。",
    "Slots": "予約枠",
    "DEMO — fictitious data, not a real vault": (
        "デモ — 架空のデータです（実際の予約データではありません）"
    ),
    # -- login and start -----------------------------------------------------------------------
    "Vault: {name}": "予約データ：{name}",
    "Vault: {path}": "予約データ：{path}",
    "There is no vault at {path}.": "{path} に予約データがありません。",
    "Open a vault file, or create a new vault with 'resdesk init --user NAME' "
    "(a demo: 'resdesk demo').": "予約データのファイルを開くか、'resdesk init --user NAME' で"
    "新しく作成してください（デモは 'resdesk demo'）。",
    "Open a vault file…": "予約データのファイルを開く…",
    "Open a vault": "予約データを開く",
    "Vault (*.db);;All files (*)": "予約データ (*.db);;すべてのファイル (*)",
    # -- main window ---------------------------------------------------------------------------
    "{app} — {account} ({role}) — {vault}": "{app} — {account}（{role}）— {vault}",
    "Logged in: {account} ({role}) · vault: {vault}": (
        "ログイン中：{account}（{role}）・予約データ：{vault}"
    ),
    "&File": "ファイル(&F)",
    "&Settings": "設定(&S)",
    "&Language (after restart)": "表示言語（再起動後に反映）(&L)",
    "&Help and shortcuts": "ヘルプとショートカット(&H)",
    # -- centers and slots ---------------------------------------------------------------------
    "{name}\nToday {today} · week {week} seats left": (
        "{name}\n本日 残り{today}席・今週 残り{week}席"
    ),
    "{name}: {today} seats left today, {week} this week": (
        "{name}：本日の残り{today}席、今週の残り{week}席"
    ),
    "Slots of the day": "選択した日の予約枠",
    "&Day (arrows: day / week)": "日付(&D)（←→：1日／↑↓：1週間）",
    "{date} ({weekday})": "{date}（{weekday}）",
    "{date} ({weekday}): no slots": "{date}（{weekday}）：予約枠はありません",
    # -- booking desk --------------------------------------------------------------------------
    "Caller": "予約者",
    "e.g. 090-1234-5678": "例：090-1234-5678",
    "hiragana or katakana": "ひらがな・カタカナ",
    "Change that booking instead": "既存の予約を変更する",
    "Book anyway": "このまま予約する",
    "Book (Ctrl+Enter)": "予約する (Ctrl+Enter)",
    "New call (Ctrl+N)": "新規受付 (Ctrl+N)",
    "Booked — read this back to the caller": "予約完了 — お客様に読み上げてください",
    "Book a companion on this call (Ctrl+Shift+N)": "同行者も予約する (Ctrl+Shift+N)",
    "Next call (Ctrl+N)": "次の受付へ (Ctrl+N)",
    "This caller may already be booked: {center} {date} ({weekday}) {time}, "
    "receipt number {receipt}.": "この方はすでに予約済みの可能性があります："
    "{center} {date}（{weekday}）{time}、受付番号 {receipt}。",
    "Duplicate accepted: the booking will be made anyway.": "重複を確認済み：このまま予約します。",
    "Choose a slot.": "予約枠を選んでください。",
    "{center} {date} {time}: {left} seats left": "{center} {date} {time}：残り{left}席",
    "Book": "予約の確認",
    "Choose a slot first.": "先に予約枠を選んでください。",
    "Decide about the possible duplicate first (change it, or book anyway).": (
        "先に重複の可能性への対応を決めてください（既存の予約を変更するか、このまま予約するか）。"
    ),
    "Book {name} into {center} {date} {time}?": (
        "{name} 様を {center} {date} {time} で予約しますか？"
    ),
    "Booked {receipt} ({center} {date} {time}).": (
        "予約しました：受付番号 {receipt}（{center} {date} {time}）。"
    ),
    "Companion of {receipt}: same phone; type the second person's name.": (
        "{receipt} の同行者：電話番号は同じです。2人目のお名前を入力してください。"
    ),
    # -- cancel and move -----------------------------------------------------------------------
    "Cancel booking {receipt}": "予約 {receipt} の取消",
    "Cancel booking {receipt} ({center}, {date} {start})? The seat is freed; the receipt "
    "number is not issued again.": "予約 {receipt}（{center}、{date} {start}）を取り消しますか？"
    "席は空きに戻ります。この受付番号が再び発行されることはありません。",
    "Reason for the cancellation": "取消の理由",
    "Reason (optional), e.g. caller is unwell": "理由（任意） 例：体調不良のため",
    "&Reason": "理由(&R)",
    "Cancel &booking": "予約を取り消す(&B)",
    "Cancel the booking": "予約を取り消す",
    "&Keep booking": "取り消さない(&K)",
    "Keep the booking": "予約を取り消さない",
    "Move booking {receipt}": "予約 {receipt} の枠の変更",
    "Now: {center}, {date} {start}–{end}.\nThe receipt number {receipt} stays the same after "
    "the move; tell the caller.": "現在：{center}、{date} {start}–{end}。\n"
    "変更後も受付番号 {receipt} は変わりません。お客様にお伝えください。",
    "New slot": "変更後の予約枠",
    "&Move": "変更する(&M)",
    "Move to the chosen slot": "選んだ枠に変更する",
    "Keep the booking where it is": "変更しない",
    "Choose a center, a day and a time.": "地域センター、日付、時間帯を選んでください。",
    "That is the booking's current slot.": "現在の予約と同じ枠です。",
    "Move to: {center}, {date} {start}–{end}": "変更先：{center}、{date} {start}–{end}",
    # -- search --------------------------------------------------------------------------------
    "Search bookings": "予約の検索",
    "Receipt number (1234-5678), phone or its last 4 digits, kana or name": (
        "受付番号（1234-5678）、電話番号またはその下4桁、フリガナ、氏名"
    ),
    "&Search": "検索(&S)",
    "Center filter": "地域センターで絞り込み",
    "All centers": "すべての地域センター",
    "Filter by date": "日付で絞り込む",
    "Date filter": "日付で絞り込み",
    "Status filter": "状態で絞り込み",
    "Any status": "すべての状態",
    "S&tatus": "状態(&T)",
    "Bookings found": "検索結果",
    "Booking details": "予約の詳細",
    "Save correction (Ctrl+S)": "訂正を保存 (Ctrl+S)",
    "Save note": "備考を保存",
    "Move… (Ctrl+M)": "枠の変更… (Ctrl+M)",
    "Cancel booking… (Ctrl+D)": "予約の取消… (Ctrl+D)",
    "Reinstate": "取消を解除",
    "Type a receipt number, a phone number (or its last 4), kana or a name.": (
        "受付番号、電話番号（または下4桁）、フリガナ、氏名のいずれかを入力してください。"
    ),
    "First {count} shown; scroll down for more.": (
        "先頭の{count}件を表示しています。続きは下へスクロールしてください。"
    ),
    "No booking found.": "該当する予約はありません。",
    "{count} found.": "{count}件見つかりました。",
    "{status} (reason: {reason})": "{status}（理由：{reason}）",
    "No booking chosen": "予約が選ばれていません",
    "{center}, {date} {start}–{end}": "{center}、{date} {start}–{end}",
    "Booking {receipt} corrected.": "予約 {receipt} を訂正しました。",
    "Note of booking {receipt} saved.": "予約 {receipt} の備考を保存しました。",
    "Booking {receipt} moved to {center}, {date} {start}; the receipt number stays the same.": (
        "予約 {receipt} を {center}、{date} {start} に変更しました。受付番号は変わりません。"
    ),
    "Booking {receipt} cancelled.": "予約 {receipt} を取り消しました。",
    "Reinstate booking {receipt} ({center}, {date} {start})?": (
        "予約 {receipt}（{center}、{date} {start}）の取消を解除しますか？"
    ),
    "Booking {receipt} reinstated.": "予約 {receipt} の取消を解除しました。",
    "Undone: booking {receipt} is as before.": (
        "元に戻しました：予約 {receipt} は変更前の状態です。"
    ),
    # -- help ----------------------------------------------------------------------------------
    "Help text": "ヘルプの本文",
    "This help": "このヘルプ",
    "Go to the center list / the calendar": "地域センター一覧／カレンダーへ移動",
    "Arrows in the calendar": "カレンダーで矢印キー",
    "Left/Right: a day, Up/Down: a week": "←→：1日、↑↓：1週間",
    "Next field, in the order of the call": "次の入力欄へ（通話で聞く順）",
    "Book (asks once)": "予約する（確認は1回）",
    "Book a companion on the same call (same phone)": "同じ電話で同行者を予約（同じ電話番号）",
    "Next call: clear the form": "次の受付：入力欄をクリア",
    "Search box": "検索欄",
    "Save a correction of name, kana or phone": "氏名・フリガナ・電話番号の訂正を保存",
    "Move the booking to another slot (number stays)": "予約を別の枠に変更（受付番号はそのまま）",
    "Cancel the booking (asks for a reason)": "予約を取り消す（理由を入力）",
    "Undo the last change while its notice is shown": "お知らせの表示中に直前の変更を元に戻す",
    "Keyboard shortcuts": "キーボードショートカット",
    "Type a receipt number (with or without hyphen), a phone number or its last 4 digits, a "
    "kana reading or the start of a name. Full-width digits are fine.": (
        "受付番号（ハイフンはあってもなくても可）、電話番号またはその下4桁、フリガナ、"
        "氏名の先頭を入力します。全角数字も使えます。"
    ),
    # -- errors (ui/i18n.py) -------------------------------------------------------------------
    "Not a Japanese mobile, landline or 050 number; check the digits.": (
        "国内の携帯電話・固定電話・050の番号になっていません。番号を確認してください。"
    ),
    "Write the reading in kana (hiragana or katakana).": (
        "フリガナはひらがなかカタカナで入力してください。"
    ),
    "Too long.": "長すぎます。",
    "Contains a character that cannot be stored; retype it.": (
        "保存できない文字が含まれています。入力し直してください。"
    ),
    "Check this field.": "入力内容を確認してください。",
    "This slot is full now; choose another slot.": (
        "この枠は満席になりました。別の枠を選んでください。"
    ),
    "This slot is closed; choose another slot.": "この枠は休止中です。別の枠を選んでください。",
    "This slot has already begun; choose a later slot.": (
        "この枠はすでに始まっています。これより後の枠を選んでください。"
    ),
    "This caller may already have booking {receipt}.": (
        "この方はすでに予約（受付番号 {receipt}）をお持ちの可能性があります。"
    ),
    "Not a valid receipt number: a digit was misheard; ask again.": (
        "受付番号が正しくありません（聞き間違いの可能性があります）。もう一度お聞きください。"
    ),
    "A receipt number has 8 digits, like 1234-5678.": (
        "受付番号は 1234-5678 のような8桁の数字です。"
    ),
    "This booking's status does not allow that change.": (
        "この予約の状態では、その変更はできません。"
    ),
    "The account name or password is wrong.": "アカウント名またはパスワードが違います。",
    "Your role does not allow this; ask a supervisor.": (
        "この操作を行う権限がありません。責任者に依頼してください。"
    ),
    "Not found.": "見つかりません。",
    "The disk is full or failing; nothing was saved. Free some space and retry.": (
        "ディスクの容量不足または故障のため、保存されていません。空き容量を確保してからやり直してください。"
    ),
    "The vault is busy (another window is writing); try again in a moment.": (
        "予約データが使用中です（別の画面が書き込み中）。少し待ってからやり直してください。"
    ),
    "The vault cannot be used: {detail}": "予約データを使用できません：{detail}",
    # -- creating a vault (NewVaultDialog, RecoverySheetDialog) -------------------------------
    "Create a new vault": "新しい予約データの作成",
    "The new vault will be created at {path}.": "新しい予約データを {path} に作成します。",
    "Supervisor account": "責任者アカウント",
    "Repeat the password": "パスワード（確認）",
    "Supervisor &account": "責任者アカウント(&A)",
    "&Password (10 characters or more)": "パスワード（10文字以上）(&P)",
    "&Repeat the password": "パスワード（確認）(&R)",
    "Create": "作成",
    "Account names may hold letters, digits, '.', '_' and '-'.": (
        "アカウント名に使えるのは英字・数字と「.」「_」「-」だけです。"
    ),
    "The two passwords differ.": "2つのパスワードが一致しません。",
    "The password is too short: use at least 10 characters.": (
        "パスワードが短すぎます。10文字以上にしてください。"
    ),
    "Choose another password (not the account name, not a common one).": (
        "別のパスワードにしてください（アカウント名やよく使われるものは使えません）。"
    ),
    "Recovery sheet": "復旧キー",
    "This is the vault's recovery key. It opens the data without any password. Write it down or print it now, keep it in the locked safe, and never store it on this PC. It will not be shown again.": (  # noqa: E501
        "これは予約データの復旧キーです。パスワードなしでデータを開くことができます。"
        "いま書き写すか印刷して、施錠できる金庫に保管してください。このPCには保存しないでください。"
        "この画面は二度と表示されません。"
    ),
    "I have written down or printed the recovery key": "復旧キーを書き写した、または印刷した",
    "Create a new vault here, or open an existing vault file.": (
        "ここで新しい予約データを作成するか、既存の予約データのファイルを開いてください。"
    ),
    "Create a new vault…": "新しい予約データを作成…",
    # -- the lock (ui/lock.py, MainWindow) and copying ------------------------------------------
    "Locked": "ロック中",
    "The window was locked to protect residents' data. Enter the password of {account} to continue where you left off.": "住民の個人情報を守るため、画面をロックしました。{account} のパスワードを入力すると、中断したところから続けられます。",
    "Password of {account}": "{account} のパスワード",
    "&Unlock": "ロック解除(&U)",
    "Unlock": "ロック解除",
    "Log in as &another account…": "別のアカウントでログイン(&A)…",
    "Log in as another account": "別のアカウントでログイン",
    "Enter the password to unlock.": "ロックを解除するにはパスワードを入力してください。",
    "&Lock the window": "画面をロック(&L)",
    "The question that was open when the window locked was closed; nothing was changed. Do it again if it is still needed.": "ロックしたときに開いていた確認は閉じました。何も変更されていません。必要ならもう一度操作してください。",
    "Copied. The clipboard is cleared in {seconds} seconds.": "コピーしました。クリップボードは {seconds} 秒後に消去されます。",
}

# Where one English word needs different Japanese on one screen: (context, source) -> Japanese.
JA_BY_CONTEXT: dict[tuple[str, str], str] = {
    ("SlotTableModel", "Time"): "時間帯",
    ("SlotPicker", "Day"): "日付",
    # -- verification line (VerificationPanel and its models) ----------------------------------
    ("CandidateListModel", "(erased)"): "（消去済み）",
    ("MainWindow", "&Verification line"): "来場確認(&V)",
    ("VerificationPanel", "Calling center"): "電話元のセンター",
    ("VerificationPanel", "Calling &center"): "電話元センター(&C)",
    ("VerificationPanel", "Day of the visit"): "来場日",
    ("VerificationPanel", "&Day"): "日付(&D)",
    ("VerificationPanel", "&Today"): "今日(&T)",
    ("VerificationPanel", "Today"): "今日",
    ("VerificationPanel", "Receipt number as heard"): "聞き取った受付番号",
    (
        "VerificationPanel",
        "1234-5678 as heard; Enter checks",
    ): "聞き取ったとおり 1234-5678（Enter で照会）",
    ("VerificationPanel", "&Receipt number"): "受付番号(&R)",
    ("VerificationPanel", "Check (Enter)"): "照会 (Enter)",
    ("VerificationPanel", "Answer"): "照会結果",
    ("VerificationPanel", "Possible bookings (time and family name)"): "該当しうる予約（時間と姓）",
    ("VerificationPanel", "Mark attended (F5)"): "来場を記録 (F5)",
    ("VerificationPanel", "No-show"): "不来場",
    ("VerificationPanel", "Reveal name (Ctrl+R)"): "氏名を表示 (Ctrl+R)",
    ("VerificationPanel", "&Undo"): "元に戻す(&U)",
    ("VerificationPanel", "Undo the attendance record"): "来場記録を元に戻す",
    ("VerificationPanel", "Confirm without the number"): "番号なしで確認",
    ("VerificationPanel", "Reading of the visitor's name (kana)"): "来場者の氏名の読み（かな）",
    ("VerificationPanel", "e.g. やまだ (hiragana or katakana)"): "例：やまだ（ひらがな・カタカナ）",
    ("VerificationPanel", "Last 4 digits of the visitor's phone"): "来場者の電話番号の末尾4桁",
    ("VerificationPanel", "e.g. 5678"): "例：5678",
    ("VerificationPanel", "Confirm (Enter)"): "確認 (Enter)",
    ("VerificationPanel", "Times of the matching bookings"): "該当する予約の時間",
    ("VerificationPanel", "&Kana"): "フリガナ(&K)",
    ("VerificationPanel", "&Last 4 digits of phone"): "電話番号の末尾4桁(&L)",
    ("VerificationPanel", "Lost number: wider search"): "番号紛失：広く探す",
    ("VerificationPanel", "First kana of the reading"): "読みの最初のかな",
    ("VerificationPanel", "first kana, e.g. やま"): "最初のかな（例：やま）",
    ("VerificationPanel", "Last 4 digits of the phone (optional)"): "電話番号の末尾4桁（任意）",
    ("VerificationPanel", "last 4 digits (optional)"): "末尾4桁（任意）",
    ("VerificationPanel", "Search (Enter)"): "検索 (Enter)",
    ("VerificationPanel", "Bookings found (time and family name)"): "見つかった予約（時間と姓）",
    ("VerificationPanel", "Mark selected attended (F5)"): "選んだ予約の来場を記録 (F5)",
    ("VerificationPanel", "Kana &prefix"): "読みの先頭(&P)",
    ("VerificationPanel", "Last &4"): "末尾4桁(&4)",
    ("VerificationPanel", "End of day: mark no-shows…"): "終業：未来場を不来場にする…",
    ("VerificationPanel", "Print roster…"): "当日名簿を印刷…",
    ("VerificationPanel", "(no center chosen)"): "（センター未選択）",
    ("VerificationPanel", "Working on: {center}, {date}"): "対応中：{center}、{date}",
    ("VerificationPanel", " — not today"): " — 今日ではありません",
    ("VerificationPanel", "Mon"): "月",
    ("VerificationPanel", "Tue"): "火",
    ("VerificationPanel", "Wed"): "水",
    ("VerificationPanel", "Thu"): "木",
    ("VerificationPanel", "Fri"): "金",
    ("VerificationPanel", "Sat"): "土",
    ("VerificationPanel", "Sun"): "日",
    ("VerificationPanel", "{date} ({weekday})"): "{date}（{weekday}）",
    (
        "VerificationPanel",
        "Choose the calling center first.",
    ): "先に電話元のセンターを選んでください。",
    (
        "VerificationPanel",
        "Type the receipt number as heard and press Enter. Without a number, confirm with kana + last 4 digits.",
    ): "聞き取った受付番号を入力して Enter。番号がない場合は、フリガナと電話番号の末尾4桁で確認します。",
    ("VerificationPanel", "Booked"): "予約済み",
    ("VerificationPanel", "Attended"): "来場済み",
    ("VerificationPanel", "Cancelled"): "取消済み",
    ("VerificationPanel", "(erased)"): "（消去済み）",
    ("VerificationPanel", "Time: {start}–{end}"): "時間：{start}～{end}",
    ("VerificationPanel", "Status: {status}"): "状態：{status}",
    ("VerificationPanel", "Name: {name} / {kana}"): "氏名：{name} ／ {kana}",
    ("VerificationPanel", "Phone: ending {last4}"): "電話：末尾 {last4}",
    (
        "VerificationPanel",
        "Type the receipt number as heard.",
    ): "聞き取った受付番号を入力してください。",
    (
        "VerificationPanel",
        "This number is booked at {center} on {date} at {time}.",
    ): "この番号は {center} の {date} {time} の予約です。",
    (
        "VerificationPanel",
        "Not here on this day: send the visitor there.",
    ): "この会場・この日の予約ではありません。予約先をご案内ください。",
    (
        "VerificationPanel",
        "This booking was cancelled: the number is no longer valid.",
    ): "この予約は取り消されています。番号は無効です。",
    (
        "VerificationPanel",
        "No booking has this number: it was never issued.",
    ): "この番号の予約はありません（発行されていない番号です）。",
    (
        "VerificationPanel",
        "Ask for the number again, or confirm with kana + last 4 digits.",
    ): "もう一度番号を聞くか、フリガナと電話番号の末尾4桁で確認してください。",
    ("VerificationPanel", "Valid: booked here, {time}."): "有効：この会場の {time} の予約です。",
    ("VerificationPanel", "Already marked attended ({time})."): "すでに来場済みです（{time}）。",
    ("VerificationPanel", "Marked as a no-show ({time})."): "不来場として記録済みです（{time}）。",
    (
        "VerificationPanel",
        "A digit was misheard: this is not a valid receipt number.",
    ): "聞き間違いがあります：正しい受付番号ではありません。",
    (
        "VerificationPanel",
        "Ask the visitor for their time, or confirm with kana + last 4 digits. Bookings here on this day one digit away (choose one once the time is confirmed):",
    ): "来場者に予約の時間を聞くか、フリガナと電話番号の末尾4桁で確認してください。この会場・この日で1桁違いの予約（時間を確認してから選択）：",
    (
        "VerificationPanel",
        "No booking here on this day is one digit away: ask for the number again, or confirm with kana + last 4 digits.",
    ): "この会場・この日に1桁違いの予約はありません。もう一度番号を聞くか、フリガナと電話番号の末尾4桁で確認してください。",
    (
        "VerificationPanel",
        "Type the last 4 digits of the phone.",
    ): "電話番号の末尾4桁を入力してください。",
    ("VerificationPanel", "today"): "今日",
    (
        "VerificationPanel",
        "Matches one booking at this center {day}, {time}.",
    ): "この会場の{day} {time} の予約1件と一致します。",
    (
        "VerificationPanel",
        "No match at this center on this day. Check the reading and the digits.",
    ): "この会場・この日に一致する予約はありません。読みと数字を確かめてください。",
    (
        "VerificationPanel",
        "Several match: ask the visitor for their time (or the full reading), then choose it: {times}.",
    ): "複数の予約が一致します。来場者に時間（または氏名の読み全体）を聞いて選んでください：{times}",
    (
        "VerificationPanel",
        "Type the first kana of the reading, the last 4 phone digits, or both.",
    ): "読みの最初のかな、電話番号の末尾4桁、またはその両方を入力してください。",
    (
        "VerificationPanel",
        "No booking found at this center on this day.",
    ): "この会場・この日に該当する予約はありません。",
    (
        "VerificationPanel",
        "Nothing to mark yet: check a number, confirm with kana + last 4 digits, or choose a booking.",
    ): "まだ記録する予約がありません。番号を照会するか、フリガナと末尾4桁で確認するか、予約を選んでください。",
    ("VerificationPanel", "Marked attended: {time}, {name}."): "来場を記録しました：{time}、{name}",
    (
        "VerificationPanel",
        "Marked no-show: {time}, {name}.",
    ): "不来場を記録しました：{time}、{name}",
    (
        "VerificationPanel",
        "Undone: {time}, {name} is booked again.",
    ): "元に戻しました：{time}、{name} は予約済みに戻りました。",
    ("VerificationPanel", "Full name: {name} / {kana}"): "氏名：{name} ／ {kana}",
    (
        "VerificationPanel",
        "No booking of an ended slot is waiting: nothing to mark.",
    ): "終了した枠に未記録の予約はありません。",
    (
        "VerificationPanel",
        "Mark the {count} remaining booking(s) of ended slots at {center} on {date} as no-show?",
    ): "{center} の {date} の終了した枠で未来場の予約 {count} 件を不来場にしますか？",
    ("VerificationPanel", "{count} booking(s) marked no-show."): "{count} 件を不来場にしました。",
    (
        "VerificationPanel",
        "The roster could not be saved: {detail}",
    ): "名簿を保存できませんでした：{detail}",
    (
        "VerificationPanel",
        "Roster saved: {path} ({pages} page(s)).",
    ): "名簿を保存しました：{path}（{pages} ページ）",
    ("VerificationPanel", "Please confirm"): "確認",
    ("VerificationPanel", "Save the roster"): "名簿の保存",
    ("VerificationPanel", "PDF (*.pdf)"): "PDF (*.pdf)",
    (
        "HelpDialog",
        "Verification line (calls from support workers)",
    ): "来場確認（支援員からの電話）",
    ("HelpDialog", "Verification line: mark the visitor attended"): "来場確認：来場済にする",
    (
        "HelpDialog",
        "Verification line: reveal the masked name (recorded)",
    ): "来場確認：伏せた氏名を表示（記録されます）",
    ("ChangePasswordDialog", "Choose your own password"): "自分のパスワードの設定",
    (
        "ChangePasswordDialog",
        "This is a one-time initial password. Choose your own (10 characters or more).",
    ): "これは一度だけ使える初期パスワードです。自分のパスワード（10文字以上）を設定してください。",
    ("ChangePasswordDialog", "New password"): "新しいパスワード",
    ("ChangePasswordDialog", "Repeat the new password"): "新しいパスワード（確認）",
    ("ChangePasswordDialog", "&New password"): "新しいパスワード(&N)",
    ("ChangePasswordDialog", "&Repeat"): "確認(&R)",
    ("ChangePasswordDialog", "The two passwords differ."): "2つのパスワードが一致しません。",
    (
        "ChangePasswordDialog",
        "Choose another password: 10 characters or more, not the account name, not a common password.",
    ): "別のパスワードにしてください（10文字以上、アカウント名やよく使われるものは不可）。",
    (
        "HelpDialog",
        "Audit log (supervisors: everyone's, with export)",
    ): "操作ログ（責任者は全員分を表示・出力）",
    (
        "HelpDialog",
        "Lock the window (it also locks after 5 idle minutes)",
    ): "画面をロック（5分間操作がないと自動でロック）",
    (
        "HelpDialog",
        "Find and change: copy the name or phone (cleared after 30 s)",
    ): "検索・変更：氏名または電話番号をコピー（30秒後に消去）",
    (
        "LoginDialog",
        "The initial password must be changed before work.",
    ): "業務を始める前に初期パスワードを変更してください。",
    (
        "LoginDialog",
        "Several failed attempts: please wait {n} seconds.",
    ): "ログインの失敗が続いたため、{n}秒お待ちください。",
    ("MainWindow", "&Audit log"): "操作ログ(&A)",
    # -- accounts (AccountsPanel and its dialogs, supervisors only) -----------------------------
    ("MainWindow", "Acco&unts"): "アカウント(&U)",
    ("HelpDialog", "Accounts (supervisors only)"): "アカウント管理（責任者のみ）",
    ("AccountTableModel", "Role"): "役割",
    ("AccountTableModel", "Removed"): "削除済",
    ("AccountTableModel", "Disabled"): "停止中",
    ("AccountTableModel", "Must change password"): "パスワード変更待ち",
    ("AccountTableModel", "Active"): "有効",
    ("AccountsPanel", "Accounts"): "アカウント一覧",
    ("AccountsPanel", "Add accou&nt…"): "アカウントを追加(&N)…",
    ("AccountsPanel", "Add an account"): "アカウントを追加",
    ("AccountsPanel", "&Reset password…"): "パスワードを再設定(&R)…",
    (
        "AccountsPanel",
        "Reset the selected account's password",
    ): "選んだアカウントのパスワードを再設定",
    ("AccountsPanel", "&Disable"): "停止(&D)",
    ("AccountsPanel", "Disable the selected account"): "選んだアカウントを停止",
    ("AccountsPanel", "&Enable"): "再開(&E)",
    ("AccountsPanel", "Enable the selected account"): "選んだアカウントを再開",
    ("AccountsPanel", "Re&move…"): "削除(&M)…",
    ("AccountsPanel", "Remove the selected account"): "選んだアカウントを削除",
    ("AccountsPanel", "Change r&ole…"): "役割を変更(&O)…",
    ("AccountsPanel", "Change the selected account's role"): "選んだアカウントの役割を変更",
    ("AccountsPanel", "Accounts message"): "アカウント操作のメッセージ",
    (
        "AccountsPanel",
        "Account {account} added. Give the initial password to the person in person; they must change it at their first login.",  # noqa: E501
    ): "アカウント {account} を追加しました。初期パスワードは本人に直接手渡してください。最初のログインで本人が変更します。",  # noqa: E501
    ("AccountsPanel", "New password for {account}"): "{account} の新しいパスワード",
    (
        "AccountsPanel",
        "New one-time password set for {account}. Give it to the person in person; they must change it at their next login.",  # noqa: E501
    ): "{account} に新しい初期パスワードを設定しました。本人に直接手渡してください。次のログインで本人が変更します。",  # noqa: E501
    ("AccountsPanel", "{account} is disabled and cannot log in."): (
        "{account} を停止しました。ログインできません。"
    ),
    ("AccountsPanel", "{account} can log in again."): "{account} は再びログインできます。",
    (
        "AccountsPanel",
        "Remove {account}? Its key slot is destroyed: the account can never log in again, and its name cannot be given to anyone else. The audit log keeps its entries.",  # noqa: E501
    ): "{account} を削除しますか？鍵スロットが破棄され、このアカウントは二度とログインできません。同じ名前をほかの人に使うこともできません。操作ログの記録は残ります。",  # noqa: E501
    ("AccountsPanel", "{account} is removed; its key slot is destroyed."): (
        "{account} を削除しました。鍵スロットは破棄されました。"
    ),
    ("AccountsPanel", "{account} is now {role}."): "{account} の役割を{role}にしました。",
    ("NewAccountDialog", "Add account"): "アカウントの追加",
    ("NewAccountDialog", "Account name"): "アカウント名",
    ("NewAccountDialog", "Role"): "役割",
    ("NewAccountDialog", "Account &name"): "アカウント名(&N)",
    ("NewAccountDialog", "R&ole"): "役割(&O)",
    (
        "PasswordDialog",
        "{account} must change this password at the next login. The account's old key slot is replaced.",  # noqa: E501
    ): "{account} は次のログインでこのパスワードを変更します。このアカウントの古い鍵スロットは置き換えられます。",  # noqa: E501
    ("RoleDialog", "Change role"): "役割の変更",
    ("RoleDialog", "New role of {account}"): "{account} の新しい役割",
    ("RoleDialog", "Role of {account}"): "{account} の役割",
    ("_PasswordFields", "One-time password"): "初期パスワード",
    ("_PasswordFields", "Repeat the one-time password"): "初期パスワード（確認）",
    (
        "_PasswordFields",
        "At least {length} characters (a few words are easy to remember); not the account name, not a common password.",  # noqa: E501
    ): "{length}文字以上（いくつかの単語を並べると覚えやすい）。アカウント名やよくあるパスワードは使えません。",
    ("_PasswordFields", "One-time &password"): "初期パスワード(&P)",
    ("_PasswordFields", "&Repeat it"): "確認(&R)",
    ("_PasswordFields", "Too short: use at least {length} characters."): (
        "短すぎます。{length}文字以上にしてください。"
    ),
    ("_PasswordFields", "The password must not be the account name."): (
        "アカウント名をパスワードにはできません。"
    ),
    ("_PasswordFields", "This password is too common; choose another one."): (
        "よく使われるパスワードです。別のものにしてください。"
    ),
    (
        "errors",
        "This is the last active supervisor: add or enable another supervisor first.",
    ): "有効な責任者はこのアカウントだけです。先に別の責任者を追加するか有効にしてください。",
    (
        "errors",
        "An account with this name already exists.",
    ): "同じ名前のアカウントがすでにあります。",
    (
        "errors",
        "This name belonged to a removed account; choose another name.",
    ): "この名前は削除済みのアカウントのものです。別の名前にしてください。",
    ("MainWindow", "&Idle lock time (all seats)…"): "自動ロックまでの時間（全席）(&I)…",
    ("MainWindow", "Idle lock"): "自動ロック",
    (
        "MainWindow",
        "Minutes without input before a window locks (1–60):",
    ): "操作がないまま画面をロックするまでの分数（1〜60）：",
    (
        "MainWindow",
        "Windows now lock after {n} minutes without input.",
    ): "今後、{n}分間操作がないと画面をロックします。",
}

# -- the end-of-contract tab, banners, handover and erasure dialogs (issue 6) ------------------
_CONTRACT_PANEL = {
    "Contract": "契約",
    "Contractor": "受託者",
    "Client (ward)": "委託元（区）",
    "Contract start": "契約開始日",
    "Contract end": "契約終了日",
    "Hand over and erase by": "引渡し・消去の期限",
    "Close 12/29–1/3 when generating slots": "予約枠を作るとき 12/29〜1/3 を休止にする",
    "Year-end closure": "年末年始の休止",
    "Contractor:": "受託者：",
    "Client (ward):": "委託元（区）：",
    "Contract start:": "契約開始日：",
    "Contract end:": "契約終了日：",
    "Hand over and erase by:": "引渡し・消去の期限：",
    "&Save the contract": "契約を保存(&S)",
    "Save the contract": "契約を保存",
    "Backups": "バックアップ",
    "&Back up now…": "今すぐバックアップ(&B)…",
    "Back up now": "今すぐバックアップ",
    "End of contract": "契約終了",
    "Export the &handover package…": "引渡しパッケージを作成(&H)…",
    "Export the handover package": "引渡しパッケージを作成",
    "&Erase the vault…": "予約データを消去(&E)…",
    "Erase the vault": "予約データを消去",
    "Register of copies": "写しの管理簿",
    "Every file that left the vault. Close each copy when it is destroyed or handed over; the vault can be erased only when none is open.": "予約データから書き出したすべてのファイルです。廃棄または引渡しをしたら記録してください。未処理の写しが残っている間は予約データを消去できません。",
    "No.": "番号",
    "Kind": "種類",
    "Made": "作成日時",
    "By": "作成者",
    "People": "人数",
    "Status": "状態",
    "Where": "保存先",
    "Mark &destroyed…": "廃棄済みにする(&D)…",
    "Mark destroyed": "廃棄済みにする",
    "Mark handed &over…": "引渡し済みにする(&O)…",
    "Mark handed over": "引渡し済みにする",
    "&Who is in it?": "含まれる人(&W)",
    "Who is in this copy": "この写しに含まれる人",
    "handover": "引渡しパッケージ",
    "audit export": "監査ログの書き出し",
    "disclosure": "開示書",
    "correction notice": "訂正通知",
    "call-back list": "折り返し電話リスト",
    "backup": "バックアップ",
    "day roster": "当日名簿",
    "open": "未処理",
    "destroyed": "廃棄済",
    "handed over": "引渡済",
    "Last backup: {when}.": "最後のバックアップ：{when}",
    "No backup has been made yet.": "まだバックアップがありません。",
    "Make a backup: the last one is more than a day old.": "最後のバックアップから1日以上たっています。バックアップを取ってください。",
    "When the contract ends: export the handover package for the ward, close every copy in the register, then erase the vault.": "契約終了時：区に渡す引渡しパッケージを作成し、管理簿の写しをすべて処理してから、予約データを消去します。",
    "The contract has ended: export the handover package for the ward.": "契約が終了しました。区に渡す引渡しパッケージを作成してください。",
    "The handover was exported on {day}: close the open copies and erase the vault.": "{day} に引渡しパッケージを作成しました。未処理の写しを処理し、予約データを消去してください。",
    "{n} open copies; {people} people's data counted once per copy.": "未処理の写し {n} 件（延べ {people} 人分のデータ）",
    "Write dates like 2027-03-31.": "日付は 2027-03-31 のように入力してください。",
    "The contract ends before it starts; check the two dates.": "契約終了日が開始日より前です。日付を確認してください。",
    "The hand-over-and-erase date must not be before the contract's end.": "引渡し・消去の期限は契約終了日より前にできません。",
    "The contract's facts were saved.": "契約の情報を保存しました。",
    "Not done": "実行できませんでした",
    "Choose the backup drive or folder": "バックアップ先のドライブまたはフォルダを選択",
    "Backed up and verified: {folder}": "バックアップして検証しました：{folder}",
    "Close copy #{n}": "写し #{n} の処理",
    "How was it destroyed, or who received it? (optional)": "廃棄の方法、または受け取った人（任意）：",
    "Copy #{n} holds {people} people's data.": "写し #{n} には {people} 人分のデータが含まれています。",
    "More than 1,000 people: if it is lost, report the leak to the Personal Information Protection Commission (preliminary report within 3 to 5 days).": "1,000人を超えています。紛失した場合は個人情報保護委員会への漏えい等報告が必要です（速報は3〜5日以内）。",
    "Who is in it": "含まれる人",
    "Handover package": "引渡しパッケージ",
    "The package is in {folder} ({n} reservations). Give the ward the folder and, separately, the password. Then mark this copy handed over in the register.": "パッケージを {folder} に作成しました（予約 {n} 件）。フォルダを区に渡し、パスワードは別の経路で伝えてください。その後、管理簿でこの写しを引渡し済みにしてください。",
    "Erase the vault now? This cannot be undone.": "予約データを今すぐ消去しますか？元に戻せません。",
}
_HANDOVER_DIALOG = {
    "New or empty folder": "新しい（空の）フォルダ",
    "Choose…": "選択…",
    "Choose the folder": "フォルダを選択",
    "New or empty folder:": "新しい（空の）フォルダ：",
    "Package password": "パッケージのパスワード",
    "Repeat the password": "パスワード（確認）",
    "Package password:": "パッケージのパスワード：",
    "Repeat the password:": "パスワード（確認）：",
    "Choose a new or empty folder.": "新しいフォルダか空のフォルダを選んでください。",
    "The password needs at least 12 characters.": "パスワードは12文字以上にしてください。",
    "The two passwords differ.": "2つのパスワードが一致しません。",
}
_ERASURE_DIALOG = {
    "Erase the vault": "予約データを消去",
    "Erasure destroys the key file and then the database: nobody can open this vault again. Do it only after the ward has received the handover package. A certificate is written for signing; backups and paper recovery sheets listed on it must then be destroyed under witness.": "消去すると鍵ファイルとデータベースが破棄され、誰もこの予約データを開けなくなります。区が引渡しパッケージを受け取った後にだけ行ってください。署名用の消去証明書を作成します。証明書に載るバックアップと紙の復旧シートは、立会いのもとで廃棄してください。",
    "Your password": "あなたのパスワード",
    "Your password:": "あなたのパスワード：",
    "Type ERASE": "ERASE と入力",
    "Type ERASE:": "ERASE と入力：",
    "Certificate file": "証明書のファイル",
    "Choose…": "選択…",
    "Choose the certificate file": "証明書の保存先を選択",
    "Certificate (PDF):": "消去証明書（PDF）：",
    "Erase anyway (the reason goes on the certificate)": "それでも消去する（理由を証明書に記載）",
    "Erase anyway": "それでも消去する",
    "Reason": "理由",
    "Reason:": "理由：",
    "Enter your password.": "パスワードを入力してください。",
    "Type ERASE in capitals to confirm.": "確認のため大文字で ERASE と入力してください。",
    "Choose where the certificate is saved.": "証明書の保存先を選んでください。",
    "Resolve the problems listed above, or erase anyway.": "上の問題を解決するか、「それでも消去する」を選んでください。",
    "Give the reason for erasing anyway.": "それでも消去する理由を入力してください。",
}
_MAIN_WINDOW_6 = {
    "Contract and &copies": "契約・写しの管理(&C)",
    "Open the tab": "タブを開く",
    "The contract ended on {day}: the data must be handed over to the ward and then erased.": "契約は {day} に終了しました。データを区に引き渡し、その後消去してください。",
    "The contract ended on {day} and the handover was exported: erase the vault.": "契約は {day} に終了し、引渡しパッケージも作成済みです。予約データを消去してください。",
    "The last backup was made on {when}; make one today.": "最後のバックアップは {when} です。今日のバックアップを取ってください。",
    "No backup has been made yet; make one today.": "まだバックアップがありません。今日のバックアップを取ってください。",
    "The vault is erased": "予約データを消去しました",
    "The vault is erased. Print the certificate {path}, have it signed, and destroy the backups and paper recovery sheets it lists under witness. The window closes now.": "予約データを消去しました。消去証明書 {path} を印刷して署名を受け、証明書に載るバックアップと紙の復旧シートを立会いのもとで廃棄してください。画面を閉じます。",
}
JA_BY_CONTEXT.update({("ContractPanel", k): v for k, v in _CONTRACT_PANEL.items()})
JA_BY_CONTEXT.update({("HandoverDialog", k): v for k, v in _HANDOVER_DIALOG.items()})
JA_BY_CONTEXT.update({("ErasureDialog", k): v for k, v in _ERASURE_DIALOG.items()})
JA_BY_CONTEXT.update({("MainWindow", k): v for k, v in _MAIN_WINDOW_6.items()})

# -- statistics dashboard (issue 6) ----
JA_BY_CONTEXT.update(
    {
        ("StatisticsTableModel", "Day"): "日付",
        ("StatisticsTableModel", "Center"): "地域センター",
        ("StatisticsTableModel", "Capacity"): "定員",
        ("StatisticsTableModel", "Booked"): "予約数",
        ("StatisticsTableModel", "Fill rate"): "予約率",
        ("StatisticsTableModel", "Attended"): "来場済",
        ("StatisticsTableModel", "No-show"): "不来場",
        ("StatisticsTableModel", "Cancelled"): "取消",
        ("StatisticsTableModel", "Still to come"): "来場予定",
        ("StatisticsTableModel", "Closed slots"): "休止枠",
        ("StatisticsTableModel", "Total"): "合計",
        ("DashboardPanel", "First day"): "開始日",
        ("DashboardPanel", "Last day"): "終了日",
        ("DashboardPanel", "Center"): "地域センター",
        ("DashboardPanel", "Per &day"): "日別(&D)",
        ("DashboardPanel", "Show per day"): "日別に表示",
        ("DashboardPanel", "Per cen&ter"): "センター別(&T)",
        ("DashboardPanel", "Show per center"): "地域センター別に表示",
        ("DashboardPanel", "Save chart as &PNG…"): "グラフを PNG で保存(&P)…",
        ("DashboardPanel", "Save the chart as a PNG picture"): "グラフを PNG 画像として保存",
        ("DashboardPanel", "Save table as &CSV…"): "表を CSV で保存(&C)…",
        ("DashboardPanel", "Save the table as a CSV file"): "表を CSV ファイルとして保存",
        ("DashboardPanel", "Pe&riod"): "期間(&R)",
        ("DashboardPanel", "C&enter"): "地域センター(&E)",
        ("DashboardPanel", "Capacity"): "定員",
        ("DashboardPanel", "Booked"): "予約数",
        ("DashboardPanel", "Fill rate"): "予約率",
        ("DashboardPanel", "Attended"): "来場済",
        ("DashboardPanel", "No-show"): "不来場",
        ("DashboardPanel", "Cancelled"): "取消",
        ("DashboardPanel", "Still to come"): "来場予定",
        ("DashboardPanel", "Statistics table"): "統計の表",
        ("DashboardPanel", "All centers"): "すべての地域センター",
        ("DashboardPanel", "The last day is before the first day."): "終了日が開始日より前です。",
        ("DashboardPanel", "No slots in this period."): "この期間に予約枠はありません。",
        ("DashboardPanel", "CSV files (*.csv)"): "CSV ファイル (*.csv)",
        ("DashboardPanel", "PNG pictures (*.png)"): "PNG 画像 (*.png)",
        ("DashboardPanel", "Save statistics"): "統計を保存",
        ("DashboardPanel", "Saved the chart to {path}."): "グラフを {path} に保存しました。",
        ("DashboardPanel", "Saved {rows} rows to {path}."): "{rows} 行を {path} に保存しました。",
        ("BarChart", "Chart of bookings and capacity"): "予約数と定員のグラフ",
        (
            "BarChart",
            "{count} bars; {booked} booked of {capacity} seats",
        ): "棒 {count} 本、定員 {capacity} 席に予約 {booked} 件",
        ("BarChart", "Attended"): "来場済",
        ("BarChart", "No-show"): "不来場",
        ("BarChart", "Still to come"): "来場予定",
        ("BarChart", "Capacity"): "定員",
        ("BarChart", "% = fill rate (booked / capacity)"): "% = 予約率（予約数 ÷ 定員）",
        (
            "BarChart",
            "{what}\nBooked {booked} of {capacity} seats ({rate})\nAttended {attended} · No-show {no_show} · Still to come {to_come}",
        ): "{what}\n定員 {capacity} 席に予約 {booked} 件（{rate}）\n来場済 {attended}・不来場 {no_show}・来場予定 {to_come}",
    }
)

# -- slot planning and call-backs (issue 6) ----
JA_BY_CONTEXT.update(
    {
        ("PlanPreviewModel", "Year-end closure"): "年末年始休業",
        ("PlanPreviewModel", "Exception date"): "除外日",
        ("PlanPreviewModel", "Date"): "日付",
        ("PlanPreviewModel", "Day"): "曜日",
        ("PlanPreviewModel", "New slots"): "新しい予約枠",
        ("PlanPreviewModel", "Existing"): "既存",
        ("PlanPreviewModel", "Note"): "備考",
        ("PlanPreviewModel", "Holiday: {name}"): "祝日：{name}",
        ("PlanPreviewModel", "{count} exist already"): "{count} 枠は作成済み",
        ("PlanPreviewModel", "{count} already begun"): "{count} 枠は開始済み",
        ("PlanPreviewModel", "Mon"): "月",
        ("PlanPreviewModel", "Tue"): "火",
        ("PlanPreviewModel", "Wed"): "水",
        ("PlanPreviewModel", "Thu"): "木",
        ("PlanPreviewModel", "Fri"): "金",
        ("PlanPreviewModel", "Sat"): "土",
        ("PlanPreviewModel", "Sun"): "日",
        ("DaySlotModel", "Time"): "時間",
        ("DaySlotModel", "Booked / capacity"): "予約数 / 定員",
        ("DaySlotModel", "State"): "状態",
        ("DaySlotModel", "Open"): "受付中",
        ("DaySlotModel", "Closed"): "休止",
        ("ImportPreviewModel", "New"): "新規",
        ("ImportPreviewModel", "Change"): "変更",
        ("ImportPreviewModel", "Unchanged"): "変更なし",
        ("ImportPreviewModel", "Error"): "エラー",
        ("ImportPreviewModel", "Line"): "行",
        ("ImportPreviewModel", "Center"): "地域センター",
        ("ImportPreviewModel", "Date"): "日付",
        ("ImportPreviewModel", "Time"): "時間",
        ("ImportPreviewModel", "Capacity"): "定員",
        ("ImportPreviewModel", "Now"): "現在",
        ("ImportPreviewModel", "Problem"): "問題",
        (
            "ImportPreviewModel",
            "{time}, {capacity} seats, {booked} booked",
        ): "{time}、定員 {capacity}、予約 {booked}",
        ("SlotPlanningPanel", "Slot planning"): "予約枠の計画",
        ("SlotPlanningPanel", "&Generate slots"): "予約枠の作成(&G)",
        ("SlotPlanningPanel", "Close or &reopen"): "休止・再開(&R)",
        ("SlotPlanningPanel", "&Import CSV"): "CSV 取り込み(&I)",
        ("SlotPlanningPanel", "Centers"): "地域センター",
        ("SlotPlanningPanel", "New center's name"): "新しい地域センターの名前",
        ("SlotPlanningPanel", "&Add center"): "地域センターを追加(&A)",
        ("SlotPlanningPanel", "Add the center"): "地域センターを追加",
        ("SlotPlanningPanel", "First day"): "初日",
        ("SlotPlanningPanel", "Last day"): "最終日",
        ("SlotPlanningPanel", "Day starts"): "開始時刻",
        ("SlotPlanningPanel", "Day ends"): "終了時刻",
        ("SlotPlanningPanel", "Minutes per slot"): "1枠の分数",
        ("SlotPlanningPanel", " min"): " 分",
        ("SlotPlanningPanel", "Seats per slot"): "1枠の定員",
        ("SlotPlanningPanel", "Close on public &holidays"): "祝日は休止(&H)",
        ("SlotPlanningPanel", "Close on public holidays"): "祝日は休止",
        ("SlotPlanningPanel", "Year-end closure 12/29–1/3"): "年末年始休業 12/29〜1/3",
        (
            "SlotPlanningPanel",
            "Preset from the contract settings.",
        ): "契約の設定から初期値を取っています。",
        ("SlotPlanningPanel", "Other days to leave out"): "ほかに除外する日",
        ("SlotPlanningPanel", "e.g. 2027-02-10, 2027-02-24"): "例：2027-02-10, 2027-02-24",
        ("SlotPlanningPanel", "Period"): "期間",
        ("SlotPlanningPanel", "Days of the week"): "曜日",
        ("SlotPlanningPanel", "Daily times"): "1日の時間帯",
        ("SlotPlanningPanel", "Also leave out"): "除外日",
        ("SlotPlanningPanel", "&Preview"): "プレビュー(&P)",
        ("SlotPlanningPanel", "Preview the slots to create"): "作成する予約枠をプレビュー",
        ("SlotPlanningPanel", "&Create slots"): "予約枠を作成(&C)",
        ("SlotPlanningPanel", "Create the previewed slots"): "プレビューした予約枠を作成",
        (
            "SlotPlanningPanel",
            "Preview first: it lists every day, the holidays left out by name, and the slots that exist already (they stay as they are). Nothing is saved until you press Create slots.",
        ): "まずプレビューしてください。日ごとの予約枠、除外する祝日（名称つき）、作成済みの予約枠（そのまま残します）を表示します。「予約枠を作成」を押すまで何も保存しません。",
        ("SlotPlanningPanel", "Preview by day"): "日ごとのプレビュー",
        ("SlotPlanningPanel", "Day"): "日",
        ("SlotPlanningPanel", "Slots of the day"): "この日の予約枠",
        ("SlotPlanningPanel", "Reason for closing"): "休止の理由",
        ("SlotPlanningPanel", "e.g. building inspection"): "例：館内設備点検のため",
        ("SlotPlanningPanel", "Close &slot"): "この予約枠を休止(&S)",
        ("SlotPlanningPanel", "Close the selected slot"): "選んだ予約枠を休止",
        ("SlotPlanningPanel", "Close whole &day"): "終日休止(&D)",
        ("SlotPlanningPanel", "Close every slot of the day"): "この日の予約枠をすべて休止",
        ("SlotPlanningPanel", "Reopen slo&t"): "この予約枠を再開(&T)",
        ("SlotPlanningPanel", "Reopen the selected slot"): "選んだ予約枠を再開",
        ("SlotPlanningPanel", "Reopen whole da&y"): "終日再開(&Y)",
        (
            "SlotPlanningPanel",
            "Reopen every closed slot of the day",
        ): "この日の休止中の予約枠をすべて再開",
        ("SlotPlanningPanel", "Call-back list"): "折り返し連絡リスト",
        ("SlotPlanningPanel", "Save as &PDF…"): "PDF で保存…(&P)",
        ("SlotPlanningPanel", "Save the call-back list as PDF"): "折り返し連絡リストを PDF で保存",
        ("SlotPlanningPanel", "Save as CS&V…"): "CSV で保存…(&V)",
        ("SlotPlanningPanel", "Save the call-back list as CSV"): "折り返し連絡リストを CSV で保存",
        ("SlotPlanningPanel", "Dat&e"): "日付(&E)",
        ("SlotPlanningPanel", "Reas&on"): "理由(&O)",
        (
            "SlotPlanningPanel",
            "Say why the slot is closed: it is read to the people called back.",
        ): "休止の理由を入力してください。折り返し連絡のときに予約者へ伝えます。",
        ("SlotPlanningPanel", "A day in the past cannot be closed."): "過去の日は休止できません。",
        (
            "SlotPlanningPanel",
            "The same CSV as 'resdesk slots import': center, date, start, end, capacity. Nothing is saved until you press Apply.",
        ): "「resdesk slots import」と同じ CSV（地域センター、日付、開始、終了、定員）です。「適用」を押すまで何も保存しません。",
        ("SlotPlanningPanel", "C&hoose CSV file…"): "CSV ファイルを選ぶ…(&H)",
        ("SlotPlanningPanel", "Choose the CSV file to import"): "取り込む CSV ファイルを選ぶ",
        (
            "SlotPlanningPanel",
            "Add &new centers named in the file",
        ): "ファイルにある新しい地域センターを追加(&N)",
        (
            "SlotPlanningPanel",
            "Add new centers named in the file",
        ): "ファイルにある新しい地域センターを追加",
        ("SlotPlanningPanel", "What the import will change"): "取り込みで変わる内容",
        ("SlotPlanningPanel", "A&pply"): "適用(&P)",
        ("SlotPlanningPanel", "Apply the import"): "取り込みを適用",
        ("SlotPlanningPanel", "Please confirm"): "確認",
        ("SlotPlanningPanel", "PDF (*.pdf)"): "PDF (*.pdf)",
        ("SlotPlanningPanel", "CSV (*.csv)"): "CSV (*.csv)",
        ("SlotPlanningPanel", "Save the call-back list"): "折り返し連絡リストの保存",
        ("SlotPlanningPanel", "Choose the slot CSV"): "予約枠の CSV を選ぶ",
        ("SlotPlanningPanel", "CSV (*.csv);;All files (*)"): "CSV (*.csv);;すべてのファイル (*)",
        ("SlotPlanningPanel", "every"): "ごと",
        (
            "SlotPlanningPanel",
            "The form changed: preview again.",
        ): "入力が変わりました。もう一度プレビューしてください。",
        ("SlotPlanningPanel", "Nothing to create."): "作成する予約枠はありません。",
        (
            "SlotPlanningPanel",
            "The first day must be today or later.",
        ): "初日は今日以降にしてください。",
        (
            "SlotPlanningPanel",
            "The last day must not be before the first, and at most a year on.",
        ): "最終日は初日以降、1年以内にしてください。",
        (
            "SlotPlanningPanel",
            "Tick at least one day of the week.",
        ): "曜日を1つ以上選んでください。",
        (
            "SlotPlanningPanel",
            "Not even one slot fits between the start and the end.",
        ): "開始と終了の間に予約枠が1つも入りません。",
        ("SlotPlanningPanel", "A slot lasts 5 to 480 minutes."): "1枠は5分から480分です。",
        (
            "SlotPlanningPanel",
            "Add or choose a center first.",
        ): "先に地域センターを追加するか選んでください。",
        (
            "SlotPlanningPanel",
            "Write the days to leave out like 2027-02-10, separated by commas.",
        ): "除外日は 2027-02-10 のように、カンマで区切って入力してください。",
        ("SlotPlanningPanel", "Reopened {count} slots."): "{count} 枠を再開しました。",
        (
            "SlotPlanningPanel",
            "Call-back list: appears here after closing a slot or a day.",
        ): "折り返し連絡リスト：予約枠または終日を休止すると、ここに表示されます。",
        (
            "SlotPlanningPanel",
            "{new} new, {changed} changed, {same} unchanged",
        ): "新規 {new}、変更 {changed}、変更なし {same}",
        ("SlotPlanningPanel", "Added {name}."): "{name}を追加しました。",
        (
            "SlotPlanningPanel",
            "Created {slots} slots on {days} days at {center}.",
        ): "{center}に {days} 日分、{slots} 枠の予約枠を作成しました。",
        (
            "SlotPlanningPanel",
            "{slots} slots on {days} days at {center} will be created.",
        ): "{center}に {days} 日分、{slots} 枠の予約枠を作成します。",
        (
            "SlotPlanningPanel",
            "Close all {count} open slots of {day}? {booked} bookings will be put on the call-back list.",
        ): "{day} の受付中の予約枠 {count} 枠をすべて休止しますか？ 予約 {booked} 件が折り返し連絡リストに入ります。",
        (
            "SlotPlanningPanel",
            "Close the slot {time} on {day}? {booked} bookings will be put on the call-back list.",
        ): "{day} {time} の予約枠を休止しますか？ 予約 {booked} 件が折り返し連絡リストに入ります。",
        (
            "SlotPlanningPanel",
            "Closed {closed} slots; {callbacks} bookings to call back.",
        ): "{closed} 枠を休止しました。折り返し連絡が必要な予約は {callbacks} 件です。",
        (
            "SlotPlanningPanel",
            "Saved {path}; it is entered in the register of copies.",
        ): "{path} を保存しました。写しの管理簿に登録済みです。",
        ("SlotPlanningPanel", "; new centers: {names}"): "、新しい地域センター：{names}",
        (
            "SlotPlanningPanel",
            "{errors} lines have problems: fix the file and choose it again. Nothing will be imported while any line is wrong.",
        ): "{errors} 行に問題があります。ファイルを直してから選び直してください。問題のある行がある間は何も取り込みません。",
        (
            "SlotPlanningPanel",
            "Some centers are unknown: tick 'Add new centers' if they are new.",
        ): "登録されていない地域センターがあります。新しいセンターなら「新しい地域センターを追加」にチェックしてください。",
        (
            "SlotPlanningPanel",
            "Imported: {new} new, {changed} changed, {same} unchanged.",
        ): "取り込みました：新規 {new}、変更 {changed}、変更なし {same}。",
        (
            "SlotPlanningPanel",
            "A center with this name exists already.",
        ): "この名前の地域センターは既にあります。",
        (
            "SlotPlanningPanel",
            "{count} slots exist already and stay as they are.",
        ): "{count} 枠は作成済みのため、そのままにします。",
        ("SlotPlanningPanel", "{count} days left out"): "{count} 日を除外",
        ("SlotPlanningPanel", " (holidays: {names})"): "（祝日：{names}）",
        ("SlotPlanningPanel", "Seats per slot: 1 to {max}."): "1枠の定員は1から{max}です。",
        (
            "SlotPlanningPanel",
            "{count} call-backs for them are still open: operators record Kept or rebook.",
        ): "これらの予約枠の折り返し連絡が {count} 件残っています。オペレーターが「そのまま」を記録するか、振替してください。",
        (
            "SlotPlanningPanel",
            "Call-back list for {what}: {count} bookings (reason: {reason})",
        ): "折り返し連絡リスト（{what}）：{count} 件（理由：{reason}）",
        (
            "SlotPlanningPanel",
            "Type the new center's name first.",
        ): "先に新しい地域センターの名前を入力してください。",
        ("SlotPlanningPanel", "Mon"): "月",
        ("SlotPlanningPanel", "Tue"): "火",
        ("SlotPlanningPanel", "Wed"): "水",
        ("SlotPlanningPanel", "Thu"): "木",
        ("SlotPlanningPanel", "Fri"): "金",
        ("SlotPlanningPanel", "Sat"): "土",
        ("SlotPlanningPanel", "Sun"): "日",
        ("CallbackTableModel", "(erased)"): "（消去済）",
        ("CallbackTableModel", "To call"): "未連絡",
        ("CallbackTableModel", "Rebooked"): "振替済",
        ("CallbackTableModel", "Cancelled"): "取消",
        ("CallbackTableModel", "Unreachable, call again"): "不通（再連絡）",
        ("CallbackTableModel", "Kept (slot reopened)"): "そのまま（予約枠再開）",
        ("CallbackTableModel", "No."): "番号",
        ("CallbackTableModel", "Receipt"): "受付番号",
        ("CallbackTableModel", "Name"): "氏名",
        ("CallbackTableModel", "Kana"): "フリガナ",
        ("CallbackTableModel", "Phone"): "電話番号",
        ("CallbackTableModel", "Original slot"): "元の予約枠",
        ("CallbackTableModel", "Reason"): "休止理由",
        ("CallbackTableModel", "Outcome"): "結果",
        (
            "CallbackPanel",
            "These bookings are in slots that were closed. Call each person, offer another slot, and record what they chose. Unreachable ones stay on the list.",
        ): "これらの予約は休止した予約枠に入っています。各予約者に電話して別の予約枠を案内し、結果を記録してください。つながらなかった予約はリストに残ります。",
        ("CallbackPanel", "Show &finished call-backs too"): "完了した連絡も表示(&F)",
        ("CallbackPanel", "Show finished call-backs too"): "完了した連絡も表示",
        ("CallbackPanel", "&Refresh"): "更新(&R)",
        ("CallbackPanel", "Refresh the call-back list"): "折り返し連絡リストを更新",
        ("CallbackPanel", "Call-backs"): "折り返し連絡",
        ("CallbackPanel", "Note on the call"): "連絡メモ",
        ("CallbackPanel", "Note on the call (optional)"): "連絡メモ（任意）",
        ("CallbackPanel", "&Note"): "メモ(&N)",
        ("CallbackPanel", "Re&book…"): "振替…(&B)",
        ("CallbackPanel", "Move the booking, then record"): "予約を別の予約枠へ移して記録",
        ("CallbackPanel", "&Cancelled"): "取消(&C)",
        ("CallbackPanel", "Cancel the booking"): "予約を取り消す",
        ("CallbackPanel", "&Unreachable"): "不通(&U)",
        ("CallbackPanel", "No answer; call again"): "つながらない。あとで再連絡",
        ("CallbackPanel", "&Kept (slot reopened)"): "そのまま（予約枠再開）(&K)",
        (
            "CallbackPanel",
            "The slot was reopened; the booking stays",
        ): "予約枠が再開されたので予約はそのまま",
        (
            "CallbackPanel",
            "The booking is still in the closed slot: use Rebook… to move it.",
        ): "予約はまだ休止中の予約枠にあります。「振替…」で移してください。",
        (
            "CallbackPanel",
            "Its slot is still closed: rebook the person, or ask a supervisor.",
        ): "予約枠はまだ休止中です。振替するか、責任者に相談してください。",
        (
            "CallbackPanel",
            "Someone has already recorded this call-back; refresh the list.",
        ): "この連絡は既にほかの人が記録しました。リストを更新してください。",
        (
            "CallbackPanel",
            "The booking was moved meanwhile; record Rebooked or Cancelled.",
        ): "予約はその間に移動されています。「振替」か「取消」を記録してください。",
        ("CallbackPanel", "Please confirm"): "確認",
        ("CallbackPanel", "No one to call back."): "折り返し連絡が必要な予約はありません。",
        (
            "CallbackPanel",
            "Call-back {number} ({receipt}): {outcome}.",
        ): "連絡 {number}（{receipt}）：{outcome}。",
        (
            "CallbackPanel",
            "Cancel booking {receipt}? The seat is freed and this cannot be undone here.",
        ): "予約 {receipt} を取り消しますか？ 席は空きになり、この画面からは元に戻せません。",
    }
)

JA_BY_CONTEXT.update(
    {
        (
            "HelpDialog",
            "Call-backs for bookings in closed slots",
        ): "折り返し電話（休止した予約枠の予約）",
        ("HelpDialog", "Slot planning (supervisors only)"): "予約枠の計画（責任者のみ）",
        ("HelpDialog", "Statistics (supervisors only)"): "統計（責任者のみ）",
        (
            "HelpDialog",
            "Contract, copies, backups, handover, erasure (supervisors)",
        ): "契約・写しの管理・バックアップ・引渡し・消去（責任者）",
        ("MainWindow", "Call-&backs"): "折り返し(&B)",
        ("MainWindow", "Slot &planning"): "予約枠の計画(&P)",
        ("MainWindow", "S&tatistics"): "統計(&T)",
    }
)

# -- residents' requests (issue 6) ----
JA_BY_CONTEXT.update(
    {
        (
            "PersonRequestsDialog",
            "Resident's requests: booking {receipt}",
        ): "本人からの請求：予約 {receipt}",
        ("PersonRequestsDialog", "Disclosure"): "開示",
        (
            "PersonRequestsDialog",
            "Prints everything held about this person for them: their bookings (also others with the same phone, name and kana), the operations on them and the registered copies that hold them.",
        ): "この方について保有しているすべての情報を本人交付用に印刷します。予約（電話番号・氏名・フリガナが同じ他の予約も含む）、それらへの操作の記録、それらを含む書き出し済みの写しの一覧です。",
        ("PersonRequestsDialog", "Save &disclosure PDF…"): "開示書をPDFで保存(&D)…",
        ("PersonRequestsDialog", "Save the disclosure as a PDF"): "開示書をPDFで保存",
        ("PersonRequestsDialog", "Formal correction"): "訂正の請求",
        ("PersonRequestsDialog", "Family name"): "姓",
        ("PersonRequestsDialog", "Given name"): "名",
        ("PersonRequestsDialog", "Family name reading"): "姓（フリガナ）",
        ("PersonRequestsDialog", "Given name reading"): "名（フリガナ）",
        ("PersonRequestsDialog", "Phone"): "電話番号",
        ("PersonRequestsDialog", "Reason"): "理由",
        (
            "PersonRequestsDialog",
            "Why, without the person's name or phone",
        ): "請求の理由（氏名・電話番号は書かないでください）",
        (
            "PersonRequestsDialog",
            "&Correct and save the confirmation…",
        ): "訂正して通知書を保存(&C)…",
        (
            "PersonRequestsDialog",
            "Save the correction and the confirmation for the person",
        ): "訂正を保存し、本人への訂正完了通知書を保存",
        ("PersonRequestsDialog", "Erase personal data"): "個人データの消去",
        (
            "PersonRequestsDialog",
            "Erases the name, kana, phone, note and cancel reason of this booking; its seat and status stay for the statistics. This cannot be undone.",
        ): "この予約の氏名・フリガナ・電話番号・備考・取消理由を消去します。予約枠の席と状態は統計のために残ります。元に戻すことはできません。",
        ("PersonRequestsDialog", "Reason for erasure"): "消去の理由",
        ("PersonRequestsDialog", "Type the receipt number to confirm"): "確認のため受付番号を入力",
        ("PersonRequestsDialog", "&Erase personal data"): "個人データを消去(&E)",
        ("PersonRequestsDialog", "Erase this person's data"): "この方の個人データを消去",
        ("PersonRequestsDialog", "Receipt number"): "受付番号",
        ("PersonRequestsDialog", "Close"): "閉じる",
        ("PersonRequestsDialog", "PDF files (*.pdf)"): "PDF ファイル (*.pdf)",
        ("PersonRequestsDialog", "Save the disclosure"): "開示書の保存",
        ("PersonRequestsDialog", "Save the confirmation for the person"): "訂正完了通知書の保存",
        (
            "PersonRequestsDialog",
            "Nothing to correct: change a field first.",
        ): "訂正する内容がありません。先に項目を変更してください。",
        (
            "PersonRequestsDialog",
            "Give the reason for the request, without the person's name, kana or phone.",
        ): "請求の理由を入力してください（氏名・フリガナ・電話番号は書かないでください）。",
        (
            "PersonRequestsDialog",
            "Booking {receipt}: {center}, {date} {start}, {status}.",
        ): "予約 {receipt}：{center}、{date} {start}、{status}。",
        ("PersonRequestsDialog", "Booked"): "予約中",
        ("PersonRequestsDialog", "Attended"): "来場済",
        ("PersonRequestsDialog", "Cancelled"): "取消",
        ("PersonRequestsDialog", "No-show"): "不来場",
        (
            "PersonRequestsDialog",
            "The same person has {count} other booking(s).",
        ): "同じ方の予約が他に {count} 件あります。",
        (
            "PersonRequestsDialog",
            "Personal data erased on {at} by {by}.",
        ): "個人データは {at} に {by} が消去済みです。",
        (
            "PersonRequestsDialog",
            "Wrote {path}: {count} booking(s), {pages} page(s). Hand it to the person only.",
        ): "{path} に保存しました：予約 {count} 件、{pages} ページ。本人にのみ交付してください。",
        (
            "PersonRequestsDialog",
            "Corrected {receipt}; wrote the confirmation to {path}.",
        ): "{receipt} を訂正し、訂正完了通知書を {path} に保存しました。",
        (
            "PersonRequestsDialog",
            "Erased the personal data of booking {receipt}.",
        ): "予約 {receipt} の個人データを消去しました。",
        (
            "PersonRequestsDialog",
            "Another window is reading the vault, so the erased values leave the vault's log file only when every window using the vault is closed.",
        ): "別の画面が予約データを読み取り中のため、消去した値は、予約データを使うすべての画面を閉じたときにログファイルから消えます。",
        (
            "PersonRequestsDialog",
            "Copies made before still hold this booking: {copies}. Destroy them and record it in the register.",
        ): "以前に作成した写し {copies} には、この予約が消去前のまま含まれています。廃棄し、管理簿に記録してください。",
    }
)
JA_BY_CONTEXT.update(
    {("SearchPanel", "Resident's request…"): "本人からの請求（開示・訂正・消去）…"}
)
JA_BY_CONTEXT.update({("HandoverDialog", "Export the handover package"): "引渡しパッケージを作成"})
JA_BY_CONTEXT.update({("AuditTableModel", "Time"): "日時"})
JA_BY_CONTEXT.update(
    {
        (
            "SlotPlanningPanel",
            "{count} days left out (holidays: {names}).",
        ): "{count} 日を除外します（祝日：{names}）。",
        ("SlotPlanningPanel", "{count} days left out."): "{count} 日を除外します。",
    }
)
JA_BY_CONTEXT.update(
    {
        ("MainWindow", "&About Reservation Desk"): "Reservation Desk について(&A)",
        ("MainWindow", "About Reservation Desk"): "Reservation Desk について",
        (
            "MainWindow",
            "{app} {version}\n\nOffline, encrypted booking desk for in-person support sessions.\n\nVault: {vault}\nPython {python}, Qt for Python {qt}",
        ): "{app} {version}\n\n対面支援の予約を受け付ける、オフラインで暗号化された予約受付アプリです。\n\n予約データ：{vault}\nPython {python}、Qt for Python {qt}",
    }
)
JA_BY_CONTEXT.update(
    {
        ("MainWindow", "The erasure stopped"): "消去が中断しました",
        (
            "MainWindow",
            "The erasure stopped part-way and the vault is closed. The window closes now; start the application again to see what is left.",
        ): "消去が途中で止まり、予約データは閉じられました。画面を閉じます。アプリを起動し直して、残っているものを確認してください。",
    }
)
JA_BY_CONTEXT.update(
    {
        (
            "crash",
            "Something went wrong inside Reservation Desk. Bookings are saved whole or not at all, so nothing was saved half-way; a booking that was not confirmed on screen was not saved.\n\nCheck the last booking in the search tab, then carry on. If it happens again, close the window, start it again and tell the supervisor.",
        ): "Reservation Desk の内部で問題が起きました。予約は全部保存されるか、まったく保存されないかのどちらかなので、途中まで保存されたものはありません。画面で確定を確認できなかった予約は保存されていません。\n\n検索タブで直前の予約を確認してから、作業を続けてください。繰り返し起きる場合は、画面を閉じて起動し直し、責任者に伝えてください。",
        (
            "crash",
            "A report without personal data was saved in {path}.",
        ): "個人情報を含まない報告を {path} に保存しました。",
    }
)

# -- first-run wizard (issue 7) ----
JA_BY_CONTEXT.update(
    {
        ("FirstRunWizard", "Welcome to {app}"): "{app} へようこそ",
        ("FirstRunWizard", "&Skip this step"): "この手順を省略(&S)",
        ("FirstRunWizard", "Next"): "次へ",
        ("FirstRunWizard", "Back"): "戻る",
        ("FirstRunWizard", "Finish"): "完了",
        ("FirstRunWizard", "Cancel"): "キャンセル",
        ("FirstRunWizard", "Continue"): "続ける",
        ("FirstRunWizard", "Skip this step"): "この手順を省略",
        (
            "FirstRunWizard",
            "Write down or print the recovery key and tick the box first.",
        ): "先に復旧キーを書き写すか印刷して、チェックを入れてください。",
        ("ChoosePage", "No vault on this PC yet"): "このPCにはまだ予約データがありません",
        ("ChoosePage", "There is no vault at {path}."): "{path} に予約データがありません。",
        (
            "ChoosePage",
            "&Create a new vault (first start of a contract)",
        ): "新しい予約データを作成する（契約開始時）(&C)",
        ("ChoosePage", "&Open an existing vault file"): "既存の予約データのファイルを開く(&O)",
        (
            "ChoosePage",
            "&Restore a backup (resdesk-backup-… folder)",
        ): "バックアップから復元する（resdesk-backup-… フォルダ）(&R)",
        ("ChoosePage", "Create a new vault"): "新しい予約データを作成",
        ("ChoosePage", "Open an existing vault file"): "既存の予約データのファイルを開く",
        ("ChoosePage", "Restore a backup"): "バックアップから復元",
        ("SupervisorPage", "The first supervisor"): "最初の責任者",
        (
            "SupervisorPage",
            "This account sets up the vault and adds the other accounts. Choose a password only you know, and add a second supervisor later so that each of you can reset the other's password.",
        ): "このアカウントで予約データを設定し、ほかのアカウントを追加します。自分だけが知っているパスワードを選んでください。あとで2人目の責任者を追加しておくと、互いのパスワードをリセットできます。",
        ("SupervisorPage", "C&reate the vault"): "予約データを作成(&R)",
        ("RecoveryPage", "The recovery sheet"): "復旧キー",
        ("RecoveryPage", "&Next"): "次へ(&N)",
        ("ContractPage", "The contract"): "契約",
        (
            "ContractPage",
            "The handover, the erasure certificate and the reminders use these facts. You can set or change them later under Contract.",
        ): "引き渡し、消去証明書、お知らせの表示にこの情報を使います。あとから「契約」で設定・変更できます。",
        ("ContractPage", "Contractor"): "受託者",
        ("ContractPage", "Ward (client)"): "区（委託者）",
        ("ContractPage", "Contract start"): "契約開始日",
        ("ContractPage", "Contract end"): "契約終了日",
        ("ContractPage", "Retention end"): "保管期限",
        (
            "ContractPage",
            "Skip the year-end closure (12/29–1/3) when making slots",
        ): "予約枠を作るとき年末年始（12/29〜1/3）を除く",
        ("ContractPage", "Year-end closure"): "年末年始の休止",
        ("ContractPage", "&Contractor"): "受託者(&C)",
        ("ContractPage", "&Ward (client)"): "区（委託者）(&W)",
        ("ContractPage", "Contract &start"): "契約開始日(&S)",
        ("ContractPage", "Contract &end"): "契約終了日(&E)",
        (
            "ContractPage",
            "&Retention end (handover and erasure by)",
        ): "保管期限（引き渡しと消去の期限）(&R)",
        (
            "ContractPage",
            "The contract ends before it starts; check the two dates.",
        ): "契約終了日が開始日より前です。2つの日付を確認してください。",
        (
            "ContractPage",
            "The retention end must not be before the contract's end.",
        ): "保管期限は契約終了日より前にできません。",
        (
            "ContractPage",
            "Give the contractor and the ward on one line each.",
        ): "受託者と区をそれぞれ1行で入力してください。",
        ("SlotsPage", "The first slots"): "最初の予約枠",
        (
            "SlotsPage",
            "Make the slots from a weekly pattern, or import the CSV file the ward sent. Holidays are skipped. You can plan more later under Slot planning.",
        ): "曜日と時間帯のパターンから予約枠を作るか、区から届いたCSVファイルを取り込みます。祝日は除きます。あとから「予約枠の計画」で追加できます。",
        ("SlotsPage", "&Generate from a weekly pattern"): "曜日と時間帯から作成(&G)",
        ("SlotsPage", "Generate slots"): "予約枠を作成",
        ("SlotsPage", "&Import a CSV file"): "CSVファイルを取り込む(&I)",
        ("SlotsPage", "Import slots from a CSV file"): "CSVファイルから予約枠を取り込む",
        ("SlotsPage", "Center names, one per line"): "地域センター名（1行に1つ）",
        ("SlotsPage", "One center per line"): "1行に1つの地域センター",
        ("SlotsPage", "First day"): "開始日",
        ("SlotsPage", "Last day"): "終了日",
        ("SlotsPage", "Mon"): "月",
        ("SlotsPage", "Tue"): "火",
        ("SlotsPage", "Wed"): "水",
        ("SlotsPage", "Thu"): "木",
        ("SlotsPage", "Fri"): "金",
        ("SlotsPage", "Sat"): "土",
        ("SlotsPage", "Sun"): "日",
        ("SlotsPage", "First slot starts"): "最初の予約枠の開始時刻",
        ("SlotsPage", "Last slot ends"): "最後の予約枠の終了時刻",
        ("SlotsPage", "Minutes per slot"): "1枠の分数",
        ("SlotsPage", " min"): " 分",
        ("SlotsPage", "Seats per slot"): "1枠の定員",
        ("SlotsPage", "&Centers"): "地域センター(&C)",
        ("SlotsPage", "&From"): "開始日(&F)",
        ("SlotsPage", "&To"): "終了日(&T)",
        ("SlotsPage", "Days"): "曜日",
        ("SlotsPage", "&Hours"): "時間帯(&H)",
        ("SlotsPage", "&Every"): "間隔(&E)",
        ("SlotsPage", "Se&ats per slot"): "1枠の定員(&A)",
        ("SlotsPage", "C&hoose CSV file…"): "CSVファイルを選択(&H)…",
        ("SlotsPage", "Choose the CSV file"): "CSVファイルを選択",
        ("SlotsPage", "What the import will add"): "取り込みで追加される内容",
        ("SlotsPage", "Choose the slots CSV file"): "予約枠のCSVファイルを選択",
        (
            "SlotsPage",
            "CSV files (*.csv);;All files (*)",
        ): "CSVファイル (*.csv);;すべてのファイル (*)",
        (
            "SlotsPage",
            "Type the name of at least one center, one per line.",
        ): "地域センター名を1行に1つ、少なくとも1つ入力してください。",
        (
            "SlotsPage",
            "Slots cannot be made in the past; start today or later.",
        ): "過去の予約枠は作れません。今日以降の日付から始めてください。",
        (
            "SlotsPage",
            "The last day must be after the first, at most a year later.",
        ): "終了日は開始日より後、1年以内にしてください。",
        ("SlotsPage", "Tick at least one day of the week."): "曜日を1つ以上選んでください。",
        (
            "SlotsPage",
            "The last slot must end after the first one starts.",
        ): "終了時刻は開始時刻より後にしてください。",
        (
            "SlotsPage",
            "The same CSV as 'resdesk slots import': center, date, start, end, capacity. The centers named in it are added.",
        ): "「resdesk slots import」と同じCSV（地域センター、日付、開始、終了、定員）です。記載された地域センターは追加されます。",
        (
            "SlotsPage",
            "{new} new slots; new centers: {names}",
        ): "新しい予約枠 {new} 件。新しい地域センター：{names}",
        (
            "SlotsPage",
            "Choose the CSV file first, or skip this step.",
        ): "先にCSVファイルを選ぶか、この手順を省略してください。",
        (
            "SlotsPage",
            "The file has problems: fix it and choose it again.",
        ): "ファイルに問題があります。修正してから選び直してください。",
        (
            "SlotsPage",
            "{errors} lines have problems: fix the file and choose it again.",
        ): "{errors} 行に問題があります。ファイルを修正してから選び直してください。",
        ("OperatorsPage", "Operator accounts"): "オペレーターのアカウント",
        (
            "OperatorsPage",
            "One account per person who answers the phone; never a shared one. Each gets a one-time password, shown on the last page.",
        ): "電話を受ける人ごとに1つのアカウントを作ります（共用はしません）。各アカウントの初回用パスワードは最後のページに表示されます。",
        ("OperatorsPage", "Operator account names"): "オペレーターのアカウント名",
        (
            "OperatorsPage",
            "e.g. sato.k (one account name per line)",
        ): "例：sato.k（1行に1つのアカウント名）",
        (
            "OperatorsPage",
            "Account names, one per line: letters, digits, '.', '_' and '-'. You can add more later under Accounts.",
        ): "アカウント名を1行に1つ入力します。使えるのは英字・数字と「.」「_」「-」です。あとから「アカウント」で追加できます。",
        (
            "OperatorsPage",
            "{name}: letters, digits, '.', '_' and '-' only.",
        ): "{name}：使えるのは英字・数字と「.」「_」「-」だけです。",
        ("DonePage", "The vault is ready"): "予約データの準備ができました",
        (
            "DonePage",
            "Press Finish to start working as the supervisor. Everything skipped here can be done later from the window.",
        ): "「完了」を押すと責任者として作業を始めます。省略した手順はあとから画面で行えます。",
        (
            "DonePage",
            "One-time passwords: give each person theirs in person, on paper; never by e-mail or chat. They choose their own at their first login. They are not shown again.",
        ): "初回用パスワード：本人に紙で直接渡してください。メールやチャットでは送らないでください。初回ログイン時に各自が自分のパスワードを設定します。この画面は二度と表示されません。",
        ("DonePage", "Accounts and their one-time passwords"): "アカウントと初回用パスワード",
        ("OpenPage", "Open a vault file"): "予約データのファイルを開く",
        (
            "OpenPage",
            "Choose the vault's .db file; its .keys file must be next to it. You log in on the next window.",
        ): "予約データの .db ファイルを選んでください。同じ場所に .keys ファイルが必要です。次の画面でログインします。",
        ("OpenPage", "Vault file"): "予約データのファイル",
        ("OpenPage", "&Browse…"): "参照(&B)…",
        ("OpenPage", "Choose the vault file"): "予約データのファイルを選択",
        ("OpenPage", "&Vault file"): "予約データのファイル(&V)",
        ("OpenPage", "&Open"): "開く(&O)",
        ("OpenPage", "Open a vault"): "予約データを開く",
        ("OpenPage", "Vault (*.db);;All files (*)"): "予約データ (*.db);;すべてのファイル (*)",
        ("OpenPage", "There is no file at that path."): "その場所にファイルがありません。",
        ("RestorePage", "Restore a backup"): "バックアップから復元",
        (
            "RestorePage",
            "The backup is copied to {path} and checked. Give the account and password of an account in the backup: it must open the copy.",
        ): "バックアップを {path} にコピーして検査します。バックアップに含まれるアカウントのアカウント名とパスワードを入力してください。そのアカウントでコピーを開けることを確かめます。",
        ("RestorePage", "Backup folder"): "バックアップのフォルダ",
        ("RestorePage", "&Browse…"): "参照(&B)…",
        ("RestorePage", "Choose the backup folder"): "バックアップのフォルダを選択",
        ("RestorePage", "Account"): "アカウント",
        ("RestorePage", "Password"): "パスワード",
        ("RestorePage", "Backup &folder"): "バックアップのフォルダ(&F)",
        ("RestorePage", "&Account"): "アカウント(&A)",
        ("RestorePage", "&Password"): "パスワード(&P)",
        ("RestorePage", "&Restore"): "復元(&R)",
        (
            "RestorePage",
            "No backup there: choose a resdesk-backup-… folder that holds vault.db and vault.db.keys.",
        ): "そこにバックアップがありません。vault.db と vault.db.keys が入った resdesk-backup-… フォルダを選んでください。",
        (
            "RestorePage",
            "The backup is damaged; try an older backup.",
        ): "バックアップが壊れています。より古いバックアップを試してください。",
        (
            "RestorePage",
            "The folder for the vault cannot be created.",
        ): "予約データのフォルダを作成できません。",
        (
            "SupervisorForm",
            "The new vault will be created at {path}.",
        ): "新しい予約データを {path} に作成します。",
        ("SupervisorForm", "Supervisor account"): "責任者アカウント",
        ("SupervisorForm", "Password"): "パスワード",
        ("SupervisorForm", "Repeat the password"): "パスワード（確認）",
        ("SupervisorForm", "Supervisor &account"): "責任者アカウント(&A)",
        ("SupervisorForm", "&Password (10 characters or more)"): "パスワード（10文字以上）(&P)",
        ("SupervisorForm", "&Repeat the password"): "パスワード（確認）(&R)",
        (
            "SupervisorForm",
            "Account names may hold letters, digits, '.', '_' and '-'.",
        ): "アカウント名に使えるのは英字・数字と「.」「_」「-」だけです。",
        ("SupervisorForm", "The two passwords differ."): "2つのパスワードが一致しません。",
        (
            "SupervisorForm",
            "The password is too short: use at least 10 characters.",
        ): "パスワードが短すぎます。10文字以上にしてください。",
        (
            "SupervisorForm",
            "Choose another password (not the account name, not a common one).",
        ): "別のパスワードにしてください（アカウント名やよく使われるものは使えません）。",
        (
            "SupervisorForm",
            "The folder for the vault cannot be created.",
        ): "予約データのフォルダを作成できません。",
        (
            "RecoverySheet",
            "This is the vault's recovery key. It opens the data without any password. Write it down or print it now, keep it in the locked safe, and never store it on this PC. It will not be shown again.",
        ): "これは予約データの復旧キーです。パスワードなしでデータを開くことができます。いま書き写すか印刷して、施錠できる金庫に保管してください。このPCには保存しないでください。この画面は二度と表示されません。",
        ("RecoverySheet", "Recovery key"): "復旧キー",
        ("RecoverySheet", "&Print…"): "印刷(&P)…",
        ("RecoverySheet", "Print the recovery sheet"): "復旧キーを印刷",
        (
            "RecoverySheet",
            "I have written down or printed the recovery key and put it in the locked safe",
        ): "復旧キーを書き写した（または印刷した）用紙を、施錠した金庫に入れた",
        ("RecoverySheet", "The recovery key is in the safe"): "復旧キーは金庫に保管済み",
        (
            "RecoverySheet",
            "Keep the sheet in the locked safe, in a sealed envelope.",
        ): "用紙は封筒に入れて封をし、施錠できる金庫に保管してください。",
        (
            "RecoverySheet",
            "Never keep it on this PC, in e-mail, in a chat or as a photo; never copy it into a file.",
        ): "このPC、メール、チャット、写真には絶対に残さないでください。ファイルに書き写すことも禁止です。",
        (
            "RecoverySheet",
            "It is needed only when every supervisor password is lost or the key file is damaged; then type it at the login screen (Use the recovery sheet…). The fifth character of each group is a check character that catches typing mistakes.",
        ): "使うのは、責任者全員のパスワードが分からなくなったときか、鍵ファイルが壊れたときだけです。その場合、ログイン画面の「復旧キーで開く」から入力します。各まとまりの5文字目は、入力誤りを見つけるための確認用の文字です。",
        (
            "RecoverySheet",
            "Shred it when the vault has been erased at the end of the contract.",
        ): "契約終了時に予約データを消去したら、この用紙もシュレッダーで廃棄してください。",
        ("RecoverySheet", "Recovery sheet — {app}"): "復旧キー — {app}",
        ("RecoverySheet", "Vault: {name} — made on {date}"): "予約データ：{name} — 作成日 {date}",
        ("RecoverySheetDialog", "Recovery sheet"): "復旧キー",
    }
)

# -- help (issue 7) ----
JA_BY_CONTEXT.update(
    {
        (
            "HelpDialog",
            "The user guide (user-guide.{language}.md) is missing here.",
        ): "利用の手引き（user-guide.{language}.md）がこのインストールに見つかりません。",
    }
)
JA_BY_CONTEXT.update(
    {
        ("RecoverySheet", "Not printed"): "印刷しませんでした",
        (
            "RecoverySheet",
            "This printer writes a file; the recovery key must never be stored in a file. Choose a paper printer, or write the key down by hand.",
        ): "このプリンターはファイルに出力します。復旧キーをファイルに保存してはいけません。紙に印刷するプリンターを選ぶか、キーを手で書き写してください。",
    }
)

# Issue 11: the recovery key opens the vault from the login screen; an interrupted rekey.
JA_BY_CONTEXT.update(
    {
        ("LoginDialog", "Use the recovery &sheet…"): "復旧キーで開く(&S)…",
        ("LoginDialog", "Open the vault with the recovery sheet"): "復旧キーで予約データを開く",
        (
            "LoginDialog",
            "A replacement of the data key was finished",
        ): "データ鍵の交換を完了しました",
        (
            "RecoverWithSheetDialog",
            "Open the vault with the recovery sheet",
        ): "復旧キーで予約データを開く",
        (
            "RecoverWithSheetDialog",
            "Type the recovery key from the sheet in the safe (spaces and line breaks do not matter). The supervisor named below gets a new password; the recovery is recorded in the operation log.",
        ): "金庫に保管した用紙の復旧キーを入力してください（空白や改行は無視されます）。下の責任者アカウントに新しいパスワードを設定します。この操作は操作ログに記録されます。",
        ("RecoverWithSheetDialog", "Recovery key"): "復旧キー",
        ("RecoverWithSheetDialog", "Supervisor account"): "責任者アカウント",
        ("RecoverWithSheetDialog", "New password"): "新しいパスワード",
        ("RecoverWithSheetDialog", "Repeat the new password"): "新しいパスワード（確認）",
        ("RecoverWithSheetDialog", "Recovery &key"): "復旧キー(&K)",
        ("RecoverWithSheetDialog", "Supervisor &account"): "責任者アカウント(&A)",
        ("RecoverWithSheetDialog", "&New password"): "新しいパスワード(&N)",
        ("RecoverWithSheetDialog", "&Repeat"): "確認(&R)",
        ("RecoverWithSheetDialog", "Open the vault"): "予約データを開く",
        ("RecoverWithSheetDialog", "The two passwords differ."): "2つのパスワードが一致しません。",
        (
            "RecoverWithSheetDialog",
            "Log in as {account} with the new password.",
        ): "{account} と新しいパスワードでログインしてください。",
        (
            "RecoverWithSheetDialog",
            "Then reset the passwords of: {names}.",
        ): "その後、次のアカウントのパスワードを再設定してください：{names}。",
        (
            "RecoverWithSheetDialog",
            "Group {group} on line {line} of the recovery key is mistyped; compare it with the sheet.",
        ): "復旧キーの{line}行目・{group}番目のまとまりに入力誤りがあります。用紙と見比べてください。",
        (
            "RecoverWithSheetDialog",
            "The recovery key has 80 characters (16 groups of 5); {n} were typed.",
        ): "復旧キーは80文字（5文字×16まとまり）です。入力されたのは{n}文字です。",
        (
            "RecoverWithSheetDialog",
            "This recovery key does not open the vault (another vault's, or an older sheet). Nothing was changed.",
        ): "この復旧キーでは予約データを開けません（別の予約データのもの、または古い用紙です）。何も変更していません。",
        (
            "RecoverWithSheetDialog",
            "That account is not an active supervisor; type a supervisor's name or a new name.",
        ): "このアカウントは有効な責任者ではありません。責任者のアカウント名か、新しいアカウント名を入力してください。",
        (
            "RecoverWithSheetDialog",
            "Account names may hold letters, digits, '.', '_' and '-'.",
        ): "アカウント名に使えるのは英字・数字と「.」「_」「-」だけです。",
        (
            "RecoverWithSheetDialog",
            "Choose another password: 10 characters or more, not the account name, not a common password.",
        ): "別のパスワードにしてください（10文字以上、アカウント名やよく使われるものは不可）。",
        (
            "errors",
            "A replacement of the data key was interrupted; a supervisor must log in to finish it and print the new recovery sheet.",
        ): "データ鍵の交換が途中で中断されています。責任者がログインして交換を完了し、新しい復旧キーを印刷してください。",
    }
)

# The lock screen's unlock goes through the login's delay and lockout (issue 12, finding 4).
JA_BY_CONTEXT.update(
    {
        (
            "LockPage",
            "Several failed attempts: please wait {n} seconds.",
        ): "パスワードの誤りが続いたため、{n}秒お待ちください。",
        (
            "errors",
            "Too many failed attempts: this account name is locked until {time}. Try again then, or ask a supervisor to reset the password.",
        ): "失敗が続いたため、このアカウント名は{time}までロックされています。その時刻以降にもう一度試すか、責任者にパスワードの再設定を依頼してください。",
    }
)


# Issue 12: signed roles and audit trail.
JA_BY_CONTEXT.update(
    {
        (
            "errors",
            "The vault's accounts or audit trail were changed outside the application (a signature does not match); nothing was changed. A supervisor must check the audit log.",
        ): "予約データのアカウント情報または操作ログが、このアプリケーションの外で変更されています（署名が一致しません）。何も変更していません。責任者が操作ログを確認してください。",
    }
)

JA_BY_CONTEXT.update(
    {
        ("AuditViewer", "Chec&kpoint…"): "チェックポイント(&K)…",
        ("AuditViewer", "Re-a&nchor…"): "アンカーの再設定(&N)…",
        (
            "AuditViewer",
            "Have the vault authority sign the chain's head, to keep off this PC",
        ): "操作ログの最新の位置に署名し、このPCの外に保管するファイルを作る",
        (
            "AuditViewer",
            "Write a new anchor after a missing one, with the reason",
        ): "なくなったアンカーを、理由を記録して作り直す",
        ("AuditViewer", "Save the checkpoint"): "チェックポイントの保存",
        ("AuditViewer", "Checkpoint files (*.json)"): "チェックポイントファイル (*.json)",
        ("AuditViewer", "Re-anchor the audit trail"): "操作ログのアンカーの再設定",
        (
            "AuditViewer",
            "What was checked, against which checkpoint kept off this PC? The reason is recorded in the audit log.",
        ): "何を、このPCの外に保管したどのチェックポイントと照合しましたか。理由は操作ログに記録されます。",
        (
            "AuditViewer",
            "Checkpoint of entry {seq} saved to {path}: keep it off this PC (a USB stick or paper in the safe).",
        ): "記録 {seq} までのチェックポイントを {path} に保存しました。このPCの外（金庫の USB メモリや紙）に保管してください。",
        (
            "AuditViewer",
            "Give the reason for the new anchor.",
        ): "アンカーを作り直す理由を入力してください。",
        (
            "AuditViewer",
            "A new anchor names entry {seq}; the reason is in the audit log.",
        ): "新しいアンカーは記録 {seq} を指しています。理由は操作ログに記録しました。",
        (
            "AuditViewer",
            "its signature does not match a key the vault authority granted its account",
        ): "署名が、このアカウントに認められた鍵と一致しません",
        ("AuditViewer", "it is not signed"): "署名がありません",
        (
            "AuditViewer",
            "the anchor file is missing; compare with a checkpoint, then re-anchor",
        ): "アンカーファイルがありません。チェックポイントと照合してから、アンカーを再設定してください",
    }
)

JA_BY_CONTEXT.update(
    {
        (
            "PasswordDelay",
            "Several failed attempts: please wait {n} seconds.",
        ): "パスワードの誤りが続いたため、{n}秒お待ちください。",
    }
)
